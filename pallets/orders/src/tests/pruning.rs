//! Pruning of settled orders and the account indexes read by the runtime API.

use super::*;
use frame_support::assert_noop;

#[test]
fn the_hook_prunes_after_the_retention_period() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		run_to_block(RETENTION);
		assert!(crate::Orders::<Test>::contains_key(id));
		run_to_block(1 + RETENTION);
		assert!(!crate::Orders::<Test>::contains_key(id));
		assert!(!BuyerOrders::<Test>::contains_key(BUYER, id));
		assert!(!SellerOrders::<Test>::contains_key(SELLER, id));
		assert!(deadline_entries().is_empty());
		assert!(orders_events().contains(&Event::OrderPruned {
			order: id,
			deposit_to: BUYER,
			deposit: 0
		}));
		assert_eq!(RecordSettlements::pruned(), vec![id], "OnOrderPruned was told once");
	});
}

#[test]
fn anyone_may_prune_a_settled_order_after_retention() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_noop!(OrderBook::prune(RuntimeOrigin::signed(OTHER), id), Error::<Test>::NotSettled);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		assert_noop!(
			OrderBook::prune(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::RetentionNotElapsed
		);
		System::set_block_number(1 + RETENTION);
		assert_eq!(RecordSettlements::pruned(), Vec::<OrderId>::new());
		assert_ok!(OrderBook::prune(RuntimeOrigin::signed(OTHER), id));
		assert!(!crate::Orders::<Test>::contains_key(id));
		assert!(deadline_entries().is_empty());
		assert_eq!(RecordSettlements::pruned(), vec![id]);
		assert_noop!(
			OrderBook::prune(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::UnknownOrder
		);
	});
}

#[test]
fn orders_of_pages_through_an_accounts_orders() {
	ExtBuilder::default().build_and_execute(|| {
		let mut ids: Vec<_> = (0..7).map(|_| place(1)).collect();
		let other = place_by(OTHER, 1, None);
		let first = OrderBook::orders_of(BUYER, Role::Buyer, None, 5);
		assert_eq!(first.len(), 5);
		let second = OrderBook::orders_of(BUYER, Role::Buyer, first.last().copied(), 5);
		assert_eq!(second.len(), 2);
		let mut all: Vec<_> = first.into_iter().chain(second).collect();
		all.sort();
		ids.sort();
		assert_eq!(all, ids);
		// Pages are capped by MaxOrdersPerPage.
		assert_eq!(OrderBook::orders_of(BUYER, Role::Buyer, None, 100).len(), 5);
		assert_eq!(OrderBook::orders_of(OTHER, Role::Buyer, None, 5), vec![other]);
		let mut sold = OrderBook::orders_of(SELLER, Role::Seller, None, 5);
		sold.extend(OrderBook::orders_of(SELLER, Role::Seller, sold.last().copied(), 5));
		assert_eq!(sold.len(), 8);
		assert!(OrderBook::orders_of(BUYER, Role::Seller, None, 5).is_empty());
	});
}

#[test]
fn order_details_returns_the_order() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(2);
		let details = OrderBook::order_details(id).unwrap();
		assert_eq!(details.id, id);
		assert_eq!(details.order.quantity, 2);
		assert_eq!(details.sealed_delivery, None);
		assert_eq!(OrderBook::order_details(99), None);
	});
}
