//! Commerce through the real runtime: listings and orders as the runtime configures them, from
//! the development genesis preset, with every balance checked to the unit.

// Test code: a failed `unwrap` is a failed test (clippy does not treat `tests/` helpers as tests).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	configs::commerce::{ConfirmWindow, TreasuryAccount},
	Listings, Orders, Runtime, RuntimeCall, RuntimeOrigin, System, UNIT,
};
use bazaar_runtime_tests::*;
use frame_support::{assert_ok, traits::Hooks};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, Perbill};

/// Bob lists 5 units at 10 BZR; returns the listing id.
fn bob_lists() -> u32 {
	list(Sr25519Keyring::Bob, PRICE, 5)
}

/// Charlie orders `quantity` units of `listing`; returns the order id.
fn charlie_orders(listing: u32, quantity: u32) -> u64 {
	order(Sr25519Keyring::Charlie, listing, quantity, PRICE)
}

#[test]
fn a_completed_order_pays_seller_and_treasury_to_the_unit() {
	dev_chain().execute_with(|| {
		let (bob, charlie, treasury) = (
			account(Sr25519Keyring::Bob),
			account(Sr25519Keyring::Charlie),
			TreasuryAccount::get(),
		);
		let listing = bob_lists();
		let (bob_0, charlie_0, treasury_0, issuance_0) =
			(free(&bob), free(&charlie), free(&treasury), total_issuance());

		let order = charlie_orders(listing, 2);
		let value = 2 * PRICE;
		let fee = fee_of(value);
		assert_eq!(fee, value / 100);
		// The order's storage deposit is held until the order is pruned.
		let deposit = Orders::order_deposit(0);
		assert_eq!(escrow(&charlie), value + fee);
		assert_eq!(free(&charlie), charlie_0 - value - fee - deposit);

		ship_and_confirm(Sr25519Keyring::Bob, Sr25519Keyring::Charlie, order);

		assert_eq!(escrow(&charlie), 0);
		assert_eq!(free(&charlie), charlie_0 - value - fee - deposit);
		assert_eq!(free(&bob), bob_0 + value);
		assert_eq!(free(&treasury), treasury_0 + fee);
		assert_eq!(total_issuance(), issuance_0);
		assert_eq!(pallet_listings::Listings::<Runtime>::get(listing).unwrap().stock, 3);
	});
}

#[test]
fn a_dispute_with_a_partial_ruling_splits_the_escrow_to_the_unit() {
	dev_chain().execute_with(|| {
		let (bob, charlie, treasury) = (
			account(Sr25519Keyring::Bob),
			account(Sr25519Keyring::Charlie),
			TreasuryAccount::get(),
		);
		let listing = bob_lists();
		let (bob_0, charlie_0, treasury_0, issuance_0) =
			(free(&bob), free(&charlie), free(&treasury), total_issuance());

		let order = charlie_orders(listing, 3);
		let value = 3 * PRICE;
		let fee = fee_of(value);
		assert_ok!(Orders::ship(signed(Sr25519Keyring::Bob), order, H256::repeat_byte(2)));
		assert_ok!(Orders::open_dispute(
			signed(Sr25519Keyring::Charlie),
			order,
			H256::repeat_byte(3)
		));
		// The arbitrator (root until OpenGov) gives the buyer 30% back, through a real call.
		let ruling = RuntimeCall::Orders(pallet_orders::Call::resolve {
			order,
			buyer_share: Perbill::from_percent(30),
		});
		assert_ok!(ruling.dispatch(RuntimeOrigin::root()));

		let to_buyer = Perbill::from_percent(30) * value;
		assert_eq!(to_buyer, 9 * UNIT);
		// The dispute deposit (10% of the value) is split the same way: 30% of it back.
		let deposit = 3 * UNIT;
		let deposit_to_seller = deposit - Perbill::from_percent(30) * deposit;
		assert_eq!(deposit_to_seller, 21 * UNIT / 10);
		assert_eq!(escrow(&charlie), 0);
		let order_deposit = Orders::order_deposit(0);
		assert_eq!(
			free(&charlie),
			charlie_0 - value - fee - order_deposit + to_buyer - deposit_to_seller
		);
		assert_eq!(free(&bob), bob_0 + value - to_buyer + deposit_to_seller);
		assert_eq!(free(&treasury), treasury_0 + fee);
		assert_eq!(total_issuance(), issuance_0);
	});
}

#[test]
fn a_silent_buyer_is_auto_released_to_the_seller_when_the_confirm_window_passes() {
	dev_chain().execute_with(|| {
		let (bob, charlie) = (account(Sr25519Keyring::Bob), account(Sr25519Keyring::Charlie));
		let listing = bob_lists();
		let (bob_0, issuance_0) = (free(&bob), total_issuance());
		let order = charlie_orders(listing, 1);
		assert_ok!(Orders::ship(signed(Sr25519Keyring::Bob), order, H256::repeat_byte(4)));
		let shipped_at = System::block_number();

		// The block before the deadline changes nothing.
		let deadline = shipped_at + ConfirmWindow::get();
		System::set_block_number(deadline - 1);
		Orders::on_initialize(deadline - 1);
		assert_eq!(escrow(&charlie), PRICE + fee_of(PRICE));

		// At the deadline the runtime's hook pays the seller without anyone acting.
		System::set_block_number(deadline);
		Orders::on_initialize(deadline);
		assert_eq!(escrow(&charlie), 0);
		assert_eq!(free(&bob), bob_0 + PRICE);
		assert_eq!(total_issuance(), issuance_0);
	});
}

#[test]
fn the_runtime_apis_read_listings_and_orders() {
	dev_chain().execute_with(|| {
		let listing = bob_lists();
		let order = charlie_orders(listing, 1);
		let details = Listings::listing_details(listing).unwrap();
		assert_eq!(details.seller, account(Sr25519Keyring::Bob));
		assert_eq!(details.stock, 4);
		let ids = Orders::orders_of(
			account(Sr25519Keyring::Charlie),
			pallet_orders::Role::Buyer,
			None,
			10,
		);
		assert_eq!(ids, vec![order]);
		assert!(Orders::order_details(order).is_some());
	});
}
