//! Registering, leaving and withdrawing the bond.

use super::*;

#[test]
fn register_holds_the_bond_and_maps_the_key() {
	ExtBuilder::default().without_attester().build_and_execute(|| {
		let key = attester_key();
		assert_ok!(Recommendations::register_attester(
			RuntimeOrigin::signed(ATTESTER),
			key.clone(),
			key_proof(&key, ATTESTER)
		));
		assert_eq!(held(HoldReason::AttesterBond, ATTESTER), BOND);
		assert_eq!(AttesterKeys::<Test>::get(&key), Some(ATTESTER));
		assert_eq!(
			Attesters::<Test>::get(ATTESTER),
			Some(Attester { key: key.clone(), bond: BOND, unbonds_at: None })
		);
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::AttesterRegistered { attester: ATTESTER, key, bond: BOND })
		);
	});
}

#[test]
fn register_is_checked() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Recommendations::register_attester(
				RuntimeOrigin::signed(ATTESTER),
				other_key(),
				key_proof(&other_key(), ATTESTER)
			),
			Error::<Test>::AlreadyAttester
		);
		assert_noop!(
			Recommendations::register_attester(
				RuntimeOrigin::signed(OTHER),
				attester_key(),
				key_proof(&attester_key(), OTHER)
			),
			Error::<Test>::KeyInUse
		);
		assert_noop!(
			Recommendations::register_attester(
				RuntimeOrigin::signed(POOR),
				other_key(),
				key_proof(&other_key(), POOR)
			),
			Error::<Test>::InsufficientBond
		);
	});
}

#[test]
fn register_needs_the_keys_proof_for_the_callers_account() {
	ExtBuilder::default().without_attester().build_and_execute(|| {
		// The key's proof for another account (seen on chain, say) does not register it here.
		assert_noop!(
			Recommendations::register_attester(
				RuntimeOrigin::signed(OTHER),
				attester_key(),
				key_proof(&attester_key(), ATTESTER)
			),
			Error::<Test>::InvalidKeyProof
		);
		// Another key's proof for this account does not either.
		assert_noop!(
			Recommendations::register_attester(
				RuntimeOrigin::signed(OTHER),
				attester_key(),
				key_proof(&other_key(), OTHER)
			),
			Error::<Test>::InvalidKeyProof
		);
		// Nor does the key's signature of anything else, an attestation's bytes say.
		let signature =
			sp_runtime::RuntimeAppPublic::sign(&attester_key(), &b"not a statement".to_vec())
				.unwrap();
		assert_noop!(
			Recommendations::register_attester(
				RuntimeOrigin::signed(OTHER),
				attester_key(),
				signature
			),
			Error::<Test>::InvalidKeyProof
		);
		assert_ok!(Recommendations::register_attester(
			RuntimeOrigin::signed(ATTESTER),
			attester_key(),
			key_proof(&attester_key(), ATTESTER)
		));
	});
}

#[test]
fn the_ownership_statement_is_the_sdks_proof_of_possession() {
	use sp_core::{crypto::Pair as _, proof_of_possession::ProofOfPossessionVerifier};
	ExtBuilder::default().without_attester().build_and_execute(|| {
		// A proof made the SDK's way (as `author_rotateKeysWithOwner` makes it) is accepted.
		let mut pair = sp_core::sr25519::Pair::from_string("//Attester", None).unwrap();
		let owner = codec::Encode::encode(&ATTESTER);
		let proof =
			sp_core::proof_of_possession::ProofOfPossessionGenerator::generate_proof_of_possession(
				&mut pair, &owner,
			);
		assert!(sp_core::sr25519::Pair::verify_proof_of_possession(&owner, &proof, &pair.public()));
		assert_ok!(Recommendations::register_attester(
			RuntimeOrigin::signed(ATTESTER),
			attester_key(),
			proof.into()
		));
	});
}

#[test]
fn leaving_stops_attesting_at_once_and_frees_the_bond_after_unbonding() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Recommendations::withdraw_bond(RuntimeOrigin::signed(ATTESTER)),
			Error::<Test>::NotLeaving
		);
		assert_ok!(Recommendations::unregister_attester(RuntimeOrigin::signed(ATTESTER)));
		let unbonds_at = 1 + UNBONDING;
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::AttesterLeaving { attester: ATTESTER, unbonds_at })
		);
		assert!(!AttesterKeys::<Test>::contains_key(attester_key()));
		user_bought_10();
		assert_noop!(attest(USER, honest_top_k(USER)), Error::<Test>::UnknownAttester);
		assert_noop!(
			Recommendations::unregister_attester(RuntimeOrigin::signed(ATTESTER)),
			Error::<Test>::AlreadyLeaving
		);

		run_to_block(unbonds_at - 1);
		assert_noop!(
			Recommendations::withdraw_bond(RuntimeOrigin::signed(ATTESTER)),
			Error::<Test>::StillBonded
		);
		run_to_block(unbonds_at);
		assert_ok!(Recommendations::withdraw_bond(RuntimeOrigin::signed(ATTESTER)));
		assert_eq!(held(HoldReason::AttesterBond, ATTESTER), 0);
		assert!(!Attesters::<Test>::contains_key(ATTESTER));
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::BondWithdrawn { attester: ATTESTER, bond: BOND })
		);
	});
}

#[test]
fn only_attesters_leave_or_withdraw() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Recommendations::unregister_attester(RuntimeOrigin::signed(OTHER)),
			Error::<Test>::NotAttester
		);
		assert_noop!(
			Recommendations::withdraw_bond(RuntimeOrigin::signed(OTHER)),
			Error::<Test>::NotAttester
		);
	});
}
