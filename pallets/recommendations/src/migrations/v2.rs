//! Version 1 to 2: an approved model's upload has a deadline.
//!
//! Until version 1 a model approved by governance stayed `Uploading` until its uploader sent
//! every row: an uploader who stopped halfway left the rows stored and their deposit held
//! forever, and the model could be completed at any later moment. From version 2 the `Uploading`
//! status carries `upload_by` ([`Config::UploadWindow`] after the approval): later uploads are
//! refused and anyone may retire the model and remove its rows with `reap_model`.
//!
//! The migration gives every model still uploading a full window from the upgrade (its uploader
//! was promised no deadline at all); active and retired models encode as before and are left
//! alone.
//!
//! Cost: one read per model and one write per model still uploading, in one block. A chain has a
//! handful of models.

use crate::{
	pallet::{Config, Models, Pallet},
	types::{Model, ModelStatus},
	LOG_TARGET,
};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use sp_runtime::traits::Saturating;
#[cfg(feature = "try-runtime")]
use {alloc::vec::Vec, codec::Encode, sp_runtime::TryRuntimeError};

/// The storage layout of version 1.
pub mod v1 {
	use crate::{
		pallet::{Config, Pallet},
		types::{AccountIdOf, BalanceOf},
		ModelVersion,
	};
	use bazaar_inference::ModelHeader;
	use bazaar_primitives::ListingId;
	use codec::{Decode, Encode};
	use frame_support::{pallet_prelude::OptionQuery, Twox64Concat};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_core::H256;

	/// A model's status as version 1 stored it: `Uploading` without a deadline.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
	pub enum ModelStatus<BlockNumber> {
		Uploading { rows: u32, last_item: Option<ListingId>, digest: H256 },
		Active { since: BlockNumber },
		Retired,
	}

	/// A model as version 1 stored it.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct Model<AccountId, Balance, BlockNumber> {
		pub digest: H256,
		pub header: ModelHeader,
		pub uploader: AccountId,
		pub deposit: Balance,
		pub status: ModelStatus<BlockNumber>,
		pub attestations: u32,
	}

	/// A version 1 model of this runtime.
	pub type ModelOf<T> = Model<AccountIdOf<T>, BalanceOf<T>, BlockNumberFor<T>>;

	/// The models, as version 1 stored them.
	#[frame_support::storage_alias]
	pub type Models<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, ModelVersion, ModelOf<T>, OptionQuery>;
}

/// Migrates version 1 to 2, whatever the on-chain version: only [`MigrateV1ToV2`] may run it.
pub struct UncheckedMigrateV1ToV2<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		let upload_by =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UploadWindow::get());
		let (mut read, mut uploading) = (0u64, 0u64);
		Models::<T>::translate::<v1::ModelOf<T>, _>(|_, old| {
			read.saturating_inc();
			let status = match old.status {
				v1::ModelStatus::Uploading { rows, last_item, digest } => {
					uploading.saturating_inc();
					ModelStatus::Uploading { rows, last_item, digest, upload_by }
				},
				v1::ModelStatus::Active { since } => ModelStatus::Active { since },
				v1::ModelStatus::Retired => ModelStatus::Retired,
			};
			Some(Model {
				digest: old.digest,
				header: old.header,
				uploader: old.uploader,
				deposit: old.deposit,
				status,
				attestations: old.attestations,
			})
		});
		log::info!(
			target: LOG_TARGET,
			"{uploading} of {read} models were uploading: their uploads are due by {upload_by:?}"
		);
		// `translate` writes every value back, changed or not.
		T::DbWeight::get().reads_writes(read, read)
	}

	/// Records every model as version 1 stores it.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		let models: Vec<_> = v1::Models::<T>::iter().collect();
		frame_support::ensure!(
			models.len() == v1::Models::<T>::iter_keys().count(),
			"a model does not decode as version 1"
		);
		Ok(models.encode())
	}

	/// Every recorded model is stored with the same fields, and an upload in progress has a
	/// deadline a full window away.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		use codec::Decode;
		let before = Vec::<(crate::ModelVersion, v1::ModelOf<T>)>::decode(&mut &state[..])
			.map_err(|_| "the pre-upgrade state does not decode")?;
		frame_support::ensure!(
			Models::<T>::iter().count() == before.len(),
			"the number of models changed, or a model does not decode as version 2"
		);
		let due = frame_system::Pallet::<T>::block_number().saturating_add(T::UploadWindow::get());
		for (version, old) in before {
			let new = Models::<T>::get(version).ok_or("a model was lost")?;
			let status_kept = match (&old.status, &new.status) {
				(
					v1::ModelStatus::Uploading { rows, last_item, digest },
					ModelStatus::Uploading { rows: r, last_item: l, digest: d, upload_by },
				) => rows == r && last_item == l && digest == d && *upload_by == due,
				(v1::ModelStatus::Active { since }, ModelStatus::Active { since: s }) => since == s,
				(v1::ModelStatus::Retired, ModelStatus::Retired) => true,
				_ => false,
			};
			frame_support::ensure!(
				status_kept &&
					new.digest == old.digest &&
					new.uploader == old.uploader &&
					new.deposit == old.deposit &&
					new.attestations == old.attestations,
				"a model changed in the migration"
			);
		}
		Ok(())
	}
}

