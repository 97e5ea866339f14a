//! The model format: header, per-item rows and the validation that guarantees the overflow
//! bounds the scoring code relies on.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, Error as CodecError, Input, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifier of an item (a marketplace listing). Rows are keyed by it.
pub type ItemId = u32;

/// Version of the format described in this crate. Bumped on any change of meaning.
pub const FORMAT_VERSION: u16 = 1;

/// Largest embedding dimension a model may declare.
pub const MAX_DIM: u16 = 64;

/// Largest accepted `user_shift`: the unshifted user vector fits in 23 bits (see
/// [`crate::UserProfile`]), so larger shifts would only discard all information.
pub const MAX_USER_SHIFT: u8 = 22;

/// Largest absolute value of an item bias (`2^29`), in score units.
pub const MAX_ABS_BIAS: i32 = 1 << 29;

/// Largest repeat weight (`2^29`). The repeat term `(r * repeat_weight) >> 15` with
/// `r ≤ 2^15` is then at most `2^29`.
pub const MAX_REPEAT_WEIGHT: i32 = 1 << 29;

/// `1.0` in Q15 fixed point.
pub const Q15_ONE: u32 = 1 << 15;

/// Header flag: items the user already bought may be recommended (repeat purchases).
pub const FLAG_ALLOW_REPEAT: u8 = 0b0000_0001;

/// Reasons a model, a row or an input is rejected. Nothing in this crate panics; every
/// failure is one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum ModelError {
	/// The header's `format_version` is not [`FORMAT_VERSION`]. Re-export the model with a
	/// matching `bazaar-model`.
	UnsupportedFormatVersion,
	/// `dim` is zero or above [`MAX_DIM`]. Train with a dimension in `1..=MAX_DIM`.
	InvalidDimension,
	/// `recency_decay_q15` is above `2^15` (a decay factor above 1.0 would grow old purchases).
	InvalidRecencyDecay,
	/// `repeat_weight` is negative or above [`MAX_REPEAT_WEIGHT`].
	InvalidRepeatWeight,
	/// `user_shift` is above [`MAX_USER_SHIFT`].
	InvalidUserShift,
	/// The header sets flag bits this version does not define.
	UnknownFlags,
	/// A row's embedding length differs from the header's `dim`.
	DimensionMismatch,
	/// A row's bias is outside `-MAX_ABS_BIAS..=MAX_ABS_BIAS`.
	BiasOutOfRange,
	/// Rows are not sorted by strictly increasing item id (duplicates or disorder).
	RowsNotSorted,
	/// The number of rows differs from the header's `item_count`.
	ItemCountMismatch,
	/// A purchase history holds more than [`crate::MAX_HISTORY`] entries.
	HistoryTooLong,
	/// `k` is zero or above [`crate::MAX_K`].
	InvalidK,
	/// The row of an item needed for the computation is missing from the model.
	UnknownItem,
}

/// The model-wide parameters, stored once per model version.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct ModelHeader {
	/// Must equal [`FORMAT_VERSION`].
	pub format_version: u16,
	/// Embedding dimension of every row, `1..=MAX_DIM`.
	pub dim: u16,
	/// Number of item rows in the model.
	pub item_count: u32,
	/// Per-basket recency decay of purchase weights, Q15 (`32768` = no decay).
	pub recency_decay_q15: u16,
	/// Right shift applied to the accumulated user vector before it is clamped to `i16`.
	pub user_shift: u8,
	/// Weight of the personal repeat term, in score units per unit of purchase share.
	pub repeat_weight: i32,
	/// Bit set of `FLAG_*` constants.
	pub flags: u8,
}

impl ModelHeader {
	/// Whether items already in the user's history may be recommended.
	pub fn allows_repeat(&self) -> bool {
		self.flags & FLAG_ALLOW_REPEAT != 0
	}

	/// Checks every field against the bounds the scoring code relies on.
	///
	/// # Errors
	/// The first violated bound, as a [`ModelError`].
	pub fn validate(&self) -> Result<(), ModelError> {
		if self.format_version != FORMAT_VERSION {
			return Err(ModelError::UnsupportedFormatVersion);
		}
		if self.dim == 0 || self.dim > MAX_DIM {
			return Err(ModelError::InvalidDimension);
		}
		if u32::from(self.recency_decay_q15) > Q15_ONE {
			return Err(ModelError::InvalidRecencyDecay);
		}
		if !(0..=MAX_REPEAT_WEIGHT).contains(&self.repeat_weight) {
			return Err(ModelError::InvalidRepeatWeight);
		}
		if self.user_shift > MAX_USER_SHIFT {
			return Err(ModelError::InvalidUserShift);
		}
		if self.flags & !FLAG_ALLOW_REPEAT != 0 {
			return Err(ModelError::UnknownFlags);
		}
		Ok(())
	}
}

/// An int8 vector of at most [`MAX_DIM`] entries. Decoding rejects longer vectors, so the
/// encoded size is bounded ([`MaxEncodedLen`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, TypeInfo)]
pub struct Embedding(Vec<i8>);

