# Sourced by the scripts that build the runtime. `fixed_cargo SUBCOMMAND ARGS...` runs cargo on
# this checkout through one fixed path, a symbolic link at $BAZAAR_FIXED_PATH (default
# /tmp/bazaar-build) that points here.
#
# Why: cargo hashes the absolute path of every path dependency (the runtime, the pallets) into
# the crate's `-C metadata`, and so into every symbol name, which the runtime WASM keeps in its
# name section. The same commit built in /home/a/bazaar and in /srv/ci/bazaar would give two
# different blobs and two different `authorizeUpgrade` hashes. Building through one fixed path
# makes them identical (srtool does the same by always building in /build inside its container);
# `runtime/build.rs` remaps the other machine-specific paths (the cargo home, the target dir).
#
# Two checkouts must not build through the link at the same time: a lock serializes them.
BAZAAR_FIXED_PATH=${BAZAAR_FIXED_PATH:-/tmp/bazaar-build}
BAZAAR_CHECKOUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)

fixed_cargo() {
	local subcommand=$1
	shift
	if [[ -e $BAZAAR_FIXED_PATH && ! -L $BAZAAR_FIXED_PATH ]]; then
		echo "fixed-path: $BAZAAR_FIXED_PATH exists and is not a symbolic link; move it away" >&2
		return 1
	fi
	(
		flock -w 7200 9 || {
			echo "fixed-path: another build holds $BAZAAR_FIXED_PATH.lock" >&2
			exit 1
		}
		ln -sfn "$BAZAAR_CHECKOUT" "$BAZAAR_FIXED_PATH"
		# The manifest path, not the working directory: cargo resolves the working directory to
		# its real path, but keeps a manifest path as given.
		cargo "$subcommand" --manifest-path "$BAZAAR_FIXED_PATH/Cargo.toml" "$@"
	) 9>"$BAZAAR_FIXED_PATH.lock"
}
