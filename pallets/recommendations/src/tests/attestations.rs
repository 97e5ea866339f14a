//! Attestations: what the pool and the call accept, and what they refuse.

use super::*;
use bazaar_inference::Recommendation;
use frame_support::{
	pallet_prelude::{Authorize, InvalidTransaction, TransactionSource, TransactionValidityError},
	traits::UnfilteredDispatchable,
};

fn call(attestation: AttestationOf<Test>) -> Call<Test> {
	let signature = sign(&attestation);
	Call::attest { attestation, signature }
}

/// What the transaction pool says of an attestation.
fn pool_validity(
	call: &Call<Test>,
) -> Result<frame_support::pallet_prelude::ValidTransaction, TransactionValidityError> {
	call.authorize(TransactionSource::External)
		.expect("attest is an authorized call")
		.map(|(validity, _refund)| validity)
}

/// The pool's custom code for a pallet error: the error's index.
fn custom(error: Error<Test>) -> TransactionValidityError {
	let sp_runtime::DispatchError::Module(module) = sp_runtime::DispatchError::from(error) else {
		unreachable!("pallet errors are module errors")
	};
	InvalidTransaction::Custom(module.error[0]).into()
}

#[test]
fn an_honest_attestation_is_accepted_once_and_served() {
	ExtBuilder::default().build_and_execute(|| {
		user_bought_10();
		let honest = honest_top_k(USER);
		let attestation = attestation_by(&attester_key(), USER, honest.clone());
		let call = call(attestation.clone());

		let validity = pool_validity(&call).unwrap();
		assert_eq!(validity.priority, 1 << 20);
		assert_eq!(validity.longevity, 5);
		assert_eq!(validity.provides.len(), 1);

		assert_ok!(call.clone().dispatch_bypass_filter(frame_system::RawOrigin::Authorized.into()));
		let record = Attestations::<Test>::get(USER).unwrap();
		assert_eq!(record.attester, ATTESTER);
		assert_eq!(record.attestation, attestation);
		assert_eq!(record.attested_at, 1);
		assert!(!StaleUsers::<Test>::contains_key(USER));
		let version = ActiveModel::<Test>::get().unwrap();
		assert_eq!(Models::<Test>::get(version).unwrap().attestations, 1);
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::Attested {
				user: USER,
				attester: ATTESTER,
				model_version: version,
				history_nonce: 1,
				items: 3,
			})
		);
		// The attester paid nothing: the call has no signer.
		assert_eq!(Balances::free_balance(ATTESTER), INITIAL_BALANCE - BOND);

		// The first valid one wins: the same (user, model, nonce) again is stale, in the pool
		// and in a block.
		assert_eq!(pool_validity(&call), Err(InvalidTransaction::Stale.into()));
		assert_noop!(attest(USER, honest), Error::<Test>::NotStale);
	});
}

#[test]
fn a_newer_purchase_makes_the_attestation_stale_and_allows_the_next() {
	ExtBuilder::default().build_and_execute(|| {
		attested(|honest| honest);
		let old = attestation_by(&attester_key(), USER, honest_top_k(USER));
		buy(USER, 12);
		assert_eq!(pool_validity(&call(old)), Err(InvalidTransaction::Stale.into()));
		assert_noop!(
			Recommendations::attest(
				frame_system::RawOrigin::Authorized.into(),
				Attestations::<Test>::get(USER).unwrap().attestation,
				sign(&Attestations::<Test>::get(USER).unwrap().attestation)
			),
			Error::<Test>::StaleHistory
		);
		assert_ok!(attest(USER, honest_top_k(USER)));
		assert_eq!(Attestations::<Test>::get(USER).unwrap().attestation.history_nonce, 2);
		let version = ActiveModel::<Test>::get().unwrap();
		assert_eq!(Models::<Test>::get(version).unwrap().attestations, 1);
	});
}

