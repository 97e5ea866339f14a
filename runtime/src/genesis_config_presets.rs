//! Genesis presets: the starting state of the `development` and `local_testnet` chains.
//!
//! Both fund the well-known development accounts (Alice, Bob, ... and their `//stash`
//! accounts) so polkadot.js apps users can transact at once. Only the development chain has a
//! sudo key (Alice): every other chain is governed by referenda alone.

use crate::{
	AccountId, AuraId, BalancesConfig, CollatorSelectionConfig, OrdersConfig, ParachainInfoConfig,
	PolkadotXcmConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig,
	EXISTENTIAL_DEPOSIT, PARACHAIN_ID, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

/// The XCM version assumed for destinations whose version is not known yet.
const SAFE_XCM_VERSION: u32 = xcm::prelude::XCM_VERSION;

/// The market fee charged on every order at genesis: 1%.
pub const MARKET_FEE: sp_runtime::Permill = sp_runtime::Permill::from_percent(1);

/// What each development account starts with: one million BZR.
pub const DEV_ENDOWMENT: u128 = 1_000_000 * UNIT;

/// The bond a collator candidate (beyond the invulnerables) locks.
pub const CANDIDACY_BOND: u128 = 16 * EXISTENTIAL_DEPOSIT;

fn bazaar_genesis(
	invulnerables: Vec<(AccountId, AuraId)>,
	endowed_accounts: Vec<AccountId>,
	sudo_key: Option<AccountId>,
) -> serde_json::Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts.iter().cloned().map(|k| (k, DEV_ENDOWMENT)).collect(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: PARACHAIN_ID.into() },
		collator_selection: CollatorSelectionConfig {
			invulnerables: invulnerables.iter().cloned().map(|(acc, _)| acc).collect(),
			candidacy_bond: CANDIDACY_BOND,
		},
		session: SessionConfig {
			keys: invulnerables
				.into_iter()
				.map(|(acc, aura)| (acc.clone(), acc, SessionKeys { aura }))
				.collect(),
		},
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(SAFE_XCM_VERSION) },
		sudo: SudoConfig { key: sudo_key },
		orders: OrdersConfig { market_fee: MARKET_FEE },
	})
}

fn collator(keyring: Sr25519Keyring) -> (AccountId, AuraId) {
	(keyring.to_account_id(), keyring.public().into())
}

fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// The development chain: Alice collates alone and holds the sudo key.
fn development_genesis() -> serde_json::Value {
	bazaar_genesis(
		vec![collator(Sr25519Keyring::Alice)],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// The local testnet: Alice and Bob collate; no sudo key, referenda govern.
fn local_testnet_genesis() -> serde_json::Value {
	bazaar_genesis(
		vec![collator(Sr25519Keyring::Alice), collator(Sr25519Keyring::Bob)],
		dev_accounts(),
		None,
	)
}

/// The JSON patch of the preset named `id`, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

/// The full genesis config of the preset named `id`: the preset's patch applied to the default
/// config, as the node does when it builds a chain spec. For tests and tools that start from a
/// preset's state without a node.
#[cfg(feature = "std")]
pub fn preset_genesis_config(id: &PresetId) -> Result<RuntimeGenesisConfig, String> {
	let patch = get_preset(id).ok_or_else(|| format!("no genesis preset named {id:?}"))?;
	let patch: serde_json::Value = serde_json::from_slice(&patch).map_err(|e| e.to_string())?;
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).map_err(|e| e.to_string())?;
	merge_json_patch(&mut config, patch);
	serde_json::from_value(config).map_err(|e| e.to_string())
}

/// Merges `patch` into `base` as the node does (`sc_chain_spec::json_patch::merge`): objects
/// merge key by key, anything else (`null` included) replaces; no key is removed.
#[cfg(feature = "std")]
fn merge_json_patch(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) =>
			for (key, value) in patch {
				merge_json_patch(base.entry(key).or_insert(serde_json::Value::Null), value);
			},
		(base, patch) => *base = patch,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_preset_name_resolves() {
		for name in preset_names() {
			assert!(get_preset(&name).is_some(), "preset {name:?} is listed but not provided");
		}
		assert!(get_preset(&PresetId::from("no-such-preset")).is_none());
	}

	#[test]
	fn every_preset_builds_a_genesis_state() -> Result<(), String> {
		for name in preset_names() {
			let config = preset_genesis_config(&name)?;
			let storage = sp_runtime::BuildStorage::build_storage(&config)?;
			assert!(!storage.top.is_empty());
		}
		assert!(preset_genesis_config(&PresetId::from("no-such-preset")).is_err());
		Ok(())
	}
}
