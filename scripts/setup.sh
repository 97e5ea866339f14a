#!/usr/bin/env bash
# Installs what building Bazaar needs on a fresh Debian/Ubuntu machine with rustup, and nothing
# that is already there, then checks every prerequisite the way the build looks for it
# (scripts/check-prerequisites.sh). Safe to run again: it installs only what is missing.
#
#   protobuf-compiler   protoc, for prost-build (libp2p, litep2p)
#   clang libclang-dev  bindgen for RocksDB; clang-sys needs the unversioned libclang.so that only
#                       libclang-dev provides (the clang package alone leaves libclang.so.1)
#   gcc g++ make        the cc crate (RocksDB, zstd, ...)
#   nodejs npm          the end-to-end tests, the storefront and Chopsticks
#   the toolchain in rust-toolchain.toml, with the wasm targets and rust-src (runtime WASM)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(protobuf-compiler clang libclang-dev gcc g++ make git ca-certificates)
# Node.js may come from elsewhere (nodesource, nvm); Debian's is enough when there is none.
node_major=$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/' || true)
if [[ -z $node_major ]] || ((node_major < 18)); then
	packages+=(nodejs)
fi
command -v npm >/dev/null || packages+=(npm)

need_apt=()
if command -v dpkg-query >/dev/null; then
	for package in "${packages[@]}"; do
		status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
		[[ $status == "install ok installed" ]] || need_apt+=("$package")
	done
else
	echo "setup: not a Debian system; install the equivalents of: ${packages[*]}" >&2
fi
if ((${#need_apt[@]})); then
	sudo=""
	[[ $(id -u) -eq 0 ]] || sudo="sudo"
	echo "setup: installing ${need_apt[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
		"${need_apt[@]}" >/dev/null
fi

# rust-toolchain.toml names the toolchain, its targets and components; rustup installs them the
# first time a command runs in this directory, but an older rustup does not, so ask explicitly.
toolchain=$(sed -nE 's/^channel *= *"([^"]+)".*/\1/p' rust-toolchain.toml)
rustup toolchain list | grep -q "^$toolchain" || rustup toolchain install "$toolchain" --profile minimal
rustup target add --toolchain "$toolchain" wasm32-unknown-unknown wasm32v1-none >/dev/null
rustup component add --toolchain "$toolchain" rust-src rustfmt clippy >/dev/null

scripts/check-prerequisites.sh