#[test]
fn the_pool_and_the_call_refuse_invalid_attestations() {
	ExtBuilder::default().build_and_execute(|| {
		user_bought_10();
		let honest = honest_top_k(USER);
		let key = attester_key();
		let refused =
			|attestation: AttestationOf<Test>, signature, error: fn() -> Error<Test>, pool| {
				let call = Call::<Test>::attest { attestation, signature };
				assert_eq!(pool_validity(&call), Err(pool));
				assert_noop!(
					call.dispatch_bypass_filter(frame_system::RawOrigin::Authorized.into()),
					error()
				);
			};
		let check = |attestation: AttestationOf<Test>, error: fn() -> Error<Test>| {
			let signature = sign(&attestation);
			refused(attestation, signature, error, custom(error()));
		};

		// A key nobody registered.
		check(attestation_by(&other_key(), USER, honest.clone()), || {
			Error::<Test>::UnknownAttester
		});
		// Another model version.
		let mut other_model = attestation_by(&key, USER, honest.clone());
		other_model.model_version += 1;
		check(other_model, || Error::<Test>::ModelNotActive);
		// A user who did not opt in.
		check(attestation_by(&key, CHALLENGER, honest.clone()), || Error::<Test>::NotParticipant);
		// A participant who bought nothing: not waiting for an attestation.
		let not_waiting = attestation_by(&key, OTHER, honest.clone());
		let signature = sign(&not_waiting);
		refused(
			not_waiting,
			signature,
			|| Error::<Test>::NotStale,
			InvalidTransaction::Stale.into(),
		);
		// Not ranked best first.
		let mut reversed = honest.clone();
		reversed.reverse();
		check(attestation_by(&key, USER, reversed), || Error::<Test>::NotRanked);
		// The same item twice.
		let twice = vec![honest[0], honest[0]];
		check(attestation_by(&key, USER, twice), || Error::<Test>::NotRanked);
		// An item the model does not have.
		let unknown = vec![honest[0], Recommendation { item: 99, score: i32::MIN }];
		check(attestation_by(&key, USER, unknown), || Error::<Test>::UnknownItem);
		// Signed by another key than the one it names.
		let attestation = attestation_by(&key, USER, honest.clone());
		let forged = sign(&attestation_by(&other_key(), USER, honest.clone()));
		refused(
			attestation,
			forged,
			|| Error::<Test>::BadSignature,
			InvalidTransaction::BadProof.into(),
		);
		// For an old history nonce.
		let mut old = attestation_by(&key, USER, honest.clone());
		old.history_nonce = 0;
		let signature = sign(&old);
		refused(old, signature, || Error::<Test>::StaleHistory, InvalidTransaction::Stale.into());
		// For the current nonce, but naming another history than the one the user has.
		let mut other_history = attestation_by(&key, USER, honest.clone());
		other_history.history_digest = HistoryOf::<Test>::default().digest();
		check(other_history, || Error::<Test>::WrongHistoryDigest);
		// Signed for another chain (another genesis hash).
		let attestation = attestation_by(&key, USER, honest);
		let other_chain = sp_runtime::RuntimeAppPublic::sign(
			&key,
			&attestation.signing_payload(sp_core::H256::repeat_byte(7).as_ref()),
		)
		.expect("the keystore signs");
		refused(
			attestation,
			other_chain,
			|| Error::<Test>::BadSignature,
			InvalidTransaction::BadProof.into(),
		);
	});
}