impl Embedding {
	/// Wraps `values`, or returns `None` if there are more than [`MAX_DIM`] of them.
	pub fn new(values: Vec<i8>) -> Option<Self> {
		(values.len() <= usize::from(MAX_DIM)).then_some(Self(values))
	}

	/// The values.
	pub fn values(&self) -> &[i8] {
		&self.0
	}
}

impl Decode for Embedding {
	fn decode<I: Input>(input: &mut I) -> Result<Self, CodecError> {
		let values = Vec::<i8>::decode(input)?;
		Self::new(values).ok_or_else(|| "Embedding longer than MAX_DIM".into())
	}
}

impl DecodeWithMemTracking for Embedding {}

impl MaxEncodedLen for Embedding {
	fn max_encoded_len() -> usize {
		codec::Compact(u32::from(MAX_DIM))
			.encoded_size()
			.saturating_add(usize::from(MAX_DIM))
	}
}

/// The parameters of one item, stored under (model version, item id).
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct ItemRow {
	/// Embedding used when the item appears in a user's history (builds the user vector).
	pub input: Embedding,
	/// Embedding matched against the user vector when the item is a candidate.
	pub output: Embedding,
	/// Popularity prior, in score units, within `-MAX_ABS_BIAS..=MAX_ABS_BIAS`.
	pub bias: i32,
}

impl ItemRow {
	/// Checks the row against the header: embedding lengths equal `dim`, bias within bounds.
	///
	/// # Errors
	/// [`ModelError::DimensionMismatch`] or [`ModelError::BiasOutOfRange`].
	pub fn validate(&self, header: &ModelHeader) -> Result<(), ModelError> {
		let dim = usize::from(header.dim);
		if self.input.values().len() != dim || self.output.values().len() != dim {
			return Err(ModelError::DimensionMismatch);
		}
		if !(-MAX_ABS_BIAS..=MAX_ABS_BIAS).contains(&self.bias) {
			return Err(ModelError::BiasOutOfRange);
		}
		Ok(())
	}
}

/// A whole model as exported by `bazaar-model export`: the header and every row, sorted by
/// strictly increasing item id. Its SCALE encoding is the upload file.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ModelFile {
	/// Model-wide parameters.
	pub header: ModelHeader,
	/// `(item id, row)` pairs sorted by id.
	pub rows: Vec<(ItemId, ItemRow)>,
}

impl ModelFile {
	/// Validates the header, every row, the ordering of ids and the item count.
	///
	/// # Errors
	/// The first problem found, as a [`ModelError`].
	pub fn validate(&self) -> Result<(), ModelError> {
		self.header.validate()?;
		if usize::try_from(self.header.item_count).ok() != Some(self.rows.len()) {
			return Err(ModelError::ItemCountMismatch);
		}
		let mut previous: Option<ItemId> = None;
		for (id, row) in &self.rows {
			if previous.is_some_and(|p| p >= *id) {
				return Err(ModelError::RowsNotSorted);
			}
			previous = Some(*id);
			row.validate(&self.header)?;
		}
		Ok(())
	}

	/// The row of `item`, found by binary search over the sorted rows.
	pub fn row(&self, item: ItemId) -> Option<&ItemRow> {
		self.rows
			.binary_search_by_key(&item, |(id, _)| *id)
			.ok()
			.and_then(|i| self.rows.get(i))
			.map(|(_, row)| row)
	}
}

/// The digest of a model that governance approves: a hash chain over the SCALE encodings of the
/// header and then of each `(item id, row)` pair in increasing id order,
///
/// ```text
/// d_0 = hash(header)
/// d_i = hash(d_{i-1} ++ (id_i, row_i))
/// ```
///
/// so the chain can check an upload batch by batch, keeping only the last digest. `hash` is
/// blake2b-256 on chain (`sp_io::hashing::blake2_256`) and in `bazaar-model`.
pub fn header_digest(header: &ModelHeader, hash: impl Fn(&[u8]) -> [u8; 32]) -> [u8; 32] {
	hash(&header.encode())
}

/// Extends a model digest (see [`header_digest`]) with the next row.
pub fn extend_digest(
	digest: &[u8; 32],
	item: ItemId,
	row: &ItemRow,
	hash: impl Fn(&[u8]) -> [u8; 32],
) -> [u8; 32] {
	let mut preimage =
		Vec::with_capacity(32usize.saturating_add(row.encoded_size()).saturating_add(4));
	preimage.extend_from_slice(digest);
	(item, row).encode_to(&mut preimage);
	hash(&preimage)
}

impl ModelFile {
	/// The model's digest (see [`header_digest`]); the rows must be sorted, as
	/// [`ModelFile::validate`] requires.
	pub fn digest(&self, hash: impl Fn(&[u8]) -> [u8; 32]) -> [u8; 32] {
		self.rows
			.iter()
			.fold(header_digest(&self.header, &hash), |digest, (item, row)| {
				extend_digest(&digest, *item, row, &hash)
			})
	}
}
