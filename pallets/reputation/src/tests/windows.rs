//! Rating windows: opened by a shipped order's settlement, closed on time, removed with their
//! pruned order; and the legacy queue of windows opened before, drained by the hooks: in
//! opening order, bounded per block, carried over.

use super::*;
use bazaar_primitives::{OnOrderPruned, SettlementOutcome::Completed};
use frame_support::{assert_noop, weights::Weight};

/// Settles `order` as [`settle`] does and queues its window as the pallet did before windows
/// went with their orders: the state a runtime upgrade leaves behind.
fn settle_queued(order: OrderId, value: Balance, outcome: bazaar_primitives::SettlementOutcome) {
	settle(order, value, outcome);
	let tail = WindowQueueTail::<Test>::get();
	WindowQueue::<Test>::insert(tail, order);
	WindowQueueTail::<Test>::put(tail + 1);
}

#[test]
fn a_shipped_order_opens_a_window_and_queues_nothing() {
	build_and_execute(|| {
		settle(0, 100, Completed);
		let window = RatingWindows::<Test>::get(0).unwrap();
		assert_eq!(window.closes_at, 1 + RATING_WINDOW);
		assert!(reputation_events()
			.contains(&Event::RatingWindowOpened { order: 0, closes_at: 1 + RATING_WINDOW }));
		assert_eq!((WindowQueueHead::<Test>::get(), WindowQueueTail::<Test>::get()), (0, 0));
		assert_eq!(WindowQueue::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_window_closes_on_time_even_before_its_order_is_pruned() {
	build_and_execute(|| {
		settle(0, 100, Completed);
		run_to_block(RATING_WINDOW);
		assert!(Reputation::open_rating_window(0).is_some());
		run_to_block(1 + RATING_WINDOW);
		assert!(RatingWindows::<Test>::contains_key(0), "kept until the order goes");
		assert_eq!(Reputation::open_rating_window(0), None, "but no longer open");
		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(BUYER), 0, 5, None),
			Error::<Test>::RatingWindowClosed
		);
	});
}

#[test]
fn pruning_the_order_removes_its_window() {
	build_and_execute(|| {
		settle(0, 100, Completed);
		settle(1, 100, Completed);
		<Reputation as OnOrderPruned>::on_order_pruned(0);
		assert!(!RatingWindows::<Test>::contains_key(0));
		assert!(RatingWindows::<Test>::contains_key(1), "only the pruned order's window goes");
		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(BUYER), 0, 5, None),
			Error::<Test>::NotRateable
		);
		// An order without a window (never shipped, or fully rated) changes nothing.
		<Reputation as OnOrderPruned>::on_order_pruned(7);
		assert!(RatingWindows::<Test>::contains_key(1));
	});
}

#[test]
fn a_legacy_entry_whose_order_was_pruned_is_dropped_without_an_event() {
	build_and_execute(|| {
		settle_queued(0, 100, Completed);
		<Reputation as OnOrderPruned>::on_order_pruned(0);
		run_to_block(1 + RATING_WINDOW);
		assert_eq!((WindowQueueHead::<Test>::get(), WindowQueueTail::<Test>::get()), (1, 1));
		assert!(!reputation_events().contains(&Event::RatingWindowClosed { order: 0 }));
	});
}

#[test]
fn the_hook_closes_windows_when_they_expire() {
	build_and_execute(|| {
		settle_queued(0, 100, Completed);
		run_to_block(1 + RATING_WINDOW - 1);
		assert!(RatingWindows::<Test>::contains_key(0));
		run_to_block(1 + RATING_WINDOW);
		assert!(!RatingWindows::<Test>::contains_key(0));
		assert!(reputation_events().contains(&Event::RatingWindowClosed { order: 0 }));
		assert_eq!((WindowQueueHead::<Test>::get(), WindowQueueTail::<Test>::get()), (1, 1));
		assert_eq!(WindowQueue::<Test>::iter().count(), 0);
	});
}

#[test]
fn at_most_max_expiries_per_block_are_closed_and_the_rest_carry_over() {
	build_and_execute(|| {
		let windows = MAX_EXPIRIES_PER_BLOCK as u64 * 2 + 1;
		for order in 0..windows {
			settle_queued(order, 100, Completed);
		}
		run_to_block(1 + RATING_WINDOW);
		assert_eq!(RatingWindows::<Test>::iter().count() as u64, windows - 3);
		run_to_block(1 + RATING_WINDOW + 1);
		assert_eq!(RatingWindows::<Test>::iter().count() as u64, windows - 6);
		run_to_block(1 + RATING_WINDOW + 2);
		assert_eq!(RatingWindows::<Test>::iter().count(), 0);
		assert_eq!(WindowQueueHead::<Test>::get(), windows);
	});
}

