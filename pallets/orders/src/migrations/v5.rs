//! Version 4 to 5: every order names the asset it is paid in.
//!
//! Until version 4 every order was paid in the native currency. From version 5 a listing may be
//! priced in a foreign asset (USDT from Asset Hub) and an order records its `asset`: its escrow,
//! market fee, storage deposit and dispute deposit are held in it. The migration sets the asset
//! of every stored order to the native currency, the one all of them were paid in and whose holds
//! back them, and changes nothing else: the holds are the same holds.
//!
//! Cost: one read and one write per stored order, all in one block, like version 4's migration.

use crate::{
	pallet::{Config, Orders, Pallet},
	types::Order,
	LOG_TARGET,
};
use bazaar_primitives::NativeAsset;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use sp_runtime::traits::Saturating;
#[cfg(feature = "try-runtime")]
use {alloc::vec::Vec, codec::Encode, sp_runtime::TryRuntimeError};

/// The storage layout of version 4 (also written by the version 3 to 4 migration).
pub mod v4 {
	use crate::{
		pallet::{Config, Pallet},
		types::{AccountIdOf, BalanceOf, OrderState, Proposal},
	};
	use bazaar_primitives::{ListingId, OrderId};
	use codec::{Decode, Encode};
	use frame_support::{pallet_prelude::OptionQuery, Twox64Concat};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_core::H256;

	/// An order as version 4 stored it: the version 5 order without `asset`.
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
		pub deposit: Balance,
	}

	impl<AccountId, Balance, BlockNumber> Order<AccountId, Balance, BlockNumber> {
		/// `order` as version 4 stored it (its asset dropped): how the migration's tests, and
		/// the runtime's, put a chain back to version 4.
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
				deposit: order.deposit,
			}
		}
	}

	/// A version 4 order of this runtime.
	pub type OrderOf<T> = Order<AccountIdOf<T>, BalanceOf<T>, BlockNumberFor<T>>;

	/// The orders, as version 4 stored them.
	#[frame_support::storage_alias]
	pub type Orders<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, OrderId, OrderOf<T>, OptionQuery>;
}

/// Migrates version 4 to 5, whatever the on-chain version: only [`MigrateV4ToV5`] may run it.
pub struct UncheckedMigrateV4ToV5<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV4ToV5<T>
where
	T::AssetKind: NativeAsset,
{
	fn on_runtime_upgrade() -> Weight {
		let mut migrated = 0u64;
		Orders::<T>::translate::<v4::OrderOf<T>, _>(|_, old| {
			migrated.saturating_inc();
			Some(Order {
				buyer: old.buyer,
				seller: old.seller,
				listing: old.listing,
				quantity: old.quantity,
				asset: T::AssetKind::native(),
				unit_price: old.unit_price,
				value: old.value,
				fee: old.fee,
				placed_at: old.placed_at,
				state: old.state,
				slot: old.slot,
				delivery_code_hash: old.delivery_code_hash,
				proposal: old.proposal,
				deposit: old.deposit,
			})
		});
		log::info!(target: LOG_TARGET, "{migrated} orders recorded as paid in the native currency");
		T::DbWeight::get().reads_writes(migrated, migrated)
	}

	/// Records every stored order, as version 4 stores it.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		let mut orders: Vec<_> = v4::Orders::<T>::iter().collect();
		orders.sort_by_key(|(id, _)| *id);
		frame_support::ensure!(
			orders.len() == v4::Orders::<T>::iter_keys().count(),
			"an order does not decode as version 4"
		);
		Ok(orders.encode())
	}

	/// Every recorded order is stored unchanged, paid in the native currency; nothing else is.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		use codec::Decode;
		let before = Vec::<(bazaar_primitives::OrderId, v4::OrderOf<T>)>::decode(&mut &state[..])
			.map_err(|_| "pre_upgrade state does not decode")?;
		frame_support::ensure!(
			Orders::<T>::iter().count() == before.len(),
			"the number of orders changed, or an order does not decode as version 5"
		);
		for (id, old) in before {
			let new = Orders::<T>::get(id).ok_or("an order was lost")?;
			frame_support::ensure!(
				new.asset == T::AssetKind::native() && v4::Order::from_current(new) == old,
				"an order changed in the migration"
			);
		}
		Ok(())
	}
}

/// Migrates the orders pallet from storage version 4 to 5 (see the module docs); a no-op on any
/// other version.
pub type MigrateV4ToV5<T> = VersionedMigration<
	4,
	5,
	UncheckedMigrateV4ToV5<T>,
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

	/// Rewrites every stored order as version 4 stored it, at storage version 4.
	fn downgrade_orders_to_v4() {
		let orders: alloc::vec::Vec<_> = Orders::<Test>::iter().collect();
		for (id, order) in orders {
			v4::Orders::<Test>::insert(id, v4::Order::from_current(order));
		}
		StorageVersion::new(4).put::<Pallet<Test>>();
	}

	fn three_orders_one_cancelled() {
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
	}

	#[test]
	fn records_every_order_as_paid_in_the_native_currency_and_keeps_the_rest() {
		ExtBuilder::default().build().execute_with(|| {
			three_orders_one_cancelled();
			let mut before: alloc::vec::Vec<_> = Orders::<Test>::iter().collect();
			assert!(before.iter().all(|(_, order)| order.asset == NATIVE));
			downgrade_orders_to_v4();
			// Version 4 orders do not decode as version 5 ones.
			assert!(Orders::<Test>::iter().next().is_none());

			MigrateV4ToV5::<Test>::on_runtime_upgrade();
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 5);
			let mut after: alloc::vec::Vec<_> = Orders::<Test>::iter().collect();
			before.sort_by_key(|(id, _)| *id);
			after.sort_by_key(|(id, _)| *id);
			assert_eq!(after, before);
			assert_ok!(Pallet::<Test>::do_try_state());
			// Once migrated, the hook runs no more.
			assert_eq!(
				MigrateV4ToV5::<Test>::on_runtime_upgrade(),
				<Test as frame_system::Config>::DbWeight::get().reads(1)
			);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn pre_and_post_upgrade_checks_pass_and_catch_a_changed_order() {
		ExtBuilder::default().build().execute_with(|| {
			three_orders_one_cancelled();
			downgrade_orders_to_v4();
			assert_ok!(MigrateV4ToV5::<Test>::try_on_runtime_upgrade(true));
			downgrade_orders_to_v4();
			let state = UncheckedMigrateV4ToV5::<Test>::pre_upgrade().unwrap();
			UncheckedMigrateV4ToV5::<Test>::on_runtime_upgrade();
			Orders::<Test>::mutate(0, |order| order.as_mut().unwrap().asset = USDT);
			assert!(UncheckedMigrateV4ToV5::<Test>::post_upgrade(state).is_err());
		});
	}
}
