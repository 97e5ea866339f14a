#!/usr/bin/env bash
# RUSTC_WRAPPER for the fuzzing build: adds libFuzzer's coverage instrumentation to the crates
# whose behaviour the fuzzer explores (Bazaar's crates and the pallets its calls reach), and to
# no others. Instrumenting every crate (what `cargo fuzz` does) spent most of each execution in
# coverage callbacks from trie, hashing, codec and FRAME code: 200 executions per second against
# several times that now. Comparison tracing is left out for the same reason; the call
# dictionary (calls.dict) gives mutations the call indices it would have found.
# Host artifacts (build scripts, proc macros) get no `--target` and are left alone.
# run.sh puts this file's hash into RUSTFLAGS, so editing it rebuilds what it instruments.
rustc="$1"
shift
crate=""
target=0
prev=""
for arg in "$@"; do
	[[ "$prev" == "--crate-name" ]] && crate="$arg"
	[[ "$arg" == "--target" || "$arg" == --target=* ]] && target=1
	prev="$arg"
done
instrumented='^(bazaar_.*|pallet_(listings|orders|reputation|recommendations|balances|referenda|conviction_voting|preimage|treasury|whitelist|transaction_payment))$'
if [[ $target == 1 && "$crate" =~ $instrumented ]]; then
	exec "$rustc" "$@" -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
		-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
		-Cllvm-args=-sanitizer-coverage-pc-table
fi
exec "$rustc" "$@"
