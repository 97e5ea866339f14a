#!/usr/bin/env bash
# Checks each prerequisite of the build the way the build itself looks for it, and fails naming
# what is missing or present only in a form the build cannot use. Takes seconds; CI runs it
# (through scripts/setup.sh) before compiling anything, so a machine that only works because
# something was installed by hand fails here, not 20 minutes into the build.
#
#   scripts/check-prerequisites.sh          # prints one line per prerequisite, exits 1 if any fails
set -uo pipefail
cd "$(dirname "$0")/.."

failed=0
ok() { printf '  ok       %-10s %s\n' "$1" "$2"; }
missing() {
	printf '  MISSING  %-10s %s\n' "$1" "$2"
	failed=1
}

# libclang, for bindgen (librocksdb-sys, through clang-sys 1.x). clang-sys links it at build time
# and accepts only `libclang.so` or `libclang-*.so` (not the `libclang.so.1` or
# `libclang-14.so.1` that the `clang` package alone installs), searched in this order:
# LIBCLANG_PATH (a file or a directory, and nothing else when set), `llvm-config --prefix`'s
# bin/lib/lib64, LD_LIBRARY_PATH, then fixed system directories.
libclang_in() {
	local dir=$1 file
	for file in "$dir"/libclang.so "$dir"/libclang-*.so; do
		[[ -e $file ]] && { echo "$file"; return 0; }
	done
	return 1
}
find_libclang() {
	local dir pattern
	if [[ -n ${LIBCLANG_PATH:-} ]]; then
		if [[ -f $LIBCLANG_PATH ]]; then
			case $(basename "$LIBCLANG_PATH") in
			libclang.so | libclang-*.so) echo "$LIBCLANG_PATH" && return 0 ;;
			esac
			return 1
		fi
		libclang_in "$LIBCLANG_PATH"
		return
	fi
	if prefix=$(llvm-config --prefix 2>/dev/null); then
		for dir in "$prefix/bin" "$prefix/lib" "$prefix/lib64"; do
			libclang_in "$dir" && return 0
		done
	fi
	local IFS=:
	for dir in ${LD_LIBRARY_PATH:-}; do
		[[ -n $dir ]] && libclang_in "$dir" && return 0
	done
	unset IFS
	for pattern in /usr/local/llvm*/lib* /usr/local/lib*/*/* /usr/local/lib*/* /usr/local/lib* \
		/usr/lib*/*/* /usr/lib*/* /usr/lib*; do
		[[ -d $pattern ]] && libclang_in "$pattern" && return 0
	done
	return 1
}
if libclang=$(find_libclang); then
	ok libclang "$libclang"
else
	missing libclang "no libclang.so or libclang-*.so where clang-sys looks (LIBCLANG_PATH, \
llvm-config, LD_LIBRARY_PATH, /usr/lib*): install libclang-dev"
fi

# protoc, for prost-build (libp2p, litep2p): PROTOC if set, else `protoc` on PATH.
protoc_bin=${PROTOC:-protoc}
if version=$("$protoc_bin" --version 2>/dev/null); then
	ok protoc "$version ($(command -v "$protoc_bin"))"
else
	missing protoc "'$protoc_bin --version' failed: install protobuf-compiler or set PROTOC"
fi

# C and C++ compilers, for the cc crate (RocksDB, zstd, secp256k1, ...): CC/CXX, else cc/c++.
for tool in "${CC:-cc}" "${CXX:-c++}"; do
	if "$tool" --version >/dev/null 2>&1; then
		ok "$tool" "$("$tool" --version | head -n1)"
	else
		missing "$tool" "not runnable: install gcc and g++ (or set CC/CXX)"
	fi
done

# The Rust toolchain that rust-toolchain.toml names, with what substrate-wasm-builder needs:
# the wasm32v1-none target (its preferred runtime target) and rust-src.
if sysroot=$(rustc --print sysroot 2>/dev/null); then
	ok rustc "$(rustc --version)"
	for target in wasm32v1-none wasm32-unknown-unknown; do
		if [[ -d $sysroot/lib/rustlib/$target/lib ]]; then
			ok "$target" "$sysroot/lib/rustlib/$target"
		else
			missing "$target" "rustup target add $target"
		fi
	done
	if [[ -f $sysroot/lib/rustlib/src/rust/library/Cargo.lock ]]; then
		ok rust-src "$sysroot/lib/rustlib/src/rust/library"
	else
		missing rust-src "rustup component add rust-src"
	fi
else
	missing rustc "install rustup (https://rustup.rs), then run scripts/setup.sh"
fi

# Node.js 18+ and npm, for the end-to-end tests, the storefront and Chopsticks.
if node_version=$(node --version 2>/dev/null) && [[ ${node_version#v} =~ ^([0-9]+) ]] \
	&& ((BASH_REMATCH[1] >= 18)); then
	ok node "$node_version"
else
	missing node "Node.js 18 or newer is needed (found: ${node_version:-none}): install nodejs"
fi
if npm_version=$(npm --version 2>/dev/null); then
	ok npm "$npm_version"
else
	missing npm "install npm"
fi

if git --version >/dev/null 2>&1; then
	ok git "$(git --version)"
else
	missing git "install git"
fi

if ((failed)); then
	echo "check-prerequisites: something the build needs is missing (see MISSING above);" \
		"scripts/setup.sh installs it on Debian/Ubuntu" >&2
	exit 1
fi
