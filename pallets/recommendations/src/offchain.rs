//! The off-chain worker of an attester's node: top-k for stale users, signed and submitted.
//!
//! It runs on every node with off-chain workers enabled, but does nothing unless the keystore
//! holds the `reco` key of a registered, active attester. Then, per block, it takes up to
//! [`Config::MaxAttestationsPerAttester`] stale users that it has not submitted for yet, computes
//! their top [`Config::RecommendationsPerUser`] items with [`bazaar_inference`] under the active
//! model, signs each attestation and submits it to the local transaction pool as an authorized
//! transaction. A persistent off-chain record per user, `(model version, history nonce, block)`,
//! keeps it from submitting the same attestation again for
//! [`Config::AttestationLongevity`] blocks (the time the pool keeps the first one).
//!
//! Logs go to the `runtime::recommendations` target: one `info` line per submission, `warn` for
//! failures, `debug` for skipped work.

use crate::{pallet::*, types::*, LOG_TARGET};
use alloc::vec::Vec;
use bazaar_inference::{
	ItemRow, ModelError, ModelFile, ModelHeader, Recommendation, ScoringTable, TasteVector,
	UserProfile,
};
use codec::Encode;
use frame_support::{traits::Get, BoundedVec};
use frame_system::{
	offchain::{CreateTransactionBase, SubmitTransaction},
	pallet_prelude::BlockNumberFor,
};
use sp_runtime::{
	offchain::storage::{MutateStorageError, StorageValueRef},
	traits::Saturating,
	RuntimeAppPublic,
};

/// The prefix of the worker's per-user submission records in persistent off-chain storage.
const SUBMITTED_PREFIX: &[u8] = b"bazaar/recommendations/submitted/";

impl<T: Config> Pallet<T> {
	pub(crate) fn run_offchain_worker(now: BlockNumberFor<T>) {
		let Some(version) = ActiveModel::<T>::get() else {
			log::debug!(target: LOG_TARGET, "no active model: nothing to attest");
			return;
		};
		let Some(key) = Self::local_attester_key() else {
			log::trace!(target: LOG_TARGET, "no registered attester key in the keystore");
			return;
		};
		let Some(model) = Models::<T>::get(version) else { return };
		let users = Self::users_to_attest(version, &model.header, now);
		if users.is_empty() {
			log::debug!(target: LOG_TARGET, "no stale user to attest at block {now:?}");
			return;
		}
		let Some((model, table)) = Self::load_model(version, model.header) else { return };
		for (user, history, taste) in users {
			Self::attest_user(&key, version, &model, &table, user, history, &taste);
		}
	}

	/// The first key in the keystore that belongs to an active attester.
	fn local_attester_key() -> Option<T::AttesterId> {
		T::AttesterId::all()
			.into_iter()
			.find(|key| AttesterKeys::<T>::contains_key(key))
	}

	/// Up to `MaxAttestationsPerAttester` stale participants whose current (model, nonce) this
	/// worker has not submitted in the last `AttestationLongevity` blocks, with their histories
	/// and tastes; each one chosen is recorded as submitted. Users whose taste under the new
	/// model is still being built wait.
	fn users_to_attest(
		version: ModelVersion,
		header: &ModelHeader,
		now: BlockNumberFor<T>,
	) -> Vec<(T::AccountId, HistoryOf<T>, TasteVector)> {
		let wanted = T::MaxAttestationsPerAttester::get() as usize;
		let longevity: BlockNumberFor<T> = T::AttestationLongevity::get().into();
		let mut users = Vec::with_capacity(wanted);
		for user in StaleUsers::<T>::iter_keys() {
			if users.len() >= wanted {
				break;
			}
			let history = Histories::<T>::get(&user);
			let Ok(taste) = Self::taste_of(version, header, &user, &history) else {
				log::debug!(target: LOG_TARGET, "taste of {user:?} not built yet; waiting");
				continue;
			};
			let nonce = history.nonce;
			let key = [SUBMITTED_PREFIX, &user.encode()].concat();
			let record = StorageValueRef::persistent(&key);
			let claimed = record.mutate(
				|previous: Result<Option<(ModelVersion, u64, BlockNumberFor<T>)>, _>| match previous
				{
					Ok(Some((v, n, at)))
						if v == version && n == nonce && now < at.saturating_add(longevity) =>
						Err(()),
					_ => Ok((version, nonce, now)),
				},
			);
			match claimed {
				Ok(_) => users.push((user, history, taste)),
				Err(MutateStorageError::ValueFunctionFailed(())) => log::debug!(
					target: LOG_TARGET,
					"attestation for {user:?} (nonce {nonce}) submitted recently; waiting"
				),
				Err(MutateStorageError::ConcurrentModification(_)) => log::debug!(
					target: LOG_TARGET,
					"another worker is attesting {user:?}"
				),
			}
		}
		users
	}

