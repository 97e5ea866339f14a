#!/usr/bin/env bash
# Installs the relay chain binaries the zombienet network runs: `polkadot`,
# `polkadot-prepare-worker` and `polkadot-execute-worker`, from the crate registry, at the
# Polkadot SDK stable2609 release Bazaar builds on: the crate `polkadot` 41.0.0, whose
# polkadot-cli 42.0.0 is the one in Bazaar's Cargo.lock. Built with its own Cargo.lock
# (--locked), release profile, into a cache folder that outlives the checkout:
#
#   zombienet/install-polkadot.sh [DIR]     # DIR defaults to ~/.cache/bazaar/tools
#
# The binaries land in DIR/bin. A second run finds them installed and returns at once. The
# first build takes about an hour on 2 cores (see zombienet/README.md for the measured time);
# it keeps its build directory in DIR/../polkadot-build so an interrupted build resumes.
set -euo pipefail
POLKADOT_VERSION=41.0.0
tools="${1:-${BAZAAR_TOOLS:-$HOME/.cache/bazaar/tools}}"
mkdir -p "$tools"
if [[ -x "$tools/bin/polkadot" && -x "$tools/bin/polkadot-prepare-worker" \
	&& -x "$tools/bin/polkadot-execute-worker" ]] \
	&& grep -q "polkadot $POLKADOT_VERSION " "$tools/.crates.toml" 2>/dev/null; then
	exit 0
fi
echo "install-polkadot: building polkadot $POLKADOT_VERSION into $tools/bin (about an hour)"
started=$(date +%s)
cargo install --locked "polkadot@$POLKADOT_VERSION" --root "$tools" \
	--target-dir "$tools/../polkadot-build"
echo "install-polkadot: installed in $(( $(date +%s) - started )) s"
