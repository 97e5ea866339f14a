//! Approving, uploading, activating and reaping models.

use super::*;
use bazaar_inference::{Embedding, ItemRow};
use frame_support::BoundedVec;
use sp_core::H256;

fn batch(rows: &[(u32, ItemRow)]) -> RowBatchOf<Test> {
	BoundedVec::truncate_from(rows.to_vec())
}

/// Governance approves the test model for `uploader`; returns its version.
fn approve(uploader: AccountId) -> ModelVersion {
	let model = test_model();
	let version = NextModelVersion::<Test>::get();
	assert_ok!(Recommendations::approve_model(
		RuntimeOrigin::root(),
		digest_of(&model),
		model.header,
		uploader
	));
	version
}

#[test]
fn an_uploaded_model_matching_its_digest_becomes_active() {
	ExtBuilder::default().without_model().build_and_execute(|| {
		let model = test_model();
		let version = approve(UPLOADER);
		assert!(matches!(
			Models::<Test>::get(version).unwrap().status,
			ModelStatus::Uploading { rows: 0, .. }
		));
		assert_eq!(ActiveModel::<Test>::get(), None);

		assert_ok!(Recommendations::upload_rows(
			RuntimeOrigin::signed(UPLOADER),
			version,
			batch(&model.rows[..4])
		));
		assert_eq!(held(HoldReason::ModelDeposit, UPLOADER), 4 * ROW_DEPOSIT);
		assert_eq!(ActiveModel::<Test>::get(), None);
		assert_ok!(Recommendations::upload_rows(
			RuntimeOrigin::signed(UPLOADER),
			version,
			batch(&model.rows[4..])
		));

		assert_eq!(ActiveModel::<Test>::get(), Some(version));
		assert_eq!(held(HoldReason::ModelDeposit, UPLOADER), 6 * ROW_DEPOSIT);
		for (item, row) in &model.rows {
			assert_eq!(ModelRows::<Test>::get(version, item).as_ref(), Some(row));
		}
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::ModelActivated { version, replaced: None })
		);
	});
}

#[test]
fn a_new_model_retires_the_active_one_which_is_reaped_in_steps() {
	ExtBuilder::default().build_and_execute(|| {
		let first = ActiveModel::<Test>::get().unwrap();
		let second = approve_and_upload(&test_model());
		assert_eq!(ActiveModel::<Test>::get(), Some(second));
		assert_eq!(Models::<Test>::get(first).unwrap().status, ModelStatus::Retired);
		assert_eq!(held(HoldReason::ModelDeposit, UPLOADER), 12 * ROW_DEPOSIT);

		// Anyone reaps, four rows at a time at most: 6 rows take two calls.
		assert_ok!(Recommendations::reap_model(RuntimeOrigin::signed(OTHER), first, 100));
		assert_eq!(ModelRows::<Test>::iter_key_prefix(first).count(), 2);
		assert!(Models::<Test>::contains_key(first));
		assert_ok!(Recommendations::reap_model(RuntimeOrigin::signed(OTHER), first, 100));
		assert!(!Models::<Test>::contains_key(first));
		assert_eq!(held(HoldReason::ModelDeposit, UPLOADER), 6 * ROW_DEPOSIT);
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::ModelRemoved { version: first, deposit: 6 * ROW_DEPOSIT })
		);
		assert_noop!(
			Recommendations::reap_model(RuntimeOrigin::signed(OTHER), first, 1),
			Error::<Test>::UnknownModel
		);
	});
}

#[test]
fn rows_that_do_not_hash_to_the_digest_retire_the_model() {
	ExtBuilder::default().without_model().build_and_execute(|| {
		let mut model = test_model();
		let version = approve(UPLOADER);
		model.rows[5].1.bias += 1;
		assert_ok!(Recommendations::upload_rows(
			RuntimeOrigin::signed(UPLOADER),
			version,
			batch(&model.rows[..4])
		));
		assert_ok!(Recommendations::upload_rows(
			RuntimeOrigin::signed(UPLOADER),
			version,
			batch(&model.rows[4..])
		));
		assert_eq!(ActiveModel::<Test>::get(), None);
		assert_eq!(Models::<Test>::get(version).unwrap().status, ModelStatus::Retired);
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::ModelRejected { version, uploaded: digest_of(&model) })
		);
	});
}

