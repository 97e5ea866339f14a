//! try-runtime on the development chain's state, as an operator runs it before proposing an
//! upgrade: the runtime's migrations run with their pre- and post-upgrade checks, the whole state
//! must decode, and every pallet's `try_state` invariants must hold.
//!
//! Built only with the `try-runtime` feature (`cargo test -p bazaar-runtime-tests --features
//! try-runtime --test try_runtime`), which changes the runtime it compiles.

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_primitives::OrderId;
use bazaar_runtime::{
	configs::{
		commerce::EncryptionKeyDeposit, governance::pallet_custom_origins::Origin as Custom,
	},
	AccountId, Balances, BlockNumber, Executive, Orders, OriginCaller, Reputation, Runtime,
	RuntimeCall, UNIT,
};
use bazaar_runtime_tests::*;
use codec::Encode;
use frame_support::{
	assert_ok,
	traits::{
		fungible::{InspectHold, Mutate, MutateHold},
		tokens::Precision,
		GetStorageVersion, StorageVersion, TryState, TryStateSelect,
	},
};
use frame_try_runtime::UpgradeCheckSelect;
use pallet_listings::migrations::v2::{downgrade_listings_to_v1, v1::Listings as V1Listings};
use pallet_orders::{
	migrations::{
		v2::v1::Deadlines as BucketedDeadlines,
		v4::v3::{Order as V3Order, Orders as V3Orders},
		v5::v4::{Order as V4Order, Orders as V4Orders},
	},
	DeadlineEntries, DeliveryCodeOrders, EncryptionKeys, HoldReason, SellerKey,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::*;
use sp_runtime::Permill;
use std::collections::BTreeMap;

/// The dev chain after some trade and a referendum: a listing, orders completed (and rated),
/// shipped, disputed and placed, sellers' encryption keys, and a market fee set by governance.
fn busy_dev_chain() -> sp_io::TestExternalities {
	let mut chain = dev_chain();
	chain.execute_with(|| {
		let listing = list(Bob, 10 * UNIT, 100);
		let completed = order(Charlie, listing, 2, 10 * UNIT);
		ship_and_confirm(Bob, Charlie, completed);
		assert_ok!(Reputation::rate(signed(Charlie), completed, 5, None));
		assert_ok!(Reputation::rate(signed(Bob), completed, 4, None));

		let shipped = order(Dave, listing, 1, 10 * UNIT);
		assert_ok!(Orders::ship(signed(Bob), shipped, Default::default()));
		assert_ok!(Orders::place_order(
			signed(Dave),
			listing,
			1,
			10 * UNIT,
			Some(DELIVERY_CODE_HASH),
			None
		));
		let disputed = order(Eve, listing, 1, 10 * UNIT);
		assert_ok!(Orders::ship(signed(Bob), disputed, Default::default()));
		assert_ok!(Orders::open_dispute(signed(Eve), disputed, Default::default()));
		order(Charlie, listing, 3, 10 * UNIT);

		assert_ok!(Orders::set_encryption_key(signed(Bob), [1; 32]));
		assert_ok!(Orders::set_encryption_key(signed(Dave), [2; 32]));

		let set_fee = RuntimeCall::Orders(pallet_orders::Call::set_market_fee {
			fee: Permill::from_percent(3),
		});
		let (_, verdict) = run_referendum(
			OriginCaller::Origins(Custom::MarketAdmin),
			set_fee,
			&[Alice, Bob, Charlie, Dave, Eve],
			&[],
		);
		assert_eq!(verdict, Verdict::Approved);
	});
	chain
}

/// The delivery code hash of Dave's second order on the busy chain.
const DELIVERY_CODE_HASH: H256 = H256::repeat_byte(9);

/// Puts the orders pallet's storage back as storage version 3 kept it: orders without a
/// storage deposit (released back to their buyers), in version 3's layout. Returns the orders.
fn orders_as_version_3_left_them() -> Vec<(OrderId, pallet_orders::OrderOf<Runtime>)> {
	let mut orders: Vec<_> = pallet_orders::Orders::<Runtime>::iter().collect();
	orders.sort_by_key(|(id, _)| *id);
	for (id, order) in &orders {
		assert_ok!(Balances::release(
			&HoldReason::OrderDeposit.into(),
			&order.buyer,
			order.deposit,
			Precision::Exact
		));
		V3Orders::<Runtime>::insert(id, V3Order::from_current(order.clone()));
	}
	StorageVersion::new(3).put::<Orders>();
	orders
}

/// Puts the orders pallet's storage back as storage version 2 kept it: no delivery code index
/// (and version 3's order layout). Version 2 let orders share a hash: Charlie's last order gets
/// Dave's. Returns the ids of the orders with that hash, earliest first.
fn orders_as_version_2_left_them() -> Vec<OrderId> {
	orders_as_version_3_left_them();
	let _ = DeliveryCodeOrders::<Runtime>::clear(u32::MAX, None);
	let last = pallet_orders::NextOrderId::<Runtime>::get() - 1;
	V3Orders::<Runtime>::mutate(last, |order| {
		order.as_mut().unwrap().delivery_code_hash = Some(DELIVERY_CODE_HASH)
	});
	StorageVersion::new(2).put::<Orders>();
	let mut sharing: Vec<_> = V3Orders::<Runtime>::iter()
		.filter(|(_, order)| order.delivery_code_hash == Some(DELIVERY_CODE_HASH))
		.map(|(id, _)| id)
		.collect();
	sharing.sort();
	assert_eq!(sharing.len(), 2);
	sharing
}

/// An account funded with `amount`.
fn funded(seed: u8, amount: u128) -> AccountId {
	let who = AccountId::from([seed; 32]);
	Balances::set_balance(&who, amount);
	who
}

/// The orders pallet's deadline index entries, sorted.
fn deadline_entries() -> Vec<(BlockNumber, OrderId)> {
	let mut entries: Vec<_> = DeadlineEntries::<Runtime>::iter_keys().collect();
	entries.sort();
	entries
}

/// Puts the orders pallet's deadline index back as storage versions 0 and 1 kept it, one bucket
/// of order ids per block, and sets version 1. Returns the entries the index had.
fn orders_as_version_1_left_them() -> Vec<(BlockNumber, OrderId)> {
	orders_as_version_2_left_them();
	let entries = deadline_entries();
	// Orders placed in one block share their deadline's bucket.
	let mut buckets: BTreeMap<BlockNumber, Vec<OrderId>> = BTreeMap::new();
	for (block, id) in &entries {
		buckets.entry(*block).or_default().push(*id);
	}
	assert!(buckets.values().any(|bucket| bucket.len() > 1));
	for (block, ids) in buckets {
		BucketedDeadlines::<Runtime>::insert(block, ids);
	}
	let _ = DeadlineEntries::<Runtime>::clear(u32::MAX, None);
	StorageVersion::new(1).put::<Orders>();
	entries
}

/// Puts the orders pallet's storage back as runtime version 0 wrote it: bare encryption keys and
/// no deposits, and the bucketed deadline index. Adds a seller who could not pay a deposit.
/// Returns the seller and the deadline index's entries.
fn orders_as_version_0_left_them() -> (AccountId, Vec<(BlockNumber, OrderId)>) {
	let entries = orders_as_version_1_left_them();
	let published: Vec<_> = EncryptionKeys::<Runtime>::iter().collect();
	for (seller, SellerKey { key, deposit }) in published {
		assert_ok!(Balances::release(
			&HoldReason::EncryptionKeyDeposit.into(),
			&seller,
			deposit,
			Precision::Exact
		));
		frame_support::storage::unhashed::put(
			&EncryptionKeys::<Runtime>::hashed_key_for(&seller),
			&key,
		);
	}
	let poor = funded(7, UNIT / 100);
	frame_support::storage::unhashed::put(
		&EncryptionKeys::<Runtime>::hashed_key_for(&poor),
		&[3u8; 32],
	);
	StorageVersion::new(0).put::<Orders>();
	(poor, entries)
}

fn held_for_key(who: &AccountId) -> u128 {
	Balances::balance_on_hold(&HoldReason::EncryptionKeyDeposit.into(), who)
}

#[test]
fn the_next_upgrade_migrates_a_version_0_chain_and_every_check_passes() {
	busy_dev_chain().execute_with(|| {
		let (poor, entries) = orders_as_version_0_left_them();

		assert_ok!(Executive::try_runtime_upgrade(UpgradeCheckSelect::All));

		assert_eq!(Orders::on_chain_storage_version(), 5);
		assert_eq!(deadline_entries(), entries);
		assert!(BucketedDeadlines::<Runtime>::iter_keys().next().is_none());
		let deposit = EncryptionKeyDeposit::get();
		assert_eq!(
			EncryptionKeys::<Runtime>::get(account(Bob)),
			Some(SellerKey { key: [1; 32], deposit })
		);
		assert_eq!(held_for_key(&account(Bob)), deposit);
		assert_eq!(
			EncryptionKeys::<Runtime>::get(account(Dave)),
			Some(SellerKey { key: [2; 32], deposit })
		);
		// 0.01 BZR cannot pay the deposit: the key stays, without one.
		assert_eq!(
			EncryptionKeys::<Runtime>::get(&poor),
			Some(SellerKey { key: [3; 32], deposit: 0 })
		);
		assert_eq!(held_for_key(&poor), 0);
	});
}

#[test]
fn the_next_upgrade_migrates_a_version_1_chain_and_every_check_passes() {
	busy_dev_chain().execute_with(|| {
		let keys_before: Vec<_> = EncryptionKeys::<Runtime>::iter().collect();
		let entries = orders_as_version_1_left_them();

		assert_ok!(Executive::try_runtime_upgrade(UpgradeCheckSelect::All));

		assert_eq!(Orders::on_chain_storage_version(), 5);
		assert_eq!(deadline_entries(), entries);
		assert!(BucketedDeadlines::<Runtime>::iter_keys().next().is_none());
		let keys_after: Vec<_> = EncryptionKeys::<Runtime>::iter().collect();
		assert_eq!(keys_after, keys_before);
	});
}

#[test]
fn the_next_upgrade_migrates_a_version_2_chain_and_every_check_passes() {
	busy_dev_chain().execute_with(|| {
		let sharing = orders_as_version_2_left_them();

		assert_ok!(Executive::try_runtime_upgrade(UpgradeCheckSelect::All));

		assert_eq!(Orders::on_chain_storage_version(), 5);
		// The earliest order keeps the shared code; the later one lost it.
		assert_eq!(DeliveryCodeOrders::<Runtime>::get(DELIVERY_CODE_HASH), Some(sharing[0]));
		let code_of = |id| pallet_orders::Orders::<Runtime>::get(id).unwrap().delivery_code_hash;
		assert_eq!(code_of(sharing[0]), Some(DELIVERY_CODE_HASH));
		assert_eq!(code_of(sharing[1]), None);
	});
}

/// Puts the listings and orders back as storage versions 1 and 4 kept them, before prices could
/// be in foreign assets: no asset named. Returns the listings and the orders.
#[allow(clippy::type_complexity)]
fn listings_and_orders_as_before_foreign_assets() -> (
	Vec<(bazaar_primitives::ListingId, pallet_listings::ListingOf<Runtime>)>,
	Vec<(OrderId, pallet_orders::OrderOf<Runtime>)>,
) {
	let mut listings: Vec<_> = pallet_listings::Listings::<Runtime>::iter().collect();
	listings.sort_by_key(|(id, _)| *id);
	downgrade_listings_to_v1::<Runtime>();
	assert_eq!(V1Listings::<Runtime>::iter().count(), listings.len());
	let mut orders: Vec<_> = pallet_orders::Orders::<Runtime>::iter().collect();
	orders.sort_by_key(|(id, _)| *id);
	for (id, order) in &orders {
		V4Orders::<Runtime>::insert(id, V4Order::from_current(order.clone()));
	}
	StorageVersion::new(4).put::<Orders>();
	(listings, orders)
}

#[test]
fn the_next_upgrade_prices_a_version_4_chain_in_bzr_and_every_check_passes() {
	busy_dev_chain().execute_with(|| {
		let (listings, orders) = listings_and_orders_as_before_foreign_assets();
		assert!(listings.len() > 12 && orders.len() > 4, "the genesis catalog and the trade");
		assert!(listings.iter().all(|(_, l)| l.price_asset == PaymentAsset::Native));
		assert!(orders.iter().all(|(_, o)| o.asset == PaymentAsset::Native));

		assert_ok!(Executive::try_runtime_upgrade(UpgradeCheckSelect::All));

		assert_eq!(Orders::on_chain_storage_version(), 5);
		assert_eq!(bazaar_runtime::Listings::on_chain_storage_version(), 2);
		for (id, listing) in listings {
			let migrated = pallet_listings::Listings::<Runtime>::get(id).unwrap();
			assert_eq!(migrated.encode(), listing.encode());
		}
		for (id, order) in orders {
			assert_eq!(pallet_orders::Orders::<Runtime>::get(id).unwrap(), order);
		}
	});
}

#[test]
fn the_next_upgrade_migrates_a_version_3_chain_and_every_check_passes() {
	busy_dev_chain().execute_with(|| {
		let before = orders_as_version_3_left_them();

		assert_ok!(Executive::try_runtime_upgrade(UpgradeCheckSelect::All));

		assert_eq!(Orders::on_chain_storage_version(), 5);
		// Every order back as it was, with nothing held for its storage: no buyer agreed to it.
		for (id, order) in before {
			let migrated = pallet_orders::Orders::<Runtime>::get(id).unwrap();
			assert_eq!(migrated, pallet_orders::Order { deposit: 0, ..order.clone() });
			assert_eq!(
				Balances::balance_on_hold(&HoldReason::OrderDeposit.into(), &order.buyer),
				0
			);
		}
	});
}

#[test]
fn an_upgrade_of_a_current_chain_migrates_nothing_and_every_check_passes() {
	busy_dev_chain().execute_with(|| {
		let keys_before: Vec<_> = EncryptionKeys::<Runtime>::iter().collect();
		let entries_before = deadline_entries();

		assert_ok!(Executive::try_runtime_upgrade(UpgradeCheckSelect::All));

		assert_eq!(Orders::on_chain_storage_version(), 5);
		let keys_after: Vec<_> = EncryptionKeys::<Runtime>::iter().collect();
		assert_eq!(keys_after, keys_before);
		assert_eq!(deadline_entries(), entries_before);
	});
}

#[test]
fn the_state_checks_catch_escrow_that_no_order_accounts_for() {
	busy_dev_chain().execute_with(|| {
		let now = frame_system::Pallet::<Runtime>::block_number();
		assert_ok!(bazaar_runtime::AllPalletsWithSystem::try_state(now, TryStateSelect::All));

		// Hold one more unit of escrow from a buyer than its open orders need.
		assert_ok!(Balances::hold(&HoldReason::Escrow.into(), &account(Charlie), UNIT));

		assert_eq!(
			Orders::try_state(now, TryStateSelect::All),
			Err("escrow held differs from the open orders' escrow".into())
		);
		assert!(bazaar_runtime::AllPalletsWithSystem::try_state(now, TryStateSelect::All).is_err());
		assert!(Executive::try_runtime_upgrade(UpgradeCheckSelect::All).is_err());
	});
}
