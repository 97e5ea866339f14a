//! Commerce: the catalog (listings) and escrowed orders. Reputation and recommendations join
//! them as their pallets land.

use crate::{
	deposit, AccountId, Balance, Balances, BlockNumber, Listings, Runtime, RuntimeEvent,
	RuntimeHoldReason, DAYS, MINUTES,
};
use frame_support::{
	parameter_types,
	traits::{ConstU32, Get},
	PalletId,
};
use frame_system::EnsureRoot;
use polkadot_runtime_common::prod_or_fast;
use sp_runtime::{traits::AccountIdConversion, Perbill, Permill};

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

/// The treasury's account: the standard `py/trsry` pallet id, so the treasury pallet (with
/// governance) finds the market fees already in its pot.
pub struct TreasuryAccount;
impl Get<AccountId> for TreasuryAccount {
	fn get() -> AccountId {
		PalletId(*b"py/trsry").into_account_truncating()
	}
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
}

impl pallet_orders::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Inventory = Listings;
	/// Reputation and recommendations will listen here.
	type OnOrderSettled = ();
	type FeeDestination = TreasuryAccount;
	/// Until OpenGov lands: the sudo key (root) sets the fee and rules on disputes.
	type AdminOrigin = EnsureRoot<AccountId>;
	type ArbitratorOrigin = EnsureRoot<AccountId>;
	type MaxMarketFee = MaxMarketFee;
	type ShipWindow = ShipWindow;
	type ConfirmWindow = ConfirmWindow;
	type RulingWindow = RulingWindow;
	type RulingFallbackBuyerShare = RulingFallbackBuyerShare;
	type RetentionPeriod = RetentionPeriod;
	/// A NaCl box of a postal address: 72 bytes of envelope plus up to 440 of text.
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

/// Creates real listings for the orders benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ListingsForBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_orders::benchmarking::BenchmarkHelper<AccountId, Balance> for ListingsForBenchmarks {
	fn create_listing(seller: &AccountId, unit_price: Balance, stock: u32) -> u32 {
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
