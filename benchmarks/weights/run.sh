#!/usr/bin/env bash
# Regenerates the weights of Bazaar's pallets from their benchmarks:
#   benchmarks/weights/run.sh [pallet ...]     # default: every pallet (about an hour)
#
# 1. installs `frame-omni-bencher` from the crate registry (once, into ~/.cache/bazaar/tools);
# 2. builds the runtime WASM with `runtime-benchmarks` (`cargo check` runs the WASM build
#    without compiling the native runtime);
# 3. runs each pallet's benchmarks in that WASM: Bazaar's pallets get `pallets/<name>/src/weights.rs`
#    (`frame-weight-template.hbs`: a `WeightInfo` trait, `SubstrateWeight<T>` and `()`); the
#    FRAME and cumulus pallets the runtime configures (balances, governance, the transaction
#    extensions, the inherents) get `runtime/src/weights/<pallet>.rs` (the bencher's runtime
#    template: `WeightInfo<T>` implementing the pallet's trait); the peer compared with (nfts:
#    `buy_item` only) gets `benchmarks/weights/compare/src/peers/pallet_nfts.rs`;
# 4. when the run included balances, orders, reputation, recommendations and nfts, writes
#    `benchmarks/results/weights-comparison.md` from the weights just generated
#    (`bazaar-weights-compare`): Bazaar's operations against a balance transfer measured in the
#    same run.
# STEPS/REPEAT override the sampling (defaults 50/20, as for production weights).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh

source benchmarks/weights/bencher.sh

target="${CARGO_TARGET_DIR:-$PWD/target}"
cargo check -p bazaar-runtime --features runtime-benchmarks
# The blob is compacted and compressed even in the dev profile (WASM_BUILD_TYPE in
# .cargo/config.toml), so the benchmarks run the same kind of code a chain runs.
wasm="$target/debug/wbuild/bazaar-runtime/bazaar_runtime.compact.compressed.wasm"
[[ -f "$wasm" ]] || { echo "runtime WASM not found at $wasm" >&2; exit 1; }

bazaar_pallets=(listings orders reputation recommendations)
runtime_pallets=(balances treasury preimage scheduler conviction_voting referenda whitelist)
# What every transaction and every block pays besides its calls: the transaction extensions
# (frame_system's checks, fee payment, storage weight reclaim) and the inherents.
runtime_pallets+=(frame_system frame_system_extensions transaction_payment cumulus_pallet_weight_reclaim)
runtime_pallets+=(timestamp cumulus_pallet_parachain_system)
# XCM: what `send` and the other enabled `pallet_xcm` calls cost in this runtime, and the queues.
runtime_pallets+=(xcm message_queue cumulus_pallet_xcmp_queue)
# Collators and sudo.
runtime_pallets+=(session collator_selection sudo)
# Shop accounts: batches, proxies, multisig.
runtime_pallets+=(utility proxy multisig)
# Foreign assets (Asset Hub's stablecoins, keyed by location) and their rates to BZR.
runtime_pallets+=(assets asset_rate)
# Transaction fees paid in a foreign asset (the `ChargeAssetTxPayment` extension).
runtime_pallets+=(asset_tx_payment)
# The peer Bazaar's orders are compared with: `pallet_nfts::buy_item`, in the runtime only when it
# is built for benchmarks (runtime/src/configs/benchmark_peers.rs).
peer_pallets=(nfts)
pallets=("$@")
started=$(date +%s)
((${#pallets[@]})) || pallets=("${bazaar_pallets[@]}" "${peer_pallets[@]}" "${runtime_pallets[@]}")
for name in "${pallets[@]}"; do
	# Names are FRAME pallets' without the `pallet_` prefix; frame_* and cumulus_* ones in full.
	pallet="pallet_$name"
	[[ "$name" == frame_* || "$name" == cumulus_* ]] && pallet="$name"
	echo "benchmarking $pallet"
	extrinsics='*'
	steps=${STEPS:-50}
	repeat=${REPEAT:-20}
	if [[ -d "pallets/$name" ]]; then
		output=(--template benchmarks/weights/frame-weight-template.hbs --output "pallets/$name/src/weights.rs")
	elif [[ " ${peer_pallets[*]} " == *" $name "* ]]; then
		# Only the call compared, into the comparison's own module (the chain never runs it).
		extrinsics=buy_item
		output=(--template benchmarks/weights/frame-weight-template.hbs
			--output "benchmarks/weights/compare/src/peers/$pallet.rs")
	else
		output=(--output "runtime/src/weights/$pallet.rs")
	fi
	# The development preset starts with a foreign asset (the dev USDT), and one of pallet_assets'
	# benchmarks (a migration's) expects an empty asset table: the local testnet's preset has none.
	preset=development
	[[ "$name" == assets ]] && preset=local_testnet
	# Each step registers up to 100 candidates with session keys: over an hour at the defaults.
	if [[ "$name" == collator_selection ]]; then
		steps=${STEPS:-10}
		repeat=${REPEAT:-5}
	fi
	"$bencher" v1 benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder-preset "$preset" \
		--pallet "$pallet" \
		--extrinsic "$extrinsics" \
		--steps "$steps" \
		--repeat "$repeat" \
		--heap-pages 4096 \
		--header benchmarks/weights/header.txt \
		"${output[@]}"
done

# The comparison uses balances, orders, reputation, recommendations and the peer's buy_item:
# written only when this run measured all five, so every figure in it comes from the same run.
compared=(balances orders reputation recommendations nfts)
for name in "${compared[@]}"; do
	[[ " ${pallets[*]} " == *" $name "* ]] || exit 0
done
notes="$(date -u '+%Y-%m-%d'), commit $(git rev-parse --short HEAD), STEPS ${STEPS:-50} \
REPEAT ${REPEAT:-20}, $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
${pallets[*]} benchmarked in $(( $(date +%s) - started )) s"
# It reads the weights from the native runtime and needs no WASM.
SKIP_WASM_BUILD=1 cargo run -p bazaar-weights-compare -- benchmarks/results/weights-comparison.md "$notes"
