//! A test runtime with balances and this pallet.

use crate as pallet_listings;
use bazaar_primitives::PaymentAsset;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::NativeOrWithId, ConstU32, Contains},
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Listings: pallet_listings,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

pub const DEPOSIT_BASE: Balance = 100;
pub const DEPOSIT_PER_BYTE: Balance = 2;
pub const MAX_METADATA_LEN: u32 = 64;
pub const MAX_LISTINGS_PER_SELLER: u32 = 4;

parameter_types! {
	pub const DepositBase: Balance = DEPOSIT_BASE;
	pub const DepositPerByte: Balance = DEPOSIT_PER_BYTE;
}

/// The native currency.
pub const NATIVE: PaymentAsset = NativeOrWithId::Native;
/// An accepted foreign asset.
pub const USDT: PaymentAsset = NativeOrWithId::WithId(1984);
/// A foreign asset not accepted.
pub const NOT_ACCEPTED: PaymentAsset = NativeOrWithId::WithId(7);

/// The native currency and [`USDT`].
pub struct AcceptedAssets;
impl Contains<PaymentAsset> for AcceptedAssets {
	fn contains(asset: &PaymentAsset) -> bool {
		*asset == NATIVE || *asset == USDT
	}
}

impl pallet_listings::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type AssetKind = PaymentAsset;
	type AcceptedAssets = AcceptedAssets;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = DepositBase;
	type DepositPerByte = DepositPerByte;
	type MaxMetadataLen = ConstU32<MAX_METADATA_LEN>;
	type MaxListingsPerSeller = ConstU32<MAX_LISTINGS_PER_SELLER>;
	type MaxPageSize = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

pub const SELLER: AccountId = 1;
pub const OTHER: AccountId = 2;
pub const POOR: AccountId = 3;
pub const INITIAL_BALANCE: Balance = 10_000;

/// Builds the genesis state of a test.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { balances: vec![(SELLER, INITIAL_BALANCE), (OTHER, INITIAL_BALANCE), (POOR, 50)] }
	}
}

impl ExtBuilder {
	/// Gives `who` a starting balance.
	pub fn with_balance(mut self, who: AccountId, amount: Balance) -> Self {
		self.balances.push((who, amount));
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Listings::do_try_state().expect("invariants hold after the test");
		});
	}
}

/// The default test externalities (used by the benchmark tests).
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().build()
}

/// The events this pallet emitted so far.
pub fn listing_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Listings(e) => Some(e),
			_ => None,
		})
		.collect()
}
