//! Version 2 to 3: taste vectors.
//!
//! From version 3 the chain keeps each participant's taste vector under the active model
//! ([`TasteVectors`](crate::TasteVectors)), so a challenge reads one vector instead of one model
//! row per purchase. Version 2 has none. The migration does not build them in the upgrade block (a
//! full history reads up to `MaxHistory` rows, and a chain may have any number of participants): it
//! starts the same build a model activation starts ([`TasteRebuild`]), which `on_idle` carries out
//! with the weight blocks leave, marking each user it builds stale so it is attested again.
//!
//! Until a user's taste is built, attestations of it wait (`TasteNotBuilt`) and a challenge of an
//! attestation made before the upgrade is refused with the same error, and can be sent again once
//! the build has passed the user. The build goes through the histories at the `build_taste`
//! weight each; a chain with little traffic finishes within a few blocks.
//!
//! Cost: two reads and one write, in the upgrade block.

use crate::{
	pallet::{ActiveModel, Config, Pallet, TasteRebuild},
	types::TasteRebuildProgress,
	LOG_TARGET,
};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
#[cfg(feature = "try-runtime")]
use {alloc::vec::Vec, sp_runtime::TryRuntimeError};

/// Migrates version 2 to 3, whatever the on-chain version: only [`MigrateV2ToV3`] may run it.
pub struct UncheckedMigrateV2ToV3<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV2ToV3<T> {
	fn on_runtime_upgrade() -> Weight {
		let db = T::DbWeight::get();
		let Some(version) = ActiveModel::<T>::get() else {
			log::info!(target: LOG_TARGET, "no active model: no taste vectors to build");
			return db.reads(1);
		};
		if TasteRebuild::<T>::get().is_none() {
			TasteRebuild::<T>::put(TasteRebuildProgress { version, last: None });
			log::info!(target: LOG_TARGET, "taste vectors of model {version} to be built");
		}
		db.reads_writes(2, 1)
	}

	/// Version 2 stores no taste vector and no build progress.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		frame_support::ensure!(
			crate::TasteVectors::<T>::iter_keys().next().is_none() && !TasteRebuild::<T>::exists(),
			"version 2 has taste vectors already"
		);
		Ok(Vec::new())
	}

	/// With an active model, its tastes are being built from the first history on.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(_state: Vec<u8>) -> Result<(), TryRuntimeError> {
		let expected =
			ActiveModel::<T>::get().map(|version| TasteRebuildProgress { version, last: None });
		frame_support::ensure!(
			TasteRebuild::<T>::get() == expected,
			"the build of the active model's tastes did not start"
		);
		Ok(())
	}
}

/// Migrates the recommendations pallet from storage version 2 to 3 (see the module docs); a
/// no-op on any other version.
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	UncheckedMigrateV2ToV3<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{mock::*, weights::WeightInfo, Histories, StaleUsers, TasteVectors};
	use frame_support::{
		assert_noop, assert_ok,
		traits::{Get, GetStorageVersion, Hooks, OnRuntimeUpgrade, StorageVersion},
	};

	/// A version 2 chain: the test model active, two participants with purchases and no
	/// tastes, nothing being built.
	fn version_2_state() {
		for (buyer, listing) in [(USER, 10), (USER, 12), (OTHER, 14)] {
			buy(buyer, listing);
		}
		let _ = TasteVectors::<Test>::clear(u32::MAX, None);
		TasteRebuild::<Test>::kill();
		StorageVersion::new(2).put::<Pallet<Test>>();
	}

	#[test]
	fn tastes_of_stored_histories_are_built_in_idle_blocks_after_the_upgrade() {
		ExtBuilder::default().build().execute_with(|| {
			version_2_state();
			let version = ActiveModel::<Test>::get().unwrap();
			assert_noop!(attest(USER, honest_top_k(USER)), crate::Error::<Test>::TasteNotBuilt);

			MigrateV2ToV3::<Test>::on_runtime_upgrade();

			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
			assert_eq!(
				TasteRebuild::<Test>::get(),
				Some(TasteRebuildProgress { version, last: None })
			);
			// A block with room for one user builds one; the next builds the other and ends.
			let one = <Test as Config>::WeightInfo::build_taste().saturating_add(
				<<Test as frame_system::Config>::DbWeight as Get<
					frame_support::weights::RuntimeDbWeight,
				>>::get()
				.reads_writes(3, 1),
			);
			Recommendations::on_idle(System::block_number(), one);
			assert_eq!(TasteVectors::<Test>::iter_prefix(version).count(), 1);
			assert!(TasteRebuild::<Test>::exists());
			Recommendations::on_idle(System::block_number(), Weight::MAX);
			assert!(!TasteRebuild::<Test>::exists());
			System::assert_has_event(crate::Event::TastesBuilt { version }.into());
			for user in [USER, OTHER] {
				let history = Histories::<Test>::get(user);
				let model = test_model();
				let replayed = bazaar_inference::TasteVector::replay(
					&model.header,
					&history.purchases,
					|item| model.row(item).cloned(),
				)
				.unwrap();
				assert_eq!(TasteVectors::<Test>::get(version, user), Some(replayed));
				assert!(StaleUsers::<Test>::contains_key(user));
			}
			assert_ok!(Pallet::<Test>::do_try_state());
			assert_ok!(attest(USER, honest_top_k(USER)));
			// Once migrated, the migration runs no more.
			assert_eq!(
				MigrateV2ToV3::<Test>::on_runtime_upgrade(),
				<<Test as frame_system::Config>::DbWeight as Get<
					frame_support::weights::RuntimeDbWeight,
				>>::get()
				.reads(1)
			);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn pre_and_post_upgrade_checks_pass_and_catch_a_missing_build() {
		ExtBuilder::default().build().execute_with(|| {
			version_2_state();
			assert_ok!(MigrateV2ToV3::<Test>::try_on_runtime_upgrade(true));
			version_2_state();
			let state = UncheckedMigrateV2ToV3::<Test>::pre_upgrade().unwrap();
			UncheckedMigrateV2ToV3::<Test>::on_runtime_upgrade();
			TasteRebuild::<Test>::kill();
			assert!(UncheckedMigrateV2ToV3::<Test>::post_upgrade(state).is_err());
		});
	}
}
