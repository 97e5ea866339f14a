//! Recommendations through the real runtime and the dev chain's genesis: a completed purchase
//! feeds the dev model, Alice's attestation goes through the real transaction extensions without
//! a fee, and a fraudulent one is proven by a challenge and slashed.

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_inference::Recommendation;
use bazaar_runtime::{
	configs::commerce::{AttesterBond, ChallengeDeposit, ChallengerReward, TreasuryAccount},
	genesis_config_presets::DEMO_CATALOG,
	Executive, Recommendations, Runtime,
};
use bazaar_runtime_tests::*;
use frame_support::{assert_ok, traits::fungible::InspectHold};
use pallet_recommendations::{
	crypto::AttesterSignature, AttestationOf, Attestations, Claim, HoldReason, StaleUsers,
};
use sp_keyring::Sr25519Keyring::{Alice, Charlie, Eve};

/// `items` for Charlie's current history, signed with Alice's `reco` key (her sr25519 dev key).
fn alices_attestation(items: Vec<Recommendation>) -> (AttestationOf<Runtime>, AttesterSignature) {
	attestation(Alice, Charlie, items)
}

/// Submits the attestation as Alice's off-chain worker does: an authorized transaction with the
/// runtime's transaction extensions, validated as the pool does, then applied.
fn submit(attestation: AttestationOf<Runtime>, signature: AttesterSignature) {
	let xt = authorized_attest(attestation, signature);
	assert_ok!(Executive::validate_transaction(
		sp_runtime::transaction_validity::TransactionSource::External,
		xt.clone(),
		Default::default(),
	));
	assert_ok!(Executive::apply_extrinsic(xt).unwrap());
}

#[test]
fn the_dev_chain_starts_with_the_committed_model_and_demo_shop() {
	dev_chain().execute_with(|| {
		let info = Recommendations::active_model_info().unwrap();
		let committed = include_str!("../../../runtime/dev-model/model.digest").trim();
		assert_eq!(format!("{:x}", info.digest), committed);
		assert_eq!(info.header, dev_model().header);
		assert_eq!(info.header.item_count as usize, DEMO_CATALOG.len());
		for (id, (title, ..)) in DEMO_CATALOG.iter().enumerate() {
			let listing = pallet_listings::Listings::<Runtime>::get(id as u32).unwrap();
			assert_eq!(listing.metadata.to_vec(), title.as_bytes().to_vec());
		}
		assert!(pallet_recommendations::Attesters::<Runtime>::contains_key(account(Alice)));
		assert!(pallet_recommendations::Participants::<Runtime>::contains_key(account(Charlie)));
	});
}

#[test]
fn a_purchase_feeds_the_model_and_an_honest_attestation_is_served_without_a_fee() {
	dev_chain().execute_with(|| {
		charlie_buys_the_grinder();
		assert!(StaleUsers::<Runtime>::contains_key(account(Charlie)));

		// The dev model learned the shop's categories: a coffee purchase ranks the four coffee
		// listings first.
		let honest = honest_top(Charlie, 10);
		let mut first_four: Vec<u32> = honest[..4].iter().map(|r| r.item).collect();
		first_four.sort();
		assert_eq!(first_four, vec![0, 1, 2, 3]);

		let alice_before = free(&account(Alice));
		let (attestation, signature) = alices_attestation(honest.clone());
		submit(attestation, signature);

		assert_eq!(free(&account(Alice)), alice_before, "attesting costs the attester nothing");
		assert!(!StaleUsers::<Runtime>::contains_key(account(Charlie)));
		let served = Recommendations::recommendations_of(&account(Charlie)).unwrap();
		assert_eq!(served.attester, account(Alice));
		assert_eq!(served.items, honest);
		for recommendation in &honest {
			assert_eq!(
				Recommendations::score_of(&account(Charlie), recommendation.item),
				Some(recommendation.score)
			);
		}

		// Challenging an honest list fails and costs the challenger its deposit.
		let left_out = (0..DEMO_CATALOG.len() as u32)
			.find(|item| !honest.iter().any(|r| r.item == *item))
			.unwrap();
		let (eve_before, treasury_before) = (free(&account(Eve)), free(&TreasuryAccount::get()));
		assert_ok!(Recommendations::challenge(
			signed(Eve),
			account(Charlie),
			Claim::MissedItem(left_out)
		));
		assert_eq!(free(&account(Eve)), eve_before - ChallengeDeposit::get());
		assert_eq!(free(&TreasuryAccount::get()), treasury_before + ChallengeDeposit::get());
		assert!(Attestations::<Runtime>::contains_key(account(Charlie)));
	});
}

#[test]
fn a_fraudulent_attestation_is_challenged_and_slashed() {
	dev_chain().execute_with(|| {
		charlie_buys_the_grinder();
		// Alice leaves the best item out and ranks the 11th instead.
		let top_11 = honest_top(Charlie, 11);
		let best = top_11[0].item;
		let (attestation, signature) = alices_attestation(top_11[1..].to_vec());
		submit(attestation, signature);

		let treasury_before = free(&TreasuryAccount::get());
		let eve_before = free(&account(Eve));
		assert_ok!(Recommendations::challenge(
			signed(Eve),
			account(Charlie),
			Claim::MissedItem(best)
		));

		let bond = AttesterBond::get();
		let reward = ChallengerReward::get() * bond;
		assert_eq!(free(&account(Eve)), eve_before + reward);
		assert_eq!(free(&TreasuryAccount::get()), treasury_before + bond - reward);
		let held = bazaar_runtime::Balances::balance_on_hold(
			&HoldReason::AttesterBond.into(),
			&account(Alice),
		);
		assert_eq!(held, 0);
		assert!(!pallet_recommendations::Attesters::<Runtime>::contains_key(account(Alice)));
		assert!(!Attestations::<Runtime>::contains_key(account(Charlie)));
		assert!(StaleUsers::<Runtime>::contains_key(account(Charlie)));
	});
}

/// The storage proof a worst-case challenge adds to its block, measured on the largest model the
/// runtime accepts: it must stay within the proof the challenge is charged before dispatch
/// (weight reclaim returns the difference). `benchmarks/results/weights-comparison.md` reports
/// both.
#[test]
fn a_worst_case_challenge_proof_on_the_largest_model_is_within_its_charged_proof_and_20_kib() {
	use frame_support::traits::Get;
	use pallet_recommendations::{Config, WeightInfo};
	let proof = bazaar_runtime_tests::challenge_proof::worst_case();
	let charged = <<Runtime as Config>::WeightInfo as WeightInfo>::challenge().proof_size();
	println!("{proof:?}; charged {charged} B");
	let largest: u32 = <Runtime as Config>::MaxModelItems::get();
	assert_eq!(proof.model_items, largest);
	assert!(proof.recorded <= charged, "{proof:?} above the charged {charged} B");
	assert!(proof.compact < proof.recorded, "{proof:?}");
	// The target: a challenge of a full history fits 20 KiB, as it reads the stored taste
	// instead of a row per purchase.
	assert!(proof.recorded <= 20 * 1024, "{proof:?} above 20 KiB");
	let single = bazaar_runtime_tests::challenge_proof::with_history(1);
	assert!(
		proof.recorded < single.recorded + 2 * 1024,
		"a full history ({proof:?}) costs about what one purchase does ({single:?})"
	);
}
