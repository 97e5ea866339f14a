#!/usr/bin/env bash
# Runs every test: the Rust workspace (pallets, runtime, node, recommender) and the end-to-end
# tests that start bazaar-node --dev and drive it with @polkadot/api.
# One build profile (dev) serves both: `cargo test --workspace` also builds the node binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

started=$(date +%s)
# The same node as scripts/dev.sh (fast-runtime: governance periods of minutes), which the
# end-to-end tests start.
cargo test --workspace --locked --features bazaar-node/fast-runtime
# try-runtime: the runtime's migrations (with their pre- and post-upgrade checks) and every
# pallet's state checks on the dev chain's state. A build of its own, native only: the feature
# changes the runtime, and the node the end-to-end tests start must not carry it.
SKIP_WASM_BUILD=1 cargo test --locked -p bazaar-runtime-tests --features try-runtime \
	--test try_runtime
echo "cargo tests finished in $(( $(date +%s) - started )) s"

export BAZAAR_NODE="${CARGO_TARGET_DIR:-$PWD/target}/debug/bazaar-node"
cd tests/e2e
npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1
echo "all tests finished in $(( $(date +%s) - started )) s"
