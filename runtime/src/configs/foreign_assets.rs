//! Foreign assets: tokens whose reserve is another chain, kept here as `pallet-assets` balances
//! keyed by their XCM `Location`, the way Asset Hub keys the foreign assets it holds. The ones
//! Bazaar is for are Asset Hub's stablecoins: USDT (asset 1984) and USDC (asset 1337).
//!
//! - **Who creates them: root only** (a root referendum): `force_create` with the asset
//!   *sufficient* (an account may hold it without holding BZR, so a shopper who brings only USDT
//!   has an account) and a minimum balance, then `force_set_metadata`. A signed `create` is
//!   refused: whoever created a location first would own it and be its issuer, able to mint an
//!   unbacked "USDT" here. The owner to give `force_create` is [`ForeignAssetsOwner`], an account
//!   nobody holds the key of: its rights to mint, burn and freeze are reachable only through root,
//!   and the supply changes only when XCM deposits the asset against Asset Hub's reserve or
//!   withdraws it back.
//! - **Deposits.** None for the assets themselves (governance creates them, with no deposit). An
//!   account in a sufficient asset needs no deposit either: the asset's minimum balance is what
//!   keeps dust accounts out, so governance sets it with that in mind (the dev chain's USDT: 0.01).
//!   An account in an insufficient asset (`touch`) holds [`ForeignAssetAccountDeposit`] in BZR; an
//!   approval holds [`ForeignAssetApprovalDeposit`].
//! - **Holds.** `pallet-assets-holder` (`ForeignAssetsHolder`) keeps holds on these balances under
//!   the runtime's hold reasons, so escrow in a stablecoin can stay on the buyer's account as a
//!   hold, as it does in BZR. While an account has a hold, it keeps the asset's minimum balance
//!   free (`pallet-assets` never lets an account with holds die).
//! - **What they are worth in BZR.** `pallet-asset-rate` (`AssetRate`) keeps, per asset, how many
//!   planck of BZR one unit (the asset's smallest) is worth, as governance sets it: root adds and
//!   removes an asset's rate, the market-admin track (or root) updates it. It prices XCM execution
//!   paid in the asset (`configs::xcm`). It is not an oracle: a referendum on the market-admin
//!   track takes a day or more to enact, so a rate misprices while BZR moves, and governance should
//!   set it with a margin in the chain's favour. Mind the decimals: 1 USDT (10^6) worth 10 BZR
//!   (10^13 planck) is a rate of 10^7.
//! - **Who moves them.** Holders, with the usual `transfer` calls; XCM, when a reserve transfer
//!   arrives from Asset Hub or leaves for it (`configs::xcm`). A `NonTransfer` or shop-staff proxy
//!   may not call this pallet (`configs::accounts`).

use crate::{
	configs::governance::MarketAdminOrigin, deposit, AccountId, Balance, Balances,
	ForeignAssetsHolder, Runtime, RuntimeEvent, RuntimeHoldReason, EXISTENTIAL_DEPOSIT, UNIT,
};
use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use sp_runtime::traits::AccountIdConversion;
use xcm::latest::prelude::*;

/// The `pallet-assets` instance of the foreign assets.
pub type ForeignAssetsInstance = pallet_assets::Instance1;

/// Asset Hub's parachain id on Polkadot, Kusama and their test networks.
pub const ASSET_HUB_PARA_ID: u32 = 1000;
/// The index of Asset Hub's `pallet-assets` instance, whose assets it is the reserve of.
pub const ASSET_HUB_ASSETS_PALLET: u8 = 50;
/// USDT's asset id on Asset Hub.
pub const USDT_ASSET_ID: u128 = 1984;
/// USDC's asset id on Asset Hub.
pub const USDC_ASSET_ID: u128 = 1337;

/// The location of asset `id` of Asset Hub's `pallet-assets`, as seen from a sibling parachain.
pub fn asset_hub_asset(id: u128) -> Location {
	Location::new(
		1,
		[Parachain(ASSET_HUB_PARA_ID), PalletInstance(ASSET_HUB_ASSETS_PALLET), GeneralIndex(id)],
	)
}

