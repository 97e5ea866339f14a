#!/usr/bin/env bash
# Regenerates the dev chain's recommendation model from the synthetic demo shop:
#   runtime/dev-model/generate.sh
# Writes model.scale (built into the development genesis preset), model.digest and items.csv.
# The result depends only on the seeds below, so it is reproducible.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=runtime/dev-model
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked -p bazaar-model
model=target/release/bazaar-model
[[ -n "${CARGO_TARGET_DIR:-}" ]] && model="$CARGO_TARGET_DIR/release/bazaar-model"

"$model" synthetic --out "$work/interactions.csv" --users 400 --seed 7
"$model" prepare --input "$work/interactions.csv" --out "$work/dataset.scale" --min-item-count 1
"$model" train --dataset "$work/dataset.scale" --out "$work/model.f32" --dim 8 --epochs 8
"$model" quantize --model "$work/model.f32" --out "$work/model.int8"
"$model" evaluate --dataset "$work/dataset.scale" --int8-model "$work/model.int8" --k 3 \
	--markdown "$out/evaluation.md"
"$model" export --model "$work/model.int8" --dataset "$work/dataset.scale" --out-dir "$out"
