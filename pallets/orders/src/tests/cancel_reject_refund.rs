//! `cancel`, `reject` and `refund`.

use super::*;
use frame_support::assert_noop;

#[test]
fn cancel_refunds_everything_and_releases_stock() {
	ExtBuilder::default().build_and_execute(|| {
		let before = free(BUYER);
		let id = place(2);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		assert_eq!(free(BUYER), before);
		assert_eq!(escrowed(BUYER), 0);
		assert_eq!(MockInventory::available(LISTING), STOCK);
		assert_eq!(outcome(id), SettlementOutcome::Refunded);
		assert_paid(id, value(2) + fee(2), 0, 0);
		assert!(orders_events().contains(&Event::OrderCancelled { order: id }));
		assert_eq!(RecordSettlements::all()[0].outcome, SettlementOutcome::Refunded);
		assert!(!RecordSettlements::all()[0].shipped, "a cancelled order was never shipped");
	});
}

#[test]
fn cancel_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_noop!(
			OrderBook::cancel(RuntimeOrigin::signed(BUYER), 9),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(OrderBook::cancel(RuntimeOrigin::signed(SELLER), id), Error::<Test>::NotBuyer);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		assert_noop!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id), Error::<Test>::NotPlaced);
	});
}

#[test]
fn reject_refunds_everything_and_releases_stock() {
	ExtBuilder::default().build_and_execute(|| {
		let before = free(BUYER);
		let id = place(1);
		assert_ok!(OrderBook::reject(RuntimeOrigin::signed(SELLER), id));
		assert_eq!(free(BUYER), before);
		assert_eq!(MockInventory::available(LISTING), STOCK);
		assert_eq!(outcome(id), SettlementOutcome::Refunded);
		assert!(orders_events().contains(&Event::OrderRejected { order: id }));
	});
}

#[test]
fn reject_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_noop!(
			OrderBook::reject(RuntimeOrigin::signed(SELLER), 9),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(OrderBook::reject(RuntimeOrigin::signed(BUYER), id), Error::<Test>::NotSeller);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		assert_noop!(
			OrderBook::reject(RuntimeOrigin::signed(SELLER), id),
			Error::<Test>::NotPlaced
		);
	});
}

#[test]
fn full_refund_before_shipping_returns_the_fee() {
	ExtBuilder::default().build_and_execute(|| {
		let before = free(BUYER);
		let id = place(1);
		assert_ok!(OrderBook::refund(RuntimeOrigin::signed(SELLER), id, Perbill::one()));
		assert_eq!(free(BUYER), before);
		assert_eq!(MockInventory::available(LISTING), STOCK);
		assert!(orders_events().contains(&Event::OrderRefunded { order: id }));
	});
}

#[test]
fn full_refund_after_shipping_keeps_the_fee_and_the_stock() {
	ExtBuilder::default().build_and_execute(|| {
		let before = free(BUYER);
		let treasury = free(TREASURY);
		let id = shipped();
		assert_ok!(OrderBook::refund(RuntimeOrigin::signed(SELLER), id, Perbill::one()));
		assert_eq!(free(BUYER), before - fee(1));
		assert_eq!(free(TREASURY), treasury + fee(1));
		assert_eq!(MockInventory::available(LISTING), STOCK - 1);
		assert_eq!(outcome(id), SettlementOutcome::Refunded);
		assert_paid(id, value(1), 0, fee(1));
	});
}

#[test]
fn full_refund_during_a_dispute_settles_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed();
		assert_ok!(OrderBook::refund(RuntimeOrigin::signed(SELLER), id, Perbill::one()));
		assert_eq!(outcome(id), SettlementOutcome::Refunded);
	});
}

#[test]
fn partial_refund_is_an_offer_the_buyer_accepts() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped();
		let (buyer, seller) = (free(BUYER), free(SELLER));
		assert_ok!(OrderBook::refund(RuntimeOrigin::signed(SELLER), id, pct(30)));
		// Nothing moves until the buyer accepts.
		assert_eq!(escrowed(BUYER), value(1) + fee(1));
		assert_eq!(
			orders_events().last(),
			Some(&Event::SettlementProposed { order: id, by: Role::Seller, buyer_share: pct(30) })
		);
		assert_noop!(
			OrderBook::accept_settlement(RuntimeOrigin::signed(SELLER), id),
			Error::<Test>::OwnProposal
		);
		assert_ok!(OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), id));
		assert_eq!(free(BUYER), buyer + 30);
		assert_eq!(free(SELLER), seller + 70);
		assert_eq!(outcome(id), SettlementOutcome::Split { buyer_share: pct(30) });
		assert_paid(id, 30, 70, fee(1));
	});
}

#[test]
fn partial_refund_offer_before_shipping_keeps_stock_and_fee() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_ok!(OrderBook::refund(RuntimeOrigin::signed(SELLER), id, pct(50)));
		assert_ok!(OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), id));
		assert_paid(id, 50, 50, fee(1));
		assert_eq!(MockInventory::available(LISTING), STOCK - 1);
	});
}

#[test]
fn shipping_withdraws_a_pending_offer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_ok!(OrderBook::refund(RuntimeOrigin::signed(SELLER), id, pct(50)));
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		assert_noop!(
			OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), id),
			Error::<Test>::NoProposal
		);
	});
}

#[test]
fn refund_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_noop!(
			OrderBook::refund(RuntimeOrigin::signed(SELLER), 9, pct(100)),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			OrderBook::refund(RuntimeOrigin::signed(BUYER), id, pct(100)),
			Error::<Test>::NotSeller
		);
		assert_noop!(
			OrderBook::refund(RuntimeOrigin::signed(SELLER), id, Perbill::zero()),
			Error::<Test>::ZeroRefund
		);
		assert_ok!(OrderBook::refund(RuntimeOrigin::signed(SELLER), id, pct(100)));
		assert_noop!(
			OrderBook::refund(RuntimeOrigin::signed(SELLER), id, pct(100)),
			Error::<Test>::AlreadySettled
		);
	});
}

#[test]
fn accept_settlement_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_noop!(
			OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), 9),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			OrderBook::accept_settlement(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::NotParty
		);
		assert_noop!(
			OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), id),
			Error::<Test>::NoProposal
		);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		assert_noop!(
			OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), id),
			Error::<Test>::AlreadySettled
		);
	});
}
