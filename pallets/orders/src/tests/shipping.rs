//! `ship` and `confirm_receipt`.

use super::*;
use frame_support::assert_noop;

#[test]
fn ship_moves_the_deadline_to_confirm_by() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		System::set_block_number(3);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::repeat_byte(1)));
		let confirm_by = 3 + CONFIRM_WINDOW;
		assert_eq!(
			state(id),
			OrderState::Shipped { confirm_by, tracking_hash: H256::repeat_byte(1) }
		);
		assert_eq!(crate::Orders::<Test>::get(id).unwrap().slot, Some(confirm_by));
		assert_eq!(deadline_entries(), vec![(confirm_by, id)]);
		assert_eq!(
			orders_events().last(),
			Some(&Event::OrderShipped {
				order: id,
				tracking_hash: H256::repeat_byte(1),
				confirm_by
			})
		);
		// Escrow is still held.
		assert_eq!(escrowed(BUYER), value(1) + fee(1));
	});
}

#[test]
fn ship_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_noop!(
			OrderBook::ship(RuntimeOrigin::signed(SELLER), 9, H256::zero()),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			OrderBook::ship(RuntimeOrigin::signed(BUYER), id, H256::zero()),
			Error::<Test>::NotSeller
		);
		System::set_block_number(1 + SHIP_WINDOW);
		assert_noop!(
			OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()),
			Error::<Test>::ShipDeadlinePassed
		);
		System::set_block_number(2);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		assert_noop!(
			OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()),
			Error::<Test>::NotPlaced
		);
	});
}

#[test]
fn confirm_receipt_pays_the_seller_and_the_fee() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped();
		let (seller, treasury, buyer) = (free(SELLER), free(TREASURY), free(BUYER));
		assert_ok!(OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id));
		assert_eq!(free(SELLER), seller + value(1));
		assert_eq!(free(TREASURY), treasury + fee(1));
		assert_eq!(free(BUYER), buyer);
		assert_eq!(escrowed(BUYER), 0);
		assert_eq!(outcome(id), SettlementOutcome::Completed);
		assert_paid(id, 0, value(1), fee(1));
		assert!(orders_events().contains(&Event::ReceiptConfirmed { order: id }));
		let settled = RecordSettlements::all();
		assert_eq!(settled.len(), 1);
		assert_eq!(settled[0].order, id);
		assert_eq!(settled[0].value, value(1));
		assert_eq!(settled[0].outcome, SettlementOutcome::Completed);
		assert!(settled[0].shipped);
		// Stock is not returned for a completed sale.
		assert_eq!(MockInventory::available(LISTING), STOCK - 1);
	});
}

#[test]
fn confirm_receipt_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_noop!(
			OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), 9),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id),
			Error::<Test>::NotShipped
		);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		assert_noop!(
			OrderBook::confirm_receipt(RuntimeOrigin::signed(SELLER), id),
			Error::<Test>::NotBuyer
		);
		assert_ok!(OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id));
		assert_noop!(
			OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id),
			Error::<Test>::NotShipped
		);
	});
}
