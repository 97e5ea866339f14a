//! Commerce: the catalog (listings), escrowed orders and reputation. Recommendations join them
//! when their pallet lands.

pub use super::governance::TreasuryAccount;
use super::governance::{ArbitratorOrigin, MarketAdminOrigin};
use crate::{
	deposit, Balance, Balances, BlockNumber, Listings, Reputation, Runtime, RuntimeEvent,
	RuntimeHoldReason, DAYS, MINUTES, UNIT,
};
use frame_support::{parameter_types, traits::ConstU32};
use polkadot_runtime_common::prod_or_fast;
use sp_runtime::{Perbill, Permill};

parameter_types! {
	/// The deposit for a listing: its record and two index entries (~200 bytes).
	pub const ListingDepositBase: Balance = deposit(3, 200);
	/// The deposit per byte of a listing's metadata.
	pub const ListingDepositPerByte: Balance = deposit(0, 1);
}

impl pallet_listings::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ListingDepositBase;
	type DepositPerByte = ListingDepositPerByte;
	/// Room for an IPFS CID (59 bytes for a base32 CIDv1) or a short JSON document.
	type MaxMetadataLen = ConstU32<256>;
	type MaxListingsPerSeller = ConstU32<1_000>;
	type MaxPageSize = ConstU32<100>;
	type WeightInfo = pallet_listings::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	/// No governance can set a market fee above 10%.
	pub const MaxMarketFee: Permill = Permill::from_percent(10);
	/// A seller has a week to ship; then the buyer is refunded in full.
	pub const ShipWindow: BlockNumber = prod_or_fast!(7 * DAYS, 5 * MINUTES);
	/// A buyer has two weeks after shipping to confirm or dispute; then the seller is paid.
	pub const ConfirmWindow: BlockNumber = prod_or_fast!(14 * DAYS, 5 * MINUTES);
	/// An arbitrator has two weeks to rule on a dispute; then the fallback split applies.
	pub const RulingWindow: BlockNumber = prod_or_fast!(14 * DAYS, 5 * MINUTES);
	/// Without a ruling, a disputed order's escrow is split evenly.
	pub const RulingFallbackBuyerShare: Perbill = Perbill::from_percent(50);
	/// Settled orders stay readable for 30 days, then are pruned.
	pub const RetentionPeriod: BlockNumber = prod_or_fast!(30 * DAYS, 10 * MINUTES);
	/// A seller's encryption key: one entry of 96 bytes (hashed account id, key, deposit).
	pub const EncryptionKeyDeposit: Balance = deposit(1, 96);
}

impl pallet_orders::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Inventory = Listings;
	/// Reputation opens the rating window; recommendations will listen here too.
	type OnOrderSettled = Reputation;
	type FeeDestination = TreasuryAccount;
	/// Root or a `market_admin` referendum sets the fee.
	type AdminOrigin = MarketAdminOrigin;
	/// Root or an `arbitrator` referendum rules on disputes.
	type ArbitratorOrigin = ArbitratorOrigin;
	type MaxMarketFee = MaxMarketFee;
	type ShipWindow = ShipWindow;
	type ConfirmWindow = ConfirmWindow;
	type RulingWindow = RulingWindow;
	type RulingFallbackBuyerShare = RulingFallbackBuyerShare;
	type RetentionPeriod = RetentionPeriod;
	/// A NaCl box of a postal address: 72 bytes of envelope plus up to 440 of text.
	type EncryptionKeyDeposit = EncryptionKeyDeposit;
	type MaxSealedDetailsLen = ConstU32<512>;
	type MaxDeliveryCodeLen = ConstU32<64>;
	type MaxDeadlinesPerBlock = ConstU32<64>;
	type MaxDeadlineProbes = ConstU32<16>;
	type MaxExpiriesPerBlock = ConstU32<32>;
	type MaxOrdersPerPage = ConstU32<100>;
	type WeightInfo = pallet_orders::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ListingsForBenchmarks;
}

parameter_types! {
	/// Buyer and seller have 30 days after an order settles to rate each other.
	pub const RatingWindow: BlockNumber = prod_or_fast!(30 * DAYS, 10 * MINUTES);
	/// Every account starts as if it had 1,000 BZR of trade rated 3 stars: a top score takes
	/// several thousand BZR of well-rated trade, and faking one costs the market fee on it
	/// (see the reputation pallet's docs).
	pub const ReputationPriorWeight: Balance = 1_000 * UNIT;
}

impl pallet_reputation::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RatingWindow = RatingWindow;
	type PriorWeight = ReputationPriorWeight;
	type MaxExpiriesPerBlock = ConstU32<32>;
	type MaxRatingsPerPage = ConstU32<100>;
	type WeightInfo = pallet_reputation::weights::SubstrateWeight<Runtime>;
}

/// Creates real listings for the orders benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ListingsForBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_orders::benchmarking::BenchmarkHelper<crate::AccountId, Balance>
	for ListingsForBenchmarks
{
	fn create_listing(seller: &crate::AccountId, unit_price: Balance, stock: u32) -> u32 {
		use frame_support::traits::fungible::Mutate;
		let id = pallet_listings::NextListingId::<Runtime>::get();
		let deposit = ListingDepositBase::get();
		let _ = Balances::mint_into(seller, deposit.saturating_mul(2));
		let _ = Listings::create_listing(
			frame_system::RawOrigin::Signed(seller.clone()).into(),
			unit_price,
			stock,
			1,
			Default::default(),
		);
		id
	}
}
