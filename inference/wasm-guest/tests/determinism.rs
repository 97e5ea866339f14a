//! Native vs `wasm32-unknown-unknown`: the same fixture (models at the int8 extremes, maximum
//! dimension and history length, every `MAX_K`, challenge checks) must give byte-identical
//! SCALE-encoded outputs. The guest is compiled to WASM by a nested `cargo build` (into its
//! own target directory, so it never waits on the outer build) and run with `wasmi`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test helpers may panic")]

use bazaar_inference::*;
use bazaar_inference_wasm_guest::{run_fixture, FixtureInput, FixtureOutput};
use codec::{Decode, Encode};
use std::{path::PathBuf, process::Command};

fn build_guest_wasm() -> Vec<u8> {
	let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
	let workspace = manifest.join("../..");
	let exe = std::env::current_exe().unwrap();
	// <target>/debug/deps/determinism-<hash> → <target>/wasm-guest
	let target_dir = exe.ancestors().nth(3).unwrap().join("wasm-guest");
	let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
	let status = Command::new(cargo)
		.current_dir(&workspace)
		.args(["build", "--release", "-p", "bazaar-inference-wasm-guest"])
		.args(["--target", "wasm32-unknown-unknown", "--target-dir"])
		.arg(&target_dir)
		.env_remove("RUSTFLAGS")
		.env_remove("CARGO_ENCODED_RUSTFLAGS")
		.status()
		.expect("run cargo to build the WASM guest");
	assert!(status.success(), "building the WASM guest failed");
	std::fs::read(
		target_dir.join("wasm32-unknown-unknown/release/bazaar_inference_wasm_guest.wasm"),
	)
	.unwrap()
}

fn run_in_wasm(wasm: &[u8], input: &[u8]) -> Vec<u8> {
	let engine = wasmi::Engine::default();
	let module = wasmi::Module::new(&engine, wasm).unwrap();
	let mut store = wasmi::Store::new(&engine, ());
	let linker = wasmi::Linker::<()>::new(&engine);
	let instance = linker.instantiate(&mut store, &module).unwrap().start(&mut store).unwrap();
	let memory = instance.get_memory(&store, "memory").unwrap();
	let alloc = instance.get_typed_func::<u32, u32>(&store, "guest_alloc").unwrap();
	let run = instance.get_typed_func::<(u32, u32), u64>(&store, "guest_run_fixture").unwrap();
	let ptr = alloc.call(&mut store, input.len() as u32).unwrap();
	memory.write(&mut store, ptr as usize, input).unwrap();
	let packed = run.call(&mut store, (ptr, input.len() as u32)).unwrap();
	let mut output = vec![0u8; (packed & 0xFFFF_FFFF) as usize];
	memory.read(&store, (packed >> 32) as usize, &mut output).unwrap();
	output
}

/// Deterministic pseudo-random int8 values covering the extremes.
fn value(seed: u64) -> i8 {
	let x = seed
		.wrapping_mul(6_364_136_223_846_793_005)
		.wrapping_add(1_442_695_040_888_963_407);
	match x >> 60 {
		0 => i8::MIN,
		1 => i8::MAX,
		_ => (x >> 33) as u8 as i8,
	}
}

fn fixture(dim: u16, decay: u16, repeat_weight: i32, flags: u8) -> FixtureInput {
	let items = 300u32;
	let rows = (0..items)
		.map(|i| {
			let seed = u64::from(i) * 1000;
			let row = ItemRow {
				input: Embedding::new((0..dim).map(|d| value(seed + u64::from(d))).collect())
					.unwrap(),
				output: Embedding::new(
					(0..dim).map(|d| value(seed + 500 + u64::from(d))).collect(),
				)
				.unwrap(),
				bias: if i % 17 == 0 { MAX_ABS_BIAS } else { (i as i32 - 150) * 1_000 },
			};
			(i * 3, row)
		})
		.collect();
	let header = ModelHeader {
		format_version: FORMAT_VERSION,
		dim,
		item_count: items,
		recency_decay_q15: decay,
		user_shift: 7,
		repeat_weight,
		flags,
	};
	let users: Vec<Vec<Purchase>> = vec![
		vec![],
		(0..MAX_HISTORY)
			.map(|i| Purchase { item: (i * 7) % (items * 3), basket: i / 5 })
			.collect(),
		(0..MAX_HISTORY).map(|_| Purchase { item: 0, basket: u32::MAX }).collect(),
		vec![Purchase { item: 6, basket: 0 }, Purchase { item: 999_999, basket: 9 }],
		(0..40).map(|i| Purchase { item: i * 3, basket: i % 4 }).collect(),
	];
	let score_claims = (0..users.len() as u32).flat_map(|u| [(u, 6, 0), (u, 30, 12_345)]).collect();
	let missed_claims = (0..users.len() as u32)
		.map(|u| (u, 9, Recommendation { item: 3, score: 1_000 }))
		.collect();
	FixtureInput { model: ModelFile { header, rows }, users, k: MAX_K, score_claims, missed_claims }
}

#[test]
fn native_and_wasm_outputs_are_identical() {
	let wasm = build_guest_wasm();
	let fixtures = [
		fixture(MAX_DIM, 29_491, MAX_REPEAT_WEIGHT, FLAG_ALLOW_REPEAT),
		fixture(MAX_DIM, 32_768, 0, 0),
		fixture(1, 0, 1 << 20, FLAG_ALLOW_REPEAT),
		fixture(32, 1, 77_777, 0),
	];
	for input in fixtures {
		let encoded = input.encode();
		let native = run_fixture(&encoded);
		let in_wasm = run_in_wasm(&wasm, &encoded);
		let decoded = FixtureOutput::decode(&mut &native[..]).unwrap();
		assert_eq!(decoded.top.len(), input.users.len());
		assert!(decoded
			.top
			.iter()
			.all(|t| t.as_ref().is_ok_and(|(_, top)| top.len() == MAX_K as usize)));
		assert_eq!(native, in_wasm, "native and WASM results differ");
	}
}
