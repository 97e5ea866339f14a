//! The f32 twin of the integer model and its training.
//!
//! `score(i) = repeat_weight * r_i + u · output_i + bias_i`, `u = Σ_j r_j input_j`, where `r_j`
//! is the user's recency-decayed purchase share of item `j` (`decay^age` per purchase, summed
//! per item, normalized to sum 1). Trained by minibatch Adam on a full softmax over all items,
//! the target distribution being uniform over the next basket. Biases start at log
//! popularity and `repeat_weight` at a positive value, so training starts from a
//! popularity-plus-repeat model and only improves it; the epoch with the best validation
//! NDCG@10 is kept, then the repeat weight is tuned on validation.

use crate::{
	data::{Dataset, Split},
	evaluate::{ranking_metrics, top_k_by, Metrics},
	history_of, progress_bar, SplitMix64,
};
use anyhow::{ensure, Context, Result};
use bazaar_inference::Purchase;
use codec::{Decode, Encode};
use std::{fs, path::Path};

/// The trained float model.
#[derive(Debug, Clone, PartialEq)]
pub struct FloatModel {
	/// Embedding dimension.
	pub dim: usize,
	/// Per-basket recency decay in `(0, 1]`.
	pub recency_decay: f32,
	/// Weight of the repeat term.
	pub repeat_weight: f32,
	/// Whether history items may be recommended.
	pub allow_repeat: bool,
	/// Input embeddings, `item_count × dim`, row-major.
	pub input: Vec<f32>,
	/// Output embeddings, `item_count × dim`, row-major.
	pub output: Vec<f32>,
	/// Item biases.
	pub bias: Vec<f32>,
}

#[derive(Encode, Decode)]
struct FloatModelFile {
	magic: [u8; 8],
	dim: u32,
	recency_decay: u32,
	repeat_weight: u32,
	allow_repeat: bool,
	input: Vec<u32>,
	output: Vec<u32>,
	bias: Vec<u32>,
}

const MAGIC: [u8; 8] = *b"BZRF32v1";

fn bits(values: &[f32]) -> Vec<u32> {
	values.iter().map(|v| v.to_bits()).collect()
}

fn floats(values: &[u32]) -> Vec<f32> {
	values.iter().map(|&v| f32::from_bits(v)).collect()
}

/// Recency-decayed purchase shares `(item, r)`, sorted by item, summing to 1.
pub fn float_shares(history: &[Purchase], recency_decay: f32) -> Vec<(u32, f32)> {
	let latest = history.iter().map(|p| p.basket).max().unwrap_or(0);
	let mut weights: Vec<(u32, f32)> = history
		.iter()
		.map(|p| (p.item, recency_decay.powi((latest - p.basket) as i32)))
		.collect();
	weights.sort_unstable_by_key(|w| w.0);
	let mut shares: Vec<(u32, f32)> = Vec::new();
	let mut total = 0.0;
	for (item, weight) in weights {
		total += weight;
		match shares.last_mut() {
			Some((last, sum)) if *last == item => *sum += weight,
			_ => shares.push((item, weight)),
		}
	}
	if total > 0.0 {
		shares.iter_mut().for_each(|s| s.1 /= total);
	}
	shares
}

impl FloatModel {
	/// Number of items.
	pub fn item_count(&self) -> usize {
		self.bias.len()
	}

	/// The user vector `Σ_j r_j input_j`.
	pub fn user_vector(&self, shares: &[(u32, f32)]) -> Vec<f32> {
		let mut u = vec![0.0; self.dim];
		for &(item, share) in shares {
			let row = &self.input[item as usize * self.dim..][..self.dim];
			u.iter_mut().zip(row).for_each(|(u, x)| *u += share * x);
		}
		u
	}

