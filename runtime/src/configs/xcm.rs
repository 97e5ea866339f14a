//! Cross-consensus messaging: a minimal, safe configuration.
//!
//! Bazaar talks to the relay chain and to sibling parachains, and takes Asset Hub's assets:
//! - it transacts its own token (`Here`) and the foreign assets governance registered
//!   (`configs::foreign_assets`: USDT, USDC, keyed by their location under Asset Hub's assets
//!   pallet);
//! - it trusts Asset Hub as the reserve of Asset Hub's own assets and of nothing else, and no chain
//!   as a teleporter: no XCM can mint BZR, and an asset arrives only from its reserve (a transfer
//!   of an Asset Hub asset that is not registered here fails and is trapped, claimable as XCM does,
//!   with nothing minted);
//! - execution is paid for in BZR, or in a registered foreign asset that has a rate to BZR
//!   (`AssetRate`), so a transfer from Asset Hub pays for itself in USDT; the relay chain (and its
//!   executive body) may run unpaid, as on every system-chain-compatible parachain;
//! - `pallet-xcm`'s `transfer_assets` takes Asset Hub's assets back to Asset Hub (or through it to
//!   another chain): the sender's balance here is burnt and Asset Hub pays the beneficiary out of
//!   Bazaar's sovereign account. Nothing else leaves by reserve transfer; `execute` and teleports
//!   stay disabled;
//! - `Transact` may dispatch nothing (`SafeCallFilter = Nothing`);
//! - sending costs what delivery costs: the upward and sibling routers price each message as the
//!   system chains do (`ExponentialPrice`: a base fee and a fee per byte, times a factor that grows
//!   while the queue is long), paid in BZR by the sender to the treasury (root and the relay chain
//!   are waived), so a flood of `send`s runs the sender dry instead of filling the upward queue for
//!   free;
//! - an authorized alias holds a storage deposit while it is stored.

use crate::{
	configs::{
		commerce::TreasuryAccount,
		foreign_assets::{
			AssetHubAssetsOnly, AssetHubAssetsPallet, AssetHubLocation, ForeignAssetsInstance,
		},
		monetary::{TransactionByteFee, WeightToFee},
		system::RuntimeBlockWeights,
	},
	deposit, AccountId, AllPalletsWithSystem, AssetRate, Balance, Balances, ForeignAssets,
	ParachainInfo, ParachainSystem, PolkadotXcm, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeHoldReason, RuntimeOrigin, XcmpQueue, MAXIMUM_BLOCK_WEIGHT, MILLIUNIT,
};
use cumulus_primitives_core::{AggregateMessageOrigin, ParaId};
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::imbalance::ResolveAssetTo, ConstU32, Contains,
		ContainsPair, Equals, Everything, LinearStoragePrice, Nothing, TransformOrigin,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use pallet_xcm::XcmPassthrough;
use parachains_common::message_queue::{NarrowOriginToSibling, ParaIdToSibling};
use polkadot_parachain_primitives::primitives::Sibling;
use polkadot_runtime_common::{impls::ToAuthor, xcm_sender::ExponentialPrice};
use sp_runtime::{
	traits::{Identity, TryConvertInto},
	Perbill,
};
use xcm::latest::prelude::*;
use xcm_builder::{
	AccountId32Aliases, AllowExplicitUnpaidExecutionFrom, AllowKnownQueryResponses,
	AllowSubscriptionsFrom, AllowTopLevelPaidExecutionFrom, DenyReserveTransferToRelayChain,
	DenyThenTry, EnsureXcmOrigin, FixedWeightBounds, FrameTransactionalProcessor, FungibleAdapter,
	FungiblesAdapter, IsConcrete, MatchedConvertedConcreteId, NoChecking, ParentIsPreset,
	RelayChainAsNative, SendXcmFeeToAccount, SiblingParachainAsNative, SiblingParachainConvertsVia,
	SignedAccountId32AsNative, SignedToAccountId32, SovereignSignedViaLocation, StartsWith,
	TakeWeightCredit, TrailingSetTopicAsId, UsingComponents, WithComputedOrigin, WithUniqueTopic,
	XcmFeeManagerFromComponents,
};
use xcm_executor::XcmExecutor;

