//! Integration tests of the real Bazaar runtime live in `tests/`, one file per feature; this
//! library holds what they share: the development chain's genesis state, its accounts, and the
//! few steps of a purchase that most tests take.

// Test support: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	genesis_config_presets::MARKET_FEE, AccountId, Balance, Balances, Listings, Orders, Runtime,
	RuntimeOrigin, System, UNIT,
};
use frame_support::{
	assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;

/// The unit price of the test listings: 10 BZR.
pub const PRICE: Balance = 10 * UNIT;

/// The development chain's genesis state, at block 1.
pub fn dev_chain() -> sp_io::TestExternalities {
	let config = bazaar_runtime::genesis_config_presets::preset_genesis_config(
		&sp_genesis_builder::DEV_RUNTIME_PRESET.into(),
	)
	.expect("the development preset builds");
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// A development account.
pub fn account(keyring: Sr25519Keyring) -> AccountId {
	keyring.to_account_id()
}

/// The origin of a development account.
pub fn signed(keyring: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(keyring))
}

/// Free balance.
pub fn free(who: &AccountId) -> Balance {
	Balances::balance(who)
}

/// What `who` holds in order escrow.
pub fn escrow(who: &AccountId) -> Balance {
	Balances::balance_on_hold(&pallet_orders::HoldReason::Escrow.into(), who)
}

/// The total issuance of BZR.
pub fn total_issuance() -> Balance {
	<Balances as Inspect<AccountId>>::total_issuance()
}

/// The genesis market fee on goods worth `value`.
pub fn fee_of(value: Balance) -> Balance {
	MARKET_FEE * value
}

/// `seller` lists `stock` units at `price`; returns the listing id.
pub fn list(seller: Sr25519Keyring, price: Balance, stock: u32) -> u32 {
	let id = pallet_listings::NextListingId::<Runtime>::get();
	assert_ok!(Listings::create_listing(signed(seller), price, stock, 1, Default::default()));
	id
}

/// `buyer` orders `quantity` units of `listing` at up to `price` each; returns the order id.
pub fn order(buyer: Sr25519Keyring, listing: u32, quantity: u32, price: Balance) -> u64 {
	let id = pallet_orders::NextOrderId::<Runtime>::get();
	assert_ok!(Orders::place_order(signed(buyer), listing, quantity, price, None, None));
	id
}

/// `seller` ships `order` and `buyer` confirms receipt: the seller is paid.
pub fn ship_and_confirm(seller: Sr25519Keyring, buyer: Sr25519Keyring, order: u64) {
	assert_ok!(Orders::ship(signed(seller), order, H256::repeat_byte(1)));
	assert_ok!(Orders::confirm_receipt(signed(buyer), order));
}
