//! Deadlines: the hook, `process_expired` and the deadline index.

use super::*;
use frame_support::{assert_noop, traits::Hooks};

#[test]
fn ship_by_passing_refunds_the_buyer_and_releases_stock() {
	ExtBuilder::default().build_and_execute(|| {
		let before = free(BUYER);
		let id = place(2);
		run_to_block(SHIP_WINDOW);
		assert!(matches!(state(id), OrderState::Placed { .. }));
		run_to_block(1 + SHIP_WINDOW);
		assert_eq!(outcome(id), SettlementOutcome::Refunded);
		assert_eq!(free(BUYER), before);
		assert_eq!(MockInventory::available(LISTING), STOCK);
		assert!(orders_events()
			.contains(&Event::OrderExpired { order: id, deadline: DeadlineKind::ShipBy }));
	});
}

#[test]
fn confirm_by_passing_pays_the_seller() {
	ExtBuilder::default().build_and_execute(|| {
		let seller = free(SELLER);
		let id = shipped();
		run_to_block(1 + CONFIRM_WINDOW);
		assert_eq!(outcome(id), SettlementOutcome::Completed);
		assert_eq!(free(SELLER), seller + value(1));
		assert!(orders_events()
			.contains(&Event::OrderExpired { order: id, deadline: DeadlineKind::ConfirmBy }));
	});
}

#[test]
fn rule_by_passing_applies_the_fallback_share() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed();
		run_to_block(1 + RULING_WINDOW);
		assert_eq!(outcome(id), SettlementOutcome::Ruled { buyer_share: FallbackShare::get() });
		assert_paid(id, 50, 50, fee(1));
		assert!(orders_events()
			.contains(&Event::OrderExpired { order: id, deadline: DeadlineKind::RuleBy }));
	});
}

#[test]
fn process_expired_applies_a_passed_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped();
		assert_noop!(
			OrderBook::process_expired(RuntimeOrigin::signed(OTHER), 9),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			OrderBook::process_expired(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::DeadlineNotReached
		);
		// The hook has not run: anyone can apply the deadline.
		System::set_block_number(1 + CONFIRM_WINDOW);
		assert_ok!(OrderBook::process_expired(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(outcome(id), SettlementOutcome::Completed);
		assert_noop!(
			OrderBook::process_expired(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::AlreadySettled
		);
	});
}

#[test]
fn a_full_bucket_sends_the_deadline_to_the_next_block() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<_> = (0..MAX_DEADLINES_PER_BLOCK + 1).map(|_| place(1)).collect();
		let ship_by = 1 + SHIP_WINDOW;
		assert_eq!(Deadlines::<Test>::get(ship_by).len(), MAX_DEADLINES_PER_BLOCK as usize);
		let last = crate::Orders::<Test>::get(ids[ids.len() - 1]).unwrap();
		assert_eq!(last.slot, Some(ship_by + 1));
		// The deadline itself is unchanged: anyone may expire it at `ship_by`.
		assert_eq!(last.state, OrderState::Placed { ship_by });
	});
}

#[test]
fn the_hook_is_bounded_and_carries_leftovers_over() {
	ExtBuilder::default().build_and_execute(|| {
		// 4 orders in the bucket of `ship_by`, 1 in the next.
		let ids: Vec<_> = (0..5).map(|_| place(1)).collect();
		let ship_by = 1 + SHIP_WINDOW;
		run_to_block(ship_by);
		let settled = || ids.iter().filter(|id| state(**id).is_terminal()).count() as u32;
		assert_eq!(settled(), MAX_EXPIRIES_PER_BLOCK);
		assert_eq!(DeadlineCursor::<Test>::get(), Some(ship_by));
		run_to_block(ship_by + 1);
		assert_eq!(settled(), 5);
		assert_eq!(DeadlineCursor::<Test>::get(), Some(ship_by + 2));
	});
}

#[test]
fn the_hook_catches_up_after_missed_blocks() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		run_to_block(2);
		// Blocks 3..=100 pass without the hook (e.g. a stalled chain).
		System::set_block_number(100);
		OrderBook::on_initialize(100);
		// At most MAX_EXPIRIES_PER_BLOCK buckets are visited per block.
		assert_eq!(DeadlineCursor::<Test>::get(), Some(3 + MAX_EXPIRIES_PER_BLOCK as u64));
		run_to_block(104);
		assert_eq!(outcome(id), SettlementOutcome::Refunded);
	});
}

#[test]
fn the_hook_reports_weight_for_the_work_done() {
	ExtBuilder::default().build_and_execute(|| {
		place(1);
		run_to_block(SHIP_WINDOW);
		System::set_block_number(1 + SHIP_WINDOW);
		let busy = OrderBook::on_initialize(1 + SHIP_WINDOW);
		System::set_block_number(2 + SHIP_WINDOW);
		let idle = OrderBook::on_initialize(2 + SHIP_WINDOW);
		assert!(busy.ref_time() > idle.ref_time());
	});
}

#[test]
fn settled_orders_leave_the_deadline_index_until_pruning() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		assert!(!Deadlines::<Test>::contains_key(1 + SHIP_WINDOW));
		assert_eq!(crate::Orders::<Test>::get(id).unwrap().slot, Some(1 + RETENTION));
	});
}
