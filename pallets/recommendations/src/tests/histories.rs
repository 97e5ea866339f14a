//! Participation and purchase histories.

use super::*;
use bazaar_primitives::SettlementOutcome;

fn purchases(user: AccountId) -> Vec<(u32, u32)> {
	Histories::<Test>::get(user)
		.purchases
		.iter()
		.map(|p| (p.item, p.basket))
		.collect()
}

#[test]
fn a_participant_completed_purchase_is_recorded_and_marks_it_stale() {
	ExtBuilder::default().build_and_execute(|| {
		buy(USER, 12);
		buy(USER, 10);
		assert_eq!(purchases(USER), vec![(12, 0), (10, 1)]);
		assert_eq!(Histories::<Test>::get(USER).nonce, 2);
		assert!(StaleUsers::<Test>::contains_key(USER));
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::PurchaseRecorded { user: USER, listing: 10, nonce: 2 })
		);
	});
}

#[test]
fn refunds_splits_rulings_and_non_participants_are_not_recorded() {
	ExtBuilder::default().build_and_execute(|| {
		for outcome in [
			SettlementOutcome::Refunded,
			SettlementOutcome::Split { buyer_share: sp_runtime::Perbill::from_percent(50) },
			SettlementOutcome::Ruled { buyer_share: sp_runtime::Perbill::from_percent(50) },
		] {
			settle(USER, 10, outcome);
		}
		buy(CHALLENGER, 10);
		assert_eq!(Histories::<Test>::get(USER), Default::default());
		assert!(!Histories::<Test>::contains_key(CHALLENGER));
		assert_eq!(StaleUsers::<Test>::count(), 0);
	});
}

#[test]
fn a_full_history_drops_its_oldest_purchase() {
	ExtBuilder::default().build_and_execute(|| {
		for item in 10..15 {
			buy(USER, item);
		}
		// MAX_HISTORY is 4: the first purchase (10) was dropped.
		assert_eq!(purchases(USER), vec![(11, 1), (12, 2), (13, 3), (14, 4)]);
		assert_eq!(Histories::<Test>::get(USER).nonce, 5);
	});
}

#[test]
fn stale_users_are_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [USER, OTHER, CHALLENGER, UPLOADER] {
			if !Participants::<Test>::contains_key(who) {
				assert_ok!(Recommendations::set_participation(RuntimeOrigin::signed(who), true));
			}
			buy(who, 10);
		}
		// MAX_STALE is 3: the fourth buyer's history is recorded, but it waits for its next
		// purchase (after room frees up) to be queued.
		assert_eq!(StaleUsers::<Test>::count(), MAX_STALE);
		assert!(!StaleUsers::<Test>::contains_key(UPLOADER));
		// 1 + the id of its order, the fourth (3).
		assert_eq!(Histories::<Test>::get(UPLOADER).nonce, 4);
	});
}

#[test]
fn opting_out_and_in_never_brings_an_old_nonce_back() {
	ExtBuilder::default().build_and_execute(|| {
		buy(USER, 10);
		let first = Histories::<Test>::get(USER);
		assert_eq!(first.nonce, 1);
		assert_ok!(Recommendations::set_participation(RuntimeOrigin::signed(USER), false));
		assert!(!Histories::<Test>::contains_key(USER));
		assert_ok!(Recommendations::set_participation(RuntimeOrigin::signed(USER), true));
		buy(USER, 11);
		let second = Histories::<Test>::get(USER);
		// The same length of history, another nonce and another digest.
		assert_eq!(second.purchases.len(), first.purchases.len());
		assert_eq!(second.nonce, 2);
		assert_ne!(second.digest(), first.digest());
		// Even the very same purchase again gets a nonce of its own.
		assert_ok!(Recommendations::set_participation(RuntimeOrigin::signed(USER), false));
		assert_ok!(Recommendations::set_participation(RuntimeOrigin::signed(USER), true));
		buy(USER, 10);
		let third = Histories::<Test>::get(USER);
		assert_eq!(third.purchases, first.purchases);
		assert_eq!(third.digest(), first.digest());
		assert_eq!(third.nonce, 3);
	});
}

#[test]
fn opting_in_and_out() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Recommendations::set_participation(RuntimeOrigin::signed(CHALLENGER), true));
		assert!(Participants::<Test>::contains_key(CHALLENGER));
		assert_eq!(recommendation_events().last(), Some(&Event::OptedIn { who: CHALLENGER }));
		assert_noop!(
			Recommendations::set_participation(RuntimeOrigin::signed(CHALLENGER), true),
			Error::<Test>::ParticipationUnchanged
		);

		// Opting out deletes the history, the attestation and the place among the stale.
		attested(|honest| honest);
		buy(USER, 12);
		assert_ok!(Recommendations::set_participation(RuntimeOrigin::signed(USER), false));
		assert!(!Participants::<Test>::contains_key(USER));
		assert!(!Histories::<Test>::contains_key(USER));
		assert!(!Attestations::<Test>::contains_key(USER));
		assert!(!StaleUsers::<Test>::contains_key(USER));
		let version = ActiveModel::<Test>::get().unwrap();
		assert_eq!(Models::<Test>::get(version).unwrap().attestations, 0);
		assert_eq!(recommendation_events().last(), Some(&Event::OptedOut { who: USER }));
		assert_noop!(
			Recommendations::set_participation(RuntimeOrigin::signed(USER), false),
			Error::<Test>::ParticipationUnchanged
		);
		// Purchases are no longer recorded.
		buy(USER, 13);
		assert!(!Histories::<Test>::contains_key(USER));
	});
}