/// Migrates the recommendations pallet from storage version 1 to 2 (see the module docs); a
/// no-op on any other version.
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	UncheckedMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

#[cfg(test)]
mod tests {
	use super::*;
	use crate::mock::*;
	use frame_support::{
		assert_ok,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};

	/// A version 1 chain: the test model active as version 0, and the next version approved and
	/// half uploaded (stored the way version 1 stored it).
	fn version_1_state() {
		let model = test_model();
		let version = crate::NextModelVersion::<Test>::get();
		assert_ok!(Recommendations::approve_model(
			RuntimeOrigin::root(),
			digest_of(&model),
			model.header.clone(),
			UPLOADER
		));
		let half = model.rows.len() / 2;
		assert_ok!(Recommendations::upload_rows(
			RuntimeOrigin::signed(UPLOADER),
			version,
			model.rows[..half].to_vec().try_into().unwrap()
		));
		let models: Vec<_> = Models::<Test>::iter().collect();
		for (version, model) in models {
			let status = match model.status {
				ModelStatus::Uploading { rows, last_item, digest, .. } =>
					v1::ModelStatus::Uploading { rows, last_item, digest },
				ModelStatus::Active { since } => v1::ModelStatus::Active { since },
				ModelStatus::Retired => v1::ModelStatus::Retired,
			};
			v1::Models::<Test>::insert(
				version,
				v1::Model {
					digest: model.digest,
					header: model.header,
					uploader: model.uploader,
					deposit: model.deposit,
					status,
					attestations: model.attestations,
				},
			);
		}
		StorageVersion::new(1).put::<Pallet<Test>>();
	}

	#[test]
	fn an_upload_in_progress_gets_a_full_window_and_the_rest_is_kept() {
		ExtBuilder::default().build().execute_with(|| {
			version_1_state();
			System::set_block_number(7);
			let active_before = v1::Models::<Test>::get(0).unwrap();

			MigrateV1ToV2::<Test>::on_runtime_upgrade();

			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
			let uploading = Models::<Test>::get(1).unwrap();
			assert!(matches!(
				uploading.status,
				ModelStatus::Uploading { upload_by, .. } if upload_by == 7 + UPLOAD_WINDOW
			));
			let active = Models::<Test>::get(0).unwrap();
			assert_eq!(active.digest, active_before.digest);
			assert!(matches!(active.status, ModelStatus::Active { .. }));
			assert_ok!(Pallet::<Test>::do_try_state());
			// The rest of the upload goes in within the new window.
			let model = test_model();
			let half = model.rows.len() / 2;
			assert_ok!(Recommendations::upload_rows(
				RuntimeOrigin::signed(UPLOADER),
				1,
				model.rows[half..].to_vec().try_into().unwrap()
			));
			// Once migrated, the migration runs no more.
			assert_eq!(
				MigrateV1ToV2::<Test>::on_runtime_upgrade(),
				<<Test as frame_system::Config>::DbWeight as Get<
					frame_support::weights::RuntimeDbWeight,
				>>::get()
				.reads(1)
			);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn pre_and_post_upgrade_checks_pass_and_catch_a_changed_model() {
		ExtBuilder::default().build().execute_with(|| {
			version_1_state();
			assert_ok!(MigrateV1ToV2::<Test>::try_on_runtime_upgrade(true));
			version_1_state();
			let state = UncheckedMigrateV1ToV2::<Test>::pre_upgrade().unwrap();
			UncheckedMigrateV1ToV2::<Test>::on_runtime_upgrade();
			Models::<Test>::mutate(1, |model| model.as_mut().unwrap().deposit += 1);
			assert!(UncheckedMigrateV1ToV2::<Test>::post_upgrade(state).is_err());
		});
	}
}
