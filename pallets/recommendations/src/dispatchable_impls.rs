//! What each call does, except challenges (`challenge_impls.rs`). The calls in `lib.rs` check
//! the origin and come here.

use crate::{pallet::*, types::*, weights::WeightInfo, LOG_TARGET};
use bazaar_inference::{extend_digest, header_digest, ranks_above, ModelFile, ModelHeader};
use codec::{Decode, Encode};
use frame_support::{
	dispatch::DispatchResultWithPostInfo,
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	RuntimeAppPublic,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_approve_model(
		digest: H256,
		header: ModelHeader,
		uploader: T::AccountId,
	) -> DispatchResult {
		header.validate().map_err(|_| Error::<T>::InvalidModel)?;
		ensure!(header.item_count <= T::MaxModelItems::get(), Error::<T>::ModelTooLarge);
		let version = NextModelVersion::<T>::get();
		NextModelVersion::<T>::put(version.saturating_add(1));
		let item_count = header.item_count;
		let uploaded = H256(header_digest(&header, sp_io::hashing::blake2_256));
		let upload_by =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UploadWindow::get());
		let model = Model {
			digest,
			header,
			uploader: uploader.clone(),
			deposit: Zero::zero(),
			status: ModelStatus::Uploading {
				rows: 0,
				last_item: None,
				digest: uploaded,
				upload_by,
			},
			attestations: 0,
		};
		Self::deposit_event(Event::ModelApproved { version, digest, uploader, item_count });
		Self::store_model(version, model);
		Ok(())
	}

	pub(crate) fn do_upload_rows(
		who: T::AccountId,
		version: ModelVersion,
		batch: RowBatchOf<T>,
	) -> DispatchResult {
		let mut model = Models::<T>::get(version).ok_or(Error::<T>::UnknownModel)?;
		let ModelStatus::Uploading { rows, last_item, digest, upload_by } = model.status.clone()
		else {
			return Err(Error::<T>::NotUploading.into());
		};
		ensure!(model.uploader == who, Error::<T>::NotUploader);
		ensure!(frame_system::Pallet::<T>::block_number() <= upload_by, Error::<T>::UploadExpired);
		ensure!(!batch.is_empty(), Error::<T>::EmptyBatch);
		let count = batch.len() as u32;
		let total = rows.saturating_add(count);
		ensure!(total <= model.header.item_count, Error::<T>::TooManyRows);

		let mut previous = last_item;
		let mut digest = digest.0;
		for (item, row) in batch.iter() {
			ensure!(previous.is_none_or(|p| p < *item), Error::<T>::RowsOutOfOrder);
			row.validate(&model.header).map_err(|_| Error::<T>::InvalidRow)?;
			digest = extend_digest(&digest, *item, row, sp_io::hashing::blake2_256);
			previous = Some(*item);
		}

		let deposit = T::RowDeposit::get().saturating_mul(count.into());
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		for (item, row) in batch {
			ModelRows::<T>::insert(version, item, row);
		}
		model.deposit = model.deposit.saturating_add(deposit);
		model.status = ModelStatus::Uploading {
			rows: total,
			last_item: previous,
			digest: H256(digest),
			upload_by,
		};
		Self::deposit_event(Event::RowsUploaded { version, rows: count, total });
		Self::store_model(version, model);
		Ok(())
	}

	/// Stores `model`, an upload in progress. Once all its rows are in, it becomes the active
	/// model if they hash to the approved digest and no newer model is active, and is retired
	/// otherwise.
	fn store_model(version: ModelVersion, mut model: ModelOf<T>) {
		let ModelStatus::Uploading { rows, digest, .. } = model.status else {
			Models::<T>::insert(version, model);
			return;
		};
		if rows < model.header.item_count {
			Models::<T>::insert(version, model);
			return;
		}
		let active = ActiveModel::<T>::get();
		if let Some(newer) = active.filter(|active| *active > version) {
			model.status = ModelStatus::Retired;
			Models::<T>::insert(version, model);
			Self::deposit_event(Event::ModelSuperseded { version, by: newer });
		} else if digest == model.digest {
			let now = frame_system::Pallet::<T>::block_number();
			model.status = ModelStatus::Active { since: now };
			Models::<T>::insert(version, model);
			let replaced = active;
			if let Some(old) = replaced {
				Models::<T>::mutate(old, |old| {
					if let Some(old) = old {
						old.status = ModelStatus::Retired;
					}
				});
			}
			ActiveModel::<T>::put(version);
			// Every history's taste under the new model, built in `on_idle`.
			TasteRebuild::<T>::put(TasteRebuildProgress { version, last: None });
			Self::deposit_event(Event::ModelActivated { version, replaced });
		} else {
			model.status = ModelStatus::Retired;
			Models::<T>::insert(version, model);
			Self::deposit_event(Event::ModelRejected { version, uploaded: digest });
		}
	}

	/// The genesis model: decoded, validated and active at once, without a deposit.
	pub(crate) fn genesis_model(bytes: &[u8], uploader: &T::AccountId) {
		let model = match ModelFile::decode(&mut &bytes[..]) {
			Ok(model) => model,
			Err(error) => panic!("genesis model does not decode: {error:?}"),
		};
		if let Err(error) = model.validate() {
			panic!("genesis model is invalid: {error:?}");
		}
		assert!(
			model.header.item_count <= T::MaxModelItems::get(),
			"genesis model has more than MaxModelItems items"
		);
		let digest = H256(model.digest(sp_io::hashing::blake2_256));
		let version = NextModelVersion::<T>::get();
		NextModelVersion::<T>::put(version.saturating_add(1));
		let rows = model.header.item_count;
		let last_item = model.rows.last().map(|(item, _)| *item);
		for (item, row) in model.rows {
			ModelRows::<T>::insert(version, item, row);
		}
		Self::store_model(
			version,
			Model {
				digest,
				header: model.header,
				uploader: uploader.clone(),
				deposit: Zero::zero(),
				status: ModelStatus::Uploading {
					rows,
					last_item,
					digest,
					upload_by: frame_system::Pallet::<T>::block_number(),
				},
				attestations: 0,
			},
		);
	}

	pub(crate) fn do_reap_model(
		version: ModelVersion,
		max_rows: u32,
	) -> DispatchResultWithPostInfo {
		let mut model = Models::<T>::get(version).ok_or(Error::<T>::UnknownModel)?;
		if let ModelStatus::Uploading { rows, upload_by, .. } = model.status {
			// An upload abandoned past its window: retire it (no attestation can refer to a
			// model that never became active).
			ensure!(frame_system::Pallet::<T>::block_number() > upload_by, Error::<T>::ModelInUse);
			model.status = ModelStatus::Retired;
			Models::<T>::insert(version, &model);
			Self::deposit_event(Event::ModelUploadAbandoned { version, rows });
		}
		ensure!(
			model.status == ModelStatus::Retired && model.attestations == 0,
			Error::<T>::ModelInUse
		);
		let rows: alloc::vec::Vec<_> =
			ModelRows::<T>::iter_key_prefix(version).take(max_rows as usize).collect();
		let rows_removed = rows.len() as u32;
		for item in rows {
			ModelRows::<T>::remove(version, item);
		}
		let left = max_rows.saturating_sub(rows_removed) as usize;
		let tastes: alloc::vec::Vec<_> =
			TasteVectors::<T>::iter_key_prefix(version).take(left).collect();
		let tastes_removed = tastes.len() as u32;
		for user in tastes {
			TasteVectors::<T>::remove(version, user);
		}
		let removed = rows_removed.saturating_add(tastes_removed);
		Self::deposit_event(Event::ModelRowsReaped {
			version,
			rows: rows_removed,
			tastes: tastes_removed,
		});
		if ModelRows::<T>::iter_key_prefix(version).next().is_none() &&
			TasteVectors::<T>::iter_key_prefix(version).next().is_none()
		{
			T::Currency::release(
				&HoldReason::ModelDeposit.into(),
				&model.uploader,
				model.deposit,
				Precision::BestEffort,
			)?;
			Models::<T>::remove(version);
			Self::deposit_event(Event::ModelRemoved { version, deposit: model.deposit });
		}
		Ok(Some(T::WeightInfo::reap_model(removed)).into())
	}

	pub(crate) fn do_set_participation(who: T::AccountId, participate: bool) -> DispatchResult {
		ensure!(
			Participants::<T>::contains_key(&who) != participate,
			Error::<T>::ParticipationUnchanged
		);
		if participate {
			Participants::<T>::insert(&who, ());
			Self::deposit_event(Event::OptedIn { who });
		} else {
			Participants::<T>::remove(&who);
			Histories::<T>::remove(&who);
			if let Some(version) = ActiveModel::<T>::get() {
				TasteVectors::<T>::remove(version, &who);
			}
			StaleUsers::<T>::remove(&who);
			Self::take_attestation(&who);
			Self::deposit_event(Event::OptedOut { who });
		}
		Ok(())
	}

	pub(crate) fn do_register_attester(
		who: T::AccountId,
		key: T::AttesterId,
		proof: T::AttesterSignature,
	) -> DispatchResult {
		ensure!(
			key.verify(&Self::key_ownership_statement(&who), &proof),
			Error::<T>::InvalidKeyProof
		);
		Self::register_attester_key(who, key)
	}

	/// Registers `who` with `key`, holding the bond: `register_attester` once the proof is
	/// checked, and the genesis attesters (whose keys the chain spec vouches for).
	pub(crate) fn register_attester_key(who: T::AccountId, key: T::AttesterId) -> DispatchResult {
		ensure!(!Attesters::<T>::contains_key(&who), Error::<T>::AlreadyAttester);
		ensure!(!AttesterKeys::<T>::contains_key(&key), Error::<T>::KeyInUse);
		let bond = T::AttesterBond::get();
		T::Currency::hold(&HoldReason::AttesterBond.into(), &who, bond)
			.map_err(|_| Error::<T>::InsufficientBond)?;
		Attesters::<T>::insert(&who, Attester { key: key.clone(), bond, unbonds_at: None });
		AttesterKeys::<T>::insert(&key, &who);
		Self::deposit_event(Event::AttesterRegistered { attester: who, key, bond });
		Ok(())
	}

	pub(crate) fn do_unregister_attester(who: T::AccountId) -> DispatchResult {
		let mut attester = Attesters::<T>::get(&who).ok_or(Error::<T>::NotAttester)?;
		ensure!(attester.unbonds_at.is_none(), Error::<T>::AlreadyLeaving);
		let unbonds_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		attester.unbonds_at = Some(unbonds_at);
		AttesterKeys::<T>::remove(&attester.key);
		Attesters::<T>::insert(&who, attester);
		Self::deposit_event(Event::AttesterLeaving { attester: who, unbonds_at });
		Ok(())
	}

	pub(crate) fn do_withdraw_bond(who: T::AccountId) -> DispatchResult {
		let attester = Attesters::<T>::get(&who).ok_or(Error::<T>::NotAttester)?;
		let unbonds_at = attester.unbonds_at.ok_or(Error::<T>::NotLeaving)?;
		ensure!(frame_system::Pallet::<T>::block_number() >= unbonds_at, Error::<T>::StillBonded);
		T::Currency::release(
			&HoldReason::AttesterBond.into(),
			&who,
			attester.bond,
			Precision::BestEffort,
		)?;
		Attesters::<T>::remove(&who);
		Self::deposit_event(Event::BondWithdrawn { attester: who, bond: attester.bond });
		Ok(())
	}

	/// Every check of an attestation, read-only: shared by the transaction pool (through
	/// `authorize_attest`) and the call. Cheap storage checks come first, the signature last.
	/// Returns the attester's account.
	pub(crate) fn check_attestation(
		attestation: &AttestationOf<T>,
		signature: &T::AttesterSignature,
	) -> Result<T::AccountId, Error<T>> {
		let attester =
			AttesterKeys::<T>::get(&attestation.attester).ok_or(Error::<T>::UnknownAttester)?;
		let version = attestation.model_version;
		ensure!(ActiveModel::<T>::get() == Some(version), Error::<T>::ModelNotActive);
		let user = &attestation.user;
		ensure!(Participants::<T>::contains_key(user), Error::<T>::NotParticipant);
		let history = Histories::<T>::get(user);
		ensure!(attestation.history_nonce == history.nonce, Error::<T>::StaleHistory);
		ensure!(attestation.history_digest == history.digest(), Error::<T>::WrongHistoryDigest);
		ensure!(StaleUsers::<T>::contains_key(user), Error::<T>::NotStale);
		// A challenge recomputes from the stored taste: it must exist.
		ensure!(
			history.purchases.is_empty() || TasteVectors::<T>::contains_key(version, user),
			Error::<T>::TasteNotBuilt
		);
		// A valid attestation that does not fit in this block waits for the next one.
		let now = frame_system::Pallet::<T>::block_number();
		let (in_block, by_attester) = AttestationsInBlock::<T>::get().counts(&now, &attester);
		ensure!(
			in_block < T::MaxAttestationsPerBlock::get() &&
				by_attester < T::MaxAttestationsPerAttester::get(),
			Error::<T>::AttestationsExhausted
		);
		let items = &attestation.items;
		ensure!(
			items.windows(2).all(|pair| match pair {
				[better, worse] => ranks_above(better, worse),
				_ => true,
			}),
			Error::<T>::NotRanked
		);
		for recommendation in items.iter() {
			ensure!(
				ModelRows::<T>::contains_key(version, recommendation.item),
				Error::<T>::UnknownItem
			);
		}
		ensure!(
			signature.encoded_size() <= MAX_SIGNATURE_LEN as usize &&
				attestation.attester.verify(&Self::signing_payload(attestation), signature),
			Error::<T>::BadSignature
		);
		Ok(attester)
	}

	/// The transaction-pool validity of an attestation: every check of
	/// [`Self::check_attestation`]; one attestation per (user, model, nonce) in the pool.
	pub(crate) fn authorize_attest(
		_source: TransactionSource,
		attestation: &AttestationOf<T>,
		signature: &T::AttesterSignature,
	) -> TransactionValidityWithRefund {
		if let Err(error) = Self::check_attestation(attestation, signature) {
			log::debug!(target: LOG_TARGET, "attestation refused by the pool: {error:?}");
			return Err(Self::invalid_transaction(error).into());
		}
		let validity = ValidTransaction::with_tag_prefix("BazaarAttestation")
			.priority(T::AttestationPriority::get())
			.and_provides((&attestation.user, attestation.model_version, attestation.history_nonce))
			.longevity(T::AttestationLongevity::get().into())
			.propagate(true)
			.build()?;
		Ok((validity, Weight::zero()))
	}

	/// The pool's reason for refusing an attestation: a bad signature is a bad proof, an
	/// attestation overtaken by another or by a purchase is stale, a block without room for
	/// more attestations has exhausted its resources (the pool keeps the transaction for a later
	/// block), anything else carries the pallet error's index as a custom code.
	fn invalid_transaction(error: Error<T>) -> InvalidTransaction {
		match error {
			Error::<T>::BadSignature => InvalidTransaction::BadProof,
			Error::<T>::StaleHistory | Error::<T>::NotStale => InvalidTransaction::Stale,
			Error::<T>::AttestationsExhausted => InvalidTransaction::ExhaustsResources,
			other => match DispatchError::from(other) {
				DispatchError::Module(module) => InvalidTransaction::Custom(module.error[0]),
				_ => InvalidTransaction::Call,
			},
		}
	}

	pub(crate) fn do_attest(
		attestation: AttestationOf<T>,
		signature: T::AttesterSignature,
	) -> DispatchResult {
		let attester = Self::check_attestation(&attestation, &signature)?;
		let now = frame_system::Pallet::<T>::block_number();
		let recorded =
			AttestationsInBlock::<T>::mutate(|in_block| in_block.record(now, attester.clone()));
		// The caps were checked: an attester without an entry yet fits.
		ensure!(recorded, Error::<T>::AttestationsExhausted);
		let user = attestation.user.clone();
		Self::take_attestation(&user);
		Models::<T>::mutate(attestation.model_version, |model| {
			if let Some(model) = model {
				model.attestations = model.attestations.saturating_add(1);
			}
		});
		StaleUsers::<T>::remove(&user);
		Self::deposit_event(Event::Attested {
			user: user.clone(),
			attester: attester.clone(),
			model_version: attestation.model_version,
			history_nonce: attestation.history_nonce,
			items: attestation.items.len() as u32,
		});
		Attestations::<T>::insert(
			&user,
			AttestationRecord {
				attester,
				attestation,
				signature: BoundedVec::truncate_from(signature.encode()),
				attested_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Ok(())
	}

	pub(crate) fn do_remove_attestation(user: T::AccountId) -> DispatchResult {
		let record = Attestations::<T>::get(&user).ok_or(Error::<T>::NoAttestation)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			!Self::is_current(&record) && now > Self::challengeable_until(&record),
			Error::<T>::AttestationCurrent
		);
		Self::take_attestation(&user);
		Self::mark_stale(&user);
		Self::deposit_event(Event::AttestationRemoved { user });
		Ok(())
	}

	/// Whether `record` is for the active model and its user's current history nonce.
	pub(crate) fn is_current(record: &AttestationRecordOf<T>) -> bool {
		ActiveModel::<T>::get() == Some(record.attestation.model_version) &&
			Histories::<T>::get(&record.attestation.user).nonce ==
				record.attestation.history_nonce
	}

	/// The last block `record` may be challenged in.
	pub(crate) fn challengeable_until(record: &AttestationRecordOf<T>) -> BlockNumberFor<T> {
		record.attested_at.saturating_add(T::ChallengeWindow::get())
	}
}
