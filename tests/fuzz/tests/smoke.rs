//! The fuzzer's share of the test suite (run by CI with `--features try-runtime`):
//!
//! - every seed reaches the state it was written for, with the invariants checked;
//! - every input of the committed corpus and every crash regression replays cleanly;
//! - a short mutation run: random mutations of the corpus, the invariants checked after every
//!   block, for `BAZAAR_FUZZ_SECONDS` (default 60) seconds. No coverage guidance (that is
//!   `tests/fuzz/run.sh`), but it runs the same harness and the same checks on new inputs every
//!   time it runs (`BAZAAR_FUZZ_SEED` repeats a run).

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime_fuzzer::{run, run_steps, run_steps_then, seeds, StepOutcome};
use std::{
	fs,
	path::{Path, PathBuf},
	time::{Duration, Instant},
};

fn fuzz_dir() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The inputs in `dir` (none if it does not exist), sorted by name.
fn inputs_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
	let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
	let mut inputs: Vec<_> = entries
		.map(|entry| {
			let path = entry.unwrap().path();
			(path.file_name().unwrap().to_string_lossy().into_owned(), fs::read(&path).unwrap())
		})
		.collect();
	inputs.sort();
	inputs
}

/// Whether `outcome` is a failure with the error named `name`.
fn failed_with(outcome: &StepOutcome, name: &str) -> bool {
	matches!(outcome, StepOutcome::Failed(sp_runtime::DispatchError::Module(error)) if error.message == Some(name))
}

fn succeeded(outcomes: &[StepOutcome]) -> usize {
	outcomes.iter().filter(|outcome| **outcome == StepOutcome::Succeeded).count()
}

#[test]
fn every_seed_reaches_its_state() {
	let purchase = run_steps(seeds::purchase_rated());
	assert_eq!(succeeded(&purchase), purchase.len(), "{purchase:?}");

	let dispute = run_steps(seeds::dispute_settled());
	assert_eq!(succeeded(&dispute), dispute.len(), "{dispute:?}");

	let deadlines = run_steps(seeds::deadlines());
	assert_eq!(succeeded(&deadlines[..8]), 8, "{deadlines:?}");
	assert!(failed_with(&deadlines[8], "AlreadySettled"), "{deadlines:?}");
	assert_eq!(deadlines[9], StepOutcome::Succeeded, "{deadlines:?}");

	let code = run_steps(seeds::delivery_code());
	assert_eq!(succeeded(&code), code.len(), "{code:?}");

	let listing = run_steps(seeds::listing_managed());
	assert!(matches!(listing[4], StepOutcome::Failed(_)), "paused listing sold: {listing:?}");
	assert_eq!(succeeded(&listing), listing.len() - 1, "{listing:?}");

	let attested = run_steps(seeds::attested_and_challenged());
	assert_eq!(succeeded(&attested), attested.len(), "{attested:?}");

	let referendum = run_steps(seeds::referendum());
	assert_eq!(succeeded(&referendum), referendum.len(), "{referendum:?}");

	let reaped = run_steps(seeds::accounts_reaped());
	assert_eq!(succeeded(&reaped), reaped.len(), "{reaped:?}");

	// The staff's listing, order and shipment took effect for Eve; the transfer did not.
	let (shop, state) = run_steps_then(seeds::shop_accounts(), || {
		let eve = sp_keyring::Sr25519Keyring::Eve.to_account_id();
		let order = pallet_orders::Orders::<bazaar_runtime::Runtime>::get(1);
		(
			order.map(|order| (order.seller == eve, order.state)),
			pallet_proxy::Proxies::<bazaar_runtime::Runtime>::get(&eve).0.len(),
		)
	});
	assert_eq!(succeeded(&shop), shop.len(), "{shop:?}");
	assert!(
		matches!(state, (Some((true, pallet_orders::OrderState::Shipped { .. })), 1)),
		"the staff member did not ship Eve's order: {state:?}"
	);

	// The referendum's ruling was enacted: order 0 settled as ruled, 30% to the buyer.
	let (ruled, outcome) = run_steps_then(seeds::arbitration(), || {
		pallet_orders::Orders::<bazaar_runtime::Runtime>::get(0).map(|order| order.state)
	});
	assert_eq!(succeeded(&ruled), ruled.len(), "{ruled:?}");
	assert!(
		matches!(
			outcome,
			Some(pallet_orders::OrderState::Settled {
				outcome: bazaar_primitives::SettlementOutcome::Ruled { buyer_share },
				..
			}) if buyer_share == sp_runtime::Perbill::from_percent(30)
		),
		"order 0 was not ruled: {outcome:?}"
	);

	// Version 1 approved by referendum, uploaded and active; version 0 reaped.
	let (uploaded, models) = run_steps_then(seeds::model_upload(), || {
		(
			pallet_recommendations::ActiveModel::<bazaar_runtime::Runtime>::get(),
			pallet_recommendations::Models::<bazaar_runtime::Runtime>::contains_key(0),
		)
	});
	assert_eq!(succeeded(&uploaded), uploaded.len(), "{uploaded:?}");
	assert_eq!(models, (Some(1), false), "version 1 active, version 0 reaped");
}

