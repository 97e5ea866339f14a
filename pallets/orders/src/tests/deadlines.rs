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
fn process_expired_moves_the_entry_to_the_pruning_block() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped();
		let other = shipped();
		let confirm_by = 1 + CONFIRM_WINDOW;
		System::set_block_number(confirm_by);
		assert_ok!(OrderBook::process_expired(RuntimeOrigin::signed(OTHER), id));
		// Only its own entry left the deadline block; its pruning entry is in.
		assert_eq!(deadline_entries(), vec![(confirm_by, other), (confirm_by + RETENTION, id)]);
		assert_eq!(crate::Orders::<Test>::get(id).unwrap().slot, Some(confirm_by + RETENTION));
		// The hook then handles only the other order.
		OrderBook::on_initialize(confirm_by);
		assert_eq!(outcome(other), SettlementOutcome::Completed);
		let expired = orders_events()
			.into_iter()
			.filter(|e| matches!(e, Event::OrderExpired { .. }))
			.count();
		assert_eq!(expired, 2);
		assert_eq!(
			deadline_entries(),
			vec![(confirm_by + RETENTION, id), (confirm_by + RETENTION, other)]
		);
	});
}

#[test]
fn any_number_of_orders_may_share_a_deadline_block() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<_> = (0..3 * MAX_EXPIRIES_PER_BLOCK).map(|_| place(1)).collect();
		let ship_by = 1 + SHIP_WINDOW;
		for id in &ids {
			assert_eq!(crate::Orders::<Test>::get(id).unwrap().slot, Some(ship_by));
		}
		// The hook handles the block's entries in the index's storage order (by the hash of the
		// order id, not the id itself).
		let index_order: Vec<OrderId> = DeadlineEntries::<Test>::iter_key_prefix(ship_by).collect();
		let mut sorted = index_order.clone();
		sorted.sort();
		assert_eq!(sorted, ids);

		run_to_block(ship_by - 1);
		let per_block = MAX_EXPIRIES_PER_BLOCK as usize;
		let mut seen = orders_events().len();
		for (i, batch) in index_order.chunks(per_block).enumerate() {
			let block = ship_by + i as u64;
			run_to_block(block);
			let expired: Vec<OrderId> = orders_events()[seen..]
				.iter()
				.filter_map(|e| match e {
					Event::OrderExpired { order, deadline: DeadlineKind::ShipBy } => Some(*order),
					_ => None,
				})
				.collect();
			seen = orders_events().len();
			assert_eq!(expired, batch, "orders expired in block {block}");
			let left = DeadlineEntries::<Test>::iter_key_prefix(ship_by).count();
			assert_eq!(left, ids.len() - (i + 1) * per_block);
			if left > 0 {
				// The cursor waits on the deadline block until it is drained.
				assert_eq!(DeadlineCursor::<Test>::get(), Some(ship_by));
			}
		}
		for id in &ids {
			assert_eq!(outcome(*id), SettlementOutcome::Refunded);
		}
		// Drained: the cursor moved on, and the later blocks are caught up on.
		assert!(DeadlineCursor::<Test>::get() > Some(ship_by));
		run_to_block(ship_by + 3);
		assert_eq!(DeadlineCursor::<Test>::get(), Some(ship_by + 4));
	});
}

#[test]
fn the_hook_is_bounded_and_carries_leftovers_over() {
	ExtBuilder::default().build_and_execute(|| {
		// 5 orders share the block of `ship_by`.
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
fn every_block_pays_for_the_storage_the_benchmarks_whitelist() {
	use frame_support::traits::WhitelistedStorageKeys;
	ExtBuilder::default().build_and_execute(|| {
		// The order counter and the market fee are left out of the calls' weights...
		let whitelisted = OrderBook::whitelisted_storage_keys();
		for key in
			[crate::NextOrderId::<Test>::hashed_key(), crate::MarketFee::<Test>::hashed_key()]
		{
			assert!(whitelisted.iter().any(|tracked| tracked.key == key));
		}
		// ...so even a block without deadlines charges one read and one write of each, and their
		// proof.
		let idle = OrderBook::on_initialize(1);
		let storage = <Test as frame_system::Config>::DbWeight::get().reads_writes(2, 2);
		assert!(idle.ref_time() >= storage.ref_time());
		assert_eq!(OrderBook::whitelisted_storage_weight().ref_time(), storage.ref_time());
		assert!(idle.proof_size() >= 2 * 15 * 33 + 8 + 4);
	});
}

#[test]
fn settled_orders_leave_the_deadline_index_until_pruning() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		assert_eq!(deadline_entries(), vec![(1 + RETENTION, id)]);
		assert_eq!(crate::Orders::<Test>::get(id).unwrap().slot, Some(1 + RETENTION));
	});
}

#[test]
fn rescheduling_removes_exactly_the_old_entry() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		let other = place(1);
		let ship_by = 1 + SHIP_WINDOW;
		assert_eq!(deadline_entries(), vec![(ship_by, id), (ship_by, other)]);

		System::set_block_number(2);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		let confirm_by = 2 + CONFIRM_WINDOW;
		assert_eq!(deadline_entries(), vec![(ship_by, other), (confirm_by, id)]);

		System::set_block_number(3);
		assert_ok!(OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::zero()));
		let rule_by = 3 + RULING_WINDOW;
		assert_eq!(deadline_entries(), vec![(ship_by, other), (rule_by, id)]);
		assert_eq!(crate::Orders::<Test>::get(id).unwrap().slot, Some(rule_by));
	});
}

#[test]
fn a_deadline_already_due_is_scheduled_for_the_next_block() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		// Scheduling at or before the current block would hide the entry behind the cursor.
		assert_eq!(OrderBook::schedule(id, 1, 5), 6);
		assert_eq!(OrderBook::schedule(id, 5, 5), 6);
		assert_eq!(OrderBook::schedule(id, 9, 5), 9);
		for block in [6, 9] {
			DeadlineEntries::<Test>::remove(block, id);
		}
	});
}
