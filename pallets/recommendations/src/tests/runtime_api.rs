//! What the runtime API reads.

use super::*;

#[test]
fn current_recommendations_are_served_with_their_attester() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Recommendations::recommendations_of(&USER), None);
		attested(|honest| honest);
		let served = Recommendations::recommendations_of(&USER).unwrap();
		assert_eq!(served.attester, ATTESTER);
		assert_eq!(served.items, honest_top_k(USER));
		assert_eq!(served.history_nonce, 1);
		assert_eq!(served.challengeable_until, 1 + CHALLENGE_WINDOW);

		// A newer purchase supersedes them.
		buy(USER, 12);
		assert_eq!(Recommendations::recommendations_of(&USER), None);
	});
}

#[test]
fn scores_match_the_inference_code() {
	ExtBuilder::default().build_and_execute(|| {
		user_bought_10();
		for recommendation in honest_top_k(USER) {
			assert_eq!(
				Recommendations::score_of(&USER, recommendation.item),
				Some(recommendation.score)
			);
		}
		assert_eq!(Recommendations::score_of(&USER, 99), None);
	});
}

#[test]
fn the_active_model_is_described() {
	ExtBuilder::default().build_and_execute(|| {
		let info = Recommendations::active_model_info().unwrap();
		assert_eq!(info.digest, digest_of(&test_model()));
		assert_eq!(info.header, test_model().header);
	});
	ExtBuilder::default().without_model().build_and_execute(|| {
		assert_eq!(Recommendations::active_model_info(), None);
	});
}
