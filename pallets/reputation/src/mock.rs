//! A test runtime with this pallet and balances (raters pay the rating fee); settlements are fed
//! to it directly, as the orders pallet would.

use crate as pallet_reputation;
use bazaar_primitives::{OnOrderSettled, OrderId, Settlement, SettlementOutcome};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks},
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Reputation: pallet_reputation,
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
}

pub const BUYER: AccountId = 1;
pub const SELLER: AccountId = 2;
pub const OTHER: AccountId = 3;
/// Receives the rating fees.
pub const TREASURY: AccountId = 99;
/// What the parties hold at genesis.
pub const ENDOWMENT: Balance = 1_000_000;

pub const RATING_WINDOW: u64 = 10;
pub const PRIOR_WEIGHT: Balance = 1_000;
pub const MAX_EXPIRIES_PER_BLOCK: u32 = 3;
pub const MAX_RATINGS_PER_PAGE: u32 = 4;

parameter_types! {
	/// What a rating costs (tests change it).
	pub static RatingFee: Balance = 5;
	pub const Treasury: AccountId = TREASURY;
}

impl pallet_reputation::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Currency = Balances;
	type RatingFee = RatingFee;
	type FeeDestination = Treasury;
	type RatingWindow = ConstU64<RATING_WINDOW>;
	type PriorWeight = ConstU64<PRIOR_WEIGHT>;
	type MaxExpiriesPerBlock = ConstU32<MAX_EXPIRIES_PER_BLOCK>;
	type MaxRatingsPerPage = ConstU32<MAX_RATINGS_PER_PAGE>;
	type WeightInfo = ();
}

/// Fresh state at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [BUYER, SELLER, OTHER].map(|who| (who, ENDOWMENT)).to_vec(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in fresh state, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Reputation::do_try_state().expect("invariants hold after the test");
	});
}

/// Tells the pallet that order `order` between `buyer` and `seller`, worth `value`, settled.
pub fn settle_between(
	order: OrderId,
	buyer: AccountId,
	seller: AccountId,
	value: Balance,
	outcome: SettlementOutcome,
	shipped: bool,
) {
	<Reputation as OnOrderSettled<AccountId, Balance>>::on_order_settled(&Settlement {
		order,
		buyer,
		seller,
		listing: 7,
		quantity: 1,
		value,
		outcome,
		shipped,
	});
}

/// `BUYER` bought from `SELLER` for `value`; the order was shipped and ended with `outcome`.
pub fn settle(order: OrderId, value: Balance, outcome: SettlementOutcome) {
	settle_between(order, BUYER, SELLER, value, outcome, true);
}

/// Runs the hook of every block up to `n`, checking the invariants after each.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Reputation::on_initialize(next);
		Reputation::do_try_state().expect("invariants hold after each block");
	}
}

/// The events this pallet emitted so far.
pub fn reputation_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Reputation(e) => Some(e),
			_ => None,
		})
		.collect()
}
