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
//!   arrives from Asset Hub or leaves for it (`configs::xcm`); the orders pallet, which holds an
//!   order's escrow and deposits in the asset its listing is priced in and pays them out. A
//!   `NonTransfer` or shop-staff proxy may not call this pallet (`configs::accounts`).
//!
//! ## Paying in them
//!
//! A listing is priced, and an order paid, in a [`PaymentAsset`]: `Native` (BZR) or
//! `WithId(id)`, Asset Hub's asset `id` (USDT is `WithId(1984)`), which is the foreign asset at
//! [`asset_hub_asset`]`(id)` ([`PaymentAssetLocation`]). A listing may be priced in BZR or in a
//! foreign asset that exists and has a rate ([`AcceptedPaymentAssets`]). The orders pallet holds
//! and pays through [`PaymentAssets`], BZR's holds and the foreign assets' holds under one
//! `fungibles` interface, and converts through [`PaymentAssetRate`]: an order's storage and
//! dispute deposits, set in BZR, are held in its asset at the asset's rate (rounded as
//! `pallet-asset-rate` rounds); the value reputation weighs a sale by is in BZR at the rate when
//! it settles. One unit across assets: a sale of 10 USDT weighs what the same sale in BZR would.

use crate::{
	configs::governance::MarketAdminOrigin, deposit, AccountId, AssetRate, Balance, Balances,
	ForeignAssets, ForeignAssetsHolder, Runtime, RuntimeEvent, RuntimeHoldReason,
	EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::vec::Vec;
pub use bazaar_primitives::{AssetHubAssetId, PaymentAsset};
use frame_support::{
	parameter_types,
	traits::{
		fungible::{NativeOrWithId, UnionOf},
		fungibles::Inspect as _,
		tokens::{ConversionFromAssetBalance, ConversionToAssetBalance},
		AsEnsureOriginWithArg, ConstU32, Contains,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use sp_runtime::{
	traits::{AccountIdConversion, Convert},
	Either,
};
use xcm::latest::prelude::*;

/// The `pallet-assets` instance of the foreign assets.
pub type ForeignAssetsInstance = pallet_assets::Instance1;

/// Asset Hub's parachain id on Polkadot, Kusama and their test networks.
pub const ASSET_HUB_PARA_ID: u32 = 1000;
/// The index of Asset Hub's `pallet-assets` instance, whose assets it is the reserve of.
pub const ASSET_HUB_ASSETS_PALLET: u8 = 50;
/// USDT's asset id on Asset Hub.
pub const USDT_ASSET_ID: AssetHubAssetId = 1984;
/// USDC's asset id on Asset Hub.
pub const USDC_ASSET_ID: AssetHubAssetId = 1337;
/// USDT, as listings are priced in it.
pub const USDT: PaymentAsset = NativeOrWithId::WithId(USDT_ASSET_ID);

/// The location of asset `id` of Asset Hub's `pallet-assets`, as seen from a sibling parachain.
pub fn asset_hub_asset(id: AssetHubAssetId) -> Location {
	Location::new(
		1,
		[
			Parachain(ASSET_HUB_PARA_ID),
			PalletInstance(ASSET_HUB_ASSETS_PALLET),
			GeneralIndex(id.into()),
		],
	)
}

/// What may leave by reserve transfer (`pallet_xcm`'s `XcmReserveTransferFilter`, given the
/// sender and the assets): Asset Hub's assets only, to their reserve or through it. BZR, whose
/// reserve Bazaar is, has nowhere to go that would honour it.
pub struct AssetHubAssetsOnly;
impl Contains<(Location, Vec<Asset>)> for AssetHubAssetsOnly {
	fn contains((_, assets): &(Location, Vec<Asset>)) -> bool {
		let pallet = AssetHubAssetsPallet::get();
		!assets.is_empty() && assets.iter().all(|asset| asset.id.0.starts_with(&pallet))
	}
}

/// Which balances a payment asset is kept in: BZR's (left), or the foreign asset at
/// [`asset_hub_asset`]`(id)` (right).
pub struct PaymentAssetLocation;
impl Convert<PaymentAsset, Either<(), Location>> for PaymentAssetLocation {
	fn convert(asset: PaymentAsset) -> Either<(), Location> {
		match asset {
			NativeOrWithId::Native => Either::Left(()),
			NativeOrWithId::WithId(id) => Either::Right(asset_hub_asset(id)),
		}
	}
}

/// Every asset an order may be paid in, with holds: BZR and the foreign assets.
pub type PaymentAssets =
	UnionOf<Balances, ForeignAssetsHolder, PaymentAssetLocation, PaymentAsset, AccountId>;

/// What a listing may be priced in: BZR, or a foreign asset that exists and has a rate (without
/// one, an order's deposits could not be priced in it).
pub struct AcceptedPaymentAssets;
impl Contains<PaymentAsset> for AcceptedPaymentAssets {
	fn contains(asset: &PaymentAsset) -> bool {
		match asset {
			NativeOrWithId::Native => true,
			NativeOrWithId::WithId(id) => {
				let location = asset_hub_asset(*id);
				pallet_asset_rate::ConversionRateToNative::<Runtime>::contains_key(&location) &&
					ForeignAssets::asset_exists(location)
			},
		}
	}
}

/// Converts between BZR and a payment asset: BZR at par, a foreign asset at its `AssetRate`
/// rate. Fails for a foreign asset without a rate.
pub struct PaymentAssetRate;

impl ConversionToAssetBalance<Balance, PaymentAsset, Balance> for PaymentAssetRate {
	type Error = pallet_asset_rate::Error<Runtime>;
	fn to_asset_balance(balance: Balance, asset: PaymentAsset) -> Result<Balance, Self::Error> {
		match PaymentAssetLocation::convert(asset) {
			Either::Left(()) => Ok(balance),
			Either::Right(location) => AssetRate::to_asset_balance(balance, location),
		}
	}
}

impl ConversionFromAssetBalance<Balance, PaymentAsset, Balance> for PaymentAssetRate {
	type Error = pallet_asset_rate::Error<Runtime>;
	fn from_asset_balance(balance: Balance, asset: PaymentAsset) -> Result<Balance, Self::Error> {
		match PaymentAssetLocation::convert(asset) {
			Either::Left(()) => Ok(balance),
			Either::Right(location) => AssetRate::from_asset_balance(balance, location),
		}
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(asset: PaymentAsset) {
		if let Either::Right(location) = PaymentAssetLocation::convert(asset) {
			AssetRate::ensure_successful(location);
		}
	}
}

/// The benchmarks' payment asset: USDT, registered (sufficient, minimum balance 0.01) and given
/// a rate (1 USDT for 10 BZR) unless it already is; the dearest asset to pay in.
#[cfg(feature = "runtime-benchmarks")]
pub fn usdt_for_benchmarks() -> PaymentAsset {
	let location = UsdtLocation::get();
	if !ForeignAssets::asset_exists(location.clone()) {
		let _ = ForeignAssets::force_create(
			frame_system::RawOrigin::Root.into(),
			location.clone(),
			ForeignAssetsOwner::get().into(),
			true,
			10_000,
		);
	}
	if !pallet_asset_rate::ConversionRateToNative::<Runtime>::contains_key(&location) {
		pallet_asset_rate::ConversionRateToNative::<Runtime>::insert(
			&location,
			sp_runtime::FixedU128::from_u32(10_000_000),
		);
	}
	USDT
}

parameter_types! {
	/// Asset Hub, seen from here.
	pub AssetHubLocation: Location = Location::new(1, [Parachain(ASSET_HUB_PARA_ID)]);
	/// Asset Hub's assets pallet: every asset under it is one Asset Hub is the reserve of.
	pub AssetHubAssetsPallet: Location =
		Location::new(1, [Parachain(ASSET_HUB_PARA_ID), PalletInstance(ASSET_HUB_ASSETS_PALLET)]);
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
		asset_hub_asset(id)
	}
	fn create_reserve_id_parameter(_: u32) {}
}
/// Fees paid in USDT: the asset registered with a rate, and plenty of it (and of BZR) for
/// `account`. The block gets an author, as a collator's block does (see
/// `pallet_transaction_payment`'s benchmark environment), who cannot take the fee, so the
/// treasury does: the dearest path of `AssetFeesToAuthor`.
#[cfg(feature = "runtime-benchmarks")]
impl pallet_asset_tx_payment::BenchmarkHelperTrait<AccountId, Location, Location>
	for ForeignAssetsBenchmarkHelper
{
	fn create_asset_id_parameter(_id: u32) -> (Location, Location) {
		(UsdtLocation::get(), UsdtLocation::get())
	}

	fn setup_balances_and_pool(asset: Location, account: AccountId) {
		use frame_support::traits::{fungible, fungibles};
		<Runtime as pallet_transaction_payment::BenchmarkConfig>::setup_benchmark_environment();
		usdt_for_benchmarks();
		let _ = <ForeignAssets as fungibles::Mutate<_>>::mint_into(
			asset.clone(),
			&account,
			1_000_000 * crate::genesis_config_presets::USDT_UNIT,
		);
		// The dearest way the fee can go: the author holds none of the asset and cannot take a
		// fee below its minimum balance (a read), so it goes to the treasury, which holds some.
		let treasury = crate::configs::governance::TreasuryAccount::get();
		let _ = <ForeignAssets as fungibles::Mutate<_>>::mint_into(asset, &treasury, 10_000);
		let _ = <Balances as fungible::Mutate<_>>::set_balance(&account, 1_000 * UNIT);
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl pallet_asset_rate::AssetKindFactory<Location> for ForeignAssetsBenchmarkHelper {
	fn create_asset_kind(seed: u32) -> Location {
		asset_hub_asset(seed)
	}
}
