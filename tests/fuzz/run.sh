#!/usr/bin/env bash
# The coverage-guided fuzzing campaign: builds the runtime fuzzer with libFuzzer's instrumentation
# (profile `fuzz`: optimised, with debug assertions and overflow checks) and runs it on
# tests/fuzz/corpus, seeded from the hand-written seeds. Crashes land in tests/fuzz/artifacts/.
#
#   tests/fuzz/run.sh [seconds per job] [jobs] [extra libFuzzer flags...]
#
# Defaults: 600 s, one job per core. Each job logs `#<executions> ... cov: <edges> ft: <features>
# corp: <inputs>` to tests/fuzz/logs/fuzz-<job>.log (overwritten by the next run); the run ends
# by printing its executions. Afterwards merge the new inputs into the committed corpus with
# `tests/fuzz/run.sh merge`.
set -euo pipefail
cd "$(dirname "$0")/../.."

target=x86_64-unknown-linux-gnu
# Coverage instrumentation (what `cargo fuzz build --sanitizer none` adds: edge coverage, 8-bit
# counters and the PC table) for the crates under test only: see the wrapper.
# `--cfg fuzzing` for every crate, as cargo-fuzz does.
export RUSTC_WRAPPER="$PWD/tests/fuzz/rustc-sancov.sh"
export RUSTFLAGS="--cfg fuzzing --cfg bazaar_sancov=\"$(sha256sum "$RUSTC_WRAPPER" | cut -c1-12)\""
# Native runtime only: no WASM build.
export SKIP_WASM_BUILD=1
cargo build --locked --profile fuzz --target "$target" -p bazaar-runtime-fuzzer \
	--features libfuzzer --bin fuzz-runtime
fuzzer="${CARGO_TARGET_DIR:-target}/$target/fuzz/fuzz-runtime"
[[ "$fuzzer" == /* ]] || fuzzer="$PWD/$fuzzer"

mkdir -p tests/fuzz/corpus tests/fuzz/artifacts tests/fuzz/logs
if [[ "${1:-}" == "merge" ]]; then
	# Keeps the smallest set of inputs that covers what corpus and new inputs cover.
	mkdir -p tests/fuzz/corpus.merged
	"$fuzzer" -merge=1 tests/fuzz/corpus.merged tests/fuzz/corpus tests/fuzz/new
	rm -rf tests/fuzz/corpus tests/fuzz/new
	mv tests/fuzz/corpus.merged tests/fuzz/corpus
	exit 0
fi

seconds="${1:-600}"
jobs="${2:-$(nproc)}"
shift $(( $# > 2 ? 2 : $# ))
# New inputs go to tests/fuzz/new (merged into the corpus afterwards); the corpus is read only.
# libFuzzer writes one log per job (fuzz-<job>.log) into its working directory: tests/fuzz/logs.
mkdir -p tests/fuzz/new
fuzz_dir="$PWD/tests/fuzz"
cd tests/fuzz/logs
rm -f fuzz-*.log
"$fuzzer" "$fuzz_dir/new" "$fuzz_dir/corpus" \
	-max_total_time="$seconds" -jobs="$jobs" -workers="$jobs" -max_len=2048 \
	-dict="$fuzz_dir/calls.dict" -artifact_prefix="$fuzz_dir/artifacts/" -print_final_stats=1 "$@"
# The executions of this run, summed over its jobs (the count tests/fuzz/README.md records).
grep -h "stat::number_of_executed_units" fuzz-*.log |
	awk '{ total += $2 } END { print "executions:", total }'