#[test]
fn approving_needs_the_model_origin_and_a_valid_bounded_header() {
	ExtBuilder::default().without_model().build_and_execute(|| {
		let model = test_model();
		assert_noop!(
			Recommendations::approve_model(
				RuntimeOrigin::signed(UPLOADER),
				digest_of(&model),
				model.header.clone(),
				UPLOADER
			),
			sp_runtime::DispatchError::BadOrigin
		);
		let mut invalid = model.header.clone();
		invalid.dim = 0;
		assert_noop!(
			Recommendations::approve_model(RuntimeOrigin::root(), H256::zero(), invalid, UPLOADER),
			Error::<Test>::InvalidModel
		);
		let mut large = model.header.clone();
		large.item_count = 17;
		assert_noop!(
			Recommendations::approve_model(RuntimeOrigin::root(), H256::zero(), large, UPLOADER),
			Error::<Test>::ModelTooLarge
		);
	});
}

#[test]
fn uploads_are_checked() {
	ExtBuilder::default().without_model().build_and_execute(|| {
		let model = test_model();
		let rows = &model.rows;
		let version = approve(UPLOADER);
		let upload = |who, rows: &[(u32, ItemRow)]| {
			Recommendations::upload_rows(RuntimeOrigin::signed(who), version, batch(rows))
		};
		assert_noop!(
			Recommendations::upload_rows(RuntimeOrigin::signed(UPLOADER), 9, batch(&rows[..1])),
			Error::<Test>::UnknownModel
		);
		assert_noop!(upload(OTHER, &rows[..1]), Error::<Test>::NotUploader);
		assert_noop!(upload(UPLOADER, &[]), Error::<Test>::EmptyBatch);
		assert_noop!(
			upload(UPLOADER, &[rows[1].clone(), rows[0].clone()]),
			Error::<Test>::RowsOutOfOrder
		);
		assert_ok!(upload(UPLOADER, &rows[..2]));
		// The next batch must start above the last uploaded item.
		assert_noop!(upload(UPLOADER, &rows[1..3]), Error::<Test>::RowsOutOfOrder);
		let short = ItemRow { input: Embedding::new(vec![1; 3]).unwrap(), ..rows[2].1.clone() };
		assert_noop!(upload(UPLOADER, &[(12, short)]), Error::<Test>::InvalidRow);
	});
}

#[test]
fn too_many_rows_and_no_deposit_are_refused() {
	ExtBuilder::default().without_model().build_and_execute(|| {
		let model = test_model();
		let version = approve(UPLOADER);
		assert_ok!(Recommendations::upload_rows(
			RuntimeOrigin::signed(UPLOADER),
			version,
			batch(&model.rows[..4])
		));
		// Six items: two are left, three are sent.
		let three: Vec<_> = (14..17).map(|item| (item, model.rows[4].1.clone())).collect();
		assert_noop!(
			Recommendations::upload_rows(RuntimeOrigin::signed(UPLOADER), version, batch(&three)),
			Error::<Test>::TooManyRows
		);

		let poor_version = approve(POOR);
		// POOR has 50: four rows' deposit (40) leaves 10, too little for two more (20).
		assert_ok!(Recommendations::upload_rows(
			RuntimeOrigin::signed(POOR),
			poor_version,
			batch(&model.rows[..4])
		));
		assert_noop!(
			Recommendations::upload_rows(
				RuntimeOrigin::signed(POOR),
				poor_version,
				batch(&model.rows[4..])
			),
			Error::<Test>::InsufficientDeposit
		);
	});
}

#[test]
fn an_active_model_cannot_take_rows_nor_be_reaped() {
	ExtBuilder::default().build_and_execute(|| {
		let version = ActiveModel::<Test>::get().unwrap();
		let model = test_model();
		assert_noop!(
			Recommendations::upload_rows(
				RuntimeOrigin::signed(UPLOADER),
				version,
				batch(&model.rows[..1])
			),
			Error::<Test>::NotUploading
		);
		assert_noop!(
			Recommendations::reap_model(RuntimeOrigin::signed(OTHER), version, 4),
			Error::<Test>::ModelInUse
		);
	});
}

