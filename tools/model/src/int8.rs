//! Quantization of the f32 model into the chain's integer format, and the export file.
//!
//! Embeddings are quantized symmetrically per tensor: `input ≈ s_in · q_in`,
//! `output ≈ s_out · q_out`, `q ∈ [-127, 127]`. With `user_shift = s`, the integer user vector
//! is `u_q ≈ 2^(15-s) · u / s_in`, so integer scores are float scores times
//! `K = 2^(15-s) / (s_in · s_out)`. Biases and the repeat weight are stored in those units
//! (`round(b · K)`, `round(repeat_weight · K)`); `s` starts at 7 (the smallest shift for which
//! `u_q` always fits `i16`) and grows until both fit their bounds.
//!
//! ## Export file
//!
//! `model.scale` is the SCALE encoding of [`ModelFile`]: the [`bazaar_inference::ModelHeader`]
//! then a compact-length `Vec<(u32 item id, ItemRow)>` sorted by id; `ItemRow` is
//! `(input: Vec<i8>, output: Vec<i8>, bias: i32)`. `model.digest` holds the hex model digest
//! governance approves ([`ModelFile::digest`] with blake2b-256: a hash chain over the header and
//! the rows, which the chain checks batch by batch as the rows are uploaded). Item ids are dense
//! ids; `items.csv` maps them to the original item identifiers.

use crate::{data::Dataset, float_model::FloatModel};
use anyhow::{anyhow, ensure, Context, Result};
use bazaar_inference::{
	Embedding, ItemRow, ModelFile, ModelHeader, FLAG_ALLOW_REPEAT, FORMAT_VERSION, MAX_ABS_BIAS,
	MAX_DIM, MAX_REPEAT_WEIGHT, MAX_USER_SHIFT,
};
use blake2::{digest::consts::U32, Blake2b, Digest};
use codec::{Decode, Encode};
use std::{fmt::Write as _, fs, path::Path};

fn scale_of(values: &[f32]) -> f32 {
	let max = values.iter().fold(0f32, |m, v| m.max(v.abs()));
	if max > 0.0 {
		max / 127.0
	} else {
		1.0
	}
}

fn quantize_row(values: &[f32], scale: f32) -> Result<Embedding> {
	let q = values.iter().map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8).collect();
	Embedding::new(q).ok_or_else(|| anyhow!("dimension above MAX_DIM = {MAX_DIM}"))
}

/// Quantizes `model` into the integer format.
///
/// # Errors
/// If the dimension exceeds `MAX_DIM` or the biases cannot fit even at the largest shift.
pub fn quantize(model: &FloatModel) -> Result<ModelFile> {
	ensure!(model.dim <= usize::from(MAX_DIM), "dimension {} above MAX_DIM = {MAX_DIM}", model.dim);
	let (s_in, s_out) = (scale_of(&model.input), scale_of(&model.output));
	// Biases only matter relative to each other: centre them to use the range best.
	let (lo, hi) = model
		.bias
		.iter()
		.fold((f32::MAX, f32::MIN), |(lo, hi), &b| (lo.min(b), hi.max(b)));
	let centre = if model.bias.is_empty() { 0.0 } else { (lo + hi) / 2.0 };
	let largest = f64::from(((hi - lo) / 2.0).max(model.repeat_weight).max(0.0));
	let mut user_shift = 7u8;
	let units = |shift: u8| 2f64.powi(15 - i32::from(shift)) / (f64::from(s_in) * f64::from(s_out));
	while largest * units(user_shift) > f64::from(MAX_REPEAT_WEIGHT.min(MAX_ABS_BIAS)) {
		ensure!(user_shift < MAX_USER_SHIFT, "biases or repeat weight too large to quantize");
		user_shift += 1;
	}
	let k = units(user_shift);
	let header = ModelHeader {
		format_version: FORMAT_VERSION,
		dim: model.dim as u16,
		item_count: model.item_count() as u32,
		recency_decay_q15: (f64::from(model.recency_decay) * 32768.0).round().clamp(0.0, 32768.0)
			as u16,
		user_shift,
		repeat_weight: (f64::from(model.repeat_weight) * k)
			.round()
			.clamp(0.0, f64::from(MAX_REPEAT_WEIGHT)) as i32,
		flags: if model.allow_repeat { FLAG_ALLOW_REPEAT } else { 0 },
	};
	let bound = f64::from(MAX_ABS_BIAS);
	let rows = (0..model.item_count())
		.map(|i| {
			let span = i * model.dim..(i + 1) * model.dim;
			let row = ItemRow {
				input: quantize_row(&model.input[span.clone()], s_in)?,
				output: quantize_row(&model.output[span], s_out)?,
				bias: (f64::from(model.bias[i] - centre) * k).round().clamp(-bound, bound) as i32,
			};
			Ok((i as u32, row))
		})
		.collect::<Result<Vec<_>>>()?;
	let file = ModelFile { header, rows };
	file.validate().map_err(|e| anyhow!("quantized model is invalid: {e:?}"))?;
	Ok(file)
}

/// Reads and validates an int8 model file.
///
/// # Errors
/// If the file is unreadable, does not decode, or fails validation.
pub fn load_int8(path: &Path) -> Result<ModelFile> {
	let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
	let model = ModelFile::decode(&mut &bytes[..])
		.with_context(|| format!("{} is not an int8 model file (corrupt?)", path.display()))?;
	model
		.validate()
		.map_err(|e| anyhow!("{}: invalid model: {e:?}", path.display()))?;
	Ok(model)
}

/// Hex blake2b-256 of `bytes` (Substrate's `blake2_256`).
pub fn blake2_256_hex(bytes: &[u8]) -> String {
	hex(&Blake2b::<U32>::digest(bytes))
}

/// Lower-case hex of `bytes`.
fn hex(bytes: &[u8]) -> String {
	bytes.iter().fold(String::new(), |mut s, b| {
		let _ = write!(s, "{b:02x}");
		s
	})
}

/// Writes `out_dir/model.scale`, `out_dir/model.digest` and (with a dataset)
/// `out_dir/items.csv`; returns the digest in hex.
///
/// # Errors
/// If the model is invalid, the dataset does not match it, or a file cannot be written.
pub fn export(model: &ModelFile, dataset: Option<&Dataset>, out_dir: &Path) -> Result<String> {
	model
		.validate()
		.map_err(|e| anyhow!("refusing to export an invalid model: {e:?}"))?;
	fs::create_dir_all(out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
	let bytes = model.encode();
	let digest = hex(&model.digest(|preimage| Blake2b::<U32>::digest(preimage).into()));
	fs::write(out_dir.join("model.scale"), &bytes).context("cannot write model.scale")?;
	fs::write(out_dir.join("model.digest"), format!("{digest}\n"))
		.context("cannot write the digest")?;
	if let Some(dataset) = dataset {
		ensure!(
			dataset.item_count() == model.rows.len(),
			"the dataset has {} items but the model {}",
			dataset.item_count(),
			model.rows.len()
		);
		let mut csv = String::from("item_id,original_item\n");
		for (id, name) in dataset.item_names.iter().enumerate() {
			let _ = writeln!(csv, "{id},{name}");
		}
		fs::write(out_dir.join("items.csv"), csv).context("cannot write items.csv")?;
	}
	Ok(digest)
}
