//! Version 2 to 3: a delivery code hash completes one order only.
//!
//! Until version 2 any number of orders could commit to the same delivery code hash, and a code
//! is public once revealed: a seller who saw a buyer's code revealed for one order could complete
//! another order of the same buyer that used the code again, shipped or not. From version 3
//! [`DeliveryCodeOrders`] maps each hash to the one stored order that committed to it, and
//! `place_order` refuses a hash already there.
//!
//! The migration indexes the hash of every stored order (open, or settled and not yet pruned),
//! in order id order. An order whose hash an earlier stored order already uses loses its code:
//! its buyer confirms receipt (or the confirm-by deadline pays the seller) instead, since the
//! code may be public already. Such orders are counted in the log.
//!
//! Cost: one read per stored order, one write per order with a code (and one more per order
//! that loses its code), all in one block. A few thousand stored orders fit in a block's
//! migration budget; a chain with many more would need a multi-block migration
//! (`pallet-migrations`).

use super::v4::v3::Orders;
use crate::{
	pallet::{Config, DeliveryCodeOrders, Pallet},
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
use {codec::Encode, sp_runtime::TryRuntimeError};

/// Migrates version 2 to 3, whatever the on-chain version: only [`MigrateV2ToV3`] may run it.
pub struct UncheckedMigrateV2ToV3<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV2ToV3<T> {
	fn on_runtime_upgrade() -> Weight {
		// Orders are keyed by `Twox64Concat` ids, which iterate in no particular order: sort the
		// orders with codes by id, so the earliest order keeps a shared code.
		let mut read = 0u64;
		let mut with_code: Vec<(OrderId, sp_core::H256)> = Orders::<T>::iter()
			.filter_map(|(id, order)| {
				read.saturating_inc();
				order.delivery_code_hash.map(|hash| (id, hash))
			})
			.collect();
		with_code.sort_unstable_by_key(|(id, _)| *id);
		let (mut indexed, mut cleared) = (0u64, 0u64);
		for (id, hash) in with_code {
			if DeliveryCodeOrders::<T>::contains_key(hash) {
				Orders::<T>::mutate(id, |order| {
					if let Some(order) = order {
						order.delivery_code_hash = None;
					}
				});
				cleared.saturating_inc();
			} else {
				DeliveryCodeOrders::<T>::insert(hash, id);
				indexed.saturating_inc();
			}
		}
		log::info!(
			target: LOG_TARGET,
			"indexed {indexed} delivery code hashes; {cleared} orders shared a hash and lost it",
		);
		// Every order read once; each code looked up in the index; an indexed code written to
		// it, a cleared order read again and written back.
		let lookups = indexed.saturating_add(cleared);
		T::DbWeight::get()
			.reads_writes(read.saturating_add(lookups).saturating_add(cleared), lookups)
	}

	/// Records the stored orders' ids and hashes; the index must be empty.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		frame_support::ensure!(
			DeliveryCodeOrders::<T>::iter_keys().next().is_none(),
			"the delivery code index holds entries before the migration"
		);
		let mut codes: Vec<(OrderId, sp_core::H256)> = Orders::<T>::iter()
			.filter_map(|(id, order)| order.delivery_code_hash.map(|hash| (id, hash)))
			.collect();
		codes.sort();
		Ok(codes.encode())
	}

	/// Each hash recorded is indexed to the earliest order that had it; every other order that
	/// had it has no code now; the index holds nothing else.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		use codec::Decode;
		let before = Vec::<(OrderId, sp_core::H256)>::decode(&mut &state[..])
			.map_err(|_| "pre_upgrade state does not decode")?;
		let mut first: alloc::collections::BTreeMap<sp_core::H256, OrderId> = Default::default();
		for (id, hash) in &before {
			first.entry(*hash).or_insert(*id);
		}
		for (id, hash) in &before {
			let kept = Orders::<T>::get(id).and_then(|order| order.delivery_code_hash);
			let expected = (first.get(hash) == Some(id)).then_some(*hash);
			frame_support::ensure!(kept == expected, "an order's delivery code was not migrated");
		}
		frame_support::ensure!(
			DeliveryCodeOrders::<T>::iter().count() == first.len() &&
				first.iter().all(|(hash, id)| DeliveryCodeOrders::<T>::get(hash) == Some(*id)),
			"the delivery code index is not the earliest order of each hash"
		);
		Ok(())
	}
}

