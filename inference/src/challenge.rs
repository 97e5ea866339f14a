//! The two checks the chain runs to settle a challenge against an attested top-k. Each needs
//! only the header, the user's profile ([`UserProfile::new`]: the history and the stored taste
//! vector, no rows) and the row of the disputed item.

use crate::{
	model::{ItemId, ItemRow, ModelError, ModelHeader},
	scoring::{ranks_above, score_item, Recommendation},
	user::UserProfile,
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

/// Checks "the score claimed for `item` is right" (a `WrongScore` challenge), for `user`
/// ([`UserProfile::new`] from the history and taste the attestation was made from), with `row`
/// the model's row of `item` (`None`: not in the model).
///
/// The claim is fraudulent if `item` has no row in the model, if it is a history item while
/// the model forbids repeats, or if its recomputed score differs from `claimed_score`.
///
/// # Errors
/// The error of [`score_item`] (a row that does not match the header).
pub fn check_claimed_score(
	header: &ModelHeader,
	user: &UserProfile,
	item: ItemId,
	row: Option<&ItemRow>,
	claimed_score: i32,
) -> Result<ChallengeVerdict, ModelError> {
	let Some(row) = row else { return Ok(ChallengeVerdict::FraudProven) };
	if user.has_bought(item) && !header.allows_repeat() {
		return Ok(ChallengeVerdict::FraudProven);
	}
	let score = score_item(header, user, item, row)?;
	Ok(if score == claimed_score {
		ChallengeVerdict::ClaimStands
	} else {
		ChallengeVerdict::FraudProven
	})
}

/// Checks "`candidate` should have ranked above the k-th claimed item" (a `MissedItem`
/// challenge) for `user`, with `row` the model's row of `candidate`. `kth` is the last item of
/// the attested list with its claimed score.
///
/// The caller must first check that `candidate` is not in the attested list (otherwise it was
/// not missed) and that the list has `k` items. A wrong score of the k-th item itself is
/// settled by [`check_claimed_score`].
///
/// # Errors
/// [`ModelError::UnknownItem`] if `candidate` has no row (the challenge is invalid), and the
/// error of [`score_item`].
pub fn check_missed_item(
	header: &ModelHeader,
	user: &UserProfile,
	candidate: ItemId,
	row: Option<&ItemRow>,
	kth: Recommendation,
) -> Result<ChallengeVerdict, ModelError> {
	let row = row.ok_or(ModelError::UnknownItem)?;
	if user.has_bought(candidate) && !header.allows_repeat() {
		return Ok(ChallengeVerdict::ClaimStands);
	}
	let score = score_item(header, user, candidate, row)?;
	let candidate = Recommendation { item: candidate, score };
	Ok(if ranks_above(&candidate, &kth) {
		ChallengeVerdict::FraudProven
	} else {
		ChallengeVerdict::ClaimStands
	})
}
