//! The `bazaar-node` binary's command line, run as a user runs it.
//!
//! Having an integration test also makes `cargo test --workspace` build the real binary
//! (`target/debug/bazaar-node`), which the end-to-end tests then start.

// Test code: a failed `unwrap` is a failed test (clippy does not treat `tests/` helpers as tests).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn bazaar_node(args: &[&str]) -> std::process::Output {
	Command::new(env!("CARGO_BIN_EXE_bazaar-node"))
		.args(args)
		.output()
		.expect("bazaar-node runs")
}

#[test]
fn version_names_the_binary() {
	let output = bazaar_node(&["--version"]);
	assert!(output.status.success());
	assert!(String::from_utf8_lossy(&output.stdout).starts_with("bazaar-node "));
}

#[test]
fn unknown_chain_fails_and_names_the_valid_choices() {
	let output = bazaar_node(&["export-chain-spec", "--chain", "no-such-chain"]);
	assert!(!output.status.success());
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("unknown chain `no-such-chain`"), "{stderr}");
	assert!(stderr.contains("`dev`") && stderr.contains("`local`"), "{stderr}");
}

#[test]
fn built_in_specs_carry_the_token_and_the_para_id() {
	for chain in ["dev", "local"] {
		let output = bazaar_node(&["export-chain-spec", "--chain", chain]);
		assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
		let spec: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
		assert_eq!(spec["properties"]["tokenSymbol"], "BZR");
		assert_eq!(spec["properties"]["tokenDecimals"], 12);
		assert_eq!(spec["para_id"], bazaar_runtime::PARACHAIN_ID);
		assert_eq!(spec["relay_chain"], "rococo-local");
	}
}
