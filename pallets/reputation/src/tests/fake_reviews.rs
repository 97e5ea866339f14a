//! What a fake score costs: the rated value it takes, on which the market fee is paid.

use super::*;
use crate::scoring::{score, value_to_reach, NEUTRAL};
use bazaar_primitives::{ReputationProvider, SettlementOutcome::Completed};
use sp_runtime::Permill;

/// Self-deals `orders` orders worth `value` each between two accounts of the attacker and
/// rates them 5 stars; returns the seller's score.
fn self_deal(orders: u64, value: Balance) -> Permill {
	for order in 0..orders {
		settle(order, value, Completed);
		rate(BUYER, order, 5);
	}
	Reputation::seller_score(&SELLER)
}

#[test]
fn the_documented_value_is_exactly_what_a_target_score_takes() {
	for target in [51u32, 60, 75, 90, 99] {
		let target = Permill::from_percent(target);
		let needed = value_to_reach(target, PRIOR_WEIGHT).unwrap();
		let mut standing = Standing::<Balance>::default();
		standing.add_rating(5, needed);
		assert!(score(&standing, PRIOR_WEIGHT) >= target, "{target:?} with {needed}");
		let mut short = Standing::<Balance>::default();
		short.add_rating(5, needed - 1);
		assert!(score(&short, PRIOR_WEIGHT) < target, "{target:?} with {}", needed - 1);
	}
	assert_eq!(value_to_reach(NEUTRAL, PRIOR_WEIGHT), Some(0));
	assert_eq!(value_to_reach(Permill::one(), PRIOR_WEIGHT), None, "no value buys 100%");
	// The docs' figures: 90% takes 4 times the prior, 99% takes 49 times.
	assert_eq!(value_to_reach(Permill::from_percent(90), PRIOR_WEIGHT), Some(4 * PRIOR_WEIGHT));
	assert_eq!(value_to_reach(Permill::from_percent(99), PRIOR_WEIGHT), Some(49 * PRIOR_WEIGHT));
}

#[test]
fn splitting_fake_volume_into_many_orders_buys_nothing() {
	let needed = value_to_reach(Permill::from_percent(90), PRIOR_WEIGHT).unwrap();
	let one_order = new_test_ext().execute_with(|| self_deal(1, needed));
	let many_orders = new_test_ext().execute_with(|| self_deal(100, needed / 100));
	assert_eq!(one_order, many_orders);
	assert!(one_order >= Permill::from_percent(90));
	// And less fake volume, however split, falls short.
	let short = new_test_ext().execute_with(|| self_deal(100, needed / 100 - 1));
	assert!(short < Permill::from_percent(90));
}

#[test]
fn honest_volume_dilutes_fake_ratings() {
	build_and_execute(|| {
		// A seller with 10 W of honest 3-star trade fakes 4 W of 5-star ratings.
		settle_between(0, OTHER, SELLER, 10 * PRIOR_WEIGHT, Completed, true);
		rate(OTHER, 0, 3);
		for order in 1..=4 {
			settle(order, PRIOR_WEIGHT, Completed);
			rate(BUYER, order, 5);
		}
		// (2W + 20W + 16W) / (4·15W) = 38/60, far from the 90% the same fakes give a newcomer.
		assert_eq!(Reputation::seller_score(&SELLER), Permill::from_rational(38u32, 60u32));
	});
}
