//! Version 1 to 2: the deadline index keeps one entry per order.
//!
//! In version 1 the deadline index was a map from a block to a bounded bucket of order ids
//! (`Deadlines`, at most `MaxDeadlinesPerBlock` ids each). A full bucket sent an order to the next
//! block, at most `MaxDeadlineProbes` blocks on, so scheduling a deadline read and wrote up to that
//! many buckets and failed once they were all full. From version 2 each order has an entry of its
//! own in [`DeadlineEntries`], keyed by block and order id: scheduling writes one key and never
//! fails.
//!
//! The migration moves every `(block, order id)` of every bucket to `DeadlineEntries` unchanged
//! (each order keeps its `slot`, and [`DeadlineCursor`](crate::DeadlineCursor) stays where it
//! is) and removes the old map. The new index has a storage name of its own, so its keys never
//! overlap the old map's while both exist.
//!
//! Cost: one read and one write per bucket (read and removed) and one write per entry moved, all
//! in one block. Every order kept in storage (open, or settled and not yet pruned) has one entry;
//! a few thousand fit in a block's migration budget. A chain with many more orders in flight
//! would need a multi-block migration (`pallet-migrations`).

use crate::{
	pallet::{Config, DeadlineEntries, Pallet},
	LOG_TARGET,
};
use alloc::vec::Vec;
use bazaar_primitives::OrderId;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use sp_runtime::traits::Saturating;
#[cfg(feature = "try-runtime")]
use {codec::Encode, frame_system::pallet_prelude::BlockNumberFor, sp_runtime::TryRuntimeError};

/// The storage layout of version 1.
pub mod v1 {
	use super::*;
	use frame_support::{pallet_prelude::OptionQuery, Twox64Concat};
	use frame_system::pallet_prelude::BlockNumberFor;

	/// The orders whose deadline (or pruning) falls in a block. Version 1 bounded each bucket by
	/// `MaxDeadlinesPerBlock`; a bounded vector encodes as a plain one, which decodes whatever
	/// bound the runtime had.
	#[frame_support::storage_alias]
	pub type Deadlines<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, BlockNumberFor<T>, Vec<OrderId>, OptionQuery>;
}

/// Migrates version 1 to 2, whatever the on-chain version: only [`MigrateV1ToV2`] may run it.
pub struct UncheckedMigrateV1ToV2<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		let (mut buckets, mut entries) = (0u64, 0u64);
		// `drain` reads and removes one bucket at a time; the entries written go under another
		// storage name, outside the prefix being drained.
		for (block, bucket) in v1::Deadlines::<T>::drain() {
			buckets.saturating_inc();
			for id in bucket {
				entries.saturating_inc();
				DeadlineEntries::<T>::insert(block, id, ());
			}
		}
		log::info!(
			target: LOG_TARGET,
			"moved {entries} deadline entries out of {buckets} buckets to v2",
		);
		T::DbWeight::get().reads_writes(buckets, buckets.saturating_add(entries))
	}

	/// Records every `(block, order id)` of the old index; the new one must be empty.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		frame_support::ensure!(
			DeadlineEntries::<T>::iter_keys().next().is_none(),
			"the version 2 deadline index holds entries before the migration"
		);
		let mut entries: Vec<(BlockNumberFor<T>, OrderId)> = v1::Deadlines::<T>::iter()
			.flat_map(|(block, bucket)| bucket.into_iter().map(move |id| (block, id)))
			.collect();
		entries.sort();
		Ok(entries.encode())
	}

	/// The new index holds exactly the recorded entries (the same multiset: an id twice in one
	/// bucket, which version 1 never wrote, would fail), and the old map is gone.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		use codec::Decode;
		let before = Vec::<(BlockNumberFor<T>, OrderId)>::decode(&mut &state[..])
			.map_err(|_| "pre_upgrade state does not decode")?;
		let mut after: Vec<(BlockNumberFor<T>, OrderId)> =
			DeadlineEntries::<T>::iter_keys().collect();
		after.sort();
		frame_support::ensure!(
			after == before,
			"the deadline entries differ from the version 1 buckets"
		);
		frame_support::ensure!(
			v1::Deadlines::<T>::iter_keys().next().is_none(),
			"the version 1 deadline index is not empty"
		);
		Ok(())
	}
}

