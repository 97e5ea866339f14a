#!/usr/bin/env bash
# Measures the base weights of this runtime on this machine: the execution of an empty block
# (`BlockExecutionWeight`) and the overhead of one extrinsic (`ExtrinsicBaseWeight`), which
# every block and every transaction is charged besides its calls. Writes
# runtime/src/weights/block_weights.rs and runtime/src/weights/extrinsic_weights.rs.
#
#   benchmarks/weights/overhead.sh
# (2000 is the parachain id, PARACHAIN_ID in runtime/src/lib.rs.)
#
# 1. installs `frame-omni-bencher` like run.sh;
# 2. builds the runtime WASM as the chain runs it (no benchmarking code, production windows);
# 3. builds blocks of `system.remark` on the development genesis as a collator does (parachain
#    inherents included) and times their import: the empty block's time is the block's base,
#    a full block's time per extrinsic is the extrinsic's base. The weight is the runs' mean
#    times 1.2: a 20% margin for collators slower than this machine and for the spread of the
#    runs (the generated files keep the min, max and percentiles).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh
source scripts/lib/fixed-path.sh

source benchmarks/weights/bencher.sh

target="${CARGO_TARGET_DIR:-$PWD/target}"
fixed_cargo check --locked -p bazaar-runtime
wasm="$target/debug/wbuild/bazaar-runtime/bazaar_runtime.compact.compressed.wasm"
[[ -f "$wasm" ]] || { echo "runtime WASM not found at $wasm" >&2; exit 1; }

"$bencher" v1 benchmark overhead \
	--runtime "$wasm" \
	--genesis-builder-preset development \
	--para-id 2000 \
	--metric average \
	--mul 1.2 \
	--header benchmarks/weights/header.txt \
	--weight-path runtime/src/weights
