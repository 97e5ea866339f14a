//! `reveal_delivery_code`, and the delivery code hashes `place_order` accepts.

use super::*;
use frame_support::assert_noop;

fn code(bytes: &[u8]) -> DeliveryCodeOf<Test> {
	bytes.to_vec().try_into().unwrap()
}

fn hash(bytes: &[u8]) -> H256 {
	H256(sp_io::hashing::blake2_256(bytes))
}

/// `who` reveals `bytes` as the delivery code of `order`.
fn reveal(who: AccountId, order: OrderId, bytes: &[u8]) -> sp_runtime::DispatchResult {
	OrderBook::reveal_delivery_code(RuntimeOrigin::signed(who), order, code(bytes))
}

#[test]
fn courier_completes_a_shipped_order_with_the_code() {
	ExtBuilder::default().build_and_execute(|| {
		let seller = free(SELLER);
		let id = place_by(BUYER, 1, Some(b"4711-secret"));
		assert_eq!(DeliveryCodeOrders::<Test>::get(hash(b"4711-secret")), Some(id));
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		assert_ok!(reveal(COURIER, id, b"4711-secret"));
		assert_eq!(outcome(id), SettlementOutcome::Completed);
		assert_eq!(free(SELLER), seller + value(1));
		assert!(orders_events().contains(&Event::DeliveryCodeRevealed { order: id, by: COURIER }));
	});
}

#[test]
fn the_code_is_not_accepted_before_the_order_is_shipped() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place_by(BUYER, 1, Some(b"4711-secret"));
		assert_noop!(reveal(SELLER, id, b"4711-secret"), Error::<Test>::CodeNotAccepted);
		assert_eq!(escrowed(BUYER), value(1) + fee(1));
	});
}

#[test]
fn a_code_shorter_than_the_minimum_is_refused_even_if_it_matches() {
	ExtBuilder::default().build_and_execute(|| {
		// Seven bytes: one short of MinDeliveryCodeLen.
		let id = place_by(BUYER, 1, Some(b"1234567"));
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		assert_noop!(reveal(SELLER, id, b"1234567"), Error::<Test>::DeliveryCodeTooShort);
		// The buyer can still confirm.
		assert_ok!(OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id));
	});
}

#[test]
fn a_code_hash_commits_one_stored_order_until_it_is_pruned() {
	ExtBuilder::default().build_and_execute(|| {
		let first = place_by(BUYER, 1, Some(b"4711-secret"));
		let again = |buyer| {
			OrderBook::place_order(
				RuntimeOrigin::signed(buyer),
				LISTING,
				1,
				PRICE,
				Some(hash(b"4711-secret")),
				None,
			)
		};
		assert_noop!(again(BUYER), Error::<Test>::DeliveryCodeReused);
		// Whoever places it: a hash is one order's, across buyers too.
		assert_noop!(again(OTHER), Error::<Test>::DeliveryCodeReused);
		// Settled, the order is kept (and the code stays taken) until it is pruned.
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), first));
		assert_noop!(again(BUYER), Error::<Test>::DeliveryCodeReused);
		run_to_block(System::block_number() + RETENTION);
		assert!(!Orders::<Test>::contains_key(first));
		assert!(!DeliveryCodeOrders::<Test>::contains_key(hash(b"4711-secret")));
		assert_ok!(again(BUYER));
	});
}

#[test]
fn reveal_delivery_code_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let with_code = place_by(BUYER, 1, Some(b"abcdefgh"));
		let without = place(1);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), without, H256::zero()));
		assert_noop!(reveal(COURIER, 9, b"abcdefgh"), Error::<Test>::UnknownOrder);
		assert_noop!(reveal(COURIER, with_code, b"abcdefgh"), Error::<Test>::CodeNotAccepted);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), with_code, H256::zero()));
		assert_noop!(reveal(COURIER, with_code, b"abcdefgX"), Error::<Test>::WrongDeliveryCode);
		assert_noop!(reveal(COURIER, without, b"abcdefgh"), Error::<Test>::NoDeliveryCode);
		assert_ok!(OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), with_code, H256::zero()));
		assert_noop!(reveal(COURIER, with_code, b"abcdefgh"), Error::<Test>::CodeNotAccepted);
	});
}
