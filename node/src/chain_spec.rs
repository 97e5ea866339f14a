//! The chain specs built into the node: `dev` and `local`, generated from the runtime's genesis
//! presets, plus any chain spec JSON file given by path.
//!
//! The committed `chain-specs/*.json` files are exported from these with
//! `chain-specs/generate.sh`; a test fails when they drift apart.

use bazaar_runtime::{PARACHAIN_ID, TOKEN_DECIMALS, TOKEN_SYMBOL};
use polkadot_omni_node_lib::chain_spec::{ChainSpec, Extensions, GenericChainSpec, LoadSpec};
use sc_chain_spec::ChainType;
use std::path::Path;

/// The relay chain the built-in specs expect (a local test relay chain).
pub const RELAY_CHAIN: &str = "rococo-local";

/// The names `--chain` accepts besides a file path.
pub const BUILT_IN_CHAINS: &[&str] = &["dev", "local"];

/// Loads the built-in specs by name and any other spec from a JSON file.
pub struct BazaarChainSpecLoader;

impl LoadSpec for BazaarChainSpecLoader {
	fn load_spec(&self, id: &str) -> Result<Box<dyn ChainSpec>, String> {
		match id {
			"" | "dev" => Ok(Box::new(development()?)),
			"local" => Ok(Box::new(local_testnet()?)),
			path if Path::new(path).is_file() =>
				Ok(Box::new(GenericChainSpec::from_json_file(path.into())?)),
			unknown => Err(format!(
				"unknown chain `{unknown}`: use one of {} or the path of a chain spec JSON file",
				BUILT_IN_CHAINS.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "),
			)),
		}
	}
}

/// Token symbol, decimals and address format, for wallets and polkadot.js apps.
fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	bazaar_runtime::WASM_BINARY.ok_or_else(|| {
		"the runtime WASM was not built (was SKIP_WASM_BUILD set when building the node?)".into()
	})
}

/// The one-node development chain (`--dev`, `--chain dev`).
pub fn development() -> Result<GenericChainSpec, String> {
	chain_spec(
		"Bazaar Development",
		"bazaar_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// The local testnet: two collators (Alice, Bob) against a `rococo-local` relay chain.
pub fn local_testnet() -> Result<GenericChainSpec, String> {
	chain_spec(
		"Bazaar Local Testnet",
		"bazaar_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// A spec for this runtime's genesis preset `preset`, on `RELAY_CHAIN` with the runtime's para
/// id. The protocol id is the spec id, so nodes of different Bazaar chains do not peer.
fn chain_spec(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<GenericChainSpec, String> {
	Ok(GenericChainSpec::builder(wasm_binary()?, Extensions::new(RELAY_CHAIN.into(), PARACHAIN_ID))
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_protocol_id(id)
		.with_properties(properties())
		.build())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn unknown_chain_names_the_valid_choices() {
		let Err(error) = BazaarChainSpecLoader.load_spec("mainnet") else {
			panic!("an unknown chain must not load");
		};
		assert!(error.contains("`dev`") && error.contains("`local`"), "{error}");
	}
}