parameter_types! {
	pub const RelayLocation: Location = Location::parent();
	/// Our own token, as seen from here.
	pub const HereLocation: Location = Location::here();
	pub const RelayNetwork: Option<NetworkId> = None;
	pub RelayChainOrigin: RuntimeOrigin = cumulus_pallet_xcm::Origin::Relay.into();
	pub UniversalLocation: InteriorLocation = Parachain(ParachainInfo::parachain_id().into()).into();
	/// Messages from the relay chain are processed in `on_initialize` within this budget.
	pub const ReservedDmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	/// Messages from sibling chains are processed within this budget.
	pub const ReservedXcmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const RelayOrigin: AggregateMessageOrigin = AggregateMessageOrigin::Parent;
	pub MessageQueueServiceWeight: Weight =
		Perbill::from_percent(35) * RuntimeBlockWeights::get().max_block;
	/// A conservative cost of one XCM instruction.
	pub UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 64;
	/// Delivery fees are paid in BZR.
	pub const FeeAssetId: AssetId = AssetId(HereLocation::get());
	/// What every message pays for delivery before its size: 0.03 BZR.
	pub const BaseDeliveryFee: u128 = 30 * MILLIUNIT;
	/// What each byte of a message pays: as a byte of a transaction.
	pub const DeliveryByteFee: u128 = TransactionByteFee::get();
	/// Delivery fees go to the treasury.
	pub TreasuryLocation: Location =
		AccountId32 { network: None, id: TreasuryAccount::get().into() }.into();
	/// An authorized alias holds the deposit of one storage item and its bytes.
	pub const AliasDepositBase: Balance = deposit(1, 0);
	pub const AliasDepositPerByte: Balance = deposit(0, 1);
	pub const AuthorizeAliasHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::PolkadotXcm(pallet_xcm::HoldReason::AuthorizeAlias);
}

/// The price of delivering a message to the relay chain: grows while the upward queue is above
/// half the relay chain's limit, and falls back as it drains.
pub type PriceForParentDelivery =
	ExponentialPrice<FeeAssetId, BaseDeliveryFee, DeliveryByteFee, ParachainSystem>;

/// The price of delivering a message to a sibling: grows with that channel's queue.
pub type PriceForSiblingDelivery =
	ExponentialPrice<FeeAssetId, BaseDeliveryFee, DeliveryByteFee, XcmpQueue>;

/// Who sends for free: root (governance) and the relay chain.
pub type WaivedLocations = (Equals<HereLocation>, Equals<RelayLocation>);

