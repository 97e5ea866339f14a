//! Orders paid in a foreign asset (the mock's USDT, 2 units per native unit): every hold and
//! payment is in the order's asset, nothing in the native currency.

use super::*;
use crate::HoldReason;
use bazaar_primitives::ListingId;
use frame_support::{assert_noop, traits::fungible::Mutate};

/// A USDT listing of `SELLER` at 1,000 units, 10 in stock; its id.
fn usdt_listing() -> ListingId {
	MockInventory::create_in(SELLER, USDT, 1_000, 10)
}

/// `buyer` orders one unit of `listing` at 1,000 USDT units; the order's id.
fn place_usdt(buyer: AccountId, listing: ListingId) -> OrderId {
	let id = NextOrderId::<Test>::get();
	assert_ok!(OrderBook::place_order(RuntimeOrigin::signed(buyer), listing, 1, 1_000, None, None));
	id
}

/// Order deposits (10 native, so 20 USDT units) on, for the test.
fn with_deposits(test: impl FnOnce()) {
	ExtBuilder::default().build_and_execute(|| {
		OrderDepositBase::set(10);
		test();
	});
}

#[test]
fn an_order_in_usdt_holds_escrow_fee_and_deposit_in_usdt_and_nothing_native() {
	with_deposits(|| {
		let listing = usdt_listing();
		let native_before = free(BUYER);
		let id = place_usdt(BUYER, listing);

		let order = crate::Orders::<Test>::get(id).unwrap();
		assert_eq!((order.asset, order.value, order.fee), (USDT, 1_000, 20));
		// The deposit is set in native (10) and held in USDT at its rate.
		assert_eq!(order.deposit, 10 * USDT_PER_NATIVE);
		assert_eq!(usdt_held(HoldReason::Escrow, BUYER), 1_020);
		assert_eq!(usdt_held(HoldReason::OrderDeposit, BUYER), 20);
		assert_eq!(usdt(BUYER), INITIAL_BALANCE - 1_040);
		assert_eq!(free(BUYER), native_before);
		assert_eq!((escrowed(BUYER), order_deposits_held(BUYER)), (0, 0));
		assert_eq!(
			orders_events().last(),
			Some(&Event::OrderPlaced {
				order: id,
				buyer: BUYER,
				seller: SELLER,
				listing,
				quantity: 1,
				asset: USDT,
				value: 1_000,
				fee: 20,
				ship_by: 1 + SHIP_WINDOW,
			})
		);
	});
}

#[test]
fn a_completed_usdt_order_pays_seller_and_treasury_in_usdt_and_reports_its_native_value() {
	with_deposits(|| {
		let id = place_usdt(BUYER, usdt_listing());
		let (seller_before, treasury_before) = (usdt(SELLER), usdt(TREASURY));
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::repeat_byte(1)));
		assert_ok!(OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id));

		assert_eq!(usdt(SELLER), seller_before + 1_000);
		assert_eq!(usdt(TREASURY), treasury_before + 20);
		assert_eq!(usdt_held(HoldReason::Escrow, BUYER), 0);
		// Reputation learns the value in native units: 1,000 USDT units at 2 per native.
		let settlement = RecordSettlements::all().pop().unwrap();
		assert_eq!(settlement.value, 1_000 / USDT_PER_NATIVE);

		// The deposit goes back in USDT when the order is pruned.
		run_to_block(System::block_number() + RETENTION + 1);
		assert!(crate::Orders::<Test>::get(id).is_none());
		assert_eq!(usdt_held(HoldReason::OrderDeposit, BUYER), 0);
		assert_eq!(usdt(BUYER), INITIAL_BALANCE - 1_020);
	});
}

#[test]
fn a_usdt_order_cancelled_before_shipping_returns_everything_in_usdt() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place_usdt(BUYER, usdt_listing());
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		assert_eq!(usdt(BUYER), INITIAL_BALANCE);
		assert_eq!(usdt_held(HoldReason::Escrow, BUYER), 0);
	});
}

