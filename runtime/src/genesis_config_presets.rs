//! Genesis presets: the starting state of the `development` and `local_testnet` chains.
//!
//! Both fund the well-known development accounts (Alice, Bob, ... and their `//stash`
//! accounts) so polkadot.js apps users can transact at once. Only the development chain has a
//! sudo key (Alice): every other chain is governed by referenda alone.
//!
//! Both also open a demo shop: Bob, Charlie and Dave sell the twelve listings of
//! [`DEMO_CATALOG`], a recommendation model trained on a synthetic shop of the same shape is
//! active (`runtime/dev-model/`, made by `bazaar-model`), the collators are registered attesters
//! (their `reco` key is a session key, which `--dev`, `--alice` or `--bob` put in the node's
//! keystore), and every development account takes part in recommendations. A local testnet
//! (e.g. `zombienet/`) can so trade and attest from its first block, with no referendum first.

use crate::{
	configs::foreign_assets::{ForeignAssetsOwner, PaymentAsset, UsdtLocation},
	AccountId, BalancesConfig, CollatorSelectionConfig, ForeignAssetsConfig, ListingsConfig,
	OrdersConfig, ParachainInfoConfig, PolkadotXcmConfig, RecommendationsConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig, EXISTENTIAL_DEPOSIT,
	PARACHAIN_ID, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_recommendations::crypto::AttesterId;
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

/// The dev chain's demo shop, listed at genesis in this order (listing id = position): title,
/// category, unit price in BZR. Three categories of four, the shape `bazaar-model synthetic`
/// trains the dev model on.
pub const DEMO_CATALOG: [(&str, u16, u128); 12] = [
	("Ethiopian coffee beans, 500 g", 1, 18),
	("Hand grinder, ceramic burrs", 1, 45),
	("Pour-over dripper", 1, 25),
	("Gooseneck kettle", 1, 60),
	("Field guide to mushrooms", 2, 30),
	("A history of trade routes", 2, 22),
	("Poetry of the Silk Road", 2, 15),
	("Atlas of old maps", 2, 55),
	("Heirloom tomato seeds", 3, 6),
	("Pruning shears", 3, 28),
	("Terracotta pots, set of 3", 3, 20),
	("Watering can, 5 l", 3, 17),
];

/// Units of each demo listing in stock at genesis.
pub const DEMO_STOCK: u32 = 1_000;

/// The dev chain's recommendation model: `runtime/dev-model/model.scale`, the SCALE encoding of
/// a `bazaar_inference::ModelFile` over the demo catalog's listing ids.
pub const DEV_MODEL: &[u8] = include_bytes!("../dev-model/model.scale");

/// The demo shop: each category has its own seller (Bob, Charlie, Dave).
fn demo_catalog() -> Vec<(AccountId, PaymentAsset, u128, u32, u16, Vec<u8>)> {
	let sellers = [Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave];
	DEMO_CATALOG
		.iter()
		.map(|(title, category, price)| {
			let seller = sellers[usize::from(*category).saturating_sub(1) % sellers.len()];
			let seller = seller.to_account_id();
			(
				seller,
				PaymentAsset::Native,
				price * UNIT,
				DEMO_STOCK,
				*category,
				title.as_bytes().to_vec(),
			)
		})
		.collect()
}

/// What the development and local chains add to the genesis: the demo shop and the
/// recommendation model, attesters and participants.
struct DemoShop {
	listings: Vec<(AccountId, PaymentAsset, u128, u32, u16, Vec<u8>)>,
	model: Option<(Vec<u8>, AccountId)>,
	attesters: Vec<(AccountId, AttesterId)>,
	participants: Vec<AccountId>,
}

impl DemoShop {
	/// The demo shop, with `attesters` (the chain's collators) bonded as attesters, each with its
	/// sr25519 dev key as `reco` key. The first attester is the model's uploader of record.
	fn attested_by(attesters: &[Sr25519Keyring]) -> Self {
		let uploader = attesters.first().map(|keyring| keyring.to_account_id());
		Self {
			listings: demo_catalog(),
			model: uploader.map(|uploader| (DEV_MODEL.to_vec(), uploader)),
			attesters: attesters
				.iter()
				.map(|keyring| (keyring.to_account_id(), keyring.public().into()))
				.collect(),
			participants: dev_accounts(),
		}
	}
}

fn bazaar_genesis(
	invulnerables: Vec<(AccountId, SessionKeys)>,
	endowed_accounts: Vec<AccountId>,
	sudo_key: Option<AccountId>,
	shop: DemoShop,
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
			keys: invulnerables.into_iter().map(|(acc, keys)| (acc.clone(), acc, keys)).collect(),
		},
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(SAFE_XCM_VERSION) },
		sudo: SudoConfig { key: sudo_key },
		orders: OrdersConfig { market_fee: MARKET_FEE },
		listings: ListingsConfig { listings: shop.listings },
		recommendations: RecommendationsConfig {
			model: shop.model,
			attesters: shop.attesters,
			participants: shop.participants,
		},
	})
}

/// A collator's account and session keys: its sr25519 dev key serves as `aura` and `reco`.
fn collator(keyring: Sr25519Keyring) -> (AccountId, SessionKeys) {
	(
		keyring.to_account_id(),
		SessionKeys { aura: keyring.public().into(), reco: keyring.public().into() },
	)
}

fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// One USDT in its smallest unit: USDT has 6 decimals on Asset Hub, and so here.
pub const USDT_UNIT: u128 = 1_000_000;
/// The dev chain's USDT minimum balance: 0.01 USDT.
pub const DEV_USDT_MIN_BALANCE: u128 = USDT_UNIT / 100;
/// What each dev account holds of the dev chain's USDT.
pub const DEV_USDT_ENDOWMENT: u128 = 10_000 * USDT_UNIT;

/// **Development only**: USDT under the location Asset Hub gives it, created sufficient with 6
/// decimals, and [`DEV_USDT_ENDOWMENT`] minted to each of `accounts` with no reserve behind it,
/// so the storefront and polkadot.js show USDT without a relay chain. No chain that is connected
/// to a real Asset Hub may start with this: its USDT would be unbacked.
fn dev_usdt(accounts: &[AccountId]) -> serde_json::Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		foreign_assets: ForeignAssetsConfig {
			assets: vec![(
				UsdtLocation::get(),
				ForeignAssetsOwner::get(),
				true,
				DEV_USDT_MIN_BALANCE
			)],
			metadata: vec![(UsdtLocation::get(), b"Tether USD".to_vec(), b"USDT".to_vec(), 6)],
			accounts: accounts
				.iter()
				.map(|account| (UsdtLocation::get(), account.clone(), DEV_USDT_ENDOWMENT))
				.collect(),
		},
	})
}

/// The development chain: Alice collates alone and holds the sudo key; the dev accounts hold
/// an unbacked USDT ([`dev_usdt`]).
fn development_genesis() -> serde_json::Value {
	let mut genesis = bazaar_genesis(
		vec![collator(Sr25519Keyring::Alice)],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		DemoShop::attested_by(&[Sr25519Keyring::Alice]),
	);
	merge_json_patch(&mut genesis, dev_usdt(&dev_accounts()));
	genesis
}

/// The local testnet: Alice and Bob collate and attest; no sudo key, referenda govern.
fn local_testnet_genesis() -> serde_json::Value {
	let collators = [Sr25519Keyring::Alice, Sr25519Keyring::Bob];
	bazaar_genesis(
		collators.iter().copied().map(collator).collect(),
		dev_accounts(),
		None,
		DemoShop::attested_by(&collators),
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