/// How a location maps to a local account: the relay chain and siblings to their sovereign
/// accounts, and 32-byte account ids to themselves.
pub type LocationToAccountId = (
	ParentIsPreset<AccountId>,
	SiblingParachainConvertsVia<Sibling, AccountId>,
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// Transacts BZR, Bazaar's own token.
pub type LocalAssetTransactor =
	FungibleAdapter<Balances, IsConcrete<HereLocation>, LocationToAccountId, AccountId, ()>;

parameter_types! {
	/// Unused: no foreign asset is teleported, so none is checked in or out.
	pub CheckingAccount: AccountId = PolkadotXcm::check_account();
}

/// An asset of Asset Hub's assets pallet, by its location, as the id of the same asset in
/// `ForeignAssets`; amounts as they are.
pub type ForeignAssetsMatcher = MatchedConvertedConcreteId<
	Location,
	Balance,
	StartsWith<AssetHubAssetsPallet>,
	Identity,
	TryConvertInto,
>;

/// Transacts the registered foreign assets. An asset under Asset Hub's assets pallet that is not
/// registered here matches, but cannot be deposited to any account (`pallet-assets` knows no such
/// asset), so the message fails and nothing is minted.
pub type ForeignAssetsTransactor = FungiblesAdapter<
	ForeignAssets,
	ForeignAssetsMatcher,
	LocationToAccountId,
	AccountId,
	NoChecking,
	CheckingAccount,
>;

/// Every asset Bazaar transacts: BZR, then the foreign assets.
pub type AssetTransactors = (LocalAssetTransactor, ForeignAssetsTransactor);

/// Asset Hub, as the reserve of the assets of its own assets pallet, and of nothing else (not of
/// the relay chain's token, nor of assets it holds for other chains).
pub struct AssetHubAssetsFromAssetHub;
impl ContainsPair<Asset, Location> for AssetHubAssetsFromAssetHub {
	fn contains(asset: &Asset, origin: &Location) -> bool {
		*origin == AssetHubLocation::get() && asset.id.0.starts_with(&AssetHubAssetsPallet::get())
	}
}

/// What XCM execution paid in a foreign asset costs: its weight's price in BZR, converted at the
/// asset's governed rate (`AssetRate`); at least the asset's minimum balance.
pub type ForeignAssetFeeCharger =
	parachains_common::xcm_config::AssetFeeAsExistentialDepositMultiplier<
		Runtime,
		WeightToFee,
		AssetRate,
		ForeignAssetsInstance,
	>;

/// XCM execution is bought with BZR (paid to the block's author, like transaction fees), or with
/// a foreign asset that has a rate (paid to the treasury: authors need not hold every asset).
pub type Traders = (
	UsingComponents<WeightToFee, HereLocation, AccountId, Balances, ToAuthor<Runtime>>,
	cumulus_primitives_utility::TakeFirstAssetTrader<
		AccountId,
		ForeignAssetFeeCharger,
		ForeignAssetsMatcher,
		ForeignAssets,
		ResolveAssetTo<TreasuryAccount, ForeignAssets>,
	>,
);

/// How an incoming XCM origin becomes a local dispatch origin.
pub type XcmOriginToTransactDispatchOrigin = (
	SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>,
	RelayChainAsNative<RelayChainOrigin, RuntimeOrigin>,
	SiblingParachainAsNative<cumulus_pallet_xcm::Origin, RuntimeOrigin>,
	SignedAccountId32AsNative<RelayNetwork, RuntimeOrigin>,
	XcmPassthrough<RuntimeOrigin>,
);

/// The relay chain itself and its executive body.
pub struct ParentOrParentsExecutivePlurality;
impl Contains<Location> for ParentOrParentsExecutivePlurality {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Plurality { id: BodyId::Executive, .. }]))
	}
}

/// The relay chain and sibling parachains.
pub struct ParentOrSiblings;
impl Contains<Location> for ParentOrSiblings {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Parachain(_)]))
	}
}

/// Which messages may execute at all.
pub type Barrier = TrailingSetTopicAsId<
	DenyThenTry<
		DenyReserveTransferToRelayChain,
		(
			TakeWeightCredit,
			AllowKnownQueryResponses<PolkadotXcm>,
			WithComputedOrigin<
				(
					AllowTopLevelPaidExecutionFrom<Everything>,
					AllowExplicitUnpaidExecutionFrom<ParentOrParentsExecutivePlurality>,
					AllowSubscriptionsFrom<ParentOrSiblings>,
				),
				UniversalLocation,
				ConstU32<8>,
			>,
		),
	>,
>;

/// Outgoing messages: UMP to the relay chain, XCMP to siblings.
pub type XcmRouter = WithUniqueTopic<(
	cumulus_primitives_utility::ParentAsUmp<ParachainSystem, PolkadotXcm, PriceForParentDelivery>,
	XcmpQueue,
)>;

pub struct XcmConfig;
impl xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = XcmRouter;
	type XcmEventEmitter = PolkadotXcm;
	type AssetTransactor = AssetTransactors;
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	/// Asset Hub, for its own assets only.
	type IsReserve = AssetHubAssetsFromAssetHub;
	/// No chain is trusted to teleport any asset.
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type Trader = Traders;
	type ResponseHandler = PolkadotXcm;
	type AssetTrap = PolkadotXcm;
	type SubscriptionService = PolkadotXcm;
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type AssetLocker = ();
	type AssetExchanger = ();
	/// Delivery fees go to the treasury; root and the relay chain do not pay them.
	type FeeManager = XcmFeeManagerFromComponents<
		WaivedLocations,
		SendXcmFeeToAccount<LocalAssetTransactor, TreasuryLocation>,
	>;
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	/// `Transact` dispatches nothing until a use case needs it.
	type SafeCallFilter = Nothing;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

