//! `reveal_delivery_code`.

use super::*;
use frame_support::assert_noop;

fn code(bytes: &[u8]) -> DeliveryCodeOf<Test> {
	bytes.to_vec().try_into().unwrap()
}

#[test]
fn courier_completes_a_shipped_order_with_the_code() {
	ExtBuilder::default().build_and_execute(|| {
		let seller = free(SELLER);
		let id = place_by(BUYER, 1, Some(b"4711-secret"));
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		assert_ok!(OrderBook::reveal_delivery_code(
			RuntimeOrigin::signed(COURIER),
			id,
			code(b"4711-secret")
		));
		assert_eq!(outcome(id), SettlementOutcome::Completed);
		assert_eq!(free(SELLER), seller + value(1));
		assert!(orders_events().contains(&Event::DeliveryCodeRevealed { order: id, by: COURIER }));
	});
}

#[test]
fn code_also_completes_an_order_the_seller_did_not_mark_shipped() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place_by(BUYER, 1, Some(b"abc"));
		assert_ok!(OrderBook::reveal_delivery_code(
			RuntimeOrigin::signed(COURIER),
			id,
			code(b"abc")
		));
		assert_paid(id, 0, value(1), fee(1));
		// A sale, so the stock is not returned.
		assert_eq!(MockInventory::available(LISTING), STOCK - 1);
	});
}

#[test]
fn reveal_delivery_code_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let with_code = place_by(BUYER, 1, Some(b"abc"));
		let without = place(1);
		assert_noop!(
			OrderBook::reveal_delivery_code(RuntimeOrigin::signed(COURIER), 9, code(b"abc")),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			OrderBook::reveal_delivery_code(
				RuntimeOrigin::signed(COURIER),
				with_code,
				code(b"abd")
			),
			Error::<Test>::WrongDeliveryCode
		);
		assert_noop!(
			OrderBook::reveal_delivery_code(RuntimeOrigin::signed(COURIER), without, code(b"abc")),
			Error::<Test>::NoDeliveryCode
		);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), with_code, H256::zero()));
		assert_ok!(OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), with_code, H256::zero()));
		assert_noop!(
			OrderBook::reveal_delivery_code(
				RuntimeOrigin::signed(COURIER),
				with_code,
				code(b"abc")
			),
			Error::<Test>::CodeNotAccepted
		);
	});
}
