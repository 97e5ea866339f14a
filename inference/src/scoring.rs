//! Scoring one item, and top-k over a whole model.

use crate::{
	model::{ItemId, ItemRow, ModelError, ModelFile, ModelHeader},
	user::UserProfile,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Largest number of recommendations per user.
pub const MAX_K: u32 = 100;

/// One recommended item and its score.
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
pub struct Recommendation {
	/// The recommended item.
	pub item: ItemId,
	/// Its score (higher is better).
	pub score: i32,
}

/// The ranking order: `a` ranks above `b` if its score is higher, or equal with a lower id.
pub fn ranks_above(a: &Recommendation, b: &Recommendation) -> bool {
	a.score > b.score || (a.score == b.score && a.item < b.item)
}

/// The repeat term `(share * repeat_weight) >> 15`.
///
/// Proof of bounds: share ≤ 2^15 and repeat_weight ≤ 2^29 (validated), so the i64 product is
/// ≤ 2^44 and the result ≤ 2^29, which fits i32.
fn repeat_term(header: &ModelHeader, share_q15: u32) -> i32 {
	let product = i64::from(share_q15).saturating_mul(i64::from(header.repeat_weight)) >> 15;
	i32::try_from(product).unwrap_or(i32::MAX)
}

/// `Σ user[d] * output[d]`.
///
/// Proof of bounds: |user[d]| ≤ 2^15 - 1 and |output[d]| ≤ 2^7, so each product is < 2^22;
/// with at most MAX_DIM = 2^6 terms the sum is < 2^28 and never wraps.
fn dot(user: &[i32], output: &[i8]) -> i32 {
	let term = |acc: i32, (&u, &o): (&i32, &i8)| acc.wrapping_add(u.wrapping_mul(i32::from(o)));
	// Blocks of 8 unroll into straight-line code (the hot loop of top-k, also in WASM).
	let user_blocks = user.chunks_exact(8);
	let output_blocks = output.chunks_exact(8);
	let tail = user_blocks.remainder().iter().zip(output_blocks.remainder()).fold(0i32, term);
	user_blocks.zip(output_blocks).fold(tail, |acc, (u, o)| {
		let mut block = 0i32;
		for i in 0..8 {
			// Both blocks have exactly 8 elements (chunks_exact), so `get` always succeeds.
			if let (Some(&u), Some(&o)) = (u.get(i), o.get(i)) {
				block = block.wrapping_add(u.wrapping_mul(i32::from(o)));
			}
		}
		acc.wrapping_add(block)
	})
}

/// Adds the three terms. Proof: |dot| < 2^28, |bias| ≤ 2^29, 0 ≤ repeat ≤ 2^29, so the sum is
/// within ±(2^28 + 2^30) < 2^31; the saturating adds never saturate.
fn combine(dot: i32, bias: i32, repeat: i32) -> i32 {
	dot.saturating_add(bias).saturating_add(repeat)
}

/// The score of `item` (with its `row`) for `user`.
///
/// # Errors
/// The row's validation error if it does not match the header.
pub fn score_item(
	header: &ModelHeader,
	user: &UserProfile,
	item: ItemId,
	row: &ItemRow,
) -> Result<i32, ModelError> {
	row.validate(header)?;
	let dot = dot(user.vector(), row.output.values());
	Ok(combine(dot, row.bias, repeat_term(header, user.share_of(item))))
}

/// A validated model laid out for fast top-k: output embeddings in one contiguous buffer.
#[derive(Clone, Debug)]
pub struct ScoringTable {
	header: ModelHeader,
	items: Vec<ItemId>,
	outputs: Vec<i8>,
	biases: Vec<i32>,
}

impl ScoringTable {
	/// Validates `model` and lays it out for [`ScoringTable::top_k`].
	///
	/// # Errors
	/// The model's validation error.
	pub fn new(model: &ModelFile) -> Result<Self, ModelError> {
		model.validate()?;
		let dim = usize::from(model.header.dim);
		let mut outputs = Vec::with_capacity(model.rows.len().saturating_mul(dim));
		for (_, row) in &model.rows {
			outputs.extend_from_slice(row.output.values());
		}
		Ok(Self {
			header: model.header.clone(),
			items: model.rows.iter().map(|(id, _)| *id).collect(),
			outputs,
			biases: model.rows.iter().map(|(_, row)| row.bias).collect(),
		})
	}

	/// The model header.
	pub fn header(&self) -> &ModelHeader {
		&self.header
	}

	/// The `k` best items for `user`, best first, in the order of [`ranks_above`]. Items in
	/// the history are skipped unless the header allows repeats. Fewer than `k` items are
	/// returned only if the model has fewer eligible items.
	///
	/// # Errors
	/// [`ModelError::InvalidK`] if `k` is zero or above [`MAX_K`];
	/// [`ModelError::DimensionMismatch`] if the profile was built for another dimension.
	pub fn top_k(&self, user: &UserProfile, k: u32) -> Result<Vec<Recommendation>, ModelError> {
		if k == 0 || k > MAX_K {
			return Err(ModelError::InvalidK);
		}
		let dim = usize::from(self.header.dim);
		if user.vector().len() != dim {
			return Err(ModelError::DimensionMismatch);
		}
		let k = k as usize;
		let allow_repeat = self.header.allows_repeat();
		let mut best: Vec<Recommendation> = Vec::with_capacity(k.saturating_add(1));
		let mut history = user.shares().iter().peekable();
		// `dim ≥ 1` because `new` validated the header, so `chunks_exact` cannot panic.
		let candidates = self.items.iter().zip(&self.biases).zip(self.outputs.chunks_exact(dim));
		for ((&item, &bias), output) in candidates {
			// Items are in increasing id order, so one forward pass over the sorted history
			// finds each item's share.
			while history.next_if(|(id, _)| *id < item).is_some() {}
			let share = history.next_if(|(id, _)| *id == item).map(|(_, share)| *share);
			if share.is_some() && !allow_repeat {
				continue;
			}
			let repeat = share.map_or(0, |share| repeat_term(&self.header, share));
			let candidate =
				Recommendation { item, score: combine(dot(user.vector(), output), bias, repeat) };
			if best.len() == k && !best.last().is_some_and(|last| ranks_above(&candidate, last)) {
				continue;
			}
			let position = best.partition_point(|existing| ranks_above(existing, &candidate));
			best.insert(position, candidate);
			best.truncate(k);
		}
		Ok(best)
	}
}
