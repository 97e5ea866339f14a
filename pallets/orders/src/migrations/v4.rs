//! Version 3 to 4: orders pay a storage deposit.
//!
//! Until version 3 an order paid nothing for the storage it took (its record, two account index
//! entries, a deadline entry, sealed delivery details) for its whole life, settlement and the
//! 30 days of retention included, so spamming orders of a 1-planck listing cost only their fees.
//! From version 4 `place_order` holds [`HoldReason::OrderDeposit`](crate::HoldReason) from the
//! buyer, recorded in the order's new `deposit` field and paid out when the order is pruned.
//!
//! The migration adds `deposit: 0` to every stored order: nothing was held for them, and holding
//! a deposit now from buyers who never agreed to it could fail (their balance may be spent) and
//! would change the terms of an order already placed. They are pruned as before.
//!
//! Cost: one read and one write per stored order, all in one block. A few thousand stored orders
//! fit in a block's migration budget; a chain with many more would need a multi-block migration
//! (`pallet-migrations`).

use crate::{
	migrations::v5::v4::{Order, Orders},
	pallet::{Config, Pallet},
	LOG_TARGET,
};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use sp_runtime::traits::{Saturating, Zero};
#[cfg(feature = "try-runtime")]
use {alloc::vec::Vec, codec::Encode, sp_runtime::TryRuntimeError};

/// The storage layout of versions 2 and 3 (also read by the version 2 to 3 migration).
pub mod v3 {
	use crate::{
		pallet::{Config, Pallet},
		types::{AccountIdOf, BalanceOf, OrderState, Proposal},
	};
	use bazaar_primitives::{ListingId, OrderId};
	use codec::{Decode, Encode};
	use frame_support::{pallet_prelude::OptionQuery, Twox64Concat};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_core::H256;

	/// An order as versions 2 and 3 stored it: the version 4 order without `deposit`.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct Order<AccountId, Balance, BlockNumber> {
		pub buyer: AccountId,
		pub seller: AccountId,
		pub listing: ListingId,
		pub quantity: u32,
		pub unit_price: Balance,
		pub value: Balance,
		pub fee: Balance,
		pub placed_at: BlockNumber,
		pub state: OrderState<BlockNumber>,
		pub slot: Option<BlockNumber>,
		pub delivery_code_hash: Option<H256>,
		pub proposal: Option<Proposal>,
	}

	impl<AccountId, Balance, BlockNumber> Order<AccountId, Balance, BlockNumber> {
		/// `order` as version 3 stored it (its asset and deposit dropped): how the migration's
		/// tests, and the runtime's, put a chain back to version 3.
		pub fn from_current<AssetKind>(
			order: crate::types::Order<AccountId, AssetKind, Balance, BlockNumber>,
		) -> Self {
			Self {
				buyer: order.buyer,
				seller: order.seller,
				listing: order.listing,
				quantity: order.quantity,
				unit_price: order.unit_price,
				value: order.value,
				fee: order.fee,
				placed_at: order.placed_at,
				state: order.state,
				slot: order.slot,
				delivery_code_hash: order.delivery_code_hash,
				proposal: order.proposal,
			}
		}
	}

	/// A version 3 order of this runtime.
	pub type OrderOf<T> = Order<AccountIdOf<T>, BalanceOf<T>, BlockNumberFor<T>>;

	/// The orders, as versions 2 and 3 stored them.
	#[frame_support::storage_alias]
	pub type Orders<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, OrderId, OrderOf<T>, OptionQuery>;
}

