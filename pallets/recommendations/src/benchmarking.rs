//! Benchmarks (v2) of the recommendations pallet. Each covers the worst case of its call: models
//! of the largest dimension ([`bazaar_inference::MAX_DIM`]), full histories, full attestations,
//! the upload batch that activates a model and retires the previous one, the reap that removes
//! a model, the challenge that slashes, and the build of a full history's taste.

use super::*;
use alloc::vec::Vec;
use bazaar_inference::{
	Embedding, ItemRow, ModelFile, ModelHeader, Purchase, ScoringTable, TasteVector, UserProfile,
	FORMAT_VERSION, MAX_DIM,
};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::{Authorize, TransactionSource},
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	weights::Weight,
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::{
	traits::{One, Zero},
	RuntimeAppPublic, Saturating,
};

const SEED: u32 = 0;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let amount = T::AttesterBond::get()
		.saturating_add(T::ChallengeDeposit::get())
		.saturating_add(T::RowDeposit::get().saturating_mul(T::MaxModelItems::get().into()))
		.saturating_mul(2u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(&who, amount);
	who
}

fn header(item_count: u32) -> ModelHeader {
	ModelHeader {
		format_version: FORMAT_VERSION,
		dim: MAX_DIM,
		item_count,
		recency_decay_q15: 29_491,
		user_shift: 12,
		repeat_weight: 0,
		flags: 0,
	}
}

/// A full-dimension row whose values depend on the item, so items score differently.
fn row(item: u32) -> ItemRow {
	let values = |salt: u32| -> Vec<i8> {
		(0..u32::from(MAX_DIM))
			.map(|d| {
				((item.wrapping_mul(31).wrapping_add(d.wrapping_mul(17)).wrapping_add(salt)) % 255)
					as i32 - 127
			})
			.map(|v| v as i8)
			.collect()
	};
	ItemRow {
		input: Embedding::new(values(3)).unwrap_or_default(),
		output: Embedding::new(values(7)).unwrap_or_default(),
		bias: (item % 13) as i32,
	}
}

fn model_file(items: u32) -> ModelFile {
	ModelFile { header: header(items), rows: (0..items).map(|item| (item, row(item))).collect() }
}

/// Stores `model` as the active model, as if uploaded, and returns its version.
fn activate<T: Config>(model: &ModelFile) -> ModelVersion {
	let version = NextModelVersion::<T>::get();
	NextModelVersion::<T>::put(version.saturating_add(1));
	for (item, row) in &model.rows {
		ModelRows::<T>::insert(version, item, row);
	}
	if let Some(old) = ActiveModel::<T>::get() {
		Models::<T>::mutate(old, |m| {
			if let Some(m) = m {
				m.status = ModelStatus::Retired;
			}
		});
	}
	Models::<T>::insert(
		version,
		Model {
			digest: H256(model.digest(sp_io::hashing::blake2_256)),
			header: model.header.clone(),
			uploader: account("uploader", 0, SEED),
			deposit: Zero::zero(),
			status: ModelStatus::Active { since: Zero::zero() },
			attestations: 0,
		},
	);
	ActiveModel::<T>::put(version);
	version
}

/// Makes `user` a participant with a full history of distinct items `0..MaxHistory` and its
/// taste under the active model (a full-dimension one is activated if there is none): the most
/// work for the purchase hook (other pallets' benchmarks call it for their settling calls).
pub fn make_full_history_participant<T: Config>(user: &T::AccountId) {
	make_full_history::<T>(user);
	let version = match ActiveModel::<T>::get() {
		Some(version) => version,
		None => activate::<T>(&model_file(world_items::<T>())),
	};
	let Some(model) = Models::<T>::get(version) else { return };
	let history = Histories::<T>::get(user);
	let rows = |item| ModelRows::<T>::get(version, item);
	if let Ok(taste) = TasteVector::replay(&model.header, &history.purchases, rows) {
		TasteVectors::<T>::insert(version, user, taste);
	}
}

