//! The deadline hook: expiries and pruning, bounded per block.

use crate::{pallet::*, weights::WeightInfo};
use frame_support::{pallet_prelude::*, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
	/// Handle the deadline buckets from [`DeadlineCursor`] up to `now`: at most
	/// [`Config::MaxExpiriesPerBlock`] entries and as many buckets. Entries left over stay in
	/// their bucket and the cursor waits there for the next block.
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>) -> Weight {
		let max = T::MaxExpiriesPerBlock::get();
		// Unset only before the first block the pallet runs in: nothing is scheduled before it.
		let start = DeadlineCursor::<T>::get();
		let mut cursor = start.unwrap_or(now);
		let (mut handled, mut expired, mut pruned, mut buckets) = (0u32, 0u32, 0u32, 0u32);

		while cursor <= now && handled < max && buckets < max {
			buckets.saturating_inc();
			let mut bucket = Deadlines::<T>::take(cursor);
			let mut done = 0usize;
			for id in bucket.iter() {
				if handled >= max {
					break;
				}
				handled.saturating_inc();
				done.saturating_inc();
				let Some(order) = Orders::<T>::get(id) else {
					frame_support::defensive!("deadline entry for an unknown order");
					continue;
				};
				if order.slot != Some(cursor) {
					frame_support::defensive!("deadline entry in the wrong bucket");
					continue;
				}
				// The bucket was taken already: the order must not remove itself from it.
				let mut order = order;
				order.slot = None;
				if order.state.is_terminal() {
					pruned.saturating_inc();
					Self::remove_order(*id, order);
				} else {
					expired.saturating_inc();
					Self::expire(*id, order);
				}
			}
			if done < bucket.len() {
				// Out of budget: keep the rest for the next block.
				bucket.drain(..done);
				Deadlines::<T>::insert(cursor, bucket);
				break;
			}
			cursor = cursor.saturating_add(One::one());
		}
		if Some(cursor) != start {
			DeadlineCursor::<T>::put(cursor);
		}

		// An expired order is refunded, completed or split: charge the heavier measured case.
		T::WeightInfo::on_initialize_expire(expired)
			.max(T::WeightInfo::on_initialize_complete(expired))
			.saturating_add(T::WeightInfo::on_initialize_prune(pruned))
			.saturating_add(T::DbWeight::get().reads_writes(buckets.into(), buckets.into()))
	}
}