#[test]
fn corpus_and_regressions_replay() {
	let mut replayed = 0;
	for dir in ["corpus", "regressions"] {
		for (name, data) in inputs_in(&fuzz_dir().join(dir)) {
			eprintln!("replaying {dir}/{name}");
			run(&data);
			replayed += 1;
		}
	}
	eprintln!("{replayed} inputs replayed");
}

/// A small xorshift generator: reproducible runs from a printed seed, no dependency.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 << 13;
		self.0 ^= self.0 >> 7;
		self.0 ^= self.0 << 17;
		self.0
	}

	fn below(&mut self, bound: usize) -> usize {
		(self.next() % bound.max(1) as u64) as usize
	}
}

/// One to eight of libFuzzer's basic mutations: flip a bit, set a byte to an interesting value,
/// insert or erase bytes, copy a chunk within the input, or splice in part of another input.
fn mutate(rng: &mut Rng, data: &mut Vec<u8>, other: &[u8]) {
	const INTERESTING: [u8; 8] = [0, 1, 2, 0x7f, 0x80, 0xfe, 0xff, 60];
	for _ in 0..=rng.below(8) {
		let len = data.len();
		match rng.below(6) {
			0 if len > 0 => data[rng.below(len)] ^= 1 << rng.below(8),
			1 if len > 0 => data[rng.below(len)] = INTERESTING[rng.below(INTERESTING.len())],
			2 => {
				let at = rng.below(len + 1);
				data.insert(at, rng.next() as u8);
			},
			3 if len > 1 => {
				let at = rng.below(len);
				let end = (at + 1 + rng.below(8)).min(len);
				data.drain(at..end);
			},
			4 if len > 1 => {
				let from = rng.below(len);
				let chunk: Vec<u8> = data[from..(from + 1 + rng.below(32)).min(len)].to_vec();
				let at = rng.below(len + 1);
				data.splice(at..at, chunk);
			},
			_ if !other.is_empty() => {
				let from = rng.below(other.len());
				let chunk = &other[from..(from + 1 + rng.below(64)).min(other.len())];
				let at = rng.below(len + 1);
				data.splice(at..at, chunk.iter().copied());
			},
			_ => {},
		}
	}
}

#[test]
fn mutated_corpus_keeps_the_invariants() {
	let seconds: u64 = std::env::var("BAZAAR_FUZZ_SECONDS")
		.ok()
		.and_then(|value| value.parse().ok())
		.unwrap_or(60);
	let seed: u64 = std::env::var("BAZAAR_FUZZ_SEED")
		.ok()
		.and_then(|value| value.parse().ok())
		.unwrap_or_else(|| {
			std::time::SystemTime::now()
				.duration_since(std::time::UNIX_EPOCH)
				.unwrap()
				.as_nanos() as u64
		})
		.max(1);
	eprintln!("mutation run: BAZAAR_FUZZ_SEED={seed} BAZAAR_FUZZ_SECONDS={seconds}");

	let mut pool: Vec<Vec<u8>> = seeds::seeds().into_iter().map(|(_, data)| data).collect();
	pool.extend(inputs_in(&fuzz_dir().join("corpus")).into_iter().map(|(_, data)| data));
	let mut rng = Rng(seed);
	let deadline = Instant::now() + Duration::from_secs(seconds);
	let mut executions = 0u64;
	while Instant::now() < deadline {
		let mut data = pool[rng.below(pool.len())].clone();
		let other = pool[rng.below(pool.len())].clone();
		mutate(&mut rng, &mut data, &other);
		let result = std::panic::catch_unwind(|| run(&data));
		if let Err(panic) = result {
			let path = std::env::temp_dir().join(format!("bazaar-fuzz-crash-{seed}-{executions}"));
			fs::write(&path, &data).unwrap();
			std::panic::resume_unwind(Box::new(format!(
				"input {} broke an invariant (saved to {}): {:?}",
				executions,
				path.display(),
				panic
					.downcast_ref::<String>()
					.map(String::as_str)
					.or(panic.downcast_ref::<&str>().copied()),
			)));
		}
		executions += 1;
	}
	eprintln!("{executions} mutated inputs in {seconds} s; calls by outcome:");
	eprintln!("{}", bazaar_runtime_fuzzer::stats::table());
	assert!(executions > 0);
}
