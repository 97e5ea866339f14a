//! What `--dev` means for Bazaar: a block every second, and every block's state kept.
//!
//! `polkadot-omni-node-lib` reads the process arguments itself and defaults `--dev` to one block
//! every 3 s and to keeping the state of the last 256 blocks only. Bazaar's dev chain should feel
//! instant in polkadot.js apps and be an explorer's first target, so when `--dev` is given the
//! node runs itself again with what is missing of:
//! - `--dev-block-time 1000` (unless `--dev-block-time` or `--instant-seal` is given);
//! - `--state-pruning archive` (unless `--state-pruning` or its alias `--pruning` is given): with
//!   the state of every block kept (blocks are kept by default), the node serves the `archive_v1_*`
//!   JSON-RPC methods, which clients that follow the chain with `chainHead_v1` (polkadot-api,
//!   dedot) need to read the events and storage of past blocks.
//!
//! An explicit choice of the user always wins.

use std::ffi::{OsStr, OsString};

/// The dev chain's block time, in milliseconds.
pub const DEV_BLOCK_TIME_MS: u64 = 1000;

/// The arguments to run with instead, or `None` when `args` need no change.
///
/// Only the parachain arguments are inspected: whatever follows `--` belongs to the relay chain.
pub fn with_dev_defaults(args: &[OsString]) -> Option<Vec<OsString>> {
	let parachain_args = || args.iter().skip(1).take_while(|a| a.as_os_str() != OsStr::new("--"));
	let given = |flags: &[&str]| {
		parachain_args().any(|a| {
			let a = a.to_string_lossy();
			flags.iter().any(|flag| a == *flag || a.starts_with(&format!("{flag}=")))
		})
	};
	if !parachain_args().any(|a| a == "--dev") {
		return None;
	}
	let mut added: Vec<OsString> = Vec::new();
	if !given(&["--dev-block-time", "--instant-seal"]) {
		added.extend(["--dev-block-time".into(), DEV_BLOCK_TIME_MS.to_string().into()]);
	}
	if !given(&["--state-pruning", "--pruning"]) {
		added.extend(["--state-pruning".into(), "archive".into()]);
	}
	if added.is_empty() {
		return None;
	}
	let mut rewritten = Vec::with_capacity(args.len() + added.len());
	rewritten.extend(args.first().cloned());
	rewritten.extend(added);
	rewritten.extend(args.iter().skip(1).cloned());
	Some(rewritten)
}

/// Replaces this process with one that has the dev defaults set, when needed.
pub fn reexec_with_dev_defaults_if_needed() {
	let args: Vec<OsString> = std::env::args_os().collect();
	let Some(rewritten) = with_dev_defaults(&args) else { return };
	#[cfg(unix)]
	{
		use std::os::unix::process::CommandExt;
		let Ok(exe) = std::env::current_exe() else { return };
		// `exec` only returns on failure; the node then starts with the library's default.
		let error = std::process::Command::new(exe).args(&rewritten[1..]).exec();
		eprintln!("Could not apply the dev defaults ({error}); using the library's.");
	}
	#[cfg(not(unix))]
	let _ = rewritten;
}

#[cfg(test)]
mod tests {
	use super::*;

	fn args(list: &[&str]) -> Vec<OsString> {
		list.iter().map(OsString::from).collect()
	}

	#[test]
	fn dev_alone_gets_one_second_blocks_and_an_archive() {
		assert_eq!(
			with_dev_defaults(&args(&["bazaar-node", "--dev", "--tmp"])),
			Some(args(&[
				"bazaar-node",
				"--dev-block-time",
				"1000",
				"--state-pruning",
				"archive",
				"--dev",
				"--tmp"
			]))
		);
	}

	#[test]
	fn explicit_choices_are_kept() {
		let archive = ["--state-pruning", "archive"];
		for seal in
			[&["--dev-block-time", "6000"][..], &["--dev-block-time=6000"], &["--instant-seal"]]
		{
			let given = [&["n", "--dev"][..], seal].concat();
			let expected = [&["n"][..], &archive, &given[1..]].concat();
			assert_eq!(with_dev_defaults(&args(&given)), Some(args(&expected)));
		}
		for pruning in [&["--state-pruning", "256"][..], &["--pruning=1000"]] {
			let given = [&["n", "--dev"][..], pruning].concat();
			let expected = [&["n", "--dev-block-time", "1000"][..], &given[1..]].concat();
			assert_eq!(with_dev_defaults(&args(&given)), Some(args(&expected)));
		}
		let both = ["n", "--dev", "--instant-seal", "--state-pruning", "archive-canonical"];
		assert_eq!(with_dev_defaults(&args(&both)), None);
	}

	#[test]
	fn no_dev_or_relay_chain_dev_is_not_rewritten() {
		assert_eq!(with_dev_defaults(&args(&["n", "--collator"])), None);
		assert_eq!(with_dev_defaults(&args(&["n", "--collator", "--", "--dev"])), None);
	}
}
