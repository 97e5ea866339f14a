//! The deadline hooks: expiries and pruning, bounded per block by count and by weight.

use crate::{pallet::*, weights::WeightInfo};
use alloc::vec::Vec;
use bazaar_primitives::OrderId;
use frame_support::{pallet_prelude::*, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Saturating},
	Permill,
};

/// How much of the deadline index one run of [`Pallet::process_deadlines`] may handle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DeadlineBudget {
	/// The most entries handled.
	pub entries: u32,
	/// The most blocks of the index visited.
	pub blocks: u32,
	/// The most weight the run may use, as [`Pallet::deadline_weight`] counts it.
	pub weight: Weight,
}

/// What a run of the deadline handler did.
#[derive(Clone, Copy, Debug, Default)]
struct DeadlineTally {
	expired: u32,
	pruned: u32,
	blocks: u32,
}

impl<T: Config> Pallet<T> {
	/// `on_initialize`'s budget: [`Config::MaxExpiriesPerBlock`] entries and as many blocks,
	/// whatever the block's weight: the share of the index every block handles.
	pub(crate) fn initialize_budget() -> DeadlineBudget {
		let max = T::MaxExpiriesPerBlock::get();
		DeadlineBudget { entries: max, blocks: max, weight: Weight::MAX }
	}

	/// `on_idle`: handle more of the deadline index with the weight the block has left after
	/// its transactions. Normal transactions may fill at most their class's share of a block
	/// (75% in the runtime), so however many orders a block holds, the rest of it handles their
	/// deadlines: the capacity grows with the block, not with a constant.
	pub(crate) fn idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let check = T::DbWeight::get().reads(1);
		if !check.all_lte(remaining) {
			return Weight::zero();
		}
		if DeadlineCursor::<T>::get().is_none_or(|cursor| cursor > now) {
			return check;
		}
		let budget = DeadlineBudget { entries: u32::MAX, blocks: u32::MAX, weight: remaining };
		Self::process_deadlines(now, budget)
	}

	/// Handle the deadline index from [`DeadlineCursor`] up to `now`, within `budget`. The cursor
	/// moves past a block only once the block has no entries left; entries beyond the budget
	/// stay in the index and the cursor waits on their block for the next run. Returns the
	/// weight used: at most `budget.weight` if that has room for the cursor's read.
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>, budget: DeadlineBudget) -> Weight {
		// Unset only before the first block the pallet runs in: nothing is scheduled before it.
		let start = DeadlineCursor::<T>::get();
		let mut cursor = start.unwrap_or(now);
		let mut tally = DeadlineTally::default();
		let mut handled = 0u32;
		let per_entry = Self::deadline_entry_weight();
		let visit = T::DbWeight::get().reads(1);

		while cursor <= now && handled < budget.entries && tally.blocks < budget.blocks {
			// Room to visit the block and handle one entry of it, or stop here.
			let visited = Self::deadline_weight(&tally).saturating_add(visit);
			let room = budget.weight.saturating_sub(visited);
			let fit = Self::times_within(per_entry, room).min(budget.entries - handled);
			if fit == 0 {
				break;
			}
			tally.blocks.saturating_inc();
			// Collect what the budget allows before touching the index (never mutate a map while
			// iterating it), and look one entry further to learn whether the block is drained.
			let mut entries = DeadlineEntries::<T>::iter_key_prefix(cursor);
			let mut ids: Vec<OrderId> = Vec::with_capacity(fit.min(1024) as usize);
			ids.extend(entries.by_ref().take(fit as usize));
			let drained = ids.len() < fit as usize || entries.next().is_none();
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
					tally.pruned.saturating_inc();
					let buyer = order.buyer.clone();
					Self::remove_order(id, order, &buyer);
				} else {
					tally.expired.saturating_inc();
					Self::expire(id, order);
				}
			}
			if !drained {
				// Out of budget: the rest of this block waits for the next run.
				break;
			}
			cursor = cursor.saturating_add(One::one());
		}
		if Some(cursor) != start {
			DeadlineCursor::<T>::put(cursor);
		}
		if tally.blocks == 0 {
			// Nothing due, or no room for an entry: the cursor was read, nothing else.
			return visit;
		}
		Self::deadline_weight(&tally)
	}

	/// The weight of a run that handled `tally`. An expired order is refunded, completed or
	/// split: charge the heavier measured case. The benchmarks measure each entry with its own
	/// block; each block visited costs one more read here, the end of its prefix scan (an empty
	/// block costs only that).
	fn deadline_weight(tally: &DeadlineTally) -> Weight {
		T::WeightInfo::on_initialize_expire(tally.expired)
			.max(T::WeightInfo::on_initialize_complete(tally.expired))
			.saturating_add(T::WeightInfo::on_initialize_prune(tally.pruned))
			.saturating_add(T::DbWeight::get().reads(tally.blocks.into()))
	}

	/// What one more entry may add to [`Self::deadline_weight`], whichever kind it turns out to
	/// be (the kind is known only once the order is read).
	fn deadline_entry_weight() -> Weight {
		let step = |f: fn(u32) -> Weight| f(1).saturating_sub(f(0));
		step(T::WeightInfo::on_initialize_expire)
			.max(step(T::WeightInfo::on_initialize_complete))
			.max(step(T::WeightInfo::on_initialize_prune))
	}

	/// How many times `each` fits in `room`, in both time and proof size.
	fn times_within(each: Weight, room: Weight) -> u32 {
		let per = |room: u64, each: u64| room.checked_div(each).unwrap_or(u64::MAX);
		let times =
			per(room.ref_time(), each.ref_time()).min(per(room.proof_size(), each.proof_size()));
		u32::try_from(times).unwrap_or(u32::MAX)
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