/// Local signed origins may send XCM as their own account.
pub type LocalOriginToLocation = SignedToAccountId32<RuntimeOrigin, AccountId, RelayNetwork>;

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Only governance (root, through a referendum) sends arbitrary XCM. Users need none of
	/// it, and every upward message a `send` queues is read whole by each later `send` of the
	/// block (cumulus' `send_upward_message` reads the pending queue to price delivery): a
	/// priced flood of 60 KB messages queued 7.5 MB before its sender's million BZR ran out,
	/// after which every `send` read 7.5 MB of proof its benchmarked weight does not count.
	type SendXcmOrigin = EnsureRootWithSuccess<AccountId, HereLocation>;
	type XcmRouter = XcmRouter;
	type ExecuteXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	type XcmExecuteFilter = Nothing;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type XcmTeleportFilter = Nothing;
	/// Asset Hub's assets, back to Asset Hub (their reserve) or through it to another chain:
	/// a seller takes the USDT it was paid home. Nothing else leaves by reserve transfer (BZR
	/// has no other chain to be a reserve for). Delivery is paid in BZR.
	type XcmReserveTransferFilter = AssetHubAssetsOnly;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type UniversalLocation = UniversalLocation;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
	type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
	type Currency = Balances;
	type CurrencyMatcher = ();
	type TrustedLockers = ();
	type SovereignAccountOf = LocationToAccountId;
	type MaxLockers = ConstU32<8>;
	/// Benchmarked in this runtime; execute, teleports and reserve transfers are filtered above
	/// and weigh `Weight::MAX`.
	type WeightInfo = crate::weights::pallet_xcm::WeightInfo<Runtime>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	type AuthorizedAliasConsideration = HoldConsideration<
		AccountId,
		Balances,
		AuthorizeAliasHoldReason,
		LinearStoragePrice<AliasDepositBase, AliasDepositPerByte, Balance>,
	>;
}

impl cumulus_pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}

impl cumulus_pallet_xcmp_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ChannelInfo = ParachainSystem;
	type VersionWrapper = PolkadotXcm;
	type XcmpQueue =
		TransformOrigin<crate::MessageQueue, AggregateMessageOrigin, ParaId, ParaIdToSibling>;
	type MaxInboundSuspended = ConstU32<1_000>;
	type MaxActiveOutboundChannels = ConstU32<128>;
	type MaxPageSize = ConstU32<{ 1 << 16 }>;
	type ControllerOrigin = EnsureRoot<AccountId>;
	type ControllerOriginConverter = XcmOriginToTransactDispatchOrigin;
	type WeightInfo = crate::weights::cumulus_pallet_xcmp_queue::WeightInfo<Runtime>;
	type PriceForSiblingDelivery = PriceForSiblingDelivery;
}

impl pallet_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_message_queue::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type MessageProcessor =
		pallet_message_queue::mock_helpers::NoopMessageProcessor<AggregateMessageOrigin>;
	#[cfg(not(feature = "runtime-benchmarks"))]
	type MessageProcessor =
		xcm_builder::ProcessXcmMessage<AggregateMessageOrigin, XcmExecutor<XcmConfig>, RuntimeCall>;
	type Size = u32;
	// The XCMP queue pallet only handles the `Sibling(ParaId)` origin.
	type QueueChangeHandler = NarrowOriginToSibling<XcmpQueue>;
	type QueuePausedQuery = NarrowOriginToSibling<XcmpQueue>;
	type HeapSize = ConstU32<{ 103 * 1024 }>;
	type MaxStale = ConstU32<8>;
	type ServiceWeight = MessageQueueServiceWeight;
	type IdleMaxServiceWeight = MessageQueueServiceWeight;
}
