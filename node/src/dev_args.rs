//! `--dev` produces a block every second.
//!
//! `polkadot-omni-node-lib` reads the process arguments itself and defaults `--dev` to one block
//! every 3 s. Bazaar's dev chain should feel instant in polkadot.js apps, so when `--dev` is given
//! without `--dev-block-time` or `--instant-seal`, the node runs itself again with
//! `--dev-block-time 1000` added. An explicit choice of the user always wins.

use std::ffi::{OsStr, OsString};

/// The dev chain's block time, in milliseconds.
pub const DEV_BLOCK_TIME_MS: u64 = 1000;

/// The arguments to run with instead, or `None` when `args` need no change.
///
/// Only the parachain arguments are inspected: whatever follows `--` belongs to the relay chain.
pub fn with_dev_block_time(args: &[OsString]) -> Option<Vec<OsString>> {
	let parachain_args = || args.iter().skip(1).take_while(|a| a.as_os_str() != OsStr::new("--"));
	let is_dev = parachain_args().any(|a| a == "--dev");
	let seal_chosen = parachain_args().any(|a| {
		let a = a.to_string_lossy();
		a == "--dev-block-time" || a.starts_with("--dev-block-time=") || a == "--instant-seal"
	});
	if !is_dev || seal_chosen {
		return None;
	}
	let mut rewritten = Vec::with_capacity(args.len() + 2);
	rewritten.extend(args.first().cloned());
	rewritten.push("--dev-block-time".into());
	rewritten.push(DEV_BLOCK_TIME_MS.to_string().into());
	rewritten.extend(args.iter().skip(1).cloned());
	Some(rewritten)
}

/// Replaces this process with one that has the dev block time set, when needed.
pub fn reexec_with_dev_block_time_if_needed() {
	let args: Vec<OsString> = std::env::args_os().collect();
	let Some(rewritten) = with_dev_block_time(&args) else { return };
	#[cfg(unix)]
	{
		use std::os::unix::process::CommandExt;
		let Ok(exe) = std::env::current_exe() else { return };
		// `exec` only returns on failure; the node then starts with the library's default.
		let error = std::process::Command::new(exe).args(&rewritten[1..]).exec();
		eprintln!("Could not apply the 1 s dev block time ({error}); using the default.");
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
	fn dev_alone_gets_one_second_blocks() {
		assert_eq!(
			with_dev_block_time(&args(&["bazaar-node", "--dev", "--tmp"])),
			Some(args(&["bazaar-node", "--dev-block-time", "1000", "--dev", "--tmp"]))
		);
	}

	#[test]
	fn explicit_choices_are_kept() {
		assert_eq!(with_dev_block_time(&args(&["n", "--dev", "--dev-block-time", "6000"])), None);
		assert_eq!(with_dev_block_time(&args(&["n", "--dev", "--dev-block-time=6000"])), None);
		assert_eq!(with_dev_block_time(&args(&["n", "--dev", "--instant-seal"])), None);
	}

	#[test]
	fn no_dev_or_relay_chain_dev_is_not_rewritten() {
		assert_eq!(with_dev_block_time(&args(&["n", "--collator"])), None);
		assert_eq!(with_dev_block_time(&args(&["n", "--collator", "--", "--dev"])), None);
	}
}