	/// Scores of every item for a user with `shares`, written into `scores`.
	pub fn scores_into(&self, shares: &[(u32, f32)], scores: &mut Vec<f32>) {
		let u = self.user_vector(shares);
		scores.clear();
		scores.extend(
			self.output
				.chunks_exact(self.dim)
				.zip(&self.bias)
				.map(|(row, b)| row.iter().zip(&u).map(|(o, u)| o * u).sum::<f32>() + b),
		);
		for &(item, share) in shares {
			scores[item as usize] += self.repeat_weight * share;
		}
	}

	/// The top `k` items for a user's past `baskets` (higher score first, then lower id).
	pub fn recommend(&self, baskets: &[Vec<u32>], k: usize, scores: &mut Vec<f32>) -> Vec<u32> {
		let shares = float_shares(&history_of(baskets), self.recency_decay);
		self.scores_into(&shares, scores);
		let excluded =
			|item: u32| !self.allow_repeat && shares.binary_search_by_key(&item, |s| s.0).is_ok();
		top_k_by(scores.iter().copied().enumerate().map(|(i, s)| (i as u32, s)), k, excluded)
	}

	/// Writes the model to `path`.
	///
	/// # Errors
	/// If the file cannot be written.
	pub fn save(&self, path: &Path) -> Result<()> {
		let file = FloatModelFile {
			magic: MAGIC,
			dim: self.dim as u32,
			recency_decay: self.recency_decay.to_bits(),
			repeat_weight: self.repeat_weight.to_bits(),
			allow_repeat: self.allow_repeat,
			input: bits(&self.input),
			output: bits(&self.output),
			bias: bits(&self.bias),
		};
		fs::write(path, file.encode()).with_context(|| format!("cannot write {}", path.display()))
	}

	/// Reads a model written by [`FloatModel::save`].
	///
	/// # Errors
	/// If the file is unreadable, not an f32 model, or has inconsistent sizes.
	pub fn load(path: &Path) -> Result<Self> {
		let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
		let file = FloatModelFile::decode(&mut &bytes[..])
			.ok()
			.filter(|f| f.magic == MAGIC)
			.with_context(|| format!("{} is not an f32 model (corrupt?)", path.display()))?;
		let model = Self {
			dim: file.dim as usize,
			recency_decay: f32::from_bits(file.recency_decay),
			repeat_weight: f32::from_bits(file.repeat_weight),
			allow_repeat: file.allow_repeat,
			input: floats(&file.input),
			output: floats(&file.output),
			bias: floats(&file.bias),
		};
		ensure!(
			model.dim > 0 &&
				model.input.len() == model.bias.len() * model.dim &&
				model.output.len() == model.input.len(),
			"{}: inconsistent f32 model sizes",
			path.display()
		);
		Ok(model)
	}
}

/// Training hyperparameters.
#[derive(Debug, Clone)]
pub struct TrainOptions {
	/// Embedding dimension.
	pub dim: usize,
	/// Number of passes over the training examples.
	pub epochs: usize,
	/// Adam learning rate.
	pub learning_rate: f32,
	/// Examples per Adam step.
	pub batch_size: usize,
	/// Each training user contributes its last this-many baskets as targets.
	pub targets_per_user: usize,
	/// Recency decays tried on validation (the best is kept).
	pub recency_decays: Vec<f32>,
	/// Whether history items may be recommended.
	pub allow_repeat: bool,
	/// Seed of initialization and example order.
	pub seed: u64,
}

impl Default for TrainOptions {
	fn default() -> Self {
		Self {
			dim: 32,
			epochs: 4,
			learning_rate: 0.01,
			batch_size: 64,
			targets_per_user: 5,
			recency_decays: vec![0.6, 0.75, 0.9, 1.0],
			allow_repeat: true,
			seed: 7,
		}
	}
}

/// What training measured.
#[derive(Debug, Clone)]
pub struct TrainReport {
	/// Chosen recency decay.
	pub recency_decay: f32,
	/// Validation NDCG@10 after each epoch.
	pub validation_ndcg: Vec<f64>,
	/// Final repeat weight after tuning.
	pub repeat_weight: f32,
	/// Validation metrics of the returned model.
	pub validation: Metrics,
}

