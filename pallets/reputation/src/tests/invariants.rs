//! `try_state` catches corrupted aggregates and queues.

use super::*;
use bazaar_primitives::SettlementOutcome::Completed;

fn with_rated_order(corrupt: impl FnOnce()) -> Result<(), sp_runtime::TryRuntimeError> {
	new_test_ext().execute_with(|| {
		settle(0, 100, Completed);
		settle(1, 100, Completed);
		rate(BUYER, 0, 5);
		Reputation::do_try_state().expect("consistent before the corruption");
		corrupt();
		Reputation::do_try_state()
	})
}

#[test]
fn a_standing_that_differs_from_its_ratings_is_caught() {
	assert!(with_rated_order(|| {
		Standings::<Test>::mutate(SELLER, |s| s.as_seller.star_value += 1)
	})
	.is_err());
	assert!(
		with_rated_order(|| Standings::<Test>::mutate(OTHER, |s| s.as_buyer.ratings = 1)).is_err()
	);
	assert!(with_rated_order(|| Standings::<Test>::remove(SELLER)).is_err());
}

#[test]
fn a_broken_legacy_window_queue_is_caught() {
	// The queue a runtime from before windows went with their orders left: orders 0 and 1.
	let with_queue = |corrupt: fn()| {
		with_rated_order(|| {
			WindowQueue::<Test>::insert(0, 0);
			WindowQueue::<Test>::insert(1, 1);
			WindowQueueTail::<Test>::put(2);
			Reputation::do_try_state().expect("a consistent legacy queue");
			corrupt();
		})
	};
	assert!(with_queue(|| ()).is_ok());
	assert!(with_queue(|| WindowQueue::<Test>::remove(1)).is_err());
	assert!(with_queue(|| WindowQueueTail::<Test>::put(5)).is_err());
	assert!(with_queue(|| WindowQueueHead::<Test>::put(3)).is_err());
}

#[test]
fn a_fully_rated_window_that_was_kept_is_caught() {
	assert!(with_rated_order(|| {
		let mut window = RatingWindows::<Test>::get(1).unwrap();
		(window.buyer_rated, window.seller_rated) = (true, true);
		RatingWindows::<Test>::insert(1, window);
	})
	.is_err());
}

#[test]
fn a_rating_with_impossible_stars_is_caught() {
	assert!(with_rated_order(|| {
		Ratings::<Test>::mutate(SELLER, 0, |r| r.as_mut().unwrap().stars = 6)
	})
	.is_err());
}
