# Sourced by the weights scripts: sets $bencher to `frame-omni-bencher`, installed from the crate
# registry once into ~/.cache/bazaar/tools (or $BAZAAR_TOOLS).
tools="${BAZAAR_TOOLS:-$HOME/.cache/bazaar/tools}"
bencher="$tools/bin/frame-omni-bencher"
if [[ ! -x "$bencher" ]]; then
	echo "installing frame-omni-bencher 0.28.0 into $tools"
	cargo install frame-omni-bencher --version 0.28.0 --locked --root "$tools"
fi