/// Validation metrics of `model` at cut-off 10.
pub fn validate(model: &FloatModel, dataset: &Dataset) -> Metrics {
	let mut scores = Vec::new();
	let mut metrics = Metrics::default();
	for user in dataset.split(Split::Validation) {
		let Some((target, past)) = user.baskets.split_last() else { continue };
		let recommended = model.recommend(past, 10, &mut scores);
		metrics.add(ranking_metrics(&recommended, target, 10));
	}
	metrics
}

struct Adam {
	m: Vec<f32>,
	v: Vec<f32>,
}

impl Adam {
	fn new(len: usize) -> Self {
		Self { m: vec![0.0; len], v: vec![0.0; len] }
	}

	fn step(&mut self, params: &mut [f32], grads: &mut [f32], lr: f32, t: i32) {
		let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
		let lr = lr * (1.0 - b2.powi(t)).sqrt() / (1.0 - b1.powi(t));
		for (((p, g), m), v) in
			params.iter_mut().zip(grads.iter_mut()).zip(&mut self.m).zip(&mut self.v)
		{
			*m = b1 * *m + (1.0 - b1) * *g;
			*v = b2 * *v + (1.0 - b2) * *g * *g;
			*p -= lr * *m / (v.sqrt() + eps);
			*g = 0.0;
		}
	}
}

