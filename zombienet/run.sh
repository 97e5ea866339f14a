#!/usr/bin/env bash
# Starts a rococo-local relay chain (validators charlie, dave) and Bazaar's local testnet (para
# 2000, collators alice and bob) with zombienet's native provider, and runs
# bazaar-local.zndsl against it: parachain blocks from both collators, finality, a transfer,
# a purchase and its attestation.
#
#   zombienet/run.sh          # run the test, record the result in zombienet/README.md, stop
#   zombienet/run.sh spawn    # only start the network and keep it running (Ctrl-C stops it)
#
# It installs the polkadot binaries on first use (zombienet/install-polkadot.sh, about an hour)
# and builds bazaar-node as scripts/dev.sh does, unless $BAZAAR_NODE names one.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mode="${1:-test}"
scripts/setup.sh

tools="${BAZAAR_TOOLS:-$HOME/.cache/bazaar/tools}"
zombienet/install-polkadot.sh "$tools"
export POLKADOT_BIN="$tools/bin/polkadot"
# zombienet finds the PVF workers on PATH, next to polkadot.
export PATH="$tools/bin:$PATH"

if [[ -z "${BAZAAR_NODE:-}" ]]; then
	cargo build -p bazaar-node --features fast-runtime
	BAZAAR_NODE="${CARGO_TARGET_DIR:-$root/target}/debug/bazaar-node"
fi
export BAZAAR_NODE
export BAZAAR_CHAIN_SPEC="$root/chain-specs/bazaar-local.raw.json"

cd zombienet
npm ci --no-audit --no-fund --loglevel=error
work=$(mktemp -d -t bazaar-zombienet-XXXXXX)
# zombienet creates the network directory itself (and asks before reusing one).
network="$work/network"
echo "zombienet: network files and node logs in $network"

if [[ "$mode" == spawn ]]; then
	exec npx zombienet --provider native --dir "$network" spawn bazaar-local.toml
fi

started=$(date +%s)
set +e
npx zombienet --provider native --dir "$network" test bazaar-local.zndsl 2>&1 | tee "$work/zombienet.log"
status=${PIPESTATUS[0]}
set -e
seconds=$(( $(date +%s) - started ))
result=passed
[[ $status -eq 0 ]] || result="FAILED (exit $status)"
passed=$(grep -c '✅' "$work/zombienet.log" || true)
failed=$(grep -c '❌' "$work/zombienet.log" || true)

# Record the run in the README, between the markers.
record="$work/last-run.md"
{
	echo "<!-- last-run: written by zombienet/run.sh -->"
	echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- zombienet chain-specs runtime pallets node || echo ' + local changes')"
	echo "- Result: **$result**; $passed assertions passed, $failed failed"
	echo "- Duration: ${seconds} s (spawn + test + teardown)"
	echo "- Machine: $(nproc) cores; polkadot $("$POLKADOT_BIN" --version | awk '{print $2}'); bazaar-node $("$BAZAAR_NODE" --version | awk '{print $2}')"
	echo "<!-- /last-run -->"
} > "$record"
python3 - "$record" <<'PY'
import re, sys
record = open(sys.argv[1]).read().strip()
readme = open('README.md').read()
readme = re.sub(r'<!-- last-run:.*?<!-- /last-run -->', lambda _: record, readme, flags=re.S)
open('README.md', 'w').write(readme)
PY
echo "zombienet: $result in ${seconds} s (recorded in zombienet/README.md)"
exit "$status"
