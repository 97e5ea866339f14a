//! Blocks filled as a collator fills them, in the runtime WASM. How many transactions fit is
//! decided by the benchmarked weights, not by this machine's speed: a block stops taking them
//! exactly when the next one's charged weight no longer fits; and every block built must import.
//! The count itself is a property of the weights, and so of the machine that measured them: it
//! is reported against the 1,000-order target in `benchmarks/results/block-throughput.md`
//! (`benchmarks/throughput/run.sh`), not asserted here.

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_throughput::{
	measure, normal_class_limit,
	workload::{Buyers, Workload},
	Measurement,
};
use frame_support::dispatch::DispatchClass;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

fn runtime_wasm() -> &'static [u8] {
	bazaar_runtime::WASM_BINARY.expect("the runtime WASM is built (unset SKIP_WASM_BUILD)")
}

/// The block took transactions until the next one's charged weight no longer fit the normal
/// class's ref_time: nothing else stopped it, and it stopped no earlier.
fn assert_filled_by_ref_time(full: &Measurement) {
	assert_eq!(
		full.built.full,
		Some(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)),
		"{:?}",
		full.workload
	);
	assert_eq!(full.limited_by(), "ref_time", "{:?}", full.workload);
	let used = full.built.weight.get(DispatchClass::Normal).ref_time();
	let left = normal_class_limit().ref_time() - used;
	assert!(left < full.charged.total().ref_time(), "{:?}: {left} ps left unused", full.workload);
	// The two inherents, then the transactions.
	assert_eq!(full.built.block.extrinsics.len(), full.built.included + 2);
}

#[test]
fn orders_fill_a_block_by_their_weight() {
	let buyers = Buyers::new(1_200);
	let plain = measure(runtime_wasm(), &buyers, Workload::Orders, 1).unwrap();
	assert_filled_by_ref_time(&plain);

	let sealed = measure(runtime_wasm(), &buyers, Workload::SealedOrders, 1).unwrap();
	assert_filled_by_ref_time(&sealed);
	// Without details an order is refunded the seller key read and the details write: it
	// consumes less of the block than it is charged, and less than an order with details.
	let plain_consumed = plain.consumed_per_transaction().ref_time();
	assert!(plain_consumed < plain.charged.total().ref_time());
	assert!(plain_consumed < sealed.consumed_per_transaction().ref_time());
	assert!(sealed.built.included < plain.built.included);
}

#[test]
fn blocks_that_do_not_fill_take_every_transaction_and_import() {
	let buyers = Buyers::new(5);
	for workload in [Workload::Orders, Workload::SealedOrders, Workload::Transfers] {
		let measurement = measure(runtime_wasm(), &buyers, workload, 2).unwrap();
		assert_eq!(measurement.built.included, 5, "{workload:?}");
		assert_eq!(measurement.built.full, None, "{workload:?}");
		assert_eq!(measurement.limited_by(), "ran out of transactions");
		assert_eq!(measurement.imports.len(), 2);
	}
}