/// Makes `user` a participant with a full history of distinct items `0..MaxHistory`, and no
/// taste.
fn make_full_history<T: Config>(user: &T::AccountId) {
	Participants::<T>::insert(user, ());
	let purchases: Vec<Purchase> =
		(0..T::MaxHistory::get()).map(|i| Purchase { item: i, basket: i }).collect();
	let count = purchases.len() as u64;
	Histories::<T>::insert(
		user,
		History {
			purchases: BoundedVec::truncate_from(purchases),
			nonce: count,
			next_basket: count as u32,
		},
	);
}

/// The items of the benchmarks' model: the history items and `K + 1` more.
fn world_items<T: Config>() -> u32 {
	T::MaxHistory::get()
		.saturating_add(T::RecommendationsPerUser::get())
		.saturating_add(1)
}

/// A participant with a full history of distinct items `0..MaxHistory`.
fn participant_with_full_history<T: Config>() -> T::AccountId {
	let user: T::AccountId = account("user", 0, SEED);
	make_full_history_participant::<T>(&user);
	user
}

/// A model with the history items and `K + 1` more, active; a participant with a full history
/// and its taste.
fn world<T: Config>() -> (ModelFile, T::AccountId) {
	let model = model_file(world_items::<T>());
	activate::<T>(&model);
	let user = participant_with_full_history::<T>();
	// Waiting for an attestation, as after a purchase.
	StaleUsers::<T>::insert(&user, ());
	(model, user)
}

/// The current block with all but one of its attestations placed, each by another attester:
/// the largest record the caps are checked against, with room for one more.
fn crowded_block<T: Config>() {
	let others = T::MaxAttestationsPerBlock::get().saturating_sub(1);
	let mut in_block = BlockAttestationsOf::<T>::default();
	for index in 0..others {
		in_block.record(frame_system::Pallet::<T>::block_number(), account("other", index, SEED));
	}
	AttestationsInBlock::<T>::put(in_block);
}

/// The honest ranking of `k` items for `user` under `model`.
fn ranking<T: Config>(
	model: &ModelFile,
	user: &T::AccountId,
	k: u32,
) -> Vec<bazaar_inference::Recommendation> {
	let history = Histories::<T>::get(user);
	let table = ScoringTable::new(model).ok();
	let profile =
		UserProfile::build(&model.header, &history.purchases, |item| model.row(item).cloned()).ok();
	match (table, profile) {
		(Some(table), Some(profile)) => table.top_k(&profile, k).unwrap_or_default(),
		_ => Vec::new(),
	}
}

/// A registered attester with a fresh key in the keystore.
fn attester<T: Config>() -> (T::AccountId, T::AttesterId) {
	let who = funded::<T>("attester", 0);
	let key = T::AttesterId::generate_pair(None);
	let _ = Pallet::<T>::register_attester_key(who.clone(), key.clone());
	(who, key)
}

