//! The user representation: the taste vector kept per purchase, recency-weighted purchase
//! shares, and the int16 user vector.

use crate::model::{ItemId, ItemRow, ModelError, ModelHeader, MAX_DIM, Q15_ONE};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, Error as CodecError, Input, MaxEncodedLen};
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

/// A user's taste under one model: the recency-weighted sum of the *input* embeddings of the
/// items the user bought, kept up to date one purchase at a time ([`TasteVector::record`]).
///
/// Each purchase adds `2^15 * input[d]` to `sums[d]` and `2^15` to `total`; when a purchase opens a
/// later basket, everything recorded before is first decayed by `decay^(baskets between)`
/// ([`recency_weight_q15`], rounding down after the product). The user vector is the weighted
/// mean, `u[d] = clamp_i16(((sums[d] * 2^15) / total) >> user_shift)` (division truncating toward
/// zero, then an arithmetic shift), so the newest purchase weighs `2^15` and one `a` baskets old
/// `≈ decay^a * 2^15`. Items without a row (not in the model) count in `total` only.
///
/// This recurrence is the definition: the runtime stores one per (model, user) and applies it at
/// every recorded purchase, [`TasteVector::replay`] applies it to a whole history (when a model
/// is activated, and offline), and the off-chain worker and the challenge read the stored one. A
/// challenge therefore reads one vector instead of one row per purchase. The vector fades old
/// purchases but does not forget them when the history drops them; after a rebuild from a
/// history it covers that history's purchases only.
///
/// Bounds: the decay factor is at most `2^15`, so after `n` purchases `total ≤ n * 2^15` and
/// `|sums[d]| ≤ n * 2^22 + n` (the `+ n` from rounding negative values down); both stay far inside
/// `u64`/`i64` for any `n < 2^40`, and the arithmetic saturates rather than wraps beyond that.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, TypeInfo)]
pub struct TasteVector {
	/// The basket of the latest recorded purchase: a purchase in a later basket decays
	/// everything before it.
	latest_basket: u32,
	/// `Σ weight` over the recorded purchases, in Q15 units (the newest purchase is `2^15`).
	total: u64,
	/// `Σ weight * input[d]` per dimension.
	sums: Vec<i64>,
}

impl TasteVector {
	/// An empty taste for a model of `header`'s dimension.
	pub fn new(header: &ModelHeader) -> Self {
		Self { latest_basket: 0, total: 0, sums: alloc::vec![0; usize::from(header.dim)] }
	}

	/// Records a purchase in `basket` of an item whose row is `row` (`None`: not in the model).
	/// A basket before the latest counts as the latest.
	///
	/// # Errors
	/// [`ModelError::DimensionMismatch`] if the taste or the row was made for another dimension,
	/// [`ModelError::BiasOutOfRange`] for a malformed row. Nothing is changed then.
	pub fn record(
		&mut self,
		header: &ModelHeader,
		basket: u32,
		row: Option<&ItemRow>,
	) -> Result<(), ModelError> {
		if self.sums.len() != usize::from(header.dim) {
			return Err(ModelError::DimensionMismatch);
		}
		if let Some(row) = row {
			row.validate(header)?;
		}
		if basket > self.latest_basket {
			let factor = recency_weight_q15(header.recency_decay_q15, basket - self.latest_basket);
			// Proof: factor ≤ 2^15 and |sum| < 2^63, so the i128 product is < 2^78; shifted back
			// it is no larger than the sum, and `>>` on i128 rounds down.
			for sum in &mut self.sums {
				let decayed = (i128::from(*sum) * i128::from(factor)) >> 15;
				*sum = i64::try_from(decayed).unwrap_or(*sum);
			}
			let total = (u128::from(self.total) * u128::from(factor)) >> 15;
			self.total = u64::try_from(total).unwrap_or(self.total);
			self.latest_basket = basket;
		}
		self.total = self.total.saturating_add(u64::from(Q15_ONE));
		if let Some(row) = row {
			for (sum, &value) in self.sums.iter_mut().zip(row.input.values()) {
				*sum = sum.saturating_add(i64::from(Q15_ONE) * i64::from(value));
			}
		}
		Ok(())
	}

	/// The taste of a whole `history` under a model: its purchases recorded in basket order
	/// (stable for purchases of one basket), reading each purchase's row through `row_of`.
	///
	/// # Errors
	/// [`ModelError::HistoryTooLong`] above [`MAX_HISTORY`] purchases, the header's validation
	/// error, or a malformed row's (see [`TasteVector::record`]).
	pub fn replay<F>(
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
		let mut purchases = history.to_vec();
		purchases.sort_by_key(|p| p.basket);
		let mut taste = Self::new(header);
		for purchase in purchases {
			taste.record(header, purchase.basket, row_of(purchase.item).as_ref())?;
		}
		Ok(taste)
	}

