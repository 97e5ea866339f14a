//! Closing rating windows: in opening order, bounded per block, carried over.

use super::*;
use bazaar_primitives::SettlementOutcome::Completed;

#[test]
fn the_hook_closes_windows_when_they_expire() {
	build_and_execute(|| {
		settle(0, 100, Completed);
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
			settle(order, 100, Completed);
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
		settle(0, 100, Completed);
		run_to_block(5);
		settle(1, 100, Completed);
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
		settle(0, 100, Completed);
		settle(1, 100, Completed);
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
		settle(0, 100, Completed);
		settle(1, 100, Completed);
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
		settle(2, 100, Completed);
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