#[test]
fn the_call_needs_the_authorized_origin() {
	ExtBuilder::default().build_and_execute(|| {
		user_bought_10();
		let attestation = attestation_by(&attester_key(), USER, honest_top_k(USER));
		let signature = sign(&attestation);
		assert_noop!(
			Recommendations::attest(RuntimeOrigin::signed(ATTESTER), attestation, signature),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_outdated_attestation_is_removed_after_its_window_and_the_user_requeued() {
	ExtBuilder::default().build_and_execute(|| {
		attested(|honest| honest);
		assert_noop!(
			Recommendations::remove_attestation(RuntimeOrigin::signed(OTHER), USER),
			Error::<Test>::AttestationCurrent
		);
		// Current, even after the window: it stays.
		run_to_block(1 + CHALLENGE_WINDOW + 1);
		assert_noop!(
			Recommendations::remove_attestation(RuntimeOrigin::signed(OTHER), USER),
			Error::<Test>::AttestationCurrent
		);
		// A new model makes it outdated.
		approve_and_upload(&test_model());
		assert_ok!(Recommendations::remove_attestation(RuntimeOrigin::signed(OTHER), USER));
		assert!(!Attestations::<Test>::contains_key(USER));
		assert!(StaleUsers::<Test>::contains_key(USER));
		assert_eq!(recommendation_events().last(), Some(&Event::AttestationRemoved { user: USER }));
		assert_noop!(
			Recommendations::remove_attestation(RuntimeOrigin::signed(OTHER), USER),
			Error::<Test>::NoAttestation
		);
	});
}

#[test]
fn an_outdated_attestation_stays_while_it_may_be_challenged() {
	ExtBuilder::default().build_and_execute(|| {
		attested(|honest| honest);
		approve_and_upload(&test_model());
		assert_noop!(
			Recommendations::remove_attestation(RuntimeOrigin::signed(OTHER), USER),
			Error::<Test>::AttestationCurrent
		);
	});
}

#[test]
fn a_block_holds_at_most_its_caps_of_attestations() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Recommendations::register_attester(
			RuntimeOrigin::signed(UPLOADER),
			other_key(),
			key_proof(&other_key(), UPLOADER)
		));
		for user in [CHALLENGER, 7, 8] {
			assert_ok!(Recommendations::set_participation(RuntimeOrigin::signed(user), true));
		}
		// Three users wait (MAX_STALE).
		for user in [USER, OTHER, CHALLENGER] {
			buy(user, 10);
		}
		let by =
			|key: &crypto::AttesterId, user| call(attestation_by(key, user, honest_top_k(user)));
		let dispatch = |call: Call<Test>| {
			call.dispatch_bypass_filter(frame_system::RawOrigin::Authorized.into())
		};

		// The attester places two (MaxAttestationsPerAttester); its third waits in the pool.
		assert_ok!(dispatch(by(&attester_key(), USER)));
		assert_ok!(dispatch(by(&attester_key(), OTHER)));
		let third = by(&attester_key(), CHALLENGER);
		assert_eq!(pool_validity(&third), Err(InvalidTransaction::ExhaustsResources.into()));
		assert_noop!(dispatch(third), Error::<Test>::AttestationsExhausted);
		// Another attester places the block's third (MaxAttestationsPerBlock); then the block is
		// full for every attester.
		buy(7, 10);
		buy(8, 10);
		assert_ok!(dispatch(by(&other_key(), CHALLENGER)));
		let fourth = by(&other_key(), 7);
		assert_eq!(pool_validity(&fourth), Err(InvalidTransaction::ExhaustsResources.into()));
		assert_noop!(dispatch(fourth), Error::<Test>::AttestationsExhausted);
		assert_eq!(AttestationsInBlock::<Test>::get().counts(&1, &ATTESTER), (3, 2));
		assert_eq!(AttestationsInBlock::<Test>::get().counts(&1, &UPLOADER), (3, 1));

		// The next block has room again.
		run_to_block(2);
		assert_eq!(AttestationsInBlock::<Test>::get().counts(&2, &ATTESTER), (0, 0));
		assert_ok!(dispatch(by(&attester_key(), 7)));
		assert_ok!(dispatch(by(&other_key(), 8)));
		assert_eq!(AttestationsInBlock::<Test>::get().counts(&2, &UPLOADER), (2, 1));
	});
}
