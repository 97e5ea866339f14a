//! Scores: the value-weighted Bayesian average of the stars, discounted by rulings.

use super::*;
use crate::scoring::{score, star_score, trust, NEUTRAL};
use bazaar_primitives::{
	ReputationProvider,
	SettlementOutcome::{Completed, Ruled},
};
use proptest::prelude::*;
use sp_runtime::{Perbill, Permill};

fn rated(stars: u8, value: Balance) -> Standing<Balance> {
	let mut standing = Standing::default();
	standing.add_rating(stars, value);
	standing
}

#[test]
fn no_history_scores_neutral() {
	assert_eq!(score(&Standing::<Balance>::default(), PRIOR_WEIGHT), NEUTRAL);
	assert_eq!(score(&Standing::<Balance>::default(), 0), NEUTRAL);
	build_and_execute(|| {
		assert_eq!(Reputation::seller_score(&SELLER), NEUTRAL);
		assert_eq!(Reputation::buyer_score(&BUYER), NEUTRAL);
	});
}

#[test]
fn the_prior_weighs_like_its_value_in_three_star_ratings() {
	// A 5-star rating worth the prior: (2W + 4W) / 8W = 75%.
	assert_eq!(score(&rated(5, PRIOR_WEIGHT), PRIOR_WEIGHT), Permill::from_percent(75));
	// A 1-star rating worth the prior: 2W / 8W = 25%.
	assert_eq!(score(&rated(1, PRIOR_WEIGHT), PRIOR_WEIGHT), Permill::from_percent(25));
	// A 3-star rating changes nothing.
	assert_eq!(score(&rated(3, 12_345), PRIOR_WEIGHT), NEUTRAL);
	// One small 5-star order barely moves a new seller: (2000 + 40) / (4000 + 40).
	assert_eq!(score(&rated(5, 10), PRIOR_WEIGHT), Permill::from_rational(2_040u64, 4_040u64));
}

#[test]
fn ratings_weigh_by_value_not_by_count() {
	let mut many_small = Standing::<Balance>::default();
	for _ in 0..1_000 {
		many_small.add_rating(5, 1);
	}
	let one_large = rated(5, 1_000);
	assert_eq!(score(&many_small, PRIOR_WEIGHT), score(&one_large, PRIOR_WEIGHT));
}

#[test]
fn rulings_against_an_account_discount_its_score() {
	build_and_execute(|| {
		settle(0, 1_000, Completed);
		rate(BUYER, 0, 5);
		let before = Reputation::seller_score(&SELLER);
		assert_eq!(before, Permill::from_percent(75));
		settle(1, 1_000, Ruled { buyer_share: Perbill::one() });
		// trust = (W + 1000) / (W + 1000 + 1000) = 2/3.
		assert_eq!(trust(&as_seller(SELLER), PRIOR_WEIGHT), Permill::from_rational(2u32, 3u32));
		assert_eq!(
			Reputation::seller_score(&SELLER),
			Permill::from_percent(75) * Permill::from_rational(2u32, 3u32)
		);
		// The buyer lost nothing in that ruling.
		assert_eq!(trust(&as_buyer(BUYER), PRIOR_WEIGHT), Permill::one());
	});
}

#[test]
fn the_provider_and_the_api_agree_with_the_scoring_functions() {
	build_and_execute(|| {
		settle(0, 400, Completed);
		rate(BUYER, 0, 4);
		rate(SELLER, 0, 2);
		let reputation = Reputation::reputation(&SELLER);
		assert_eq!(reputation.as_seller.standing, as_seller(SELLER));
		assert_eq!(reputation.as_seller.score, Reputation::seller_score(&SELLER));
		assert_eq!(reputation.as_seller.score, score(&as_seller(SELLER), PRIOR_WEIGHT));
		assert_eq!(Reputation::reputation(&BUYER).as_buyer.score, Reputation::buyer_score(&BUYER));
		assert!(Reputation::buyer_score(&BUYER) < NEUTRAL, "2 stars is below average");
	});
}

proptest! {
	/// Scores stay in range and never overflow, whatever the values.
	#[test]
	fn scores_are_bounded(
		ratings in prop::collection::vec((1u8..=5, any::<u64>()), 0..20),
		completed in any::<u64>(),
		against in any::<u64>(),
		prior in any::<u64>(),
	) {
		let mut standing = Standing::<Balance>::default();
		for (stars, value) in ratings {
			standing.add_rating(stars, value);
		}
		standing.completed_value = completed;
		standing.ruled_against_value = against;
		let s = score(&standing, prior);
		prop_assert!(s <= Permill::one());
		prop_assert!(s <= star_score(&standing, prior));
	}

	/// A 5-star rating never lowers a score and a 1-star rating never raises it.
	#[test]
	fn ratings_move_scores_the_right_way(
		ratings in prop::collection::vec((1u8..=5, 0u64..1_000_000), 0..20),
		value in 0u64..1_000_000,
	) {
		let mut standing = Standing::<Balance>::default();
		for (stars, value) in ratings {
			standing.add_rating(stars, value);
		}
		let before = star_score(&standing, PRIOR_WEIGHT);
		let (mut best, mut worst) = (standing, standing);
		best.add_rating(5, value);
		worst.add_rating(1, value);
		prop_assert!(star_score(&best, PRIOR_WEIGHT) >= before);
		prop_assert!(star_score(&worst, PRIOR_WEIGHT) <= before);
	}
}
