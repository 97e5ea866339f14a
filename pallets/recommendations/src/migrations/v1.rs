//! Version 0 to 1: attestations bind the chain and the exact history they were computed from.
//!
//! In version 0 an attestation signed (user, model, history nonce, items, key) under the context
//! `bazaar/recommendations/attest/v1`, and a history's nonce counted its purchases, so opting out
//! and in again brought old nonces back: an old attestation could be replayed against a new
//! history and "proven" fraudulent (issue A1, `tests/runtime/tests/attacks.rs`). From version 1
//! the signed payload carries the chain's genesis hash and the history's digest, and a nonce is
//! 1 + the id of the order recorded last, which never repeats.
//!
//! A version 0 attestation cannot be turned into a version 1 one (its signature covers other
//! bytes), so the migration removes every stored attestation, sets each model's attestation
//! count to zero and queues each user for a new attestation (the attesters' workers attest
//! them again within a few blocks). Histories keep their purchases and nonces: the nonces a
//! history takes from now on are order ids, and an old nonce could only return together with
//! the very same purchases, whose attestation would then still be correct.
//!
//! Cost: per stored attestation one read and two writes (the record removed, the user queued),
//! plus one read and write per model; all in one block. Attestations exist only for opted-in
//! users, a few thousand of which fit in a block's migration budget; a chain with many more
//! would need a multi-block migration (`pallet-migrations`).

use crate::{
	pallet::{Attestations, Config, Models, Pallet},
	LOG_TARGET,
};
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
#[cfg(feature = "try-runtime")]
use {codec::Encode, sp_runtime::TryRuntimeError};

/// Migrates version 0 to 1, whatever the on-chain version: only [`MigrateV0ToV1`] may run it.
pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		// The keys decode in either version; the version 0 values do not, and are not read.
		let users: Vec<T::AccountId> = Attestations::<T>::iter_keys().collect();
		let removed = Attestations::<T>::clear(u32::MAX, None).unique;
		let mut models = 0u64;
		Models::<T>::translate_values(|mut model: crate::ModelOf<T>| {
			models = models.saturating_add(1);
			model.attestations = 0;
			Some(model)
		});
		for user in &users {
			Pallet::<T>::mark_stale(user);
		}
		log::info!(
			target: LOG_TARGET,
			"removed {removed} version 0 attestations and queued their {} users again",
			users.len(),
		);
		let attestations = users.len() as u64;
		T::DbWeight::get().reads_writes(
			attestations.saturating_mul(3).saturating_add(models),
			attestations.saturating_mul(2).saturating_add(models),
		)
	}

	/// Records the users that had an attestation.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		let users: Vec<T::AccountId> = Attestations::<T>::iter_keys().collect();
		Ok(users.encode())
	}

	/// No attestation is left, no model counts one, and every user that had one and still
	/// participates is queued (while the queue had room).
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		use codec::Decode;
		let users = Vec::<T::AccountId>::decode(&mut &state[..])
			.map_err(|_| "the pre-upgrade state does not decode")?;
		frame_support::ensure!(
			Attestations::<T>::iter_keys().next().is_none(),
			"an attestation survived the migration"
		);
		frame_support::ensure!(
			Models::<T>::iter_values().all(|model| model.attestations == 0),
			"a model still counts attestations"
		);
		let queue_full = crate::StaleUsers::<T>::count() >= T::MaxStaleUsers::get();
		frame_support::ensure!(
			queue_full ||
				users.iter().all(|user| {
					!crate::Participants::<T>::contains_key(user) ||
						crate::StaleUsers::<T>::contains_key(user)
				}),
			"a participant whose attestation was removed is not queued"
		);
		Ok(())
	}
}

/// Version 0 to 1 of the recommendations pallet, run once.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	UncheckedMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
