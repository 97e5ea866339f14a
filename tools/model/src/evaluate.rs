//! Metrics of Li et al. (TOIS 2023) and the evaluation of baselines, the f32 and int8 models.
//!
//! For a user with target basket `T` and ranked list `R` (length ≤ k):
//! * Recall@k = |R ∩ T| / |T|;
//! * NDCG@k (binary gain) = Σ_{hit at rank r} 1/log2(r+1) ÷ Σ_{r=1..min(|T|,k)} 1/log2(r+1);
//! * PHR@k = 1 if R ∩ T ≠ ∅, else 0.
//!
//! Each is averaged over users.

use crate::{
	data::{Dataset, Split},
	float_model::FloatModel,
	history_of, progress_bar,
};
use anyhow::{anyhow, Result};
use bazaar_inference::{ModelFile, ScoringTable, UserProfile};
use std::collections::HashMap;

/// Recall, NDCG and hit of one user.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UserMetrics {
	/// Recall@k.
	pub recall: f64,
	/// NDCG@k.
	pub ndcg: f64,
	/// 1.0 if any hit, else 0.0.
	pub hit: f64,
}

/// Metrics summed over users.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
	recall: f64,
	ndcg: f64,
	hits: f64,
	/// Number of users.
	pub users: usize,
}

impl Metrics {
	/// Adds one user.
	pub fn add(&mut self, user: UserMetrics) {
		self.recall += user.recall;
		self.ndcg += user.ndcg;
		self.hits += user.hit;
		self.users += 1;
	}

	fn mean(&self, sum: f64) -> f64 {
		if self.users == 0 {
			0.0
		} else {
			sum / self.users as f64
		}
	}

	/// Mean Recall@k.
	pub fn recall(&self) -> f64 {
		self.mean(self.recall)
	}

	/// Mean NDCG@k.
	pub fn ndcg(&self) -> f64 {
		self.mean(self.ndcg)
	}

	/// PHR@k (share of users with at least one hit).
	pub fn phr(&self) -> f64 {
		self.mean(self.hits)
	}
}

/// Metrics of one ranked list `recommended` against the `target` basket, at cut-off `k`.
pub fn ranking_metrics(recommended: &[u32], target: &[u32], k: usize) -> UserMetrics {
	if target.is_empty() {
		return UserMetrics { recall: 0.0, ndcg: 0.0, hit: 0.0 };
	}
	let discount = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
	let mut hits = 0;
	let mut dcg = 0.0;
	for (rank, item) in recommended.iter().take(k).enumerate() {
		if target.contains(item) {
			hits += 1;
			dcg += discount(rank);
		}
	}
	let ideal: f64 = (0..target.len().min(k)).map(discount).sum();
	UserMetrics {
		recall: hits as f64 / target.len() as f64,
		ndcg: dcg / ideal,
		hit: if hits > 0 { 1.0 } else { 0.0 },
	}
}

/// The `k` best `(item, score)` pairs' items, higher score first, ties by lower item id,
/// skipping items for which `excluded` holds.
pub fn top_k_by(
	scored: impl Iterator<Item = (u32, f32)>,
	k: usize,
	excluded: impl Fn(u32) -> bool,
) -> Vec<u32> {
	let above = |a: &(u32, f32), b: &(u32, f32)| a.1 > b.1 || (a.1 == b.1 && a.0 < b.0);
	let mut best: Vec<(u32, f32)> = Vec::with_capacity(k + 1);
	for candidate in scored {
		if best.len() == k && !best.last().is_some_and(|last| above(&candidate, last)) {
			continue;
		}
		if excluded(candidate.0) {
			continue;
		}
		let position = best.partition_point(|existing| above(existing, &candidate));
		best.insert(position, candidate);
		best.truncate(k);
	}
	best.into_iter().map(|(item, _)| item).collect()
}

