//! Inference speed benchmark: users per second for top-k over a synthetic int8 model
//! (default 10,000 items × 32 dims), natively and inside a WASM executor (`wasmi`, running the
//! `bazaar-inference-wasm-guest` build for `wasm32-unknown-unknown`). Both run the same Rust
//! code on the same inputs and must produce the same checksum.
//!
//! Usage: `bazaar-recsys-bench <guest.wasm> [items] [dim] [users] [history] [k] [out.md]`

use anyhow::{ensure, Context, Result};
use bazaar_inference::{
	Embedding, ItemRow, ModelFile, ModelHeader, Purchase, FLAG_ALLOW_REPEAT, FORMAT_VERSION,
};
use bazaar_inference_wasm_guest::LoadedModel;
use codec::Encode;
use std::{fmt::Write as _, time::Instant};

struct Lcg(u64);

impl Lcg {
	fn next(&mut self) -> u64 {
		self.0 = self
			.0
			.wrapping_mul(6_364_136_223_846_793_005)
			.wrapping_add(1_442_695_040_888_963_407);
		self.0 >> 33
	}
}

fn synthetic_model(items: u32, dim: u16, rng: &mut Lcg) -> Result<ModelFile> {
	let embedding = |rng: &mut Lcg| {
		Embedding::new((0..dim).map(|_| rng.next() as u8 as i8).collect()).context("dim > MAX_DIM")
	};
	let rows = (0..items)
		.map(|i| {
			let row = ItemRow {
				input: embedding(rng)?,
				output: embedding(rng)?,
				bias: (rng.next() % 2_000_000) as i32 - 1_000_000,
			};
			Ok((i, row))
		})
		.collect::<Result<Vec<_>>>()?;
	let header = ModelHeader {
		format_version: FORMAT_VERSION,
		dim,
		item_count: items,
		recency_decay_q15: 29_491,
		user_shift: 7,
		repeat_weight: 1 << 24,
		flags: FLAG_ALLOW_REPEAT,
	};
	Ok(ModelFile { header, rows })
}

fn wasm_users_per_second(
	wasm: &[u8],
	model: &[u8],
	users: &[u8],
	count: usize,
	k: u32,
) -> Result<(f64, u64)> {
	let engine = wasmi::Engine::default();
	let module = wasmi::Module::new(&engine, wasm).context("invalid guest WASM")?;
	let mut store = wasmi::Store::new(&engine, ());
	let instance = wasmi::Linker::<()>::new(&engine)
		.instantiate(&mut store, &module)?
		.start(&mut store)?;
	let memory = instance.get_memory(&store, "memory").context("guest exports no memory")?;
	let alloc = instance.get_typed_func::<u32, u32>(&store, "guest_alloc")?;
	let load = instance.get_typed_func::<(u32, u32), u32>(&store, "guest_load_model")?;
	let batch = instance.get_typed_func::<(u32, u32, u32), u64>(&store, "guest_recommend_batch")?;
	let write = |store: &mut wasmi::Store<()>, bytes: &[u8]| -> Result<u32> {
		let ptr = alloc.call(&mut *store, bytes.len() as u32)?;
		memory.write(&mut *store, ptr as usize, bytes)?;
		Ok(ptr)
	};
	let model_ptr = write(&mut store, model)?;
	ensure!(
		load.call(&mut store, (model_ptr, model.len() as u32))? == 1,
		"guest rejected the model"
	);
	let users_ptr = write(&mut store, users)?;
	let started = Instant::now();
	let checksum = batch.call(&mut store, (users_ptr, users.len() as u32, k))?;
	Ok((count as f64 / started.elapsed().as_secs_f64(), checksum))
}

