#!/usr/bin/env bash
# Regenerates the committed chain specs from the node's built-in ones, which come from the
# runtime's genesis presets (`runtime/src/genesis_config_presets.rs`).
#
#   chain-specs/generate.sh            # uses target/debug/bazaar-node (or $BAZAAR_NODE)
#
# Writes, for `dev` and `local`: bazaar-<chain>.plain.json (human-readable genesis patch) and
# bazaar-<chain>.raw.json (the storage a node starts from). Commit the result; the e2e test
# `chain-specs.test.mjs` fails when these files and the runtime drift apart.
set -euo pipefail
cd "$(dirname "$0")/.."
node_bin="${BAZAAR_NODE:-${CARGO_TARGET_DIR:-target}/debug/bazaar-node}"
if [[ ! -x "$node_bin" ]]; then
	echo "bazaar-node not found at $node_bin: run 'cargo build -p bazaar-node' or set BAZAAR_NODE" >&2
	exit 1
fi
for chain in dev local; do
	"$node_bin" export-chain-spec --chain "$chain" --output "chain-specs/bazaar-$chain.plain.json"
	"$node_bin" export-chain-spec --chain "$chain" --raw --output "chain-specs/bazaar-$chain.raw.json"
	echo "wrote chain-specs/bazaar-$chain.{plain,raw}.json"
done
