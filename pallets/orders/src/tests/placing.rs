//! `place_order`.

use super::*;
use frame_support::assert_noop;
use sp_runtime::{DispatchError, Permill};

#[test]
fn place_order_holds_escrow_and_reserves_stock() {
	ExtBuilder::default().build_and_execute(|| {
		let before = free(BUYER);
		let id = place(3);
		assert_eq!(id, 0);
		assert_eq!(escrowed(BUYER), value(3) + fee(3));
		assert_eq!(free(BUYER), before - value(3) - fee(3));
		assert_eq!(MockInventory::available(LISTING), STOCK - 3);
		let order = crate::Orders::<Test>::get(id).unwrap();
		assert_eq!(order.buyer, BUYER);
		assert_eq!(order.seller, SELLER);
		assert_eq!((order.quantity, order.unit_price, order.value, order.fee), (3, PRICE, 300, 6));
		assert_eq!(order.state, OrderState::Placed { ship_by: 1 + SHIP_WINDOW });
		assert_eq!(order.slot, Some(1 + SHIP_WINDOW));
		assert_eq!(deadline_entries(), vec![(1 + SHIP_WINDOW, id)]);
		assert!(BuyerOrders::<Test>::contains_key(BUYER, id));
		assert!(SellerOrders::<Test>::contains_key(SELLER, id));
		assert_eq!(NextOrderId::<Test>::get(), 1);
		assert_eq!(
			orders_events().last(),
			Some(&Event::OrderPlaced {
				order: id,
				buyer: BUYER,
				seller: SELLER,
				listing: LISTING,
				quantity: 3,
				asset: NATIVE,
				value: 300,
				fee: 6,
				ship_by: 1 + SHIP_WINDOW,
			})
		);
	});
}

#[test]
fn buyer_pays_the_current_price_not_the_limit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(OrderBook::place_order(
			RuntimeOrigin::signed(BUYER),
			LISTING,
			1,
			PRICE * 5,
			None,
			None
		));
		assert_eq!(escrowed(BUYER), value(1) + fee(1));
	});
}

#[test]
fn orders_accumulate_in_one_hold() {
	ExtBuilder::default().build_and_execute(|| {
		place(1);
		place(2);
		assert_eq!(escrowed(BUYER), value(3) + fee(3));
	});
}

#[test]
fn zero_quantity_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(BUYER), LISTING, 0, PRICE, None, None),
			Error::<Test>::ZeroQuantity
		);
	});
}

#[test]
fn unknown_listing_fails_with_the_inventory_error() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(BUYER), 42, 1, PRICE, None, None),
			DispatchError::Other("UnknownListing")
		);
	});
}

#[test]
fn paused_listing_fails() {
	ExtBuilder::default().build_and_execute(|| {
		MockInventory::update(LISTING, |l| l.paused = true);
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(BUYER), LISTING, 1, PRICE, None, None),
			Error::<Test>::ListingPaused
		);
	});
}

#[test]
fn price_rise_above_limit_fails() {
	ExtBuilder::default().build_and_execute(|| {
		MockInventory::update(LISTING, |l| l.unit_price = PRICE + 1);
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(BUYER), LISTING, 1, PRICE, None, None),
			Error::<Test>::PriceAboveLimit
		);
	});
}

#[test]
fn short_stock_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			OrderBook::place_order(
				RuntimeOrigin::signed(BUYER),
				LISTING,
				STOCK + 1,
				PRICE,
				None,
				None
			),
			Error::<Test>::InsufficientStock
		);
	});
}

#[test]
fn seller_cannot_buy_own_listing() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(SELLER), LISTING, 1, PRICE, None, None),
			Error::<Test>::BuyingOwnListing
		);
	});
}

#[test]
fn value_or_fee_overflow_fails() {
	ExtBuilder::default().with_listing(SELLER, u64::MAX, 10).build_and_execute(|| {
		// price × quantity overflows
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(BUYER), 1, 2, u64::MAX, None, None),
			Error::<Test>::Overflow
		);
		// value + fee overflows
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(BUYER), 1, 1, u64::MAX, None, None),
			Error::<Test>::Overflow
		);
	});
}

#[test]
fn order_ids_running_out_fails() {
	ExtBuilder::default().build_and_execute(|| {
		NextOrderId::<Test>::put(OrderId::MAX);
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(BUYER), LISTING, 1, PRICE, None, None),
			Error::<Test>::Overflow
		);
	});
}

#[test]
fn buyer_that_cannot_afford_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(POOR), LISTING, 1, PRICE, None, None),
			Error::<Test>::InsufficientFunds
		);
	});
}

#[test]
fn placing_writes_one_deadline_entry_however_busy_the_block() {
	ExtBuilder::default().with_listing(SELLER, 1, 1_000).build_and_execute(|| {
		// Far more orders than the old per-block buckets held (64 in the runtime) share a block.
		let ship_by = 1 + SHIP_WINDOW;
		for id in 0..100 {
			assert_ok!(OrderBook::place_order(RuntimeOrigin::signed(BUYER), 1, 1, 1, None, None));
			assert_eq!(crate::Orders::<Test>::get(id).unwrap().slot, Some(ship_by));
			assert!(DeadlineEntries::<Test>::contains_key(ship_by, id));
		}
		assert_eq!(deadline_entries().len(), 100);
		assert_eq!(MockInventory::available(1), 900);
	});
}

#[test]
fn zero_fee_market_holds_only_the_value() {
	ExtBuilder::default().with_market_fee(Permill::zero()).build_and_execute(|| {
		place(2);
		assert_eq!(escrowed(BUYER), value(2));
	});
}