/// Migrates the orders pallet from storage version 1 to 2 (see the module docs); a no-op on any
/// other version.
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	UncheckedMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{mock::*, DeadlineCursor, OrderState, Orders};
	use alloc::collections::btree_map::BTreeMap;
	use frame_support::{
		assert_ok,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};

	fn db() -> frame_support::weights::RuntimeDbWeight {
		<Test as frame_system::Config>::DbWeight::get()
	}

	fn place() -> OrderId {
		let id = crate::NextOrderId::<Test>::get();
		assert_ok!(OrderBook::place_order(
			RuntimeOrigin::signed(BUYER),
			LISTING,
			1,
			PRICE,
			None,
			None
		));
		id
	}

	/// The deadline index's entries, sorted.
	fn entries() -> Vec<(u64, OrderId)> {
		let mut entries: Vec<_> = DeadlineEntries::<Test>::iter_keys().collect();
		entries.sort();
		entries
	}

	/// Writes the deadline index back as version 1 kept it, one bucket of ids per block, and
	/// sets version 1.
	fn rewind_to_version_1() {
		let mut buckets: BTreeMap<u64, Vec<OrderId>> = BTreeMap::new();
		for (block, id, ()) in DeadlineEntries::<Test>::drain() {
			buckets.entry(block).or_default().push(id);
		}
		for (block, ids) in buckets {
			v1::Deadlines::<Test>::insert(block, ids);
		}
		StorageVersion::new(1).put::<Pallet<Test>>();
	}

	/// A chain at version 1: two orders share their ship-by bucket, a third was cancelled and
	/// waits for its pruning in another. Returns the entries the index had.
	fn version_1_state() -> Vec<(u64, OrderId)> {
		place();
		place();
		System::set_block_number(2);
		let cancelled = place();
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), cancelled));
		let before = entries();
		assert_eq!(before, vec![(1 + SHIP_WINDOW, 0), (1 + SHIP_WINDOW, 1), (2 + RETENTION, 2)]);
		rewind_to_version_1();
		assert_eq!(v1::Deadlines::<Test>::get(1 + SHIP_WINDOW).map(|b| b.len()), Some(2));
		before
	}

	#[test]
	fn moves_every_bucket_entry_and_removes_the_old_map() {
		ExtBuilder::default().build_and_execute(|| {
			let before = version_1_state();
			let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();

			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
			assert_eq!(entries(), before);
			assert!(v1::Deadlines::<Test>::iter_keys().next().is_none());
			// Two buckets read and removed, three entries written, and the storage version.
			assert_eq!(weight, db().reads_writes(2, 5).saturating_add(db().reads_writes(1, 1)));

			// The hook finds the migrated entries.
			run_to_block(1 + SHIP_WINDOW);
			assert!(Orders::<Test>::get(0).is_some_and(|o| o.state.is_terminal()));
			assert!(Orders::<Test>::get(1).is_some_and(|o| o.state.is_terminal()));
			assert_eq!(DeadlineCursor::<Test>::get(), Some(2 + SHIP_WINDOW));
		});
	}

	#[test]
	fn runs_only_from_version_1() {
		ExtBuilder::default().build_and_execute(|| {
			let before = version_1_state();
			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_eq!(weight, db().reads(1));
			assert_eq!(entries(), before);
		});
	}

	#[test]
	fn a_version_0_chain_runs_both_migrations() {
		ExtBuilder::default().build_and_execute(|| {
			let before = version_1_state();
			StorageVersion::new(0).put::<Pallet<Test>>();
			type Both = (crate::migrations::v1::MigrateV0ToV1<Test>, MigrateV1ToV2<Test>);
			Both::on_runtime_upgrade();
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
			assert_eq!(entries(), before);
			assert!(matches!(
				Orders::<Test>::get(2).map(|o| o.state),
				Some(OrderState::Settled { .. })
			));
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn pre_and_post_upgrade_checks_pass() {
		ExtBuilder::default().build_and_execute(|| {
			version_1_state();
			assert_ok!(MigrateV1ToV2::<Test>::try_on_runtime_upgrade(true));
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn post_upgrade_catches_a_lost_entry() {
		ExtBuilder::default().build_and_execute(|| {
			version_1_state();
			let state = UncheckedMigrateV1ToV2::<Test>::pre_upgrade().unwrap();
			UncheckedMigrateV1ToV2::<Test>::on_runtime_upgrade();
			DeadlineEntries::<Test>::remove(1 + SHIP_WINDOW, 1);
			assert!(UncheckedMigrateV1ToV2::<Test>::post_upgrade(state.clone()).is_err());
			DeadlineEntries::<Test>::insert(1 + SHIP_WINDOW, 1, ());
			assert_ok!(UncheckedMigrateV1ToV2::<Test>::post_upgrade(state));
		});
	}
}
