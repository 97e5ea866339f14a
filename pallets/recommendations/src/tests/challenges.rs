//! Challenges against honest and lying attesters, for both kinds of claim.

use super::*;
use bazaar_inference::Recommendation;
use frame_support::traits::fungible::Inspect;

fn challenge(claim: Claim) -> sp_runtime::DispatchResult {
	Recommendations::challenge(RuntimeOrigin::signed(CHALLENGER), USER, claim)
}

/// The attester was slashed for `claim`: 20% of the bond to the challenger, the rest to the
/// treasury; the attester and the attestation are gone, the user waits for a new one.
fn assert_slashed(claim: Claim) {
	let reward = BOND / 5;
	assert_eq!(Balances::free_balance(CHALLENGER), INITIAL_BALANCE + reward);
	assert_eq!(Balances::free_balance(TREASURY), INITIAL_BALANCE + BOND - reward);
	assert_eq!(held(HoldReason::AttesterBond, ATTESTER), 0);
	assert_eq!(Balances::total_balance(&ATTESTER), INITIAL_BALANCE - BOND);
	assert!(!Attesters::<Test>::contains_key(ATTESTER));
	assert!(!AttesterKeys::<Test>::contains_key(attester_key()));
	assert!(!Attestations::<Test>::contains_key(USER));
	assert!(StaleUsers::<Test>::contains_key(USER));
	assert_eq!(
		recommendation_events().last(),
		Some(&Event::ChallengeSucceeded {
			user: USER,
			challenger: CHALLENGER,
			attester: ATTESTER,
			claim,
			slashed: BOND,
			reward,
		})
	);
}

/// The challenge of `claim` failed: the deposit went to the treasury, nothing else changed.
fn assert_stands(claim: Claim) {
	assert_eq!(Balances::free_balance(CHALLENGER), INITIAL_BALANCE - CHALLENGE_DEPOSIT);
	assert_eq!(Balances::free_balance(TREASURY), INITIAL_BALANCE + CHALLENGE_DEPOSIT);
	assert_eq!(held(HoldReason::AttesterBond, ATTESTER), BOND);
	assert!(Attestations::<Test>::contains_key(USER));
	assert_eq!(
		recommendation_events().last(),
		Some(&Event::ChallengeFailed {
			user: USER,
			challenger: CHALLENGER,
			claim,
			deposit: CHALLENGE_DEPOSIT,
		})
	);
}

#[test]
fn a_wrong_score_is_proven_and_slashed() {
	ExtBuilder::default().build_and_execute(|| {
		// The first score is one too high: still ranked, but not what the model computes.
		attested(|honest| with_score_off(honest, 0, 1));
		assert_ok!(challenge(Claim::WrongScore(0)));
		assert_slashed(Claim::WrongScore(0));
	});
}

#[test]
fn a_right_score_stands_and_the_deposit_is_forfeited() {
	ExtBuilder::default().build_and_execute(|| {
		attested(|honest| honest);
		assert_ok!(challenge(Claim::WrongScore(1)));
		assert_stands(Claim::WrongScore(1));
	});
}

#[test]
fn a_missed_item_is_proven_and_slashed() {
	ExtBuilder::default().build_and_execute(|| {
		// Honest: 11, 14, 15. The liar leaves 15 out for 13 (with 13's true score, 5).
		attested(|honest| vec![honest[0], honest[1], Recommendation { item: 13, score: 5 }]);
		assert_ok!(challenge(Claim::MissedItem(15)));
		assert_slashed(Claim::MissedItem(15));
	});
}

#[test]
fn an_item_that_ranks_below_the_last_stands() {
	ExtBuilder::default().build_and_execute(|| {
		attested(|honest| honest);
		assert_ok!(challenge(Claim::MissedItem(12)));
		assert_stands(Claim::MissedItem(12));
	});
}

#[test]
fn a_short_list_leaving_out_an_eligible_item_is_proven() {
	ExtBuilder::default().build_and_execute(|| {
		attested(|honest| honest[..2].to_vec());
		assert_ok!(challenge(Claim::MissedItem(12)));
		assert_slashed(Claim::MissedItem(12));
	});
}

#[test]
fn a_short_list_may_leave_out_what_the_user_bought() {
	ExtBuilder::default().build_and_execute(|| {
		// The model forbids repeats: 10, which USER bought, is rightly left out.
		attested(|honest| honest[..2].to_vec());
		assert_ok!(challenge(Claim::MissedItem(10)));
		assert_stands(Claim::MissedItem(10));
	});
}

#[test]
fn a_bought_item_recommended_despite_no_repeats_is_a_wrong_score() {
	ExtBuilder::default().build_and_execute(|| {
		// 10 was bought; ranking it first, with any score, is a lie.
		attested(|honest| vec![Recommendation { item: 10, score: i32::MAX }, honest[0], honest[1]]);
		assert_ok!(challenge(Claim::WrongScore(0)));
		assert_slashed(Claim::WrongScore(0));
	});
}

#[test]
fn challenges_are_checked() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(challenge(Claim::WrongScore(0)), Error::<Test>::NoAttestation);
		attested(|honest| honest);
		assert_noop!(challenge(Claim::WrongScore(3)), Error::<Test>::InvalidClaimIndex);
		assert_noop!(challenge(Claim::MissedItem(11)), Error::<Test>::ItemWasRecommended);
		assert_noop!(challenge(Claim::MissedItem(99)), Error::<Test>::NotAModelItem);
		assert_noop!(
			Recommendations::challenge(RuntimeOrigin::signed(POOR), USER, Claim::WrongScore(0)),
			Error::<Test>::InsufficientChallengeDeposit
		);
		run_to_block(1 + CHALLENGE_WINDOW + 1);
		assert_noop!(challenge(Claim::WrongScore(0)), Error::<Test>::ChallengeWindowClosed);
	});
}

#[test]
fn a_superseded_attestation_cannot_be_challenged() {
	ExtBuilder::default().build_and_execute(|| {
		attested(|honest| with_score_off(honest, 0, 1));
		buy(USER, 12);
		assert_noop!(challenge(Claim::WrongScore(0)), Error::<Test>::AttestationSuperseded);
	});
}
