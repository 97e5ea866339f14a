#!/usr/bin/env bash
# Builds bazaar-node and starts the development chain: one node, a block every second, RPC on
# ws://127.0.0.1:9944 for polkadot.js apps. Extra arguments go to the node, e.g.
#   scripts/dev.sh --rpc-port 9955
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/lib/fixed-path.sh
if [[ ! -x "${CARGO_TARGET_DIR:-target}/debug/bazaar-node" ]]; then
	cat <<'NOTE'
dev: building bazaar-node for the first time: about 1,400 crates, some 45 minutes on an idle
dev: 2-core machine, longer on a busy one (the README has the measured figures). To try the
dev: same chain meanwhile, in a minute, run in another terminal:
dev:     npx --yes @acala-network/chopsticks@1.5.1 --genesis chain-specs/bazaar-dev.raw.json
dev: and open https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A8000
NOTE
fi
# fast-runtime: governance periods of minutes, so referenda can be tried on the dev chain.
fixed_cargo build -p bazaar-node --features fast-runtime
exec "${CARGO_TARGET_DIR:-target}/debug/bazaar-node" --dev "$@"
