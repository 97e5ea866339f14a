//! The storage migrations, on state written in the old layout.

use super::*;
use bazaar_inference::Recommendation;
use codec::Encode;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// Version 0 attestations (no history digest, signed under the v1 context) are removed, their
/// models count none, and their users are queued for a new attestation.
#[test]
fn v1_removes_the_old_attestations_and_queues_their_users() {
	ExtBuilder::default().build_and_execute(|| {
		user_bought_10();
		let version = ActiveModel::<Test>::get().unwrap();
		// The version 0 layout: attester, (user, model, nonce, items, key), signature, block.
		let items: Vec<Recommendation> = honest_top_k(USER);
		let old_record =
			(ATTESTER, (USER, version, 1u64, items, attester_key()), vec![7u8; 64], 1u64);
		frame_support::storage::unhashed::put_raw(
			&Attestations::<Test>::hashed_key_for(USER),
			&old_record.encode(),
		);
		Models::<Test>::mutate(version, |model| model.as_mut().unwrap().attestations = 1);
		StaleUsers::<Test>::remove(USER);
		StorageVersion::new(0).put::<Recommendations>();
		// The old value does not decode as a version 1 record.
		assert!(Attestations::<Test>::try_get(USER).is_err());

		crate::migrations::v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Recommendations::on_chain_storage_version(), 1);
		assert_eq!(Attestations::<Test>::iter_keys().count(), 0);
		assert_eq!(Models::<Test>::get(version).unwrap().attestations, 0);
		assert!(StaleUsers::<Test>::contains_key(USER));
		// The history is kept, and the user can be attested under the new payload.
		assert_eq!(Histories::<Test>::get(USER).nonce, 1);
		assert_ok!(attest(USER, honest_top_k(USER)));

		// Run again (the runtime keeps it in `Migrations`): the new attestation stays.
		crate::migrations::v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert!(Attestations::<Test>::contains_key(USER));
	});
}
