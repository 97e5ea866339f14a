//! Block throughput of the Bazaar runtime: how many orders (or, for reference, balance
//! transfers) one parachain block holds, and how long building and importing such a block takes
//! in the runtime WASM run by the node's own executor.
//!
//! The runtime decides how many transactions fit: its `CheckWeight` extension refuses the next
//! transaction once the block's normal-class weight (75% of the block), proof size or length
//! would exceed its limit, charging each the benchmarked weight of its call. The times say
//! whether those weights are honest: a block the weights call full must execute well within the
//! 2 s of execution a parachain block gets.
//!
//! - [`workload`]: the genesis (funded buyers, a listing with stock) and the signed transactions;
//! - [`chain`]: block building and import through `sc-executor`;
//! - [`sustained`]: orders through their whole life, block after block, with the deadline hooks
//!   expiring, paying out and pruning them (the `bazaar-sustained` command);
//! - `src/main.rs`: the `bazaar-throughput` command, which writes
//!   `benchmarks/results/block-throughput.md` (see `benchmarks/throughput/run.sh`).

pub mod chain;
pub mod sustained;
pub mod workload;

use bazaar_runtime::{Runtime, UncheckedExtrinsic};
use chain::{BuiltBlock, Chain};
use frame_support::dispatch::{DispatchClass, GetDispatchInfo};
use sp_runtime::Weight;
use std::time::Duration;
use workload::{Buyers, Workload};

/// One workload's full block, built once and imported `imports` times.
pub struct Measurement {
	/// What filled the block.
	pub workload: Workload,
	/// What one of its transactions is charged before dispatch.
	pub charged: Charged,
	/// The block as built.
	pub built: BuiltBlock,
	/// Each import's time, sorted.
	pub imports: Vec<Duration>,
}

/// The weight a transaction is charged before dispatch, in its three parts.
pub struct Charged {
	/// The call's benchmarked weight.
	pub call: Weight,
	/// The transaction extensions' weight (nonce, fee payment, era, genesis, weight checks).
	pub extensions: Weight,
	/// The base weight of every extrinsic.
	pub base: Weight,
}

impl Charged {
	/// What `transaction` is charged before dispatch.
	pub fn of(transaction: &UncheckedExtrinsic) -> Self {
		let info = transaction.get_dispatch_info();
		let weights = <Runtime as frame_system::Config>::BlockWeights::get();
		Self {
			call: info.call_weight,
			extensions: info.extension_weight,
			base: weights.get(DispatchClass::Normal).base_extrinsic,
		}
	}

	/// The three parts together.
	pub fn total(&self) -> Weight {
		self.call.saturating_add(self.extensions).saturating_add(self.base)
	}
}

impl Measurement {
	/// The normal class's weight consumed per included transaction (after refunds).
	pub fn consumed_per_transaction(&self) -> Weight {
		let included = u64::try_from(self.built.included).unwrap_or(u64::MAX).max(1);
		let used = self.built.weight.get(DispatchClass::Normal);
		Weight::from_parts(used.ref_time() / included, used.proof_size() / included)
	}

	/// The median import time.
	pub fn import_time(&self) -> Duration {
		self.imports.get(self.imports.len() / 2).copied().unwrap_or_default()
	}

	/// The normal class's consumed share of its limit, `(ref_time, proof_size)`, in percent.
	pub fn normal_class_use(&self) -> (f64, f64) {
		let limit = normal_class_limit();
		let used = self.built.weight.get(DispatchClass::Normal);
		(percent(used.ref_time(), limit.ref_time()), percent(used.proof_size(), limit.proof_size()))
	}

	/// What stopped the block from taking more: the dimension nearest its limit, or "stock" if
	/// the workload ran out of transactions first.
	pub fn limited_by(&self) -> &'static str {
		if self.built.full.is_none() {
			return "ran out of transactions";
		}
		let (ref_time, proof) = self.normal_class_use();
		let length = percent(self.built.length as u64, normal_length_limit());
		if length >= ref_time.max(proof) {
			"block length"
		} else if ref_time >= proof {
			"ref_time"
		} else {
			"proof size"
		}
	}
}

/// Fills one block with `workload` from `buyers` (one transaction each) on a fresh chain running
/// `code`, then imports it `imports` times.
pub fn measure(
	code: &[u8],
	buyers: &Buyers,
	workload: Workload,
	imports: usize,
) -> Result<Measurement, chain::Error> {
	let mut chain = Chain::new(code.to_vec(), buyers.genesis()?)?;
	let setup = workload.setup();
	if !setup.is_empty() {
		let calls = setup.iter().map(|(signer, call)| (signer, call.clone()));
		let block = chain.build_block(workload::sign(calls, chain.genesis_hash())?)?;
		if block.included != setup.len() {
			return Err(format!("the setup block refused a transaction: {:?}", block.full));
		}
		chain.append(&block.block)?;
	}
	let transactions = buyers.transactions(workload, chain.genesis_hash())?;
	let charged = transactions.first().map(Charged::of).ok_or("no buyers")?;
	// The first call compiles the WASM (seconds); keep that out of the measured build.
	let _warm_up = chain.build_block(transactions.iter().take(1).cloned())?;
	let built = chain.build_block(transactions)?;
	let mut times = (0..imports)
		.map(|_| chain.import(&built.block))
		.collect::<Result<Vec<_>, _>>()?;
	times.sort();
	Ok(Measurement { workload, charged, built, imports: times })
}

/// The weight the normal class may consume in a block: what fills a block to "full".
pub fn normal_class_limit() -> Weight {
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	weights.get(DispatchClass::Normal).max_total.unwrap_or(weights.max_block)
}

/// The whole block's weight limit.
pub fn block_limit() -> Weight {
	<Runtime as frame_system::Config>::BlockWeights::get().max_block
}

/// The encoded length normal transactions may take in a block.
pub fn normal_length_limit() -> u64 {
	u64::from(
		*<Runtime as frame_system::Config>::BlockLength::get()
			.max
			.get(DispatchClass::Normal),
	)
}

/// The runtime WASM at `path` (compressed or not), or the one this binary was built with.
pub fn runtime_code(path: Option<&std::path::Path>) -> Result<Vec<u8>, String> {
	match path {
		Some(path) => std::fs::read(path).map_err(|e| format!("{}: {e}", path.display())),
		None => bazaar_runtime::WASM_BINARY
			.map(<[u8]>::to_vec)
			.ok_or_else(|| "this binary was built without the runtime WASM: pass --wasm".into()),
	}
}

/// Writes `report` to `path`, or to standard output without one.
pub fn write_report(path: Option<&std::path::Path>, report: &str) -> Result<(), String> {
	match path {
		Some(path) => std::fs::write(path, report).map_err(|e| format!("{}: {e}", path.display())),
		None => {
			print!("{report}");
			Ok(())
		},
	}
}

/// `part` as a percentage of `whole` (0 for an empty whole).
pub fn percent(part: u64, whole: u64) -> f64 {
	if whole == 0 {
		0.0
	} else {
		part as f64 * 100.0 / whole as f64
	}
}