#[test]
fn a_usdt_dispute_holds_its_deposit_in_usdt_with_the_minimum_at_the_rate() {
	ExtBuilder::default().build_and_execute(|| {
		// 10% of 40 is 4, below the minimum of 5 native = 10 USDT units.
		let listing = MockInventory::create_in(SELLER, USDT, 40, 10);
		let id = NextOrderId::<Test>::get();
		assert_ok!(OrderBook::place_order(
			RuntimeOrigin::signed(BUYER),
			listing,
			1,
			40,
			None,
			None
		));
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::repeat_byte(1)));
		assert_ok!(OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::zero()));
		assert_eq!(usdt_held(HoldReason::DisputeDeposit, BUYER), MIN_DISPUTE_DEPOSIT * 2);

		// A ruling for the seller pays the seller the escrow and the deposit, in USDT.
		let seller_before = usdt(SELLER);
		assert_ok!(OrderBook::resolve(RuntimeOrigin::root(), id, Perbill::zero()));
		assert_eq!(usdt(SELLER), seller_before + 40 + MIN_DISPUTE_DEPOSIT * 2);
		assert_eq!(usdt_held(HoldReason::DisputeDeposit, BUYER), 0);
	});
}

#[test]
fn an_asset_that_lost_its_rate_takes_no_orders_but_open_orders_can_still_be_disputed() {
	ExtBuilder::default().build_and_execute(|| {
		let listing = usdt_listing();
		let id = place_usdt(BUYER, listing);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::repeat_byte(1)));
		UsdtHasRate::set(false);

		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(OTHER), listing, 1, 1_000, None, None),
			Error::<Test>::AssetNotPriced
		);
		// The buyer's dispute holds the share alone (10% of 1,000), no minimum.
		assert_ok!(OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::zero()));
		assert_eq!(usdt_held(HoldReason::DisputeDeposit, BUYER), 100);
		// Settling tells reputation a zero value: there is no rate to weigh it by.
		assert_ok!(OrderBook::resolve(RuntimeOrigin::root(), id, Perbill::one()));
		assert_eq!(RecordSettlements::all().pop().unwrap().value, 0);
		UsdtHasRate::set(true);
	});
}

#[test]
fn a_buyer_with_usdt_and_no_native_currency_can_order_in_usdt() {
	ExtBuilder::default().with_balance(OTHER, 0).build_and_execute(|| {
		OrderDepositBase::set(10);
		assert_eq!(free(OTHER), 0);
		let id = place_usdt(OTHER, usdt_listing());
		assert_eq!(usdt_held(HoldReason::Escrow, OTHER), 1_020);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(usdt_held(HoldReason::Escrow, OTHER), 0);
	});
}

#[test]
fn a_buyer_short_of_usdt_cannot_order_however_much_native_it_has() {
	ExtBuilder::default().build_and_execute(|| {
		let listing = usdt_listing();
		// Plenty of native currency, 1,019 USDT units: one short of price and fee.
		Balances::set_balance(&OTHER, 1_000_000);
		let usdt_other = usdt(OTHER);
		assert_ok!(Assets::burn(
			RuntimeOrigin::signed(TREASURY),
			USDT_ID,
			OTHER,
			usdt_other - 1_019
		));
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(OTHER), listing, 1, 1_000, None, None),
			Error::<Test>::InsufficientFunds
		);
	});
}

#[test]
fn a_usdt_payment_that_cannot_be_made_stays_with_the_buyer() {
	ExtBuilder::default().build_and_execute(|| {
		// The seller of this listing holds no USDT, and the 2% fee on 100 (2) is below USDT's
		// minimum balance of 10 for a treasury account that holds none either.
		let listing = MockInventory::create_in(COURIER, USDT, 100, 10);
		assert_eq!((usdt(COURIER), usdt(TREASURY)), (0, 0));
		let id = NextOrderId::<Test>::get();
		assert_ok!(OrderBook::place_order(
			RuntimeOrigin::signed(BUYER),
			listing,
			1,
			100,
			None,
			None
		));
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(COURIER), id, H256::repeat_byte(1)));
		assert_ok!(OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id));
		// 100 reaches the minimum balance: the seller is paid. The fee of 2 cannot create the
		// treasury's account: it is released to the buyer rather than lost.
		assert_eq!(usdt(COURIER), 100);
		assert_eq!(usdt(TREASURY), 0);
		assert_eq!(usdt(BUYER), INITIAL_BALANCE - 100);
	});
}