/// The same measurement under wasmtime (cranelift), the executor of the node's off-chain
/// workers.
#[cfg(feature = "wasmtime")]
fn wasmtime_users_per_second(
	wasm: &[u8],
	model: &[u8],
	users: &[u8],
	count: usize,
	k: u32,
) -> Result<(f64, u64)> {
	let engine = wasmtime::Engine::default();
	let module = wasmtime::Module::new(&engine, wasm).context("invalid guest WASM")?;
	let mut store = wasmtime::Store::new(&engine, ());
	let instance = wasmtime::Instance::new(&mut store, &module, &[])?;
	let memory = instance.get_memory(&mut store, "memory").context("guest exports no memory")?;
	let alloc = instance.get_typed_func::<u32, u32>(&mut store, "guest_alloc")?;
	let load = instance.get_typed_func::<(u32, u32), u32>(&mut store, "guest_load_model")?;
	let batch =
		instance.get_typed_func::<(u32, u32, u32), u64>(&mut store, "guest_recommend_batch")?;
	let write = |store: &mut wasmtime::Store<()>, bytes: &[u8]| -> Result<u32> {
		let ptr = alloc.call(&mut *store, bytes.len() as u32)?;
		memory.write(&mut *store, ptr as usize, bytes)?;
		Ok(ptr)
	};
	let model_ptr = write(&mut store, model)?;
	ensure!(
		load.call(&mut store, (model_ptr, model.len() as u32))? == 1,
		"guest rejected the model"
	);
	let users_ptr = write(&mut store, users)?;
	let started = Instant::now();
	let checksum = batch.call(&mut store, (users_ptr, users.len() as u32, k))?;
	Ok((count as f64 / started.elapsed().as_secs_f64(), checksum))
}

fn main() -> Result<()> {
	let args: Vec<String> = std::env::args().collect();
	let wasm_path = args.get(1).context(
		"usage: bazaar-recsys-bench <guest.wasm> [items] [dim] [users] [history] [k] [out.md]",
	)?;
	let number = |i: usize, default: u64| -> Result<u64> {
		args.get(i)
			.map_or(Ok(default), |a| a.parse().with_context(|| format!("bad number `{a}`")))
	};
	let (items, dim, count, history, k) =
		(number(2, 10_000)?, number(3, 32)?, number(4, 2_000)?, number(5, 64)?, number(6, 10)?);
	let wasm = std::fs::read(wasm_path).with_context(|| format!("cannot read {wasm_path}"))?;
	let mut rng = Lcg(42);
	let model = synthetic_model(items as u32, dim as u16, &mut rng)?.encode();
	let users: Vec<Vec<Purchase>> = (0..count)
		.map(|_| {
			(0..history)
				.map(|i| Purchase { item: (rng.next() % items) as u32, basket: (i / 8) as u32 })
				.collect()
		})
		.collect();
	let users = users.encode();

	let loaded = LoadedModel::decode(&model).context("native side rejected the model")?;
	loaded.recommend_batch(&users, k as u32); // warm-up
	let started = Instant::now();
	let native_checksum = loaded.recommend_batch(&users, k as u32);
	let native = count as f64 / started.elapsed().as_secs_f64();
	let (in_wasm, wasm_checksum) =
		wasm_users_per_second(&wasm, &model, &users, count as usize, k as u32)?;
	ensure!(native_checksum == wasm_checksum, "native and WASM top-k differ");

	let mut report = String::new();
	let setup = format!("top-{k}, {items} items × {dim} dims, {history}-purchase histories");
	writeln!(report, "| Executor | Users/s ({setup}) |")?;
	writeln!(report, "|---|---:|")?;
	writeln!(report, "| native (release) | {native:.0} |")?;
	writeln!(report, "| WASM (wasmi 0.40 interpreter) | {in_wasm:.0} |")?;
	#[cfg(feature = "wasmtime")]
	{
		let (compiled, checksum) =
			wasmtime_users_per_second(&wasm, &model, &users, count as usize, k as u32)?;
		ensure!(checksum == native_checksum, "native and wasmtime top-k differ");
		writeln!(
			report,
			"| WASM (wasmtime 36.0.7, cranelift; the OCW executor) | {compiled:.0} |"
		)?;
		writeln!(report, "\nnative/wasmtime ratio: {:.2}×", native / compiled)?;
	}
	writeln!(
		report,
		"\nnative/wasmi ratio: {:.1}×; {count} users; identical checksums ({native_checksum:#x}).",
		native / in_wasm
	)?;
	print!("{report}");
	if let Some(out) = args.get(7) {
		std::fs::write(out, report).with_context(|| format!("cannot write {out}"))?;
	}
	Ok(())
}
