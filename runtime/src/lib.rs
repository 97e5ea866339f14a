//! # Bazaar runtime
//!
//! The runtime of the Bazaar parachain: decentralized commerce with escrowed orders, purchase
//! bound reputation and verifiable recommendations (see `docs/ARCHITECTURE.md`).
//!
//! The runtime is kept small on purpose:
//! - this file declares the primitive types, the version, the time and money units and the pallet
//!   composition;
//! - [`configs`] holds one file per pallet group (system, monetary, collators, xcm, governance);
//! - [`apis`] implements the runtime APIs the node and the clients call;
//! - [`genesis_config_presets`] holds the `development` and `local_testnet` genesis presets.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` expands to deeply nested types.
#![recursion_limit = "256"]

// Make the WASM binary available to the node (and to the tests).
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

/// This runtime built again with `spec_version` one higher: the "next release" the runtime upgrade
/// test authorizes and applies through governance. `None` unless the build ran with
/// `BAZAAR_UPGRADE_TEST_WASM=1` (see `build.rs`).
#[cfg(feature = "std")]
pub mod upgrade_test_wasm {
	include!(concat!(env!("OUT_DIR"), "/upgrade_test_wasm.rs"));
}

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use frame_support::weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiSignature,
};
use sp_version::RuntimeVersion;

pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;
pub use sp_runtime::{MultiAddress, Perbill, Permill};

/// The signature scheme of transactions: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;

/// An account on the chain: the public key of the transaction signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// A balance, in the smallest unit (see [`UNIT`]).
pub type Balance = u128;

/// How many transactions an account has sent.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// A block number.
pub type BlockNumber = u32;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions, checked in this order for every signed transaction.
///
/// `AuthorizeCall` comes first: it lets calls with `#[pallet::authorize]` (the off-chain worker's
/// attestations) be valid without a signer. Storage weight reclaim wraps everything so the proof
/// size actually used is refunded after dispatch.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::AuthorizeCall<Runtime>,
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_asset_tx_payment::ChargeAssetTxPayment<Runtime>,
		frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	),
>;

/// The transaction extensions for a transaction with `nonce`, paying its fee in BZR: immortal, no
/// tip, no metadata hash check. What the off-chain worker's authorized transactions carry (nonce
/// 0, which an authorized origin ignores), and what native tools that build transactions (the
/// fuzzer, the throughput benchmark) attach.
pub fn tx_extension(nonce: Nonce) -> TxExtension {
	tx_extension_paying_in(nonce, None)
}

/// [`tx_extension`], paying the fee in `fee_asset` (a foreign asset's location, `None` for BZR).
pub fn tx_extension_paying_in(
	nonce: Nonce,
	fee_asset: Option<xcm::latest::Location>,
) -> TxExtension {
	cumulus_pallet_weight_reclaim::StorageWeightReclaim::new((
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(generic::Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_asset_tx_payment::ChargeAssetTxPayment::<Runtime>::from(0, fee_asset),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
	))
}

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Migrations run on the next runtime upgrade, in this order. Each versioned migration runs only
/// on a chain whose pallet is at the version it migrates from, and is removed once every chain
/// this runtime serves has run it.
pub type Migrations = (
	// Orders 0 -> 1: encryption keys pay a storage deposit.
	pallet_orders::migrations::v1::MigrateV0ToV1<Runtime>,
	// Orders 1 -> 2: the deadline index keeps one entry per order instead of per-block buckets.
	pallet_orders::migrations::v2::MigrateV1ToV2<Runtime>,
	// Orders 2 -> 3: each delivery code hash completes one stored order only.
	pallet_orders::migrations::v3::MigrateV2ToV3<Runtime>,
	// Orders 3 -> 4: orders hold a storage deposit; the stored ones get a zero one.
	pallet_orders::migrations::v4::MigrateV3ToV4<Runtime>,
	// Orders 4 -> 5: every order names its asset; the stored ones were all paid in BZR.
	pallet_orders::migrations::v5::MigrateV4ToV5<Runtime>,
	// Listings 1 -> 2: every listing names what it is priced in; the stored ones are in BZR.
	pallet_listings::migrations::v2::MigrateV1ToV2<Runtime>,
	// Recommendations 0 -> 1: attestations bind the genesis hash and the history digest; the
	// old ones are removed and their users queued for new ones.
	pallet_recommendations::migrations::v1::MigrateV0ToV1<Runtime>,
	// Recommendations 1 -> 2: a model's upload has a deadline; uploads in progress get a full
	// window from the upgrade.
	pallet_recommendations::migrations::v2::MigrateV1ToV2<Runtime>,
	// Recommendations 2 -> 3: taste vectors; the active model's are built from the stored
	// histories in idle block space after the upgrade.
	pallet_recommendations::migrations::v3::MigrateV2ToV3<Runtime>,
	// Permanent: keeps the XCM version bookkeeping current.
	pallet_xcm::migration::MigrateToLatestXcmVersion<Runtime>,
);

/// Executive: handles dispatch to the various pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Opaque types, so the node can handle blocks without knowing the runtime's types.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The keys a node registers through `session.set_keys` (`author_rotateKeys` makes them):
	/// `aura` authors blocks; `reco` signs recommendation attestations once its account registers
	/// as an attester (`recommendations.register_attester`).
	pub struct SessionKeys {
		pub aura: Aura,
		pub reco: Recommendations,
	}
}

