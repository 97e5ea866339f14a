#!/usr/bin/env bash
# Block throughput: fills a block with orders and one with balance transfers, builds and imports
# each in the runtime WASM through the node's executor, and writes
# benchmarks/results/block-throughput.md.
#
#   benchmarks/throughput/run.sh [bazaar-throughput options, e.g. --buyers 6000 --imports 9]
#
# 1. builds the runtime WASM as the chain runs it (compact, compressed; `cargo check` runs the
#    WASM build without compiling the native runtime);
# 2. builds `bazaar-throughput` in release, as a node is built (its host functions, trie and
#    executor optimised), without a WASM build of its own;
# 3. runs it on that WASM.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh
source scripts/lib/fixed-path.sh

target="${CARGO_TARGET_DIR:-$PWD/target}"
fixed_cargo check --locked -p bazaar-runtime
wasm="$target/debug/wbuild/bazaar-runtime/bazaar_runtime.compact.compressed.wasm"
[[ -f "$wasm" ]] || { echo "runtime WASM not found at $wasm" >&2; exit 1; }
SKIP_WASM_BUILD=1 fixed_cargo build --locked --release -p bazaar-throughput

changes=$(git diff --quiet HEAD -- . ':!benchmarks/results' || echo " with local changes")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
info="Run: $(date -u +%F), commit $(git rev-parse --short HEAD)$changes, $(nproc) cores ($cpu)."
"$target/release/bazaar-throughput" --wasm "$wasm" --run-info "$info" \
	--output benchmarks/results/block-throughput.md "$@"
echo "wrote benchmarks/results/block-throughput.md"