	/// Every row of the model with `header`, sorted, and the scoring table built from them.
	fn load_model(version: ModelVersion, header: ModelHeader) -> Option<(ModelFile, ScoringTable)> {
		let mut rows: Vec<(u32, ItemRow)> = ModelRows::<T>::iter_prefix(version).collect();
		rows.sort_unstable_by_key(|(item, _)| *item);
		let file = ModelFile { header, rows };
		match ScoringTable::new(&file) {
			Ok(table) => Some((file, table)),
			Err(error) => {
				log::warn!(target: LOG_TARGET, "model {version} cannot be scored: {error:?}");
				None
			},
		}
	}

	/// The worker's inference for one user: the profile of `history` and `taste` under `model`
	/// and the top [`Config::RecommendationsPerUser`] items by `table` (`model`'s scoring
	/// table). The `ocw_rank_user` benchmark measures this in the runtime WASM.
	pub(crate) fn rank(
		model: &ModelFile,
		table: &ScoringTable,
		history: &HistoryOf<T>,
		taste: &TasteVector,
	) -> Result<Vec<Recommendation>, ModelError> {
		let profile = UserProfile::new(&model.header, &history.purchases, taste)?;
		table.top_k(&profile, T::RecommendationsPerUser::get())
	}

	/// Computes, signs and submits the attestation of `user`.
	fn attest_user(
		key: &T::AttesterId,
		version: ModelVersion,
		model: &ModelFile,
		table: &ScoringTable,
		user: T::AccountId,
		history: HistoryOf<T>,
		taste: &TasteVector,
	) {
		let items = match Self::rank(model, table, &history, taste) {
			Ok(items) => BoundedVec::truncate_from(items),
			Err(error) => {
				log::warn!(target: LOG_TARGET, "cannot rank for {user:?}: {error:?}");
				return;
			},
		};
		let attestation = Attestation {
			user: user.clone(),
			model_version: version,
			history_nonce: history.nonce,
			history_digest: history.digest(),
			items,
			attester: key.clone(),
		};
		let Some(signature) = key.sign(&Self::signing_payload(&attestation)) else {
			log::warn!(target: LOG_TARGET, "the keystore could not sign with the reco key");
			return;
		};
		let count = attestation.items.len();
		let call = Call::<T>::attest { attestation, signature };
		let xt = T::create_authorized_transaction(
			<T as CreateTransactionBase<Call<T>>>::RuntimeCall::from(call),
		);
		match SubmitTransaction::<T, Call<T>>::submit_transaction(xt) {
			Ok(()) => log::info!(
				target: LOG_TARGET,
				"submitted an attestation of {count} items for {user:?} (model {version}, \
				 history nonce {})",
				history.nonce
			),
			Err(()) => log::warn!(
				target: LOG_TARGET,
				"the pool refused the attestation for {user:?} (nonce {})",
				history.nonce
			),
		}
	}
}
