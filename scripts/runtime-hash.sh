#!/usr/bin/env bash
# Builds the runtime WASM reproducibly and prints what a voter needs to check a runtime upgrade
# proposal: the blob's blake2_256 (the `system.authorizeUpgrade` argument), its size, its
# `spec_version` and its metadata hash. The same commit gives the same bytes in any checkout
# directory on any machine with the pinned toolchain (rust-toolchain.toml): see
# scripts/lib/fixed-path.sh and runtime/build.rs for how.
#
#   scripts/runtime-hash.sh         # the production runtime: what `cargo build --release -p
#                                   # bazaar-node` embeds and what upgrade proposals carry
#   scripts/runtime-hash.sh --dev   # the dev node's runtime (fast-runtime), the `:code` of
#                                   # chain-specs/bazaar-{dev,local}.raw.json
#
# The production runtime: the first run checks the runtime's host code and compiles its build
# dependencies in the release profile (a build of its own, shared with a release node build),
# then builds the WASM; later runs take seconds when nothing changed. `--dev` is scripts/dev.sh's
# build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
source scripts/lib/fixed-path.sh

case ${1:-} in
"")
	fixed_cargo check --locked --release -p bazaar-runtime --features metadata-hash
	profile=release
	;;
--dev)
	# Exactly scripts/dev.sh's build, so it costs nothing after it.
	fixed_cargo build --locked -p bazaar-node --features fast-runtime
	profile=debug
	;;
*)
	echo "usage: scripts/runtime-hash.sh [--dev]" >&2
	exit 2
	;;
esac
blob="${CARGO_TARGET_DIR:-$BAZAAR_CHECKOUT/target}/$profile/wbuild/bazaar-runtime/bazaar_runtime.compact.compressed.wasm"
[[ -d tests/e2e/node_modules ]] || (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
echo "blob             $blob"
node tests/e2e/tools/runtime-info.mjs "$blob"
