#!/usr/bin/env bash
# Builds bazaar-node and starts the development chain: one node, a block every second, RPC on
# ws://127.0.0.1:9944 for polkadot.js apps. Extra arguments go to the node, e.g.
#   scripts/dev.sh --rpc-port 9955
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# fast-runtime: governance periods of minutes, so referenda can be tried on the dev chain.
cargo build -p bazaar-node --features fast-runtime
exec "${CARGO_TARGET_DIR:-target}/debug/bazaar-node" --dev "$@"
