//! The deadline hook: expiries and pruning, bounded per block.

use crate::{pallet::*, weights::WeightInfo};
use alloc::vec::Vec;
use bazaar_primitives::OrderId;
use frame_support::{pallet_prelude::*, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Saturating},
	Permill,
};

impl<T: Config> Pallet<T> {
	/// Handle the deadline index from [`DeadlineCursor`] up to `now`: at most
	/// [`Config::MaxExpiriesPerBlock`] entries and as many blocks. The cursor moves past a block
	/// only once the block has no entries left; entries beyond the budget stay in the index and
	/// the cursor waits on their block for the next call.
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>) -> Weight {
		let max = T::MaxExpiriesPerBlock::get();
		// Unset only before the first block the pallet runs in: nothing is scheduled before it.
		let start = DeadlineCursor::<T>::get();
		let mut cursor = start.unwrap_or(now);
		let (mut handled, mut expired, mut pruned, mut blocks) = (0u32, 0u32, 0u32, 0u32);

		while cursor <= now && handled < max && blocks < max {
			blocks.saturating_inc();
			// Collect what the budget allows before touching the index (never mutate a map while
			// iterating it), and look one entry further to learn whether the block is drained.
			let budget = max.saturating_sub(handled) as usize;
			let mut entries = DeadlineEntries::<T>::iter_key_prefix(cursor);
			let mut ids: Vec<OrderId> = Vec::with_capacity(budget);
			ids.extend(entries.by_ref().take(budget));
			let drained = ids.len() < budget || entries.next().is_none();
			// Handling an entry never schedules into `cursor`: new entries go to `now + 1` or
			// later, so `drained` still holds after the loop below.
			for id in ids {
				handled.saturating_inc();
				DeadlineEntries::<T>::remove(cursor, id);
				let Some(mut order) = Orders::<T>::get(id) else {
					frame_support::defensive!("deadline entry for an unknown order");
					continue;
				};
				if order.slot != Some(cursor) {
					frame_support::defensive!("deadline entry under a block not its slot");
					continue;
				}
				// The entry is removed already: the order must not remove it again.
				order.slot = None;
				if order.state.is_terminal() {
					pruned.saturating_inc();
					Self::remove_order(id, order);
				} else {
					expired.saturating_inc();
					Self::expire(id, order);
				}
			}
			if !drained {
				// Out of budget: the rest of this block waits for the next call.
				break;
			}
			cursor = cursor.saturating_add(One::one());
		}
		if Some(cursor) != start {
			DeadlineCursor::<T>::put(cursor);
		}

		// An expired order is refunded, completed or split: charge the heavier measured case.
		// The benchmarks measure each entry with its own block; each block visited costs one more
		// read here, the end of its prefix scan (an empty block costs only that).
		T::WeightInfo::on_initialize_expire(expired)
			.max(T::WeightInfo::on_initialize_complete(expired))
			.saturating_add(T::WeightInfo::on_initialize_prune(pruned))
			.saturating_add(T::DbWeight::get().reads(blocks.into()))
			.saturating_add(Self::whitelisted_storage_weight())
	}

	/// What the storage the benchmarks leave out ([`NextOrderId`] and [`MarketFee`], whitelisted)
	/// costs a block: one database read and one write of each, and each value in the block's
	/// proof with a trie node on its way, as the benchmarks estimate a storage value (one level
	/// of 15 sibling hashes of 33 bytes).
	pub fn whitelisted_storage_weight() -> Weight {
		const TRIE_PATH: u64 = 15 * 33;
		let values = (OrderId::max_encoded_len() + Permill::max_encoded_len()) as u64;
		T::DbWeight::get()
			.reads_writes(2, 2)
			.saturating_add(Weight::from_parts(0, values.saturating_add(2 * TRIE_PATH)))
	}
}
