//! Shared steps, what the runtime API reads, and the state checks.

use crate::{pallet::*, types::*};
use bazaar_inference::{score_item, UserProfile};
use bazaar_primitives::ListingId;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Removes `user`'s attestation, if any, and its reference to its model.
	pub(crate) fn take_attestation(user: &T::AccountId) {
		if let Some(record) = Attestations::<T>::take(user) {
			Models::<T>::mutate(record.attestation.model_version, |model| {
				if let Some(model) = model {
					model.attestations = model.attestations.saturating_sub(1);
				}
			});
		}
	}

	/// Queues a participant for a new attestation, while [`Config::MaxStaleUsers`] leaves room.
	pub(crate) fn mark_stale(user: &T::AccountId) {
		if Participants::<T>::contains_key(user) &&
			!StaleUsers::<T>::contains_key(user) &&
			StaleUsers::<T>::count() < T::MaxStaleUsers::get()
		{
			StaleUsers::<T>::insert(user, ());
		}
	}

	/// What a `reco` key signs to show that `who` holds it (its proof of possession for `who`):
	/// `b"POP_"` followed by the SCALE-encoded account id, as the SDK's session keys prove
	/// ownership (`author_rotateKeysWithOwner`, `session.set_keys`).
	pub fn key_ownership_statement(who: &T::AccountId) -> alloc::vec::Vec<u8> {
		use codec::Encode;
		sp_core::proof_of_possession::statement_of_ownership(&who.encode())
	}

	/// The bytes an attester signs for `attestation` on this chain:
	/// [`Attestation::signing_payload`] with this chain's genesis hash.
	pub fn signing_payload(attestation: &AttestationOf<T>) -> alloc::vec::Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		attestation.signing_payload(genesis.as_ref())
	}

	/// `user`'s current attested recommendations: for the active model and the current
	/// history nonce only.
	pub fn recommendations_of(
		user: &T::AccountId,
	) -> Option<
		AttestedRecommendations<T::AccountId, frame_system::pallet_prelude::BlockNumberFor<T>>,
	> {
		let record = Attestations::<T>::get(user)?;
		if !Self::is_current(&record) {
			return None;
		}
		Some(AttestedRecommendations {
			challengeable_until: Self::challengeable_until(&record),
			attester: record.attester,
			model_version: record.attestation.model_version,
			history_nonce: record.attestation.history_nonce,
			items: record.attestation.items.into_inner(),
			attested_at: record.attested_at,
		})
	}

	/// The active model's score of `listing` for `user`, from the user's current history and
	/// taste (replayed from the history while the taste is still to be built); `None` without
	/// an active model or if the listing is not one of its items.
	pub fn score_of(user: &T::AccountId, listing: ListingId) -> Option<i32> {
		let version = ActiveModel::<T>::get()?;
		let model = Models::<T>::get(version)?;
		let row = ModelRows::<T>::get(version, listing)?;
		let history = Histories::<T>::get(user);
		let profile = match Self::profile_of(version, &model.header, user, &history) {
			Ok(profile) => profile,
			Err(_) => UserProfile::build(&model.header, &history.purchases, |item| {
				ModelRows::<T>::get(version, item)
			})
			.ok()?,
		};
		score_item(&model.header, &profile, listing, &row).ok()
	}

	/// The active model's version, digest and header.
	pub fn active_model_info() -> Option<ModelInfo> {
		let version = ActiveModel::<T>::get()?;
		let model = Models::<T>::get(version)?;
		Some(ModelInfo { version, digest: model.digest, header: model.header })
	}

	/// The invariants of the pallet's storage:
	///
	/// - the active model is stored, active, and the only active one;
	/// - a model being uploaded has exactly the rows it counted, a finished one all of `item_count`
	///   until it is reaped; each model's reference count equals the attestations made with it;
	/// - every attestation refers to a stored model version; its user participates;
	/// - the bond held from each account equals its registered attester's bond, the deposit held
	///   from each uploader equals its models' deposits, and nothing is held for challenges between
	///   calls;
	/// - attester keys and attesters match; stale users participate and fit the bound; histories
	///   belong to participants and fit `MaxHistory`;
	/// - taste vectors belong to stored models and have their dimension; under the active model
	///   they belong to participants with purchases, and every participant with purchases has one
	///   unless the build in `TasteRebuild` (for the active model) has not reached it yet.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::{ensure, traits::fungible::InspectHold};
		use sp_runtime::traits::{Saturating, Zero};

		let active = ActiveModel::<T>::get();
		let mut references: BTreeMap<ModelVersion, u32> = BTreeMap::new();
		for (user, record) in Attestations::<T>::iter() {
			let version = record.attestation.model_version;
			ensure!(Models::<T>::contains_key(version), "attestation of an unknown model version");
			ensure!(record.attestation.user == user, "attestation stored under another user");
			ensure!(Participants::<T>::contains_key(&user), "attestation of a non-participant");
			*references.entry(version).or_default() += 1;
		}
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (version, model) in Models::<T>::iter() {
			ensure!(version < NextModelVersion::<T>::get(), "model version not below the next");
			let rows = ModelRows::<T>::iter_key_prefix(version).count() as u32;
			match model.status {
				ModelStatus::Uploading { rows: counted, .. } =>
					ensure!(rows == counted, "uploading model's rows differ from its count"),
				ModelStatus::Active { .. } => {
					ensure!(active == Some(version), "an active model that is not ActiveModel");
					ensure!(rows == model.header.item_count, "active model misses rows");
				},
				ModelStatus::Retired =>
					ensure!(rows <= model.header.item_count, "retired model has extra rows"),
			}
			ensure!(
				references.get(&version).copied().unwrap_or(0) == model.attestations,
				"model reference count differs from its attestations"
			);
			let entry = deposits.entry(model.uploader.clone()).or_insert_with(Zero::zero);
			*entry = entry.saturating_add(model.deposit);
		}
		if let Some(version) = active {
			ensure!(Models::<T>::contains_key(version), "ActiveModel is not stored");
		}
		for (uploader, deposit) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::ModelDeposit.into(), &uploader);
			ensure!(held == deposit, "model deposit held differs from the models' deposits");
		}
		for (who, attester) in Attesters::<T>::iter() {
			let held = T::Currency::balance_on_hold(&HoldReason::AttesterBond.into(), &who);
			ensure!(held == attester.bond, "attester bond held differs from the registered bond");
			let key_owner = AttesterKeys::<T>::get(&attester.key);
			match attester.unbonds_at {
				None => ensure!(key_owner == Some(who.clone()), "active attester's key not mapped"),
				Some(_) => ensure!(key_owner != Some(who.clone()), "leaving attester's key mapped"),
			}
			let held = T::Currency::balance_on_hold(&HoldReason::ChallengeDeposit.into(), &who);
			ensure!(held.is_zero(), "a challenge deposit is held between calls");
		}
		for (key, who) in AttesterKeys::<T>::iter() {
			let attester = Attesters::<T>::get(&who).ok_or("key of an unregistered attester")?;
			ensure!(attester.key == key, "key mapped to an attester with another key");
		}
		let in_block = AttestationsInBlock::<T>::get();
		let mut total = 0u32;
		for (_, count) in in_block.by_attester.iter() {
			ensure!(
				*count > 0 && *count <= T::MaxAttestationsPerAttester::get(),
				"an attester's attestations in a block are not within 1..=MaxAttestationsPerAttester"
			);
			total = total.saturating_add(*count);
		}
		ensure!(
			total <= T::MaxAttestationsPerBlock::get(),
			"more attestations in a block than MaxAttestationsPerBlock"
		);
		let stale = StaleUsers::<T>::iter_keys().count() as u32;
		ensure!(stale == StaleUsers::<T>::count(), "stale user counter differs from the map");
		ensure!(stale <= T::MaxStaleUsers::get(), "more stale users than MaxStaleUsers");
		for user in StaleUsers::<T>::iter_keys() {
			ensure!(Participants::<T>::contains_key(&user), "stale user does not participate");
		}
		for (user, history) in Histories::<T>::iter() {
			ensure!(Participants::<T>::contains_key(&user), "history of a non-participant");
			// A recorded purchase sets the nonce to 1 + its order's id: a stored history has
			// purchases and a non-zero nonce, or neither.
			ensure!(
				history.purchases.is_empty() == (history.nonce == 0),
				"a history's nonce is zero exactly when it has no purchases"
			);
			ensure!(
				history.purchases.len() as u64 <= u64::from(history.next_basket),
				"more purchases than baskets numbered"
			);
		}
		let rebuild = TasteRebuild::<T>::get();
		if let Some(progress) = &rebuild {
			ensure!(
				Some(progress.version) == active,
				"tastes built for a model that is not active"
			);
		}
		for (version, user, taste) in TasteVectors::<T>::iter() {
			let model = Models::<T>::get(version).ok_or("taste vector of an unknown model")?;
			ensure!(taste.dim() == usize::from(model.header.dim), "taste of another dimension");
			if active == Some(version) {
				ensure!(
					!Histories::<T>::get(&user).purchases.is_empty() &&
						Participants::<T>::contains_key(&user),
					"active model's taste of a user without purchases"
				);
			}
		}
		if let (Some(version), None) = (active, &rebuild) {
			for (user, history) in Histories::<T>::iter() {
				ensure!(
					history.purchases.is_empty() || TasteVectors::<T>::contains_key(version, &user),
					"a history without a taste under the active model, and no build under way"
				);
			}
		}
		Ok(())
	}
}
