//! What a call's benchmarked weight is made of: the measured compute and the storage reads and
//! writes priced by the runtime's `DbWeight`, read from the `weights.rs` files the runtime is
//! compiled from (the template `benchmarks/weights/` generates them with).

use frame_support::weights::{RuntimeDbWeight, Weight};

/// The parts of a call's ref_time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Breakdown {
	/// The measured execution time, in picoseconds.
	pub compute: u64,
	/// Storage reads charged.
	pub reads: u64,
	/// Storage writes charged.
	pub writes: u64,
}

impl Breakdown {
	/// The ref_time the storage accesses are charged at `db`.
	pub fn storage(&self, db: RuntimeDbWeight) -> u64 {
		db.reads_writes(self.reads, self.writes).ref_time()
	}
}

/// The breakdown of `function`'s weight in the generated `source`, checked against `weight`,
/// the value the runtime charges: `None` if the function is not there, has components, or its
/// parts do not add up to `weight` at `db` (the file and the compiled weights disagree).
pub fn breakdown(
	source: &str,
	function: &str,
	weight: Weight,
	db: RuntimeDbWeight,
) -> Option<Breakdown> {
	let start = source.find(&format!("fn {function}() -> Weight {{"))?;
	let body = source.get(start..)?;
	let body = body.get(..body.find("\n\t}")?)?;
	let compute = numbers_after(body, "Weight::from_parts(").first().copied()?;
	let parts = Breakdown {
		compute,
		reads: numbers_after(body, ".reads(").iter().sum(),
		writes: numbers_after(body, ".writes(").iter().sum(),
	};
	let adds_up = compute.checked_add(parts.storage(db)) == Some(weight.ref_time());
	adds_up.then_some(parts)
}

/// The integer literals (`1_000` or `6_u64`) right after each `marker` in `text`. A marker
/// followed by anything else (a component's expression) makes the result empty: such weights
/// are not broken down.
fn numbers_after(text: &str, marker: &str) -> Vec<u64> {
	let mut numbers = Vec::new();
	for (at, _) in text.match_indices(marker) {
		let rest = text.get(at + marker.len()..).unwrap_or_default();
		let literal: String =
			rest.chars().take_while(|c| c.is_ascii_digit() || *c == '_').collect();
		let digits: String = literal.trim_end_matches('_').chars().filter(|c| *c != '_').collect();
		let suffix_ok = rest.get(literal.len()..).is_some_and(|after| {
			after.starts_with(')') || after.starts_with(',') || after.starts_with("u64)")
		});
		match digits.parse() {
			Ok(number) if suffix_ok => numbers.push(number),
			_ => return Vec::new(),
		}
	}
	numbers
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::weights::constants::RocksDbWeight;

	const SOURCE: &str = "\tfn place_order() -> Weight {\n\t\t// Minimum execution time: 1.\n\t\t\
		Weight::from_parts(68_832_000, 3810)\n\t\t\t.saturating_add(T::DbWeight::get().reads(6_u64))\n\t\t\t\
		.saturating_add(T::DbWeight::get().writes(9_u64))\n\t}\n\tfn transfer() -> Weight {\n\t\t\
		Weight::from_parts(37_877_000, 0)\n\t\t\t.saturating_add(Weight::from_parts(0, 3593))\n\t\t\t\
		.saturating_add(T::DbWeight::get().reads(1))\n\t\t\t.saturating_add(T::DbWeight::get().writes(1))\n\t}\n\
		\tfn rows(n: u32, ) -> Weight {\n\t}\n";

	fn charged(compute: u64, reads: u64, writes: u64) -> Weight {
		Weight::from_parts(compute, 0)
			.saturating_add(RocksDbWeight::get().reads_writes(reads, writes))
	}

	#[test]
	fn reads_both_templates() {
		let db = RocksDbWeight::get();
		assert_eq!(
			breakdown(SOURCE, "place_order", charged(68_832_000, 6, 9), db),
			Some(Breakdown { compute: 68_832_000, reads: 6, writes: 9 })
		);
		assert_eq!(
			breakdown(SOURCE, "transfer", charged(37_877_000, 1, 1), db),
			Some(Breakdown { compute: 37_877_000, reads: 1, writes: 1 })
		);
	}

	#[test]
	fn refuses_what_does_not_add_up_or_is_missing() {
		let db = RocksDbWeight::get();
		assert_eq!(breakdown(SOURCE, "place_order", charged(68_832_000, 6, 8), db), None);
		assert_eq!(breakdown(SOURCE, "rows", Weight::zero(), db), None);
		assert_eq!(breakdown(SOURCE, "ship", Weight::zero(), db), None);
		assert!(numbers_after(".reads((2_u64).saturating_mul(n))", ".reads(").is_empty());
	}
}
