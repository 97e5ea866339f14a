//! The runtime's benchmark list, built with `runtime-benchmarks`: every pallet the runtime
//! benchmarks is listed with its benchmarks, so a pallet dropped from the list (or one whose
//! benchmarks no longer build in this runtime's configuration) fails here, not in the next
//! weights run (`benchmarks/weights/run.sh`). The Bazaar pallets' benchmarks themselves run in
//! their mocks (their `impl_benchmark_test_suite`, which `scripts/test.sh` runs with the
//! feature).
//!
//! Running the SDK pallets' benchmarks here too needs a state backend that can commit and wipe
//! between runs (the bencher's `BenchmarkingState`); the in-memory test state cannot, so they
//! run only in `benchmarks/weights/run.sh`.

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::benchmarks::benchmark_metadata;
use bazaar_runtime_tests::dev_chain;

/// Every pallet `benchmarks/weights/run.sh` measures, as the runtime's list names it.
const BENCHMARKED: [&str; 30] = [
	"frame_system",
	"frame_system_extensions",
	"pallet_balances",
	"pallet_assets",
	"pallet_asset_rate",
	"pallet_asset_tx_payment",
	"pallet_session",
	"pallet_timestamp",
	"pallet_transaction_payment",
	"pallet_message_queue",
	"pallet_sudo",
	"pallet_collator_selection",
	"cumulus_pallet_parachain_system",
	"cumulus_pallet_xcmp_queue",
	"pallet_xcm",
	"cumulus_pallet_weight_reclaim",
	"pallet_listings",
	"pallet_orders",
	"pallet_reputation",
	"pallet_recommendations",
	"pallet_treasury",
	"pallet_preimage",
	"pallet_scheduler",
	"pallet_conviction_voting",
	"pallet_referenda",
	"pallet_whitelist",
	"pallet_utility",
	"pallet_proxy",
	"pallet_multisig",
	// The peer the orders are compared with (only in a runtime built for benchmarks).
	"pallet_nfts",
];

#[test]
fn every_pallet_the_weights_come_from_is_in_the_benchmark_list_with_its_benchmarks() {
	let (lists, _) = dev_chain().execute_with(|| benchmark_metadata(false));
	let listed: Vec<(String, usize)> = lists
		.iter()
		.map(|list| (String::from_utf8_lossy(&list.pallet).into_owned(), list.benchmarks.len()))
		.collect();
	for pallet in BENCHMARKED {
		let found = listed.iter().find(|(name, _)| name == pallet);
		assert!(found.is_some_and(|(_, count)| *count > 0), "{pallet} not listed: {listed:?}");
	}
	assert_eq!(listed.len(), BENCHMARKED.len(), "{listed:?}");
	// The Bazaar pallets' benchmarks, one per call and hook the weights cover.
	let count = |pallet: &str| listed.iter().find(|(name, _)| name == pallet).unwrap().1;
	assert!(count("pallet_orders") >= 20, "{}", count("pallet_orders"));
	assert!(count("pallet_recommendations") >= 12, "{}", count("pallet_recommendations"));
}
