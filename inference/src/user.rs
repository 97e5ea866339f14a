//! The user representation: recency-weighted purchase shares and the int16 user vector.

use crate::model::{ItemId, ItemRow, ModelError, ModelHeader, Q15_ONE};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Largest number of purchases in a user's history. The runtime keeps the most recent ones.
pub const MAX_HISTORY: u32 = 256;

/// One purchased item. `basket` numbers the user's baskets (orders) in time order; purchases
/// with the same number were bought together. Only differences between numbers matter.
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
pub struct Purchase {
	/// The purchased item.
	pub item: ItemId,
	/// The basket sequence number of the purchase.
	pub basket: u32,
}

/// `decay^age` in Q15 fixed point (`2^15` = 1.0), computed by square-and-multiply with
/// rounding down after every product. Returns a value in `0..=2^15`.
pub fn recency_weight_q15(recency_decay_q15: u16, age: u32) -> u32 {
	let mut result = Q15_ONE;
	let mut base = u32::from(recency_decay_q15).min(Q15_ONE);
	let mut remaining = age;
	while remaining > 0 && result > 0 {
		if remaining & 1 == 1 {
			// Proof: result ≤ 2^15 and base ≤ 2^15, so the product is ≤ 2^30 < u32::MAX, and
			// the shifted result stays ≤ 2^15.
			result = result.saturating_mul(base) >> 15;
		}
		// Same bound as above.
		base = base.saturating_mul(base) >> 15;
		remaining >>= 1;
	}
	result
}

/// A user as the model sees them: per-item purchase shares and the user vector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserProfile {
	/// `(item, share in Q15)` for every distinct history item, sorted by item id. The shares
	/// sum to at most `2^15`.
	shares: Vec<(ItemId, u32)>,
	/// The user vector, `i16` values widened to `i32`, one per dimension.
	vector: Vec<i32>,
}

impl UserProfile {
	/// Builds the profile of a user from their purchase `history` (any order), reading the rows
	/// of the history items through `row_of`. Each distinct item's row is read once.
	///
	/// Items without a row (not in the model) still count in the recency normalization, but
	/// add nothing to the user vector.
	///
	/// # Errors
	/// [`ModelError::HistoryTooLong`] above [`MAX_HISTORY`] purchases, the header's
	/// validation error, or [`ModelError::DimensionMismatch`]/[`ModelError::BiasOutOfRange`]
	/// for a malformed history row.
	pub fn build<F>(
		header: &ModelHeader,
		history: &[Purchase],
		mut row_of: F,
	) -> Result<Self, ModelError>
	where
		F: FnMut(ItemId) -> Option<ItemRow>,
	{
		header.validate()?;
		if history.len() > MAX_HISTORY as usize {
			return Err(ModelError::HistoryTooLong);
		}
		let latest = history.iter().map(|p| p.basket).max().unwrap_or(0);
		let mut weights: Vec<(ItemId, u32)> = history
			.iter()
			.map(|p| {
				let age = latest.saturating_sub(p.basket);
				(p.item, recency_weight_q15(header.recency_decay_q15, age))
			})
			.collect();
		weights.sort_unstable_by_key(|(item, _)| *item);

		// Proof: every weight is ≤ 2^15 and there are ≤ MAX_HISTORY = 2^8 of them, so every
		// per-item sum and the total are ≤ 2^23; u32 cannot overflow.
		let mut sums: Vec<(ItemId, u32)> = Vec::with_capacity(weights.len());
		let mut total: u32 = 0;
		for (item, weight) in weights {
			total = total.saturating_add(weight);
			match sums.last_mut() {
				Some((last, sum)) if *last == item => *sum = sum.saturating_add(weight),
				_ => sums.push((item, weight)),
			}
		}

		let dim = usize::from(header.dim);
		let mut accumulator = alloc::vec![0i32; dim];
		let mut shares = Vec::with_capacity(sums.len());
		for (item, sum) in sums {
			// Proof: sum ≤ total ≤ 2^23, so sum * 2^15 ≤ 2^38 fits u64, and the quotient is
			// ≤ 2^15 because sum ≤ total. Floor division keeps Σ shares ≤ 2^15.
			let share = if total == 0 {
				0
			} else {
				u32::try_from((u64::from(sum) << 15) / u64::from(total)).unwrap_or(Q15_ONE)
			};
			shares.push((item, share));
			if share == 0 {
				continue;
			}
			let Some(row) = row_of(item) else { continue };
			row.validate(header)?;
			// Proof: |share * input| ≤ 2^15 * 2^7 = 2^22 and Σ share ≤ 2^15, so every
			// accumulator stays within ±2^22; the saturating add never saturates.
			let share = i32::try_from(share).unwrap_or(i32::MAX);
			for (acc, &value) in accumulator.iter_mut().zip(row.input.values()) {
				*acc = acc.saturating_add(share.saturating_mul(i32::from(value)));
			}
		}
		let vector = accumulator
			.into_iter()
			.map(|acc| (acc >> header.user_shift).clamp(-i32::from(i16::MAX), i32::from(i16::MAX)))
			.collect();
		Ok(Self { shares, vector })
	}

	/// The user's recency-weighted purchase share of `item`, Q15; zero if never bought.
	pub fn share_of(&self, item: ItemId) -> u32 {
		self.shares
			.binary_search_by_key(&item, |(id, _)| *id)
			.ok()
			.and_then(|i| self.shares.get(i))
			.map_or(0, |(_, share)| *share)
	}

	/// Whether `item` is in the user's history.
	pub fn has_bought(&self, item: ItemId) -> bool {
		self.shares.binary_search_by_key(&item, |(id, _)| *id).is_ok()
	}

	/// `(item, share)` pairs of the history, sorted by item id.
	pub fn shares(&self) -> &[(ItemId, u32)] {
		&self.shares
	}

	/// The user vector: one value in `-32767..=32767` per dimension.
	pub fn vector(&self) -> &[i32] {
		&self.vector
	}
}
