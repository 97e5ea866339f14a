//! Commerce: the catalog (listings), escrowed orders, reputation and recommendations.

pub use super::governance::TreasuryAccount;
use super::{
	foreign_assets::{AcceptedPaymentAssets, PaymentAsset, PaymentAssetRate, PaymentAssets},
	governance::{ArbitratorOrigin, MarketAdminOrigin, ModelApproverOrigin},
};
use crate::{
	deposit, Balance, Balances, BlockNumber, Listings, Recommendations, Reputation, Runtime,
	RuntimeEvent, RuntimeHoldReason, DAYS, MINUTES, UNIT,
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
	/// BZR or an Asset Hub asset (`configs::foreign_assets`).
	type AssetKind = PaymentAsset;
	type AcceptedAssets = AcceptedPaymentAssets;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ListingDepositBase;
	type DepositPerByte = ListingDepositPerByte;
	/// Room for an IPFS CID (59 bytes for a base32 CIDv1) or a short JSON document.
	type MaxMetadataLen = ConstU32<256>;
	type MaxListingsPerSeller = ConstU32<1_000>;
	type MaxPageSize = ConstU32<100>;
	type WeightInfo = pallet_listings::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ListingsForBenchmarks;
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
	/// A dispute nobody rules on leaves the sale as it was: whoever disputes must get a ruling
	/// (the `arbitrator` track decides within 7 days and 2 hours, inside the 14-day window).
	/// Splitting by default would pay whoever opens a baseless dispute.
	pub const RulingFallbackBuyerShare: Perbill = Perbill::from_percent(0);
	/// A dispute holds 10% of the goods value from the buyer, at least 1 BZR: forfeited to the
	/// seller as far as the ruling goes against the buyer.
	pub const DisputeDepositShare: Perbill = Perbill::from_percent(10);
	pub const MinDisputeDeposit: Balance = UNIT;
	/// Settled orders stay readable for 30 days, then are pruned.
	pub const RetentionPeriod: BlockNumber = prod_or_fast!(30 * DAYS, 10 * MINUTES);
	/// A seller's encryption key: one entry of 96 bytes (hashed account id, key, deposit).
	pub const EncryptionKeyDeposit: Balance = deposit(1, 96);
	/// An order: its record (about 250 bytes with its key), its buyer and seller index entries
	/// (about 100 bytes each), its deadline entry and its delivery code entry: five entries of
	/// about 600 bytes in all, held until the order is pruned (0.16 BZR).
	pub const OrderDepositBase: Balance = deposit(5, 600);
	/// Each byte of sealed delivery details (at most 512: 0.05 BZR more).
	pub const OrderDepositPerByte: Balance = deposit(0, 1);
}

impl pallet_orders::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type AssetKind = PaymentAsset;
	/// BZR's holds and the foreign assets' holds (`configs::foreign_assets`).
	type Assets = PaymentAssets;
	/// BZR at par, a foreign asset at its `AssetRate` rate.
	type NativeRate = PaymentAssetRate;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Inventory = Listings;
	/// Reputation opens the rating window; recommendations records the buyer's purchase.
	type OnOrderSettled = (Reputation, Recommendations);
	/// Reputation removes the order's rating window, which lasts as long as the order is kept.
	type OnOrderPruned = Reputation;
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
	type DisputeDepositShare = DisputeDepositShare;
	type MinDisputeDeposit = MinDisputeDeposit;
	type RetentionPeriod = RetentionPeriod;
	type EncryptionKeyDeposit = EncryptionKeyDeposit;
	type OrderDepositBase = OrderDepositBase;
	type OrderDepositPerByte = OrderDepositPerByte;
	/// A NaCl box of a postal address: 72 bytes of envelope plus up to 440 of text.
	type MaxSealedDetailsLen = ConstU32<512>;
	type MaxDeliveryCodeLen = ConstU32<64>;
	/// 16 bytes: the storefront's codes are 16 random characters of a 32-letter alphabet (80
	/// bits), out of reach of guessing from their hash.
	type MinDeliveryCodeLen = ConstU32<16>;
	/// Handled by every block; `on_idle` handles more with the weight a block leaves.
	type MaxExpiriesPerBlock = ConstU32<32>;
	type MaxOrdersPerPage = ConstU32<100>;
	type WeightInfo = pallet_orders::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ListingsForBenchmarks;
}

parameter_types! {
	/// Every account starts as if it had 1,000 BZR of trade rated 3 stars: a top score takes
	/// several thousand BZR of well-rated trade, and faking one costs the market fee on it
	/// (see the reputation pallet's docs).
	pub const ReputationPriorWeight: Balance = 1_000 * UNIT;
	/// A rating is kept for as long as the chain lives: its 151 bytes (rated account and order
	/// keys, rater, stars, review hash, value, block) cost the rater one storage deposit, paid to
	/// the treasury and never returned (0.0351 BZR).
	pub const RatingFee: Balance = deposit(1, 151);
}

