//! Pallets in the runtime only when it is built for benchmarks (`runtime-benchmarks`): peers
//! whose weights, measured in the same run and runtime configuration as Bazaar's own (the same
//! storage prices, the same state layout), are set beside Bazaar's in
//! `benchmarks/results/weights-comparison.md`. The chain never runs them: a runtime built
//! without the feature has neither the pallets nor their storage.
//!
//! - `pallet_nfts`: `buy_item` is the SDK's own purchase with a price witness (the buyer names the
//!   highest price it pays, as `place_order`'s `max_unit_price` does): it pays the seller, moves
//!   the item and clears its price, without escrow, deadlines or indexes.

use crate::{
	deposit, AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeEvent, Signature, DAYS,
	UNIT,
};
use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32},
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::traits::Verify;

parameter_types! {
	/// Asset Hub's deposits, in BZR: a collection, an item, metadata and attributes by bytes.
	pub const NftsCollectionDeposit: Balance = 10 * UNIT;
	pub const NftsItemDeposit: Balance = UNIT / 100;
	pub const NftsMetadataDepositBase: Balance = deposit(1, 129);
	pub const NftsAttributeDepositBase: Balance = deposit(1, 0);
	pub const NftsDepositPerByte: Balance = deposit(0, 1);
	pub const NftsMaxDeadlineDuration: BlockNumber = 365 * DAYS;
	pub NftsFeatures: pallet_nfts::PalletFeatures = pallet_nfts::PalletFeatures::all_enabled();
}

impl pallet_nfts::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Locker = ();
	type CollectionDeposit = NftsCollectionDeposit;
	type ItemDeposit = NftsItemDeposit;
	type MetadataDepositBase = NftsMetadataDepositBase;
	type AttributeDepositBase = NftsAttributeDepositBase;
	type DepositPerByte = NftsDepositPerByte;
	type StringLimit = ConstU32<256>;
	type KeyLimit = ConstU32<64>;
	type ValueLimit = ConstU32<256>;
	type ApprovalsLimit = ConstU32<20>;
	type ItemAttributesApprovalsLimit = ConstU32<30>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = NftsMaxDeadlineDuration;
	type MaxAttributesPerCall = ConstU32<10>;
	type Features = NftsFeatures;
	type OffchainSignature = Signature;
	type OffchainPublic = <Signature as Verify>::Signer;
	type WeightInfo = pallet_nfts::weights::SubstrateWeight<Runtime>;
	type Helper = ();
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}