/// G-TopFreq: the globally most frequent items (basket counts over all non-target baskets).
pub fn global_top_frequent(dataset: &Dataset, k: usize) -> Vec<u32> {
	let mut counts = vec![0f32; dataset.item_count()];
	for user in &dataset.users {
		for basket in &user.baskets[..user.baskets.len().saturating_sub(1)] {
			basket.iter().for_each(|&i| counts[i as usize] += 1.0);
		}
	}
	top_k_by(counts.into_iter().enumerate().map(|(i, c)| (i as u32, c)), k, |_| false)
}

/// P-TopFreq: the items the user bought in most baskets (ties: lower id), without filling.
pub fn personal_top_frequent(past: &[Vec<u32>], k: usize) -> Vec<u32> {
	let mut counts: HashMap<u32, f32> = HashMap::new();
	past.iter().flatten().for_each(|&i| *counts.entry(i).or_default() += 1.0);
	top_k_by(counts.into_iter(), k, |_| false)
}

/// Int8 recommendations for a user's past `baskets`, with the exact code the chain runs.
///
/// # Errors
/// The inference crate's error (e.g. an invalid model), as text.
pub fn recommend_int8(
	model: &ModelFile,
	table: &ScoringTable,
	baskets: &[Vec<u32>],
	k: u32,
) -> Result<Vec<u32>> {
	let user = UserProfile::build(&model.header, &history_of(baskets), |id| model.row(id).cloned())
		.map_err(|e| anyhow!("int8 user profile: {e:?}"))?;
	let top = table.top_k(&user, k).map_err(|e| anyhow!("int8 top-k: {e:?}"))?;
	Ok(top.into_iter().map(|r| r.item).collect())
}

/// One evaluated method.
#[derive(Debug, Clone)]
pub struct MethodResult {
	/// Display name.
	pub name: String,
	/// Its metrics.
	pub metrics: Metrics,
}

/// Evaluates the baselines and whichever models are given on the users of `split`.
///
/// # Errors
/// If the int8 model is invalid.
pub fn evaluate(
	dataset: &Dataset,
	split: Split,
	float_model: Option<&FloatModel>,
	int8_model: Option<&ModelFile>,
	k: usize,
) -> Result<Vec<MethodResult>> {
	let table = int8_model
		.map(|m| ScoringTable::new(m).map_err(|e| anyhow!("invalid int8 model: {e:?}")))
		.transpose()?;
	let global = global_top_frequent(dataset, k);
	let mut sums = [Metrics::default(); 4];
	let mut scores = Vec::new();
	let users: Vec<_> = dataset.split(split).collect();
	let bar = progress_bar(users.len() as u64, "evaluate");
	for user in users {
		let Some((target, past)) = user.baskets.split_last() else { continue };
		sums[0].add(ranking_metrics(&global, target, k));
		sums[1].add(ranking_metrics(&personal_top_frequent(past, k), target, k));
		if let Some(model) = float_model {
			sums[2].add(ranking_metrics(&model.recommend(past, k, &mut scores), target, k));
		}
		if let (Some(model), Some(table)) = (int8_model, &table) {
			let recommended = recommend_int8(model, table, past, k as u32)?;
			sums[3].add(ranking_metrics(&recommended, target, k));
		}
		bar.inc(1);
	}
	bar.finish();
	let names = ["G-TopFreq", "P-TopFreq", "model (f32)", "model (int8)"];
	Ok(names
		.into_iter()
		.zip(sums)
		.filter(|(_, m)| m.users > 0)
		.map(|(name, metrics)| MethodResult { name: name.into(), metrics })
		.collect())
}

/// A markdown table of `results` at cut-off `k`.
pub fn markdown_table(results: &[MethodResult], k: usize) -> String {
	let mut out = format!(
		"| Method | Recall@{k} | NDCG@{k} | PHR@{k} | Users |\n|---|---:|---:|---:|---:|\n"
	);
	for r in results {
		out += &format!(
			"| {} | {:.4} | {:.4} | {:.4} | {} |\n",
			r.name,
			r.metrics.recall(),
			r.metrics.ndcg(),
			r.metrics.phr(),
			r.metrics.users
		);
	}
	out
}
