#!/usr/bin/env bash
# Sustained throughput: runs orders through their whole life for many blocks in the runtime WASM
# built with `fast-runtime` (deadlines of minutes, so that expiries, pay-outs, pruning and the
# closing of rating windows come due within a run) and writes
# benchmarks/results/sustained-throughput.md.
#
#   benchmarks/throughput/sustained.sh [bazaar-sustained options, e.g. --blocks 400]
#
# 1. builds the runtime WASM with fast-runtime (`cargo check` runs the WASM build without
#    compiling the native runtime);
# 2. builds `bazaar-sustained` in release with fast-runtime, without a WASM build of its own;
# 3. runs it on that WASM (about 1 s per block).
# The WASM builder keeps one blob per runtime: benchmarks/throughput/run.sh, the weights and the
# dev node build it without fast-runtime or with other features, and rebuild it after this.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh
source scripts/lib/fixed-path.sh

target="${CARGO_TARGET_DIR:-$PWD/target}"
fixed_cargo check --locked -p bazaar-runtime --features fast-runtime
wasm="$target/debug/wbuild/bazaar-runtime/bazaar_runtime.compact.compressed.wasm"
[[ -f "$wasm" ]] || { echo "runtime WASM not found at $wasm" >&2; exit 1; }
SKIP_WASM_BUILD=1 fixed_cargo build --locked --release -p bazaar-throughput --features fast-runtime \
	--bin bazaar-sustained

changes=$(git diff --quiet HEAD -- . ':!benchmarks/results' || echo " with local changes")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
info="Run: $(date -u +%F), commit $(git rev-parse --short HEAD)$changes, $(nproc) cores ($cpu)."
"$target/release/bazaar-sustained" --wasm "$wasm" --run-info "$info" \
	--output benchmarks/results/sustained-throughput.md "$@"
echo "wrote benchmarks/results/sustained-throughput.md"
