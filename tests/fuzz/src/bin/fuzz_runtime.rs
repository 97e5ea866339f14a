//! The coverage-guided fuzz target: `tests/fuzz/run.sh` builds it with libFuzzer's
//! instrumentation and runs it on `tests/fuzz/corpus`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bazaar_runtime_fuzzer::run(data));
