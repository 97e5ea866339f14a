#!/usr/bin/env bash
# Regenerates the weights of Bazaar's pallets from their benchmarks:
#   benchmarks/weights/run.sh [pallet ...]     # default: every Bazaar pallet
#
# 1. installs `frame-omni-bencher` from the crate registry (once, into ~/.cache/bazaar/tools);
# 2. builds the runtime WASM with `runtime-benchmarks` (`cargo check` runs the WASM build
#    without compiling the native runtime);
# 3. runs each pallet's benchmarks in that WASM and writes `pallets/<name>/src/weights.rs`
#    with `frame-weight-template.hbs`.
# STEPS/REPEAT override the sampling (defaults 50/20, as for production weights).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh

tools="${BAZAAR_TOOLS:-$HOME/.cache/bazaar/tools}"
bencher="$tools/bin/frame-omni-bencher"
if [[ ! -x "$bencher" ]]; then
	echo "installing frame-omni-bencher 0.28.0 into $tools"
	cargo install frame-omni-bencher --version 0.28.0 --locked --root "$tools"
fi

target="${CARGO_TARGET_DIR:-$PWD/target}"
cargo check -p bazaar-runtime --features runtime-benchmarks
# The blob is compacted and compressed even in the dev profile (WASM_BUILD_TYPE in
# .cargo/config.toml), so the benchmarks run the same kind of code a chain runs.
wasm="$target/debug/wbuild/bazaar-runtime/bazaar_runtime.compact.compressed.wasm"
[[ -f "$wasm" ]] || { echo "runtime WASM not found at $wasm" >&2; exit 1; }

pallets=("$@")
((${#pallets[@]})) || pallets=(listings orders reputation)
for name in "${pallets[@]}"; do
	echo "benchmarking pallet_$name"
	"$bencher" v1 benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder-preset development \
		--pallet "pallet_$name" \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--heap-pages 4096 \
		--template benchmarks/weights/frame-weight-template.hbs \
		--header benchmarks/weights/header.txt \
		--output "pallets/$name/src/weights.rs"
done
