//! Per-call outcome counts: what the fuzzer reached, for the coverage report in
//! `tests/fuzz/README.md` (`corpus-stats` prints them for a corpus).

use crate::chain::Applied;
use std::{cell::RefCell, collections::BTreeMap};

/// Outcomes of one call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcomes {
	/// Included, and the call succeeded.
	pub succeeded: u64,
	/// Included, and the call failed with a dispatch error (fees paid, nothing else changed).
	pub failed: u64,
	/// Rejected before dispatch (bad nonce, cannot pay, unauthorized, block full).
	pub rejected: u64,
}

thread_local! {
	static OUTCOMES: RefCell<BTreeMap<(&'static str, &'static str), Outcomes>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// Counts `applied` for the call `name`.
pub fn record(name: (&'static str, &'static str), applied: &Applied) {
	OUTCOMES.with(|outcomes| {
		let mut outcomes = outcomes.borrow_mut();
		let entry = outcomes.entry(name).or_default();
		match applied {
			Applied::Included(Ok(_)) => entry.succeeded += 1,
			Applied::Included(Err(_)) => entry.failed += 1,
			Applied::Rejected(_) => entry.rejected += 1,
		}
	});
}

/// The counts so far on this thread, by `(pallet, call)`.
pub fn outcomes() -> BTreeMap<(&'static str, &'static str), Outcomes> {
	OUTCOMES.with(|outcomes| outcomes.borrow().clone())
}

/// The counts as a Markdown table.
pub fn table() -> String {
	let mut table = String::from(
		"| pallet | call | succeeded | failed | rejected |\n|---|---|---:|---:|---:|\n",
	);
	for ((pallet, call), counts) in outcomes() {
		table.push_str(&format!(
			"| {pallet} | {call} | {} | {} | {} |\n",
			counts.succeeded, counts.failed, counts.rejected
		));
	}
	table
}