/// Migrates version 3 to 4, whatever the on-chain version: only [`MigrateV3ToV4`] may run it.
pub struct UncheckedMigrateV3ToV4<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV3ToV4<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut migrated = 0u64;
		Orders::<T>::translate::<v3::OrderOf<T>, _>(|_, old| {
			migrated.saturating_inc();
			Some(Order {
				buyer: old.buyer,
				seller: old.seller,
				listing: old.listing,
				quantity: old.quantity,
				unit_price: old.unit_price,
				value: old.value,
				fee: old.fee,
				placed_at: old.placed_at,
				state: old.state,
				slot: old.slot,
				delivery_code_hash: old.delivery_code_hash,
				proposal: old.proposal,
				deposit: Zero::zero(),
			})
		});
		log::info!(target: LOG_TARGET, "added a zero storage deposit to {migrated} orders");
		T::DbWeight::get().reads_writes(migrated, migrated)
	}

	/// Records every stored order, as version 3 stores it.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		let mut orders: Vec<_> = v3::Orders::<T>::iter().collect();
		orders.sort_by_key(|(id, _)| *id);
		frame_support::ensure!(
			orders.len() == v3::Orders::<T>::iter_keys().count(),
			"an order does not decode as version 3"
		);
		Ok(orders.encode())
	}

	/// Every recorded order is stored with the same fields and a zero deposit, in version 4's
	/// layout; nothing else is.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		use codec::Decode;
		let before = Vec::<(bazaar_primitives::OrderId, v3::OrderOf<T>)>::decode(&mut &state[..])
			.map_err(|_| "pre_upgrade state does not decode")?;
		frame_support::ensure!(
			Orders::<T>::iter().count() == before.len(),
			"the number of orders changed, or an order does not decode as version 4"
		);
		for (id, old) in before {
			let new = Orders::<T>::get(id).ok_or("an order was lost")?;
			frame_support::ensure!(
				new.deposit.is_zero() &&
					new.buyer == old.buyer &&
					new.seller == old.seller &&
					new.value == old.value &&
					new.fee == old.fee &&
					new.state == old.state &&
					new.slot == old.slot &&
					new.delivery_code_hash == old.delivery_code_hash &&
					new.proposal == old.proposal,
				"an order changed in the migration"
			);
		}
		Ok(())
	}
}

/// Migrates the orders pallet from storage version 3 to 4 (see the module docs); a no-op on any
/// other version.
pub type MigrateV3ToV4<T> = VersionedMigration<
	3,
	4,
	UncheckedMigrateV3ToV4<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// Rewrites every stored order as version 3 stored it, and sets the storage version to 3: the
/// state the migrations of versions 3 and 4 start from, for their tests.
#[cfg(test)]
pub(crate) fn downgrade_orders_to_v3<T: Config>() {
	use frame_support::traits::StorageVersion;
	let orders: alloc::vec::Vec<_> = crate::pallet::Orders::<T>::iter().collect();
	for (id, order) in orders {
		v3::Orders::<T>::insert(id, v3::Order::from_current(order));
	}
	StorageVersion::new(3).put::<Pallet<T>>();
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{migrations::v5::MigrateV4ToV5, mock::*, pallet::Orders as CurrentOrders};
	use frame_support::{
		assert_ok,
		traits::{GetStorageVersion, OnRuntimeUpgrade},
	};

	#[test]
	fn adds_a_zero_deposit_to_every_order_and_keeps_the_rest() {
		ExtBuilder::default().build().execute_with(|| {
			for _ in 0..3 {
				assert_ok!(OrderBook::place_order(
					RuntimeOrigin::signed(BUYER),
					LISTING,
					1,
					PRICE,
					None,
					None
				));
			}
			assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), 1));
			let before: alloc::vec::Vec<_> = CurrentOrders::<Test>::iter().collect();
			downgrade_orders_to_v3::<Test>();
			// Version 3 orders do not decode as version 4 ones.
			assert!(Orders::<Test>::iter().next().is_none());

			MigrateV3ToV4::<Test>::on_runtime_upgrade();
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 4);
			assert_eq!(Orders::<Test>::iter().count(), 3);
			// Then on to the current layout.
			MigrateV4ToV5::<Test>::on_runtime_upgrade();
			let mut after: alloc::vec::Vec<_> = CurrentOrders::<Test>::iter().collect();
			let mut before = before;
			before.sort_by_key(|(id, _)| *id);
			after.sort_by_key(|(id, _)| *id);
			assert_eq!(
				after, before,
				"the mock holds no deposits: the orders come back as they were"
			);
			assert_ok!(Pallet::<Test>::do_try_state());
			// Once migrated, the hook runs no more.
			assert_eq!(
				MigrateV3ToV4::<Test>::on_runtime_upgrade(),
				<Test as frame_system::Config>::DbWeight::get().reads(1)
			);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn pre_and_post_upgrade_checks_pass_and_catch_a_changed_order() {
		ExtBuilder::default().build().execute_with(|| {
			assert_ok!(OrderBook::place_order(
				RuntimeOrigin::signed(BUYER),
				LISTING,
				1,
				PRICE,
				None,
				None
			));
			downgrade_orders_to_v3::<Test>();
			assert_ok!(MigrateV3ToV4::<Test>::try_on_runtime_upgrade(true));
			downgrade_orders_to_v3::<Test>();
			let state = UncheckedMigrateV3ToV4::<Test>::pre_upgrade().unwrap();
			UncheckedMigrateV3ToV4::<Test>::on_runtime_upgrade();
			Orders::<Test>::mutate(0, |order| order.as_mut().unwrap().fee += 1);
			assert!(UncheckedMigrateV3ToV4::<Test>::post_upgrade(state).is_err());
		});
	}
}
