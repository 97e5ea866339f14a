//! The storage proof of a worst-case challenge, measured on the real runtime: what a collator
//! puts into the block's proof of validity for it. The runtime test checks it against the proof
//! the challenge is charged; `bazaar-weights-compare` reports it.

use crate::{account, attestation, authorized_attest, dev_chain, signed};
use bazaar_inference::{
	Embedding, ItemRow, ModelFile, ModelHeader, Purchase, ScoringTable, TasteVector, UserProfile,
	FORMAT_VERSION, MAX_DIM,
};
use bazaar_runtime::{Executive, Recommendations, Runtime, System};
use codec::Encode;
use frame_support::{assert_ok, traits::Get};
use pallet_recommendations::{
	ActiveModel, Attestations, Claim, Config, Histories, History, ModelRows, ModelStatus, Models,
	NextModelVersion, Participants, StaleUsers, TasteVectors,
};
use sp_keyring::Sr25519Keyring::{Alice, Charlie, Eve};
use sp_runtime::traits::BlakeTwo256;

/// The proof of one challenge.
#[derive(Debug)]
pub struct ChallengeProof {
	/// Items in the active model.
	pub model_items: u32,
	/// Purchases in the challenged user's history (each with a share in the profile).
	pub history: u32,
	/// The proof as recorded (what weight reclaim measures), in bytes.
	pub recorded: u64,
	/// The same proof compacted (what the collator sends), in bytes.
	pub compact: u64,
}

/// The proof of the costliest challenge: [`with_history`] of a full history.
pub fn worst_case() -> ChallengeProof {
	with_history(<Runtime as Config>::MaxHistory::get())
}

/// The proof of a challenge on the largest model the runtime accepts (`MaxModelItems` rows of
/// `MAX_DIM` values): Charlie's history holds `history` distinct items spread over the catalog,
/// each with a share in the profile, and its full-dimension taste; Alice attested a full list
/// that leaves out the best item, and Eve's `MissedItem` claim proves it and slashes her bond.
/// The challenge reads the history, the taste and the candidate's row, not the history's rows.
pub fn with_history(history: u32) -> ChallengeProof {
	let items: u32 = <Runtime as Config>::MaxModelItems::get();
	let k: u32 = <Runtime as Config>::RecommendationsPerUser::get();
	let model = model(items);

	let mut chain = dev_chain();
	let best = chain.execute_with(|| {
		let version = activate(&model);
		let purchases: Vec<_> = (0..history)
			.map(|i| Purchase { item: i * (items / history.max(1)), basket: i })
			.collect();
		Participants::<Runtime>::insert(account(Charlie), ());
		Histories::<Runtime>::insert(
			account(Charlie),
			History {
				purchases: purchases.clone().try_into().unwrap(),
				nonce: u64::from(history),
				next_basket: history,
			},
		);
		// Waiting for an attestation, as after a purchase; its taste as the purchases left it.
		StaleUsers::<Runtime>::insert(account(Charlie), ());
		let taste = TasteVector::replay(&model.header, &purchases, |item| model.row(item).cloned())
			.unwrap();
		TasteVectors::<Runtime>::insert(version, account(Charlie), taste);
		let profile =
			UserProfile::build(&model.header, &purchases, |item| model.row(item).cloned()).unwrap();
		assert!(purchases.iter().all(|p| profile.share_of(p.item) > 0), "every row is read");
		let top = ScoringTable::new(&model).unwrap().top_k(&profile, k + 1).unwrap();
		let fraudulent = attestation(Alice, Charlie, top[1..].to_vec());
		assert_ok!(
			Executive::apply_extrinsic(authorized_attest(fraudulent.0, fraudulent.1)).unwrap()
		);
		top[0].item
	});
	// Everything above is in the backend now, so the challenge reads it through the recorder.
	chain.commit_all().unwrap();
	let root = *chain.backend.root();
	let (challenged, proof) = chain.execute_and_prove(|| {
		Recommendations::challenge(signed(Eve), account(Charlie), Claim::MissedItem(best))
	});
	assert_ok!(challenged);
	chain.execute_with(|| {
		assert!(!Attestations::<Runtime>::contains_key(account(Charlie)), "fraud proven");
	});
	ChallengeProof {
		model_items: items,
		history,
		recorded: proof.encoded_size() as u64,
		compact: proof.into_compact_proof::<BlakeTwo256>(root).unwrap().encoded_size() as u64,
	}
}

/// A model of `items` full-dimension rows whose values vary by item, so items score differently.
fn model(items: u32) -> ModelFile {
	let values = |item: u32, salt: u32| -> Embedding {
		let values = (0..u32::from(MAX_DIM))
			.map(|d| (((item.wrapping_mul(31) + d * 17 + salt) % 255) as i32 - 127) as i8)
			.collect();
		Embedding::new(values).unwrap()
	};
	let row = |item: u32| ItemRow {
		input: values(item, 3),
		output: values(item, 7),
		bias: (item % 13) as i32,
	};
	ModelFile {
		header: ModelHeader {
			format_version: FORMAT_VERSION,
			dim: MAX_DIM,
			item_count: items,
			// A slow decay: every purchase of a full history keeps a share of the profile.
			recency_decay_q15: 32_000,
			user_shift: 12,
			repeat_weight: 0,
			flags: 0,
		},
		rows: (0..items).map(|item| (item, row(item))).collect(),
	}
}

/// Stores `model` as the active model in place of the dev model, as an approved upload leaves it;
/// returns its version.
fn activate(model: &ModelFile) -> u32 {
	let version = NextModelVersion::<Runtime>::get();
	NextModelVersion::<Runtime>::put(version + 1);
	for (item, row) in &model.rows {
		ModelRows::<Runtime>::insert(version, item, row);
	}
	let previous = ActiveModel::<Runtime>::get().unwrap();
	let mut active = Models::<Runtime>::get(previous).unwrap();
	Models::<Runtime>::mutate(previous, |m| m.as_mut().unwrap().status = ModelStatus::Retired);
	active.header = model.header.clone();
	active.digest = sp_core::H256(model.digest(sp_io::hashing::blake2_256));
	active.status = ModelStatus::Active { since: System::block_number() };
	active.attestations = 0;
	Models::<Runtime>::insert(version, active);
	ActiveModel::<Runtime>::put(version);
	version
}
