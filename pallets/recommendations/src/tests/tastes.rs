//! Taste vectors: kept per purchase, built after a model's activation, read by challenges.

use super::*;
use bazaar_inference::{TasteVector, UserProfile};
use frame_support::{
	traits::{Get, Hooks},
	weights::Weight,
};

/// `user`'s taste under the active model, as stored.
fn stored_taste(user: AccountId) -> Option<TasteVector> {
	TasteVectors::<Test>::get(ActiveModel::<Test>::get().unwrap(), user)
}

/// `user`'s history replayed under the test model.
fn replayed_taste(user: AccountId) -> TasteVector {
	let model = test_model();
	let history = Histories::<Test>::get(user);
	TasteVector::replay(&model.header, &history.purchases, |item| model.row(item).cloned()).unwrap()
}

/// What one user's build in `on_idle` is charged, with the fixed reads and writes of a pass.
fn one_build() -> Weight {
	<Test as Config>::WeightInfo::build_taste().saturating_add(
		<<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get()
		.reads_writes(3, 1),
	)
}

#[test]
fn each_purchase_updates_the_taste_as_replaying_the_history_would() {
	ExtBuilder::default().build_and_execute(|| {
		for (n, item) in [10, 12, 10, 99, 13].into_iter().enumerate() {
			buy(USER, item);
			if n < MAX_HISTORY as usize {
				assert_eq!(stored_taste(USER), Some(replayed_taste(USER)), "after {n}");
			}
		}
		// The history dropped its first purchase; the taste keeps it, faded.
		assert_ne!(stored_taste(USER), Some(replayed_taste(USER)));
		let mut expected = TasteVector::new(&test_model().header);
		let model = test_model();
		for (basket, item) in [10, 12, 10, 99, 13].into_iter().enumerate() {
			expected.record(&model.header, basket as u32, model.row(item)).unwrap();
		}
		assert_eq!(stored_taste(USER), Some(expected));
	});
}

#[test]
fn without_an_active_model_purchases_build_no_taste_until_one_is_activated() {
	ExtBuilder::default().without_model().build_and_execute(|| {
		buy(USER, 10);
		buy(OTHER, 12);
		assert_eq!(TasteVectors::<Test>::iter().count(), 0);
		let version = approve_and_upload(&test_model());
		assert_eq!(TasteVectors::<Test>::get(version, USER), Some(replayed_taste(USER)));
		assert_eq!(TasteVectors::<Test>::get(version, OTHER), Some(replayed_taste(OTHER)));
		assert!(recommendation_events().contains(&Event::TastesBuilt { version }));
	});
}

#[test]
fn a_new_model_builds_tastes_with_the_idle_weight_and_attestations_wait_for_them() {
	ExtBuilder::default().build_and_execute(|| {
		buy(USER, 10);
		buy(OTHER, 12);
		let first = ActiveModel::<Test>::get().unwrap();
		let frozen = TasteVectors::<Test>::get(first, USER);
		let second = approve_and_upload_without_idle_block(&test_model());
		assert_eq!(ActiveModel::<Test>::get(), Some(second));
		assert_eq!(
			TasteRebuild::<Test>::get(),
			Some(TasteRebuildProgress { version: second, last: None })
		);
		assert_noop!(attest(USER, honest_top_k(USER)), Error::<Test>::TasteNotBuilt);

		// No idle weight, no progress; weight for one user builds one.
		assert_eq!(Recommendations::on_idle(1, Weight::zero()), Weight::zero());
		assert_eq!(TasteVectors::<Test>::iter_prefix(second).count(), 0);
		assert!(Recommendations::on_idle(1, one_build()).all_lte(one_build()));
		assert_eq!(TasteVectors::<Test>::iter_prefix(second).count(), 1);
		let (built, _) = TasteVectors::<Test>::iter_prefix(second).next().unwrap();
		let waiting = if built == USER { OTHER } else { USER };

		// A purchase of a user the build has not reached goes to its history only; the build
		// replays it with the rest.
		buy(waiting, 13);
		assert_eq!(TasteVectors::<Test>::get(second, waiting), None);
		Recommendations::on_idle(1, Weight::MAX);
		assert!(!TasteRebuild::<Test>::exists());
		assert!(recommendation_events().contains(&Event::TastesBuilt { version: second }));
		for user in [USER, OTHER] {
			assert_eq!(TasteVectors::<Test>::get(second, user), Some(replayed_taste(user)));
			assert!(StaleUsers::<Test>::contains_key(user), "queued for the new model");
		}
		// The old model's tastes stay as they were, for challenges of its attestations.
		assert_eq!(TasteVectors::<Test>::get(first, USER), frozen);
		assert_ok!(attest(USER, honest_top_k(USER)));
	});
}

