//! Governance: OpenGov as on Polkadot's system chains. Anyone submits a referendum on a track
//! (see [`tracks`]); BZR holders vote with conviction; a passed referendum dispatches its call
//! with the track's origin (see [`origins`]): root for runtime upgrades, `MarketAdmin` for the
//! market fee, `Arbitrator` for dispute rulings, `ModelApprover` for recommendation models,
//! `Treasurer`/`SmallSpender` for treasury spends. The treasury holds the market fees.
//!
//! Sudo stays in the runtime only for the development chain: the `development` preset sets Alice
//! as its key, every other preset sets none, so on those chains nothing can use it.

pub mod origins;
pub mod tracks;

use super::system::RuntimeBlockWeights;
use crate::{
	AccountId, Balance, Balances, BlockNumber, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, System, Treasury, DAYS,
	MINUTES, UNIT,
};
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::UnityAssetBalanceConversion, ConstU32, EitherOf,
		EitherOfDiverse, EqualPrivilegeOnly, LinearStoragePrice,
	},
	weights::Weight,
	PalletId,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess, EnsureSigned};
use polkadot_runtime_common::prod_or_fast;
use sp_runtime::{traits::IdentityLookup, Perbill};

pub use origins::{
	pallet_custom_origins, Arbitrator, MarketAdmin, ModelApprover, ReferendumCanceller,
	ReferendumKiller, Spender, Treasurer, WhitelistedCaller,
};
pub use tracks::TracksInfo;

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::WeightInfo<Runtime>;
}

parameter_types! {
	/// A preimage costs a deposit of 10 BZR plus 0.01 BZR per byte while it is stored. Runtime
	/// code needs none: a referendum authorizes the code's hash and anyone applies the code.
	pub const PreimageBaseDeposit: Balance = 10 * UNIT;
	pub const PreimageByteDeposit: Balance = UNIT / 100;
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// Scheduled calls (enacted referenda) may use 80% of a block.
	pub MaximumSchedulerWeight: Weight =
		Perbill::from_percent(80) * RuntimeBlockWeights::get().max_block;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	/// Only root (a referendum, or the dev chain's sudo) schedules directly; referenda schedule
	/// through the pallet's own interface.
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = crate::weights::pallet_scheduler::WeightInfo<Runtime>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

parameter_types! {
	/// The standard treasury pallet id: its account (`py/trsry`) receives the market fees.
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	/// The treasury's account.
	pub TreasuryAccount: AccountId = Treasury::account_id();
	pub const SpendPeriod: BlockNumber = prod_or_fast!(6 * DAYS, 2 * MINUTES);
	pub const PayoutPeriod: BlockNumber = prod_or_fast!(30 * DAYS, 10 * MINUTES);
	pub const MaxBalance: Balance = Balance::MAX;
}

/// Who may spend from the treasury, and how much at once: root without limit, the spender
/// tracks up to their limits.
pub type TreasurySpender = EitherOf<EnsureRootWithSuccess<AccountId, MaxBalance>, Spender>;

impl pallet_treasury::Config for Runtime {
	type PalletId = TreasuryPalletId;
	type Currency = Balances;
	type RejectOrigin = EitherOfDiverse<EnsureRoot<AccountId>, Treasurer>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	/// Nothing is burned: unspent funds stay for later spends.
	type Burn = ();
	type BurnDestination = ();
	type SpendFunds = ();
	type WeightInfo = crate::weights::pallet_treasury::WeightInfo<Runtime>;
	type MaxApprovals = ConstU32<100>;
	type SpendOrigin = TreasurySpender;
	/// Only BZR, paid from the treasury's account.
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = frame_support::traits::tokens::pay::PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	type BlockNumberProvider = System;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TreasuryBenchmarkHelper;
}

/// Creates the treasury benchmarks' beneficiaries as existing accounts: the benchmarks pay out
/// 100 planck, less than the existential deposit, which a new account could not receive.
#[cfg(feature = "runtime-benchmarks")]
pub struct TreasuryBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_treasury::ArgumentsFactory<(), AccountId> for TreasuryBenchmarkHelper {
	fn create_asset_kind(_seed: u32) {}

	fn create_beneficiary(seed: [u8; 32]) -> AccountId {
		use frame_support::traits::fungible::Mutate;
		let beneficiary = AccountId::from(seed);
		let _ = Balances::mint_into(&beneficiary, crate::EXISTENTIAL_DEPOSIT);
		beneficiary
	}
}

parameter_types! {
	/// Votes are locked for multiples of this after a referendum (7 days; 1 minute fast).
	pub const VoteLockingPeriod: BlockNumber = prod_or_fast!(7 * DAYS, MINUTES);
}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_conviction_voting::WeightInfo<Runtime>;
	type Currency = Balances;
	type Polls = Referenda;
	type MaxTurnout =
		frame_support::traits::tokens::currency::ActiveIssuanceOf<Balances, AccountId>;
	type MaxVotes = ConstU32<512>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

impl pallet_custom_origins::Config for Runtime {}

parameter_types! {
	/// Submitting a referendum holds 10 BZR (the track's decision deposit comes on top).
	pub const SubmissionDeposit: Balance = 10 * UNIT;
	/// A referendum that never gets its decision deposit times out after 14 days.
	pub const UndecidingTimeout: BlockNumber = prod_or_fast!(14 * DAYS, 5 * MINUTES);
}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_referenda::WeightInfo<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = EnsureSigned<AccountId>;
	type CancelOrigin = EitherOf<EnsureRoot<AccountId>, ReferendumCanceller>;
	type KillOrigin = EitherOf<EnsureRoot<AccountId>, ReferendumKiller>;
	/// Slashed deposits go to the treasury.
	type Slash = Treasury;
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = frame_support::traits::ConstU32<1>;
	type Tracks = TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// Root whitelists for now; a technical fellowship origin can join it later.
	type WhitelistOrigin = EnsureRoot<AccountId>;
	type DispatchWhitelistedOrigin = EitherOf<EnsureRoot<AccountId>, WhitelistedCaller>;
	type Preimages = Preimage;
	type DeferredDispatchExpiration = ConstU32<{ 28 * DAYS }>;
	type BlockNumberProvider = System;
	type WeightInfo = crate::weights::pallet_whitelist::WeightInfo<Runtime>;
}

/// The origin that sets the market fee: root or a `market_admin` referendum.
pub type MarketAdminOrigin = EitherOf<EnsureRoot<AccountId>, MarketAdmin>;
/// The origin that rules on disputes: root or an `arbitrator` referendum.
pub type ArbitratorOrigin = EitherOf<EnsureRoot<AccountId>, Arbitrator>;
/// The origin that approves recommendation models: root or a `model_approver` referendum.
pub type ModelApproverOrigin = EitherOf<EnsureRoot<AccountId>, ModelApprover>;
