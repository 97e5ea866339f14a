//! The market fee.

use super::*;
use frame_support::assert_noop;
use sp_runtime::{DispatchError, Permill};

#[test]
fn genesis_sets_the_fee() {
	ExtBuilder::default()
		.with_market_fee(Permill::from_percent(5))
		.build_and_execute(|| {
			assert_eq!(MarketFee::<Test>::get(), Permill::from_percent(5));
			place(1);
			assert_eq!(escrowed(BUYER), 105);
		});
}

#[test]
fn admin_sets_the_fee_within_the_maximum() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(OrderBook::set_market_fee(RuntimeOrigin::root(), Permill::from_percent(10)));
		assert_eq!(MarketFee::<Test>::get(), Permill::from_percent(10));
		assert_eq!(
			orders_events().last(),
			Some(&Event::MarketFeeSet { fee: Permill::from_percent(10) })
		);
		assert_noop!(
			OrderBook::set_market_fee(RuntimeOrigin::root(), Permill::from_percent(11)),
			Error::<Test>::FeeAboveMaximum
		);
		assert_noop!(
			OrderBook::set_market_fee(RuntimeOrigin::signed(BUYER), Permill::zero()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_fee_is_fixed_when_the_order_is_placed() {
	ExtBuilder::default().build_and_execute(|| {
		let treasury = free(TREASURY);
		let id = shipped();
		assert_ok!(OrderBook::set_market_fee(RuntimeOrigin::root(), Permill::from_percent(10)));
		assert_ok!(OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id));
		assert_eq!(free(TREASURY), treasury + fee(1));
	});
}

#[test]
fn the_fee_is_rounded_down() {
	ExtBuilder::default().with_listing(SELLER, 49, 10).build_and_execute(|| {
		assert_ok!(OrderBook::place_order(RuntimeOrigin::signed(BUYER), 1, 1, 49, None, None));
		// 2% of 49 = 0.98
		assert_eq!(escrowed(BUYER), 49);
	});
}

#[test]
fn a_payment_the_destination_cannot_take_stays_with_the_buyer() {
	// The treasury does not exist and the fee (2) is below the existential deposit (10).
	ExtBuilder::default()
		.with_existential_deposit(10)
		.with_balance(TREASURY, 0)
		.build_and_execute(|| {
			let issuance = Balances::total_issuance();
			let before = free(BUYER);
			let id = shipped();
			assert_ok!(OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id));
			assert_paid(id, fee(1), value(1), 0);
			assert_eq!(free(BUYER), before - value(1));
			assert_eq!(free(TREASURY), 0);
			assert_eq!(Balances::total_issuance(), issuance);
		});
}
