//! The two checks the chain runs to settle a challenge against an attested top-k. Each reads
//! only the header, the rows of the user's history items and the row of the disputed item.

use crate::{
	model::{ItemId, ItemRow, ModelError, ModelHeader},
	scoring::{ranks_above, score_item, Recommendation},
	user::{Purchase, UserProfile},
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The outcome of a challenge check.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ChallengeVerdict {
	/// The attestation is wrong: the challenger wins and the attester is slashed.
	FraudProven,
	/// The attestation is consistent with the model for this check: the challenge fails.
	ClaimStands,
}

/// Checks "the score claimed for `item` is right" (a `WrongScore` challenge).
///
/// The claim is fraudulent if `item` has no row in the model, if it is a history item while
/// the model forbids repeats, or if its recomputed score differs from `claimed_score`.
///
/// # Errors
/// Errors of [`UserProfile::build`] and [`score_item`] (a malformed model or history).
pub fn check_claimed_score<F>(
	header: &ModelHeader,
	history: &[Purchase],
	mut row_of: F,
	item: ItemId,
	claimed_score: i32,
) -> Result<ChallengeVerdict, ModelError>
where
	F: FnMut(ItemId) -> Option<ItemRow>,
{
	let user = UserProfile::build(header, history, &mut row_of)?;
	let Some(row) = row_of(item) else { return Ok(ChallengeVerdict::FraudProven) };
	if user.has_bought(item) && !header.allows_repeat() {
		return Ok(ChallengeVerdict::FraudProven);
	}
	let score = score_item(header, &user, item, &row)?;
	Ok(if score == claimed_score {
		ChallengeVerdict::ClaimStands
	} else {
		ChallengeVerdict::FraudProven
	})
}

/// Checks "`candidate` should have ranked above the k-th claimed item" (a `MissedItem`
/// challenge). `kth` is the last item of the attested list with its claimed score.
///
/// The caller must first check that `candidate` is not in the attested list (otherwise it was
/// not missed) and that the list has `k` items. A wrong score of the k-th item itself is
/// settled by [`check_claimed_score`].
///
/// # Errors
/// [`ModelError::UnknownItem`] if `candidate` has no row (the challenge is invalid), and the
/// errors of [`UserProfile::build`] and [`score_item`].
pub fn check_missed_item<F>(
	header: &ModelHeader,
	history: &[Purchase],
	mut row_of: F,
	candidate: ItemId,
	kth: Recommendation,
) -> Result<ChallengeVerdict, ModelError>
where
	F: FnMut(ItemId) -> Option<ItemRow>,
{
	let user = UserProfile::build(header, history, &mut row_of)?;
	let row = row_of(candidate).ok_or(ModelError::UnknownItem)?;
	if user.has_bought(candidate) && !header.allows_repeat() {
		return Ok(ChallengeVerdict::ClaimStands);
	}
	let score = score_item(header, &user, candidate, &row)?;
	let candidate = Recommendation { item: candidate, score };
	Ok(if ranks_above(&candidate, &kth) {
		ChallengeVerdict::FraudProven
	} else {
		ChallengeVerdict::ClaimStands
	})
}