/// Trains the f32 model on the training users of `dataset`.
///
/// # Errors
/// If there are no items, no validation users or no training examples.
pub fn train(dataset: &Dataset, options: &TrainOptions) -> Result<(FloatModel, TrainReport)> {
	let n = dataset.item_count();
	let dim = options.dim;
	ensure!(n > 0 && dim > 0, "nothing to train: {n} items, dimension {dim}");
	ensure!(
		dataset.split(Split::Validation).next().is_some(),
		"the dataset has no validation users"
	);
	let mut rng = SplitMix64::new(options.seed);

	// Popularity over all non-target baskets initializes the biases.
	let mut counts = vec![0f32; n];
	for user in &dataset.users {
		for basket in &user.baskets[..user.baskets.len().saturating_sub(1)] {
			basket.iter().for_each(|&i| counts[i as usize] += 1.0);
		}
	}
	let mean_log = counts.iter().map(|c| (c + 1.0).ln()).sum::<f32>() / n as f32;
	let mut model = FloatModel {
		dim,
		recency_decay: 1.0,
		repeat_weight: 10.0,
		allow_repeat: options.allow_repeat,
		input: (0..n * dim).map(|_| (rng.next_f32() - 0.5) * 0.1).collect(),
		output: (0..n * dim).map(|_| (rng.next_f32() - 0.5) * 0.1).collect(),
		bias: counts.iter().map(|c| (c + 1.0).ln() - mean_log).collect(),
	};

	// Recency decay: chosen on validation for the untrained popularity-plus-repeat model.
	let mut best_decay = (f64::MIN, 1.0);
	for &decay in &options.recency_decays {
		model.recency_decay = decay;
		let ndcg = validate(&model, dataset).ndcg();
		if ndcg > best_decay.0 {
			best_decay = (ndcg, decay);
		}
	}
	model.recency_decay = best_decay.1;

	let mut examples: Vec<(usize, usize)> = Vec::new();
	for (index, user) in dataset.users.iter().enumerate() {
		if user.split == Split::Train {
			let first = user.baskets.len().saturating_sub(options.targets_per_user).max(1);
			examples.extend((first..user.baskets.len()).map(|target| (index, target)));
		}
	}
	ensure!(!examples.is_empty(), "no training examples (no training user has 2+ baskets)");

	let mut adam_in = Adam::new(n * dim);
	let mut adam_out = Adam::new(n * dim);
	let mut adam_bias = Adam::new(n);
	let mut adam_repeat = Adam::new(1);
	let (mut g_in, mut g_out, mut g_bias, mut g_repeat) =
		(vec![0f32; n * dim], vec![0f32; n * dim], vec![0f32; n], vec![0f32; 1]);
	let mut logits = Vec::with_capacity(n);
	let mut du = vec![0f32; dim];
	let mut step = 0;
	let mut best = (validate(&model, dataset).ndcg(), model.clone());
	let mut history_ndcg = Vec::new();
	for epoch in 0..options.epochs {
		rng.shuffle(&mut examples);
		let bar = progress_bar(
			examples.len() as u64,
			&format!("train epoch {}/{}", epoch + 1, options.epochs),
		);
		for batch in examples.chunks(options.batch_size.max(1)) {
			for &(user, target) in batch {
				let baskets = &dataset.users[user].baskets;
				let shares = float_shares(&history_of(&baskets[..target]), model.recency_decay);
				model.scores_into(&shares, &mut logits);
				let max = logits.iter().copied().fold(f32::MIN, f32::max);
				let mut sum = 0.0;
				logits.iter_mut().for_each(|z| {
					*z = (*z - max).exp();
					sum += *z;
				});
				// `logits` now holds softmax probabilities minus targets: the logit gradients.
				logits.iter_mut().for_each(|p| *p /= sum);
				let target_items = &baskets[target];
				let y = 1.0 / target_items.len() as f32;
				target_items.iter().for_each(|&t| logits[t as usize] -= y);
				let u = model.user_vector(&shares);
				du.iter_mut().for_each(|d| *d = 0.0);
				for (((g, out), g_out), g_b) in logits
					.iter()
					.zip(model.output.chunks_exact(dim))
					.zip(g_out.chunks_exact_mut(dim))
					.zip(&mut g_bias)
				{
					*g_b += g;
					for ((d, o), (go, u)) in du.iter_mut().zip(out).zip(g_out.iter_mut().zip(&u)) {
						*d += g * o;
						*go += g * u;
					}
				}
				for &(item, share) in &shares {
					g_repeat[0] += logits[item as usize] * share;
					let row = &mut g_in[item as usize * dim..][..dim];
					row.iter_mut().zip(&du).for_each(|(g, d)| *g += share * d);
				}
			}
			step += 1;
			let lr = options.learning_rate;
			adam_in.step(&mut model.input, &mut g_in, lr, step);
			adam_out.step(&mut model.output, &mut g_out, lr, step);
			adam_bias.step(&mut model.bias, &mut g_bias, lr, step);
			let mut repeat = [model.repeat_weight];
			adam_repeat.step(&mut repeat, &mut g_repeat, lr * 10.0, step);
			model.repeat_weight = repeat[0].max(0.0);
			bar.inc(batch.len() as u64);
		}
		bar.finish();
		let ndcg = validate(&model, dataset).ndcg();
		history_ndcg.push(ndcg);
		eprintln!("epoch {}: validation NDCG@10 = {ndcg:.4}", epoch + 1);
		if ndcg > best.0 {
			best = (ndcg, model.clone());
		}
	}
	let mut model = best.1;

	// Repeat weight: tuned on validation around the learned value.
	let learned = model.repeat_weight.max(0.1);
	let mut best_weight = (f64::MIN, learned);
	for factor in [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0] {
		model.repeat_weight = learned * factor;
		let ndcg = validate(&model, dataset).ndcg();
		if ndcg > best_weight.0 {
			best_weight = (ndcg, model.repeat_weight);
		}
	}
	model.repeat_weight = best_weight.1;
	let validation = validate(&model, dataset);
	let report = TrainReport {
		recency_decay: model.recency_decay,
		validation_ndcg: history_ndcg,
		repeat_weight: model.repeat_weight,
		validation,
	};
	Ok((model, report))
}