#[test]
fn windows_that_have_not_closed_stop_the_sweep() {
	build_and_execute(|| {
		settle_queued(0, 100, Completed);
		run_to_block(5);
		settle_queued(1, 100, Completed);
		run_to_block(1 + RATING_WINDOW);
		assert!(!RatingWindows::<Test>::contains_key(0));
		assert!(RatingWindows::<Test>::contains_key(1), "opened at 5, closes at 15");
		assert_eq!(WindowQueueHead::<Test>::get(), 1);
		run_to_block(5 + RATING_WINDOW);
		assert!(!RatingWindows::<Test>::contains_key(1));
	});
}

#[test]
fn fully_rated_windows_leave_their_queue_entry_to_the_sweep() {
	build_and_execute(|| {
		settle_queued(0, 100, Completed);
		settle_queued(1, 100, Completed);
		rate(BUYER, 0, 5);
		rate(SELLER, 0, 5);
		run_to_block(2);
		// Order 0's entry is dropped even though its window would close later; order 1 waits.
		assert_eq!(WindowQueueHead::<Test>::get(), 1);
		assert!(RatingWindows::<Test>::contains_key(1));
		assert!(!reputation_events().contains(&Event::RatingWindowClosed { order: 0 }));
	});
}

#[test]
fn the_hook_reports_the_weight_of_what_it_did() {
	build_and_execute(|| {
		use crate::weights::WeightInfo;
		use frame_support::traits::Hooks;
		settle_queued(0, 100, Completed);
		settle_queued(1, 100, Completed);
		System::set_block_number(1 + RATING_WINDOW);
		assert_eq!(
			Reputation::on_initialize(1 + RATING_WINDOW),
			Reputation::close_windows_weight(2, false)
		);
		assert_eq!(
			Reputation::on_initialize(2 + RATING_WINDOW),
			<() as WeightInfo>::on_initialize_close_windows(0)
		);
		// A window still open is read, not closed: its reads are charged.
		settle_queued(2, 100, Completed);
		System::set_block_number(3 + RATING_WINDOW);
		assert_eq!(
			Reputation::on_initialize(3 + RATING_WINDOW),
			Reputation::close_windows_weight(0, true)
		);
	});
}

#[test]
fn each_closed_window_is_charged_the_proof_of_its_queue_entry_too() {
	use crate::weights::WeightInfo;
	// The generated weight's proof per window: the `RatingWindows` entry alone (2,577 bytes as
	// the benchmark CLI estimates it, "added" in the weight file's comments).
	let generated = <() as WeightInfo>::on_initialize_close_windows(1)
		.saturating_sub(<() as WeightInfo>::on_initialize_close_windows(0));
	let charged = Reputation::close_windows_weight(1, false)
		.saturating_sub(Reputation::close_windows_weight(0, false));
	// Plus the `WindowQueue` entry: 2,499 bytes the same way (24 bytes under a 2,475-byte path).
	assert_eq!(charged.proof_size(), generated.proof_size() + 2_499);
	assert_eq!(charged.ref_time(), generated.ref_time());
}

/// A block that settles more orders than `on_initialize` closes windows: `on_idle` closes the
/// rest of those due with the weight the block has left, and only as many as that weight pays
/// for.
#[test]
fn on_idle_closes_what_the_remaining_weight_pays_for_beyond_the_fixed_share() {
	build_and_execute(|| {
		use frame_support::traits::Hooks;
		let windows = MAX_EXPIRIES_PER_BLOCK as u64 * 4;
		for order in 0..windows {
			settle_queued(order, 100, Completed);
		}
		let due = 1 + RATING_WINDOW;
		System::set_block_number(due);
		Reputation::on_initialize(due);
		let open = || RatingWindows::<Test>::iter().count() as u64;
		assert_eq!(open(), windows - MAX_EXPIRIES_PER_BLOCK as u64);

		// Room for the fixed part and two windows: two are closed, within the room.
		let per_window = Reputation::close_windows_weight(1, false)
			.saturating_sub(Reputation::close_windows_weight(0, false));
		let room = Reputation::close_windows_weight(0, true).saturating_add(per_window * 2);
		let used = Reputation::on_idle(due, room);
		assert!(used.all_lte(room), "{used:?} over {room:?}");
		assert_eq!(open(), windows - MAX_EXPIRIES_PER_BLOCK as u64 - 2);

		// Plenty of room: every window due is closed, and the queue is empty.
		Reputation::on_idle(due, Weight::from_parts(u64::MAX / 2, u64::MAX / 2));
		assert_eq!(open(), 0);
		assert_eq!(WindowQueueHead::<Test>::get(), windows);
		Reputation::do_try_state().unwrap();
	});
}

#[test]
fn on_idle_without_room_for_a_window_closes_nothing() {
	build_and_execute(|| {
		use frame_support::traits::Hooks;
		settle_queued(0, 100, Completed);
		let due = 1 + RATING_WINDOW;
		System::set_block_number(due);
		assert_eq!(Reputation::on_idle(due, Weight::zero()), Weight::zero());
		// The fixed part alone pays for no window.
		assert_eq!(
			Reputation::on_idle(due, Reputation::close_windows_weight(0, true)),
			Weight::zero()
		);
		assert!(RatingWindows::<Test>::contains_key(0));
	});
}