#[test]
fn a_retired_model_with_attestations_is_not_reaped_until_they_are_removed() {
	ExtBuilder::default().build_and_execute(|| {
		let first = ActiveModel::<Test>::get().unwrap();
		attested(|honest| honest);
		approve_and_upload(&test_model());
		assert_noop!(
			Recommendations::reap_model(RuntimeOrigin::signed(OTHER), first, 4),
			Error::<Test>::ModelInUse
		);
		run_to_block(1 + CHALLENGE_WINDOW + 1);
		assert_ok!(Recommendations::remove_attestation(RuntimeOrigin::signed(OTHER), USER));
		assert_ok!(Recommendations::reap_model(RuntimeOrigin::signed(OTHER), first, 4));
	});
}

#[test]
fn an_older_model_that_finishes_its_upload_after_a_newer_one_is_retired_unused() {
	ExtBuilder::default().build_and_execute(|| {
		let model = test_model();
		let approve = || {
			let version = NextModelVersion::<Test>::get();
			assert_ok!(Recommendations::approve_model(
				RuntimeOrigin::root(),
				digest_of(&model),
				model.header.clone(),
				UPLOADER
			));
			version
		};
		let upload = |version, rows: &[(u32, bazaar_inference::ItemRow)]| {
			Recommendations::upload_rows(
				RuntimeOrigin::signed(UPLOADER),
				version,
				BoundedVec::truncate_from(rows.to_vec()),
			)
		};
		let (older, newer) = (approve(), approve());
		let batches: Vec<_> = model.rows.chunks(MAX_ROWS_PER_UPLOAD as usize).collect();
		let (last, first) = batches.split_last().unwrap();
		for batch in first {
			assert_ok!(upload(older, batch));
		}
		for batch in &batches {
			assert_ok!(upload(newer, batch));
		}
		assert_eq!(ActiveModel::<Test>::get(), Some(newer));

		assert_ok!(upload(older, last));
		assert_eq!(ActiveModel::<Test>::get(), Some(newer));
		assert_eq!(Models::<Test>::get(older).unwrap().status, ModelStatus::Retired);
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::ModelSuperseded { version: older, by: newer })
		);
		// Retired unused: its rows can be reaped, a batch at a time, and the deposit returned.
		for _ in 0..model.rows.len() {
			if !Models::<Test>::contains_key(older) {
				break;
			}
			assert_ok!(Recommendations::reap_model(RuntimeOrigin::signed(OTHER), older, 1_000));
		}
		assert!(!Models::<Test>::contains_key(older));
	});
}

#[test]
fn an_upload_past_its_window_is_refused() {
	ExtBuilder::default().without_model().build_and_execute(|| {
		let model = test_model();
		let version = approve(UPLOADER);
		assert_ok!(Recommendations::upload_rows(
			RuntimeOrigin::signed(UPLOADER),
			version,
			batch(&model.rows[..4])
		));
		// The last block of the window still takes rows; the next does not.
		System::set_block_number(1 + UPLOAD_WINDOW + 1);
		assert_noop!(
			Recommendations::upload_rows(
				RuntimeOrigin::signed(UPLOADER),
				version,
				batch(&model.rows[4..])
			),
			Error::<Test>::UploadExpired
		);
	});
}

#[test]
fn an_abandoned_upload_is_retired_and_reaped_by_anyone_after_its_window() {
	ExtBuilder::default().without_model().build_and_execute(|| {
		let model = test_model();
		let version = approve(UPLOADER);
		assert_ok!(Recommendations::upload_rows(
			RuntimeOrigin::signed(UPLOADER),
			version,
			batch(&model.rows[..4])
		));
		assert_eq!(held(HoldReason::ModelDeposit, UPLOADER), 4 * ROW_DEPOSIT);
		// Within the window the upload may still finish: it cannot be reaped.
		System::set_block_number(1 + UPLOAD_WINDOW);
		assert_noop!(
			Recommendations::reap_model(RuntimeOrigin::signed(OTHER), version, 64),
			Error::<Test>::ModelInUse
		);
		System::set_block_number(1 + UPLOAD_WINDOW + 1);
		assert_ok!(Recommendations::reap_model(RuntimeOrigin::signed(OTHER), version, 64));
		assert!(recommendation_events().contains(&Event::ModelUploadAbandoned { version, rows: 4 }));
		assert!(!Models::<Test>::contains_key(version));
		assert_eq!(ModelRows::<Test>::iter_prefix(version).count(), 0);
		assert_eq!(held(HoldReason::ModelDeposit, UPLOADER), 0);
		assert_eq!(ActiveModel::<Test>::get(), None);
	});
}