/// A signed attestation of `items` for `user` by `key`.
fn signed<T: Config>(
	key: &T::AttesterId,
	user: &T::AccountId,
	items: Vec<bazaar_inference::Recommendation>,
) -> (AttestationOf<T>, T::AttesterSignature) {
	let attestation = Attestation {
		user: user.clone(),
		model_version: ActiveModel::<T>::get().unwrap_or_default(),
		history_nonce: Histories::<T>::get(user).nonce,
		history_digest: Histories::<T>::get(user).digest(),
		items: BoundedVec::truncate_from(items),
		attester: key.clone(),
	};
	let signature = key.sign(&Pallet::<T>::signing_payload(&attestation));
	(attestation, signature.unwrap_or_else(|| panic!("the benchmark keystore signs")))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn approve_model() -> Result<(), BenchmarkError> {
		let origin =
			T::ModelOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let uploader: T::AccountId = account("uploader", 0, SEED);
		let version = NextModelVersion::<T>::get();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			H256::repeat_byte(1),
			header(T::MaxModelItems::get()),
			uploader,
		);

		assert!(Models::<T>::contains_key(version));
		Ok(())
	}

	/// The batch that completes a model of `n` rows: it activates the model and retires the
	/// one active before.
	#[benchmark]
	fn upload_rows(n: Linear<1, { T::MaxRowsPerUpload::get() }>) -> Result<(), BenchmarkError> {
		activate::<T>(&model_file(1));
		let model = model_file(n);
		let uploader = funded::<T>("uploader", 0);
		let version = NextModelVersion::<T>::get();
		Pallet::<T>::do_approve_model(
			H256(model.digest(sp_io::hashing::blake2_256)),
			model.header.clone(),
			uploader.clone(),
		)?;
		let batch: RowBatchOf<T> = BoundedVec::truncate_from(model.rows.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(uploader), version, batch);

		assert_eq!(ActiveModel::<T>::get(), Some(version));
		Ok(())
	}

	/// Removing the last `n` rows of a retired model, which also releases the deposit.
	#[benchmark]
	fn reap_model(n: Linear<0, { T::MaxRowsPerUpload::get() }>) -> Result<(), BenchmarkError> {
		// The heavier case: an upload abandoned past its window, retired (one more write and an
		// event) before its `n` rows are removed.
		let version = activate::<T>(&model_file(n));
		activate::<T>(&model_file(1));
		Models::<T>::mutate(version, |model| {
			if let Some(model) = model {
				model.status = ModelStatus::Uploading {
					rows: n,
					last_item: n.checked_sub(1),
					digest: H256::zero(),
					upload_by: Zero::zero(),
				};
			}
		});
		frame_system::Pallet::<T>::set_block_number(One::one());
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), version, T::MaxRowsPerUpload::get());

		assert!(!Models::<T>::contains_key(version));
		Ok(())
	}

	/// Opting out with a full history, an attestation and a place among the stale users.
	#[benchmark]
	fn set_participation() -> Result<(), BenchmarkError> {
		let (model, user) = world::<T>();
		let (_, key) = attester::<T>();
		let (attestation, signature) =
			signed::<T>(&key, &user, ranking::<T>(&model, &user, T::RecommendationsPerUser::get()));
		Pallet::<T>::do_attest(attestation, signature)?;
		StaleUsers::<T>::insert(&user, ());

		#[extrinsic_call]
		_(RawOrigin::Signed(user.clone()), false);

		assert!(!Participants::<T>::contains_key(&user));
		Ok(())
	}

	#[benchmark]
	fn register_attester() -> Result<(), BenchmarkError> {
		let who = funded::<T>("attester", 0);
		let key = T::AttesterId::generate_pair(None);
		let proof = key
			.sign(&Pallet::<T>::key_ownership_statement(&who))
			.ok_or(BenchmarkError::Stop("the keystore holds the key it generated"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), key, proof);

		assert!(Attesters::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn unregister_attester() {
		let (who, key) = attester::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(who));

		assert!(!AttesterKeys::<T>::contains_key(&key));
	}

	#[benchmark]
	fn withdraw_bond() -> Result<(), BenchmarkError> {
		let (who, _) = attester::<T>();
		Pallet::<T>::do_unregister_attester(who.clone())?;
		let later =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		frame_system::Pallet::<T>::set_block_number(later);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Attesters::<T>::contains_key(&who));
		Ok(())
	}

	/// A full attestation replacing the user's previous one.
	#[benchmark]
	fn attest() -> Result<(), BenchmarkError> {
		let (model, user) = world::<T>();
		let (_, key) = attester::<T>();
		let k = T::RecommendationsPerUser::get();
		let (old, old_signature) = signed::<T>(&key, &user, ranking::<T>(&model, &user, k));
		Pallet::<T>::do_attest(old, old_signature)?;
		Histories::<T>::mutate(&user, |history| history.nonce = history.nonce.saturating_add(1));
		StaleUsers::<T>::insert(&user, ());
		crowded_block::<T>();
		let (attestation, signature) = signed::<T>(&key, &user, ranking::<T>(&model, &user, k));

		#[extrinsic_call]
		_(RawOrigin::Authorized, attestation, signature);

		assert_eq!(
			Attestations::<T>::get(&user).map(|r| r.attestation.history_nonce),
			Some(Histories::<T>::get(&user).nonce)
		);
		Ok(())
	}

	/// The pool's checks of a full attestation.
	#[benchmark]
	fn authorize_attest() -> Result<(), BenchmarkError> {
		let (model, user) = world::<T>();
		let (_, key) = attester::<T>();
		let items = ranking::<T>(&model, &user, T::RecommendationsPerUser::get());
		let (attestation, signature) = signed::<T>(&key, &user, items);
		let call = Call::<T>::attest { attestation, signature };
		crowded_block::<T>();

		#[block]
		{
			call.authorize(TransactionSource::External)
				.ok_or("attest must be authorized")?
				.map_err(|_| "the attestation must be valid")?;
		}
		Ok(())
	}

	/// A `MissedItem` challenge that proves fraud: it builds the profile from a full history and
	/// a full-dimension taste, scores the candidate from its row, and slashes the attester.
	#[benchmark]
	fn challenge() -> Result<(), BenchmarkError> {
		let (model, user) = world::<T>();
		let (_, key) = attester::<T>();
		let k = T::RecommendationsPerUser::get();
		let honest = ranking::<T>(&model, &user, k.saturating_add(1));
		let best = honest.first().map(|r| r.item).ok_or("the model ranks items")?;
		let (attestation, signature) =
			signed::<T>(&key, &user, honest.iter().skip(1).copied().collect());
		Pallet::<T>::do_attest(attestation, signature)?;
		let challenger = funded::<T>("challenger", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), user.clone(), Claim::MissedItem(best));

		assert!(!Attestations::<T>::contains_key(&user));
		Ok(())
	}

	#[benchmark]
	fn remove_attestation() -> Result<(), BenchmarkError> {
		let (model, user) = world::<T>();
		let (_, key) = attester::<T>();
		let items = ranking::<T>(&model, &user, T::RecommendationsPerUser::get());
		let (attestation, signature) = signed::<T>(&key, &user, items);
		Pallet::<T>::do_attest(attestation, signature)?;
		Histories::<T>::mutate(&user, |history| history.nonce = history.nonce.saturating_add(1));
		let later = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::ChallengeWindow::get())
			.saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(later);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), user.clone());

		assert!(!Attestations::<T>::contains_key(&user));
		Ok(())
	}

	/// Not a call: the off-chain worker's inference for one stale user, in the runtime WASM
	/// (the node runs its off-chain worker there), over a model of `i` full-dimension items: the
	/// profile from a full history and the top-k. Loading the model and building its scoring
	/// table happen once per block for all users and are not included. Measured to report the
	/// worker's users per second (`benchmarks/results/weights-comparison.md`).
	#[benchmark]
	fn ocw_rank_user(
		i: Linear<
			{ T::MaxHistory::get().saturating_add(T::RecommendationsPerUser::get()) },
			{ T::MaxModelItems::get() },
		>,
	) -> Result<(), BenchmarkError> {
		let model = model_file(i);
		let table = ScoringTable::new(&model).map_err(|_| "the benchmark model scores")?;
		let history = Histories::<T>::get(participant_with_full_history::<T>());
		let taste =
			TasteVector::replay(&model.header, &history.purchases, |item| model.row(item).cloned())
				.map_err(|_| "a full history replays")?;
		let ranked;

		#[block]
		{
			ranked = Pallet::<T>::rank(&model, &table, &history, &taste);
		}

		let ranked = ranked.map_err(|_| "a full history ranks")?;
		assert_eq!(ranked.len(), T::RecommendationsPerUser::get() as usize);
		Ok(())
	}

	/// Not a call: one participant's taste built from its history in `on_idle` after a model's
	/// activation, in the worst case: a full history of distinct items of a full-dimension
	/// model, and the user marked stale. Includes the fixed cost of one `build_tastes` pass (the
	/// progress, the model), which is charged again separately.
	#[benchmark]
	fn build_taste() -> Result<(), BenchmarkError> {
		let version = activate::<T>(&model_file(world_items::<T>()));
		let user: T::AccountId = account("user", 0, SEED);
		make_full_history::<T>(&user);
		TasteRebuild::<T>::put(TasteRebuildProgress { version, last: None });

		#[block]
		{
			Pallet::<T>::build_tastes(Weight::MAX);
		}

		assert!(TasteVectors::<T>::contains_key(version, &user));
		assert!(StaleUsers::<T>::contains_key(&user));
		assert!(!TasteRebuild::<T>::exists());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