/// Attack: an attester attests falsely just before a new model is activated, hoping that the
/// profile its attestation was computed from is gone by the time someone challenges it. The
/// old model's taste stays stored until the model is reaped, which waits for its attestations.
#[test]
fn a_model_switch_does_not_save_a_false_attestation_from_its_challenge() {
	ExtBuilder::default().build_and_execute(|| {
		attested(|items| with_score_off(items, 0, 1));
		approve_and_upload(&test_model());
		assert_ok!(Recommendations::challenge(
			RuntimeOrigin::signed(CHALLENGER),
			USER,
			Claim::WrongScore(0)
		));
		assert!(matches!(
			recommendation_events().last(),
			Some(Event::ChallengeSucceeded { attester: ATTESTER, .. })
		));
	});
}

#[test]
fn a_challenge_waits_for_the_taste_of_a_user_still_to_be_built() {
	ExtBuilder::default().build_and_execute(|| {
		attested(|items| with_score_off(items, 0, 1));
		let version = ActiveModel::<Test>::get().unwrap();
		// As after the upgrade that introduced tastes: stored attestation, no taste yet.
		TasteVectors::<Test>::remove(version, USER);
		TasteRebuild::<Test>::put(TasteRebuildProgress { version, last: None });
		assert_noop!(
			Recommendations::challenge(
				RuntimeOrigin::signed(CHALLENGER),
				USER,
				Claim::WrongScore(0)
			),
			Error::<Test>::TasteNotBuilt
		);
		assert_eq!(held(HoldReason::ChallengeDeposit, CHALLENGER), 0);
		build_tastes();
		assert_ok!(Recommendations::challenge(
			RuntimeOrigin::signed(CHALLENGER),
			USER,
			Claim::WrongScore(0)
		));
	});
}

#[test]
fn a_user_without_purchases_is_attested_and_challenged_with_the_empty_taste() {
	ExtBuilder::default().build_and_execute(|| {
		StaleUsers::<Test>::insert(USER, ());
		let honest = honest_top_k(USER);
		assert_ok!(attest(USER, with_score_off(honest, 1, -3)));
		assert_eq!(stored_taste(USER), None);
		assert_ok!(Recommendations::challenge(
			RuntimeOrigin::signed(CHALLENGER),
			USER,
			Claim::WrongScore(1)
		));
		assert!(matches!(recommendation_events().last(), Some(Event::ChallengeSucceeded { .. })));
	});
}

#[test]
fn opting_out_deletes_the_taste_and_reaping_a_model_removes_its_tastes() {
	ExtBuilder::default().build_and_execute(|| {
		buy(USER, 10);
		buy(OTHER, 12);
		let first = ActiveModel::<Test>::get().unwrap();
		assert_ok!(Recommendations::set_participation(RuntimeOrigin::signed(OTHER), false));
		assert_eq!(TasteVectors::<Test>::get(first, OTHER), None);

		approve_and_upload(&test_model());
		// Rows first, then tastes, within one limit; the model goes with the last of them.
		assert_ok!(Recommendations::reap_model(RuntimeOrigin::signed(OTHER), first, 4));
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::ModelRowsReaped { version: first, rows: 4, tastes: 0 })
		);
		assert!(Models::<Test>::contains_key(first));
		assert_ok!(Recommendations::reap_model(RuntimeOrigin::signed(OTHER), first, 4));
		assert!(recommendation_events().contains(&Event::ModelRowsReaped {
			version: first,
			rows: 2,
			tastes: 1
		}));
		assert!(!Models::<Test>::contains_key(first));
		assert_eq!(TasteVectors::<Test>::iter_prefix(first).count(), 0);
	});
}

#[test]
fn the_profile_a_challenge_reads_is_the_one_the_worker_ranked_with() {
	ExtBuilder::default().build_and_execute(|| {
		for item in [10, 13, 12, 10, 11] {
			buy(USER, item);
		}
		let model = test_model();
		let history = Histories::<Test>::get(USER);
		let profile =
			UserProfile::new(&model.header, &history.purchases, &stored_taste(USER).unwrap())
				.unwrap();
		let version = ActiveModel::<Test>::get().unwrap();
		assert_eq!(
			Recommendations::profile_of(version, &model.header, &USER, &history).ok(),
			Some(profile.clone())
		);
		let table = bazaar_inference::ScoringTable::new(&model).unwrap();
		assert_eq!(table.top_k(&profile, K).unwrap(), honest_top_k(USER));
	});
}