/// Migrates the orders pallet from storage version 2 to 3 (see the module docs); a no-op on any
/// other version.
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	UncheckedMigrateV2ToV3<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

#[cfg(test)]
mod tests {
	use super::*;
	use crate::mock::*;
	use frame_support::{
		assert_ok,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};
	use sp_core::H256;

	fn hash(code: &[u8]) -> H256 {
		H256(sp_io::hashing::blake2_256(code))
	}

	/// A chain at version 2 (no index): four more orders, of which the first and the third
	/// share a code, the second has its own and the fourth none. Returns the first's id.
	fn version_2_state() -> OrderId {
		let first = crate::NextOrderId::<Test>::get();
		for code in [Some(b"shared-code"), Some(b"own-code!!!"), Some(b"shared-code"), None] {
			let id = crate::NextOrderId::<Test>::get();
			let code_hash = code.map(|code| hash(&code[..]));
			// Version 2 had no index: nothing stops an order from reusing a code.
			let _ = DeliveryCodeOrders::<Test>::clear(u32::MAX, None);
			assert_ok!(OrderBook::place_order(
				RuntimeOrigin::signed(BUYER),
				LISTING,
				1,
				PRICE,
				code_hash,
				None
			));
			assert!(Orders::<Test>::contains_key(id));
		}
		let _ = DeliveryCodeOrders::<Test>::clear(u32::MAX, None);
		super::super::v4::downgrade_orders_to_v3::<Test>();
		StorageVersion::new(2).put::<Pallet<Test>>();
		first
	}

	#[test]
	fn indexes_each_hash_to_its_earliest_order_and_clears_the_reused() {
		ExtBuilder::default().build().execute_with(|| {
			version_2_state();
			MigrateV2ToV3::<Test>::on_runtime_upgrade();
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
			assert_eq!(DeliveryCodeOrders::<Test>::get(hash(b"shared-code")), Some(0));
			assert_eq!(DeliveryCodeOrders::<Test>::get(hash(b"own-code!!!")), Some(1));
			assert_eq!(DeliveryCodeOrders::<Test>::iter().count(), 2);
			let code_of = |id| Orders::<Test>::get(id).unwrap().delivery_code_hash;
			assert_eq!(code_of(0), Some(hash(b"shared-code")));
			assert_eq!(code_of(2), None, "the later order sharing a code lost it");
			assert_eq!(code_of(3), None);
			// The orders are still in version 3's layout: migrate them on to check the state.
			super::super::v4::MigrateV3ToV4::<Test>::on_runtime_upgrade();
			super::super::v5::MigrateV4ToV5::<Test>::on_runtime_upgrade();
			assert_ok!(Pallet::<Test>::do_try_state());
			StorageVersion::new(3).put::<Pallet<Test>>();
			// Once migrated, the hook runs no more.
			assert_eq!(
				MigrateV2ToV3::<Test>::on_runtime_upgrade(),
				<Test as frame_system::Config>::DbWeight::get().reads(1)
			);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn pre_and_post_upgrade_checks_pass_and_catch_a_missed_index() {
		ExtBuilder::default().build().execute_with(|| {
			version_2_state();
			assert_ok!(MigrateV2ToV3::<Test>::try_on_runtime_upgrade(true));
			// Four more orders on top, and the index gone again.
			version_2_state();
			let state = UncheckedMigrateV2ToV3::<Test>::pre_upgrade().unwrap();
			UncheckedMigrateV2ToV3::<Test>::on_runtime_upgrade();
			DeliveryCodeOrders::<Test>::remove(hash(b"own-code!!!"));
			assert!(UncheckedMigrateV2ToV3::<Test>::post_upgrade(state).is_err());
		});
	}
}