parameter_types! {
	/// Asset Hub, seen from here.
	pub AssetHubLocation: Location = Location::new(1, [Parachain(ASSET_HUB_PARA_ID)]);
	/// USDT on Asset Hub, seen from here: the id of Bazaar's USDT.
	pub UsdtLocation: Location = asset_hub_asset(USDT_ASSET_ID);
	/// USDC on Asset Hub, seen from here: the id of Bazaar's USDC.
	pub UsdcLocation: Location = asset_hub_asset(USDC_ASSET_ID);
	/// The owner and issuer of every foreign asset: an account nobody holds the key of.
	pub ForeignAssetsOwner: AccountId = PalletId(*b"bz/frgna").into_account_truncating();
	/// What `create` would hold; only root may call it, and governance uses `force_create`.
	pub const ForeignAssetDeposit: Balance = 10 * UNIT;
	/// An account in an insufficient foreign asset: one storage item of an account's balance.
	pub const ForeignAssetAccountDeposit: Balance = deposit(1, 16);
	/// An asset's metadata: one item, plus its bytes.
	pub const ForeignAssetMetadataDepositBase: Balance = deposit(1, 68);
	pub const ForeignAssetMetadataDepositPerByte: Balance = deposit(0, 1);
	/// An approval to spend someone's foreign asset.
	pub const ForeignAssetApprovalDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

impl pallet_assets::Config<ForeignAssetsInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	/// Accounts, approvals and metadata removed per `destroy_*` call.
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = Location;
	type AssetIdParameter = Location;
	/// Reserves are XCM's business here: `configs::xcm` trusts Asset Hub for these assets only.
	type ReserveData = ();
	type Currency = Balances;
	/// Root only, and the asset is owned by [`ForeignAssetsOwner`]: see the module's docs.
	type CreateOrigin = AsEnsureOriginWithArg<EnsureRootWithSuccess<AccountId, ForeignAssetsOwner>>;
	/// `force_create`, `force_set_metadata`, `force_asset_status`, `force_transfer`: root only,
	/// as these can make or move anybody's money.
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ForeignAssetDeposit;
	type AssetAccountDeposit = ForeignAssetAccountDeposit;
	type MetadataDepositBase = ForeignAssetMetadataDepositBase;
	type MetadataDepositPerByte = ForeignAssetMetadataDepositPerByte;
	type ApprovalDeposit = ForeignAssetApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ForeignAssetsHolder;
	type Extra = ();
	type CallbackHandle = ();
	/// Ids are locations, chosen by governance; none is allocated.
	type AssetIdAllocator = ();
	type WeightInfo = crate::weights::pallet_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ForeignAssetsBenchmarkHelper;
}

impl pallet_assets_holder::Config<ForeignAssetsInstance> for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeEvent = RuntimeEvent;
}

impl pallet_asset_rate::Config for Runtime {
	type WeightInfo = crate::weights::pallet_asset_rate::WeightInfo<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	/// A rate comes with the asset: root, in the referendum that creates it.
	type CreateOrigin = EnsureRoot<AccountId>;
	type RemoveOrigin = EnsureRoot<AccountId>;
	/// Prices move: the market-admin track (or root) keeps them current.
	type UpdateOrigin = MarketAdminOrigin;
	type Currency = Balances;
	type AssetKind = Location;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ForeignAssetsBenchmarkHelper;
}

/// The assets the benchmarks create: Asset Hub's asset `id`.
#[cfg(feature = "runtime-benchmarks")]
pub struct ForeignAssetsBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_assets::BenchmarkHelper<Location, ()> for ForeignAssetsBenchmarkHelper {
	fn create_asset_id_parameter(id: u32) -> Location {
		asset_hub_asset(id.into())
	}
	fn create_reserve_id_parameter(_: u32) {}
}
#[cfg(feature = "runtime-benchmarks")]
impl pallet_asset_rate::AssetKindFactory<Location> for ForeignAssetsBenchmarkHelper {
	fn create_asset_kind(seed: u32) -> Location {
		asset_hub_asset(seed.into())
	}
}
