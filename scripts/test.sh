#!/usr/bin/env bash
# Runs every test: the Rust workspace (pallets, runtime, node, recommender), the end-to-end
# tests that start bazaar-node --dev (and Chopsticks) and drive them with @polkadot/api, and the
# storefront's unit and browser tests.
# One build profile (dev) serves both: `cargo test --workspace` also builds the node binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Through the fixed path that makes the runtime WASM reproducible (see the file).
source scripts/lib/fixed-path.sh

started=$(date +%s)
# The same node as scripts/dev.sh (fast-runtime: governance periods of minutes, the same runtime
# WASM byte for byte), which the end-to-end tests start; plus the runtime built again with
# spec_version one higher, which the upgrade tests apply.
BAZAAR_UPGRADE_TEST_WASM=1 fixed_cargo test --workspace --locked --features bazaar-node/fast-runtime
# try-runtime: the runtime's migrations (with their pre- and post-upgrade checks) and every
# pallet's state checks on the dev chain's state; and the runtime fuzzer's smoke run (its seeds,
# its corpus and crash regressions, then BAZAAR_FUZZ_SECONDS, default 60, of mutated inputs with
# every invariant checked after every block). One build of their own, native only: the feature
# changes the runtime, and the node the end-to-end tests start must not carry it.
SKIP_WASM_BUILD=1 fixed_cargo test --locked -p bazaar-runtime-tests -p bazaar-runtime-fuzzer \
	--features bazaar-runtime-tests/try-runtime,bazaar-runtime-fuzzer/try-runtime \
	--test try_runtime --test smoke
# The benchmarks stay runnable: each Bazaar pallet's benchmarks run in its mock (its unit tests
# again, with the benchmarks compiled in), and the runtime builds its benchmark list with every
# pallet whose weights it uses. A build of their own, native only, for the same reason as
# try-runtime's.
benchmarked=(pallet-listings pallet-orders pallet-reputation pallet-recommendations)
features=$(printf '%s/runtime-benchmarks,' "${benchmarked[@]}" bazaar-runtime-tests)
SKIP_WASM_BUILD=1 fixed_cargo test --locked "${benchmarked[@]/#/--package=}" -p bazaar-runtime-tests \
	--features "${features%,}" --lib --test benchmarks
echo "cargo tests finished in $(( $(date +%s) - started )) s"

export BAZAAR_NODE="${CARGO_TARGET_DIR:-$PWD/target}/debug/bazaar-node"
cd tests/e2e
npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1
cd ../..
# The storefront: unit tests, then a purchase between two dev accounts in headless Chromium
# against bazaar-node --dev (the same $BAZAAR_NODE); installs Chromium with apt if missing.
storefront/test.sh
echo "all tests finished in $(( $(date +%s) - started )) s"
