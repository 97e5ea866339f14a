#!/usr/bin/env bash
# Installs what building Bazaar needs on a fresh Debian machine with rustup, and nothing that
# is already there: the WASM target and rust-src (runtime), protoc (libp2p's prost-build),
# clang/libclang (RocksDB bindings), and Node.js + npm (end-to-end tests).
set -euo pipefail

need_apt=()
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
command -v clang >/dev/null || need_apt+=(clang)
[[ -n "$(find /usr/lib /usr/lib64 -maxdepth 4 -name 'libclang*.so*' -print -quit 2>/dev/null)" ]] \
	|| need_apt+=(libclang-dev)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
command -v git >/dev/null || need_apt+=(git)
if ((${#need_apt[@]})); then
	sudo=""
	[[ $(id -u) -eq 0 ]] || sudo="sudo"
	echo "setup: installing ${need_apt[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# rust-toolchain.toml names the toolchain and its components; make sure they are installed.
cd "$(dirname "$0")/.."
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
rustup target add wasm32-unknown-unknown wasm32v1-none >/dev/null
rustup component add rust-src >/dev/null
