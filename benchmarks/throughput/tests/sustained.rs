//! Orders through their whole life for more than a ship window, a confirm window and a retention
//! period, with more deadline work per block than `on_initialize`'s fixed share: the hooks keep
//! every deadline on its block and the indexes from growing, rating windows go with their pruned
//! orders, and every block stays within its limits.

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::Runtime;
use bazaar_throughput::sustained::{BlockRecord, Params, Sustained};
use frame_support::traits::Get;

fn runtime_wasm() -> &'static [u8] {
	bazaar_runtime::WASM_BINARY.expect("the runtime WASM is built (unset SKIP_WASM_BUILD)")
}

#[test]
fn deadlines_are_met_and_indexes_drain_when_blocks_settle_more_than_the_fixed_share() {
	let retention = <Runtime as pallet_orders::Config>::RetentionPeriod::get();
	let fixed_share = <Runtime as pallet_orders::Config>::MaxExpiriesPerBlock::get();
	let params = Params { orders_per_block: 70, buyers: 400, sellers: 20 };
	let mut run = Sustained::new(runtime_wasm(), params).unwrap();
	// The first orders, rejected in the next block, are pruned a retention period later.
	let records: Vec<BlockRecord> = (0..retention + 8).map(|_| run.next_block().unwrap()).collect();

	for record in &records {
		assert!(record.within_limits(), "block {} over its limits", record.number);
		assert_eq!(record.deadline_overdue, 0, "block {} left deadlines late", record.number);
		assert_eq!(record.windows_overdue, 0, "block {} kept closed windows", record.number);
		assert_eq!(record.carried, 0, "block {} had no room for the steps due", record.number);
		assert_eq!(record.placed, 70, "block {}", record.number);
	}
	// Every kind of deadline work came due, and more of it in a block than the fixed share.
	let most = |f: fn(&BlockRecord) -> u32| records.iter().map(f).max().unwrap();
	assert!(most(|r| r.expired) > 0);
	assert!(most(|r| r.pruned) > fixed_share, "pruned at most {}", most(|r| r.pruned));
	// Rating windows go with their orders: as many stay open as a rating window's worth of
	// settled orders that not both parties rated, and none once its order is pruned.
	assert!(most(|r| r.rating_windows) > 0);
	// Orders leave storage as fast as they come once pruning is due.
	let last = records.last().unwrap();
	let pruned_in_last: u32 = records[records.len() - 4..].iter().map(|r| r.pruned).sum();
	assert!(pruned_in_last >= 4 * 50, "only {pruned_in_last} pruned in the last 4 blocks");
	assert!(last.orders_stored < 70 * (retention + 8), "{} orders kept", last.orders_stored);
}