	/// The user vector (see the type's documentation): one value in `-32767..=32767` per
	/// dimension, all zero before any purchase.
	pub fn user_vector(&self, header: &ModelHeader) -> Vec<i32> {
		let limit = i128::from(i16::MAX);
		self.sums
			.iter()
			.map(|&sum| {
				if self.total == 0 {
					return 0;
				}
				// Proof: |sum| < 2^63, so |sum * 2^15| < 2^78 fits i128 and so does the quotient.
				let mean = (i128::from(sum) << 15) / i128::from(self.total);
				// Clamped to ±(2^15 - 1), so the conversion to i32 cannot fail.
				i32::try_from((mean >> header.user_shift).clamp(-limit, limit)).unwrap_or(0)
			})
			.collect()
	}

	/// The number of dimensions.
	pub fn dim(&self) -> usize {
		self.sums.len()
	}
}

impl Decode for TasteVector {
	fn decode<I: Input>(input: &mut I) -> Result<Self, CodecError> {
		let latest_basket = u32::decode(input)?;
		let total = u64::decode(input)?;
		let sums = Vec::<i64>::decode(input)?;
		if sums.len() > usize::from(MAX_DIM) {
			return Err("TasteVector longer than MAX_DIM".into());
		}
		Ok(Self { latest_basket, total, sums })
	}
}

impl DecodeWithMemTracking for TasteVector {}

impl MaxEncodedLen for TasteVector {
	fn max_encoded_len() -> usize {
		u32::max_encoded_len()
			.saturating_add(u64::max_encoded_len())
			.saturating_add(codec::Compact(u32::from(MAX_DIM)).encoded_size())
			.saturating_add(usize::from(MAX_DIM).saturating_mul(i64::max_encoded_len()))
	}
}

/// A user as the model sees them: per-item purchase shares (from the purchase history) and the
/// user vector (from the [`TasteVector`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserProfile {
	/// `(item, share in Q15)` for every distinct history item, sorted by item id. The shares
	/// sum to at most `2^15`.
	shares: Vec<(ItemId, u32)>,
	/// The user vector, `i16` values widened to `i32`, one per dimension.
	vector: Vec<i32>,
}

impl UserProfile {
	/// The profile of a user with purchase `history` (any order) and `taste` under the model of
	/// `header`. Reads no rows: this is what the chain checks a challenge with.
	///
	/// The share of an item is its recency weight `decay^(latest basket - basket)` summed over
	/// the history's purchases of it, over the sum of all of them (Q15, rounded down).
	///
	/// # Errors
	/// [`ModelError::HistoryTooLong`] above [`MAX_HISTORY`] purchases, the header's validation
	/// error, or [`ModelError::DimensionMismatch`] if `taste` has another dimension.
	pub fn new(
		header: &ModelHeader,
		history: &[Purchase],
		taste: &TasteVector,
	) -> Result<Self, ModelError> {
		header.validate()?;
		if history.len() > MAX_HISTORY as usize {
			return Err(ModelError::HistoryTooLong);
		}
		if taste.dim() != usize::from(header.dim) {
			return Err(ModelError::DimensionMismatch);
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
		// Proof: sum ≤ total ≤ 2^23, so sum * 2^15 ≤ 2^38 fits u64, and the quotient is ≤ 2^15
		// because sum ≤ total. Floor division keeps Σ shares ≤ 2^15.
		let shares = sums
			.into_iter()
			.map(|(item, sum)| {
				let share = if total == 0 {
					0
				} else {
					u32::try_from((u64::from(sum) << 15) / u64::from(total)).unwrap_or(Q15_ONE)
				};
				(item, share)
			})
			.collect();
		Ok(Self { shares, vector: taste.user_vector(header) })
	}

	/// The profile of a user from their purchase `history` alone: the taste of the history
	/// replayed ([`TasteVector::replay`], reading each purchase's row through `row_of`), then
	/// [`UserProfile::new`]. What the tools and tests use; the chain keeps the taste instead.
	///
	/// # Errors
	/// Those of [`TasteVector::replay`] and [`UserProfile::new`].
	pub fn build<F>(
		header: &ModelHeader,
		history: &[Purchase],
		row_of: F,
	) -> Result<Self, ModelError>
	where
		F: FnMut(ItemId) -> Option<ItemRow>,
	{
		let taste = TasteVector::replay(header, history, row_of)?;
		Self::new(header, history, &taste)
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
