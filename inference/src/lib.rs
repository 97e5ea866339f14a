//! # Bazaar integer recommender inference
//!
//! Integer-only inference for Bazaar's verifiable recommendations. The same code runs in the
//! native tooling (`bazaar-model`), in the runtime's off-chain worker (WASM) that computes
//! recommendations, and in the on-chain verifier that settles challenges. There is no floating
//! point anywhere in this crate, so every target computes bit-identical scores and rankings.
//!
//! ## The model
//!
//! A user is represented by a bounded purchase history ([`Purchase`]: item id + basket number,
//! at most [`MAX_HISTORY`] entries) and a [`TasteVector`] per model. Each purchase gets a recency
//! weight `decay^(age in baskets)` (Q15 fixed point, see [`recency_weight_q15`]). The taste sums
//! the weighted int8 *input* embeddings of the purchased items and the weights, one purchase at
//! a time (the recurrence in [`TasteVector::record`]); the user vector `u` is their ratio. Per
//! distinct history item the weights are summed and normalized by the total, giving the item's
//! share `r_j` in Q15 (`Σ r_j ≤ 2^15`). The score of a candidate item `i` is
//!
//! ```text
//! score(i) = dot(u, output_i) + bias_i + (r_i * repeat_weight) >> 15
//! u[d]     = clamp_i16(((Σ_j w_j * input_j[d]) * 2^15 / Σ_j w_j) >> user_shift)
//! ```
//!
//! * the **exploration** term `dot(u, output_i)`: the user vector `u` is the recency-weighted mean
//!   of the int8 *input* embeddings of the purchased items; it is matched against the int8 *output*
//!   embedding of the candidate (embeddings learned from basket co-occurrence);
//! * the **popularity** term `bias_i` (an `i32` in score units);
//! * the **repeat** term: the user's own recency-weighted purchase share of the item, scaled by the
//!   model-wide `repeat_weight`. It is zero for items the user never bought.
//!
//! If the header's [`ModelHeader::allows_repeat`] flag is off, items in the history are never
//! recommended. Ranking is by score, higher first, ties broken by the lower item id
//! ([`ranks_above`]).
//!
//! ## The format
//!
//! A model is a [`ModelHeader`] plus one [`ItemRow`] per item keyed by [`ItemId`]; both are
//! SCALE-encoded with bounded size ([`MaxEncodedLen`](codec::MaxEncodedLen)). The runtime stores
//! one row per (model version, item) and one taste vector per (model version, user), so a
//! challenge reads the header, the user's history and taste, and the row of the disputed item
//! only. The export file of `bazaar-model` is
//! the SCALE encoding of [`ModelFile`] (header, then `Vec<(ItemId, ItemRow)>` sorted by id).
//! Governance approves a model by its digest ([`header_digest`], [`extend_digest`],
//! [`ModelFile::digest`]): a hash chain over the header and the rows in id order, which the chain
//! checks batch by batch as the rows are uploaded.
//!
//! ## Overflow freedom
//!
//! All arithmetic uses `i32`/`i64` accumulators whose bounds are proven in comments next to the
//! code and exercised by tests at [`MAX_DIM`], [`MAX_HISTORY`] and extreme int8 values. Inputs
//! that could break a bound (a bias or repeat weight out of range, a dimension mismatch) are
//! rejected by validation with a [`ModelError`] instead of panicking.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod challenge;
mod model;
mod scoring;
mod user;

pub use challenge::{check_claimed_score, check_missed_item, ChallengeVerdict};
pub use model::{
	extend_digest, header_digest, Embedding, ItemId, ItemRow, ModelError, ModelFile, ModelHeader,
	FLAG_ALLOW_REPEAT, FORMAT_VERSION, MAX_ABS_BIAS, MAX_DIM, MAX_REPEAT_WEIGHT, MAX_USER_SHIFT,
	Q15_ONE,
};
pub use scoring::{ranks_above, score_item, Recommendation, ScoringTable, MAX_K};
pub use user::{recency_weight_q15, Purchase, TasteVector, UserProfile, MAX_HISTORY};
