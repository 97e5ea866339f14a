//! # bazaar-node
//!
//! The Bazaar parachain node, built on `polkadot-omni-node-lib`:
//! - `bazaar-node --dev` runs a one-node development chain that seals a block every second, runs
//!   off-chain workers, keeps every block's state and serves RPC on `127.0.0.1:9944` for
//!   polkadot.js apps and `archive_v1` clients;
//! - `bazaar-node --collator --chain local -- --chain rococo-local.json` runs a parachain collator
//!   against a relay chain.
//!
//! The built-in chain specs (`dev`, `local`) are generated from the runtime's genesis presets;
//! see [`chain_spec`].

mod chain_spec;
mod dev_args;

use polkadot_omni_node_lib::{
	extra_subcommand::DefaultExtraSubcommands, run_with_custom_cli,
	runtime::DefaultRuntimeResolver, CliConfig, RunConfig,
};

/// What `bazaar-node --help` and `--version` say about this binary.
struct BazaarCli;

impl CliConfig for BazaarCli {
	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/bazaar-chain/bazaar/issues/new".into()
	}

	fn copyright_start_year() -> u16 {
		2026
	}
}

fn main() {
	// `--dev` alone means a block every second (the library's default is three) and an archive
	// of every block's state (for the `archive_v1_*` JSON-RPC methods).
	dev_args::reexec_with_dev_defaults_if_needed();

	let config = RunConfig::new(
		Box::new(DefaultRuntimeResolver),
		Box::new(chain_spec::BazaarChainSpecLoader),
	);
	if let Err(error) = run_with_custom_cli::<BazaarCli, DefaultExtraSubcommands>(config) {
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
