//! A tiny guest exposing `bazaar-inference` to a WASM executor, used by the native/WASM
//! determinism test and the speed benchmark. The same Rust functions are called natively
//! (as an `rlib`) and from WASM (as a `cdylib`), so any difference comes from the target.
//!
//! ABI: the host calls `guest_alloc(len) -> ptr`, writes its SCALE-encoded input there, then
//! calls an entry point with `(ptr, len)`. Entry points returning bytes return
//! `(ptr << 32) | len` of a buffer the host reads (and never frees: the instance is short-lived).

use bazaar_inference::{
	check_claimed_score, check_missed_item, ChallengeVerdict, ItemId, ModelError, ModelFile,
	Purchase, Recommendation, ScoringTable, UserProfile,
};
use codec::{Decode, Encode};
use std::sync::Mutex;

/// A determinism fixture: a model, users, and challenges to check.
#[derive(Clone, Debug, Encode, Decode)]
pub struct FixtureInput {
	/// The model.
	pub model: ModelFile,
	/// Purchase histories.
	pub users: Vec<Vec<Purchase>>,
	/// Cut-off of the top-k lists.
	pub k: u32,
	/// `(user index, item, claimed score)` for `check_claimed_score`.
	pub score_claims: Vec<(u32, ItemId, i32)>,
	/// `(user index, candidate, k-th claimed)` for `check_missed_item`.
	pub missed_claims: Vec<(u32, ItemId, Recommendation)>,
}

/// Per user: the user vector and the top-k list, or why they could not be computed.
pub type UserResult = Result<(Vec<i32>, Vec<Recommendation>), ModelError>;

/// Everything computed for a [`FixtureInput`].
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct FixtureOutput {
	/// Per user: the user vector and the top-k list (or the error).
	pub top: Vec<UserResult>,
	/// Verdicts of the score claims.
	pub score_verdicts: Vec<Result<ChallengeVerdict, ModelError>>,
	/// Verdicts of the missed-item claims.
	pub missed_verdicts: Vec<Result<ChallengeVerdict, ModelError>>,
}

fn history(input: &FixtureInput, user: u32) -> &[Purchase] {
	input.users.get(user as usize).map_or(&[], |h| h.as_slice())
}

/// Runs a fixture: SCALE-encoded [`FixtureInput`] in, SCALE-encoded [`FixtureOutput`] out
/// (an empty output if the input does not decode).
pub fn run_fixture(input: &[u8]) -> Vec<u8> {
	let Ok(input) = FixtureInput::decode(&mut &input[..]) else { return Vec::new() };
	let model = &input.model;
	let row_of = |id: ItemId| model.row(id).cloned();
	let table = ScoringTable::new(model);
	let top = input
		.users
		.iter()
		.map(|h| {
			let table = table.as_ref().map_err(|e| *e)?;
			let user = UserProfile::build(&model.header, h, row_of)?;
			Ok((user.vector().to_vec(), table.top_k(&user, input.k)?))
		})
		.collect();
	let profile = |user: u32| UserProfile::build(&model.header, history(&input, user), row_of);
	let score_verdicts = input
		.score_claims
		.iter()
		.map(|&(user, item, score)| {
			let user = profile(user)?;
			check_claimed_score(&model.header, &user, item, model.row(item), score)
		})
		.collect();
	let missed_verdicts = input
		.missed_claims
		.iter()
		.map(|&(user, item, kth)| {
			let user = profile(user)?;
			check_missed_item(&model.header, &user, item, model.row(item), kth)
		})
		.collect();
	FixtureOutput { top, score_verdicts, missed_verdicts }.encode()
}

/// A model loaded for repeated top-k requests (benchmark).
pub struct LoadedModel {
	model: ModelFile,
	table: ScoringTable,
}

impl LoadedModel {
	/// Decodes and validates a SCALE-encoded [`ModelFile`].
	pub fn decode(bytes: &[u8]) -> Option<Self> {
		let model = ModelFile::decode(&mut &bytes[..]).ok()?;
		let table = ScoringTable::new(&model).ok()?;
		Some(Self { model, table })
	}

	/// Top-`k` for every SCALE-encoded `Vec<Vec<Purchase>>` user, folded into a checksum of
	/// all recommended items and scores (so the work cannot be optimized away).
	pub fn recommend_batch(&self, users: &[u8], k: u32) -> u64 {
		let Ok(users) = Vec::<Vec<Purchase>>::decode(&mut &users[..]) else { return 0 };
		let mut checksum = 0u64;
		for history in &users {
			let row_of = |id: ItemId| self.model.row(id).cloned();
			let Ok(user) = UserProfile::build(&self.model.header, history, row_of) else {
				continue;
			};
			for recommendation in self.table.top_k(&user, k).unwrap_or_default() {
				checksum = checksum
					.wrapping_mul(1_000_003)
					.wrapping_add(u64::from(recommendation.item))
					.wrapping_mul(31)
					.wrapping_add(recommendation.score as u32 as u64);
			}
		}
		checksum
	}
}

static LOADED: Mutex<Option<LoadedModel>> = Mutex::new(None);

fn input_slice<'a>(ptr: u32, len: u32) -> &'a [u8] {
	// SAFETY: the host wrote `len` bytes at `ptr`, a buffer it obtained from `guest_alloc`.
	unsafe { core::slice::from_raw_parts(ptr as usize as *const u8, len as usize) }
}

fn leak(bytes: Vec<u8>) -> u64 {
	let bytes = bytes.leak();
	((bytes.as_ptr() as usize as u64) << 32) | bytes.len() as u64
}

/// Allocates `len` bytes for the host to write an input into.
#[no_mangle]
pub extern "C" fn guest_alloc(len: u32) -> u32 {
	vec![0u8; len as usize].leak().as_mut_ptr() as usize as u32
}

/// WASM entry point of [`run_fixture`].
#[no_mangle]
pub extern "C" fn guest_run_fixture(ptr: u32, len: u32) -> u64 {
	leak(run_fixture(input_slice(ptr, len)))
}

/// Loads a model for [`guest_recommend_batch`]; returns 1 on success, 0 on failure.
#[no_mangle]
pub extern "C" fn guest_load_model(ptr: u32, len: u32) -> u32 {
	let loaded = LoadedModel::decode(input_slice(ptr, len));
	let ok = u32::from(loaded.is_some());
	if let Ok(mut slot) = LOADED.lock() {
		*slot = loaded;
	}
	ok
}

/// WASM entry point of [`LoadedModel::recommend_batch`] on the loaded model.
#[no_mangle]
pub extern "C" fn guest_recommend_batch(ptr: u32, len: u32, k: u32) -> u64 {
	let Ok(slot) = LOADED.lock() else { return 0 };
	slot.as_ref()
		.map_or(0, |loaded| loaded.recommend_batch(input_slice(ptr, len), k))
}