/// The runtime version. Bump `spec_version` for every runtime upgrade (and the one of the
/// `spec-version-bump` copy below with it) and `transaction_version` whenever a call index or a
/// call's arguments change.
#[cfg(not(feature = "spec-version-bump"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("bazaar"),
	impl_name: Cow::Borrowed("bazaar"),
	authoring_version: 1,
	spec_version: 6,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// The same version with `spec_version` one higher. Only the second WASM that the runtime
/// upgrade test applies is built with it (feature `spec-version-bump`); it is never deployed.
/// The version macro takes literals only, hence the copy.
#[cfg(feature = "spec-version-bump")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("bazaar"),
	impl_name: Cow::Borrowed("bazaar"),
	authoring_version: 1,
	spec_version: 7,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// The parachain id Bazaar registers with on the relay chain (the first free id on a local
/// relay chain). The genesis presets and the chain specs take it from here.
pub const PARACHAIN_ID: u32 = 2000;

/// The average block time the collators aim for. The dev node (`--dev`) seals a block every
/// second on its own, independent of this.
pub const MILLISECS_PER_BLOCK: u64 = 6000;

/// Aura slot duration. It can never change after genesis without halting block production.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// The token symbol, shown by wallets through the chain properties.
pub const TOKEN_SYMBOL: &str = "BZR";
/// The number of decimals of one [`UNIT`].
pub const TOKEN_DECIMALS: u8 = 12;
/// One BZR in the smallest unit.
pub const UNIT: Balance = 1_000_000_000_000;
/// One thousandth of a BZR.
pub const MILLIUNIT: Balance = 1_000_000_000;
/// One millionth of a BZR.
pub const MICROUNIT: Balance = 1_000_000;

/// The minimum balance an account must keep to exist: a tenth of the relay chain's.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLIUNIT;

/// The deposit for `items` storage items occupying `bytes` bytes of state.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	(items as Balance) * 20 * MILLIUNIT + (bytes as Balance) * 100 * MICROUNIT
}

/// About 5% of the block weight is consumed by `on_initialize` handlers. This limits the weight
/// of a single extrinsic.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);

/// `Normal` extrinsics may fill 75% of a block; the rest is kept for `Operational` ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute per block (of the relay chain's 2 s backing budget) and the relay
/// chain's maximum proof size.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

/// Blocks the runtime accepts that the relay chain has not included yet (async backing).
const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
/// Parachain blocks per relay chain block.
const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// The relay chain's slot duration, in milliseconds.
const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;

/// The consensus hook: limits how many blocks a collator may build per relay chain slot.
type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System support.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// Monetary.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;
	// Assets reserved on other chains (Asset Hub's stablecoins), and holds on them.
	#[runtime::pallet_index(12)]
	pub type ForeignAssets = pallet_assets<Instance1>;
	#[runtime::pallet_index(13)]
	pub type ForeignAssetsHolder = pallet_assets_holder<Instance1>;
	#[runtime::pallet_index(14)]
	pub type AssetRate = pallet_asset_rate;

	// Sudo: only the development chain sets a key (see `configs::governance`).
	#[runtime::pallet_index(15)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(16)]
	pub type AssetTxPayment = pallet_asset_tx_payment;

	// Collators. The order of these is important and shall not change.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// XCM.
	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(31)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(32)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;

	// Governance: OpenGov and the treasury.
	#[runtime::pallet_index(40)]
	pub type Treasury = pallet_treasury;
	#[runtime::pallet_index(41)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(42)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(43)]
	pub type ConvictionVoting = pallet_conviction_voting;
	#[runtime::pallet_index(44)]
	pub type Referenda = pallet_referenda;
	#[runtime::pallet_index(45)]
	pub type Origins = configs::governance::pallet_custom_origins;
	#[runtime::pallet_index(46)]
	pub type Whitelist = pallet_whitelist;

	// Commerce.
	#[runtime::pallet_index(50)]
	pub type Listings = pallet_listings;
	#[runtime::pallet_index(51)]
	pub type Orders = pallet_orders;
	#[runtime::pallet_index(52)]
	pub type Reputation = pallet_reputation;
	#[runtime::pallet_index(53)]
	pub type Recommendations = pallet_recommendations;

	// Accounts that act together: batches, proxies (a shop's staff), multisig.
	#[runtime::pallet_index(60)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(61)]
	pub type Proxy = pallet_proxy;
	#[runtime::pallet_index(62)]
	pub type Multisig = pallet_multisig;

	// Benchmark peers: only in a runtime built for benchmarks (see `configs::benchmark_peers`).
	#[cfg(feature = "runtime-benchmarks")]
	#[runtime::pallet_index(250)]
	pub type Nfts = pallet_nfts;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