impl pallet_reputation::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Currency = Balances;
	type RatingFee = RatingFee;
	type FeeDestination = TreasuryAccount;
	/// Buyer and seller may rate each other for as long as the order is kept (30 days after it
	/// settles): the window is removed when the order is pruned (`OnOrderPruned`), so it must
	/// not outlast it.
	type RatingWindow = RetentionPeriod;
	type PriorWeight = ReputationPriorWeight;
	type MaxExpiriesPerBlock = ConstU32<32>;
	type MaxRatingsPerPage = ConstU32<100>;
	type WeightInfo = pallet_reputation::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// A model row: its two map keys (24 bytes) and up to 139 bytes of row (dimension 64).
	pub const ModelRowDeposit: Balance = deposit(1, 163);
	/// An attester answers for its attestations with 1,000 BZR: a challenger who proves one false
	/// receives a quarter of it, the treasury the rest.
	pub const AttesterBond: Balance = 1_000 * UNIT;
	/// Two weeks: the attestations of an attester who leaves stay challengeable meanwhile.
	pub const AttesterUnbondingPeriod: BlockNumber = prod_or_fast!(14 * DAYS, 20 * MINUTES);
	/// A failed challenge costs 10 BZR, so challenging honest attesters for nothing does not pay.
	pub const ChallengeDeposit: Balance = 10 * UNIT;
	/// An attestation may be challenged for a day after it is accepted.
	pub const ChallengeWindow: BlockNumber = prod_or_fast!(DAYS, 10 * MINUTES);
	/// An approved model's uploader has a week to upload its rows (a 2,000-item model takes
	/// 32 batches); unfinished by then, anyone may retire it and free its rows' storage.
	pub const ModelUploadWindow: BlockNumber = prod_or_fast!(7 * DAYS, 20 * MINUTES);
	/// The challenger's share of a slashed bond.
	pub const ChallengerReward: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(25);
	/// Attestations pay no fee, so they rank below every paying transaction (whose priority is
	/// at least 1, even without a tip): they take the block space paying users leave, at most
	/// `MaxAttestationsPerBlock` of them.
	pub const AttestationPriority: u64 = 0;
}

impl pallet_recommendations::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Root or a `model_approver` referendum approves models.
	type ModelOrigin = ModelApproverOrigin;
	type AttesterId = pallet_recommendations::crypto::AttesterId;
	type AttesterSignature = pallet_recommendations::crypto::AttesterSignature;
	type SlashDestination = TreasuryAccount;
	type RowDeposit = ModelRowDeposit;
	type AttesterBond = AttesterBond;
	type UnbondingPeriod = AttesterUnbondingPeriod;
	type ChallengeDeposit = ChallengeDeposit;
	type ChallengeWindow = ChallengeWindow;
	type UploadWindow = ModelUploadWindow;
	type ChallengerReward = ChallengerReward;
	/// A catalog of 10,000 listings: 1.6 MB of rows at the largest dimension.
	type MaxModelItems = ConstU32<10_000>;
	/// About 10 KB of rows per upload at the largest dimension.
	type MaxRowsPerUpload = ConstU32<64>;
	/// A challenge reads at most 64 history rows.
	type MaxHistory = ConstU32<64>;
	type RecommendationsPerUser = ConstU32<10>;
	type MaxStaleUsers = ConstU32<10_000>;
	/// 16 attestations take about 0.9 MB of a block's proof (12% of the normal class), and
	/// serve 16 purchases a block (230,400 a day at 6-second blocks) for free.
	type MaxAttestationsPerBlock = ConstU32<16>;
	/// Four attesters fill a block's attestations; what one attester's worker computes per
	/// block.
	type MaxAttestationsPerAttester = ConstU32<4>;
	type AttestationPriority = AttestationPriority;
	/// 64 blocks in the pool before the worker submits again.
	type AttestationLongevity = ConstU32<64>;
	type WeightInfo = pallet_recommendations::weights::SubstrateWeight<Runtime>;
}

/// Prices the listings benchmarks in USDT (the accepted asset dearest to check) and creates
/// real USDT listings for the orders benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ListingsForBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_listings::benchmarking::BenchmarkHelper<Runtime> for ListingsForBenchmarks {
	fn unit_price() -> Balance {
		1
	}

	fn price_asset() -> PaymentAsset {
		super::foreign_assets::usdt_for_benchmarks()
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl pallet_orders::benchmarking::BenchmarkHelper<crate::AccountId, PaymentAsset, Balance>
	for ListingsForBenchmarks
{
	fn payment_asset() -> PaymentAsset {
		super::foreign_assets::usdt_for_benchmarks()
	}

	fn fund(asset: &PaymentAsset, who: &crate::AccountId, amount: Balance) {
		use super::foreign_assets::PaymentAssetLocation;
		use frame_support::traits::{fungible, fungibles};
		use sp_runtime::{traits::Convert, Either};
		let _ = match PaymentAssetLocation::convert(asset.clone()) {
			Either::Left(()) => <Balances as fungible::Mutate<_>>::mint_into(who, amount),
			Either::Right(location) =>
				<crate::ForeignAssets as fungibles::Mutate<_>>::mint_into(location, who, amount),
		};
	}

	fn create_listing(seller: &crate::AccountId, unit_price: Balance, stock: u32) -> u32 {
		use frame_support::traits::fungible::Mutate;
		let id = pallet_listings::NextListingId::<Runtime>::get();
		let deposit = ListingDepositBase::get();
		let _ = Balances::mint_into(seller, deposit.saturating_mul(2));
		let _ = Listings::create_listing(
			frame_system::RawOrigin::Signed(seller.clone()).into(),
			Self::payment_asset(),
			unit_price,
			stock,
			1,
			Default::default(),
		);
		id
	}

	/// A recommendations participant with a full history: settling its orders extends it.
	fn prepare_worst_case_buyer(buyer: &crate::AccountId) {
		pallet_recommendations::benchmarking::make_full_history_participant::<Runtime>(buyer);
	}
}
