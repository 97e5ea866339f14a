//! A test runtime with balances, a foreign asset (USDT, in `pallet-assets` with holds from
//! `pallet-assets-holder`, at a mock rate of 2 USDT units per native unit), this pallet, a
//! storage-backed mock inventory and a recording mock `OnOrderSettled` and `OnOrderPruned`.

use crate as pallet_orders;
use bazaar_primitives::{
	Inventory, ListingId, OnOrderPruned, OnOrderSettled, OrderId, PaymentAsset, Quote, Settlement,
};
use codec::{Decode, Encode};
use frame_support::{
	derive_impl, parameter_types,
	storage::unhashed,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		tokens::{ConversionFromAssetBalance, ConversionToAssetBalance},
		AsEnsureOriginWithArg, ConstU32, ConstU64, Hooks,
	},
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::{BuildStorage, DispatchError, DispatchResult, Perbill, Permill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		AssetsHolder: pallet_assets_holder,
		OrderBook: pallet_orders,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	// As the runtime: `place_order` refunds storage accesses priced by it.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

parameter_types! {
	pub static ExistentialDeposit: Balance = 1;
	/// Order deposits are zero unless a test sets them (the deposit tests do), so the other
	/// tests' balance figures stay about escrow alone.
	pub static OrderDepositBase: Balance = 0;
	pub static OrderDepositPerByte: Balance = 0;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Currency = Balances;
	type Holder = AssetsHolder;
}

impl pallet_assets_holder::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeEvent = RuntimeEvent;
}

/// The native currency.
pub const NATIVE: PaymentAsset = NativeOrWithId::Native;
/// USDT's id in the mock's assets pallet.
pub const USDT_ID: u32 = 1984;
/// A foreign asset, with a rate.
pub const USDT: PaymentAsset = NativeOrWithId::WithId(USDT_ID);
/// USDT's minimum balance.
pub const USDT_MIN_BALANCE: Balance = 10;
/// USDT units per native unit.
pub const USDT_PER_NATIVE: Balance = 2;

parameter_types! {
	/// Whether USDT has a rate (a test removes it).
	pub static UsdtHasRate: bool = true;
}

/// Governed rates, as `pallet-asset-rate` gives them: the native currency at par,
/// [`USDT_PER_NATIVE`] for USDT while [`UsdtHasRate`], nothing for any other asset.
pub struct MockRate;

impl MockRate {
	fn usdt_per_native(asset: &PaymentAsset) -> Result<Option<Balance>, ()> {
		match asset {
			NativeOrWithId::Native => Ok(None),
			NativeOrWithId::WithId(USDT_ID) if UsdtHasRate::get() => Ok(Some(USDT_PER_NATIVE)),
			NativeOrWithId::WithId(_) => Err(()),
		}
	}
}

impl ConversionToAssetBalance<Balance, PaymentAsset, Balance> for MockRate {
	type Error = ();
	fn to_asset_balance(balance: Balance, asset: PaymentAsset) -> Result<Balance, ()> {
		Ok(Self::usdt_per_native(&asset)?.map_or(balance, |rate| balance * rate))
	}
}

impl ConversionFromAssetBalance<Balance, PaymentAsset, Balance> for MockRate {
	type Error = ();
	fn from_asset_balance(balance: Balance, asset: PaymentAsset) -> Result<Balance, ()> {
		Ok(Self::usdt_per_native(&asset)?.map_or(balance, |rate| balance / rate))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(_: PaymentAsset) {}
}

pub const BUYER: AccountId = 1;
pub const SELLER: AccountId = 2;
pub const OTHER: AccountId = 3;
pub const COURIER: AccountId = 4;
pub const POOR: AccountId = 5;
pub const SELLER2: AccountId = 6;
pub const TREASURY: AccountId = 99;
pub const INITIAL_BALANCE: Balance = 100_000;

pub const SHIP_WINDOW: u64 = 10;
pub const CONFIRM_WINDOW: u64 = 20;
pub const RULING_WINDOW: u64 = 30;
pub const RETENTION: u64 = 50;
pub const MAX_EXPIRIES_PER_BLOCK: u32 = 3;
pub const MAX_SEALED_LEN: u32 = 256;
pub const KEY_DEPOSIT: Balance = 100;
/// The smallest dispute deposit; an order worth more than 10 times this holds 10% of its value.
pub const MIN_DISPUTE_DEPOSIT: Balance = 5;

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub const MaxMarketFee: Permill = Permill::from_percent(10);
	pub const FallbackShare: Perbill = Perbill::from_percent(50);
	pub const DisputeDepositShare: Perbill = Perbill::from_percent(10);
}

impl pallet_orders::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type AssetKind = PaymentAsset;
	type Assets = UnionOf<Balances, AssetsHolder, NativeFromLeft, PaymentAsset, AccountId>;
	type NativeRate = MockRate;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Inventory = MockInventory;
	type OnOrderSettled = RecordSettlements;
	type OnOrderPruned = RecordSettlements;
	type FeeDestination = Treasury;
	type AdminOrigin = EnsureRoot<AccountId>;
	type ArbitratorOrigin = EnsureRoot<AccountId>;
	type MaxMarketFee = MaxMarketFee;
	type ShipWindow = ConstU64<SHIP_WINDOW>;
	type ConfirmWindow = ConstU64<CONFIRM_WINDOW>;
	type RulingWindow = ConstU64<RULING_WINDOW>;
	type RulingFallbackBuyerShare = FallbackShare;
	type DisputeDepositShare = DisputeDepositShare;
	type MinDisputeDeposit = ConstU64<MIN_DISPUTE_DEPOSIT>;
	type RetentionPeriod = ConstU64<RETENTION>;
	type EncryptionKeyDeposit = ConstU64<KEY_DEPOSIT>;
	type OrderDepositBase = OrderDepositBase;
	type OrderDepositPerByte = OrderDepositPerByte;
	type MaxSealedDetailsLen = ConstU32<MAX_SEALED_LEN>;
	type MaxDeliveryCodeLen = ConstU32<32>;
	type MinDeliveryCodeLen = ConstU32<8>;
	type MaxExpiriesPerBlock = ConstU32<MAX_EXPIRIES_PER_BLOCK>;
	type MaxOrdersPerPage = ConstU32<5>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockInventory;
}

/// A listing of the mock inventory.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct MockListing {
	pub seller: AccountId,
	pub asset: PaymentAsset,
	pub unit_price: Balance,
	pub available: u32,
	pub paused: bool,
}

/// A catalog kept in (transactional) storage, so a failed call rolls it back like real storage.
pub struct MockInventory;

const LISTING_PREFIX: &[u8] = b"mock/listing/";
const NEXT_LISTING: &[u8] = b"mock/next_listing";
const SETTLEMENTS: &[u8] = b"mock/settlements";
const PRUNES: &[u8] = b"mock/prunes";

impl MockInventory {
	fn key(id: ListingId) -> Vec<u8> {
		(LISTING_PREFIX, id).encode()
	}

	/// The listing, if any.
	pub fn get(id: ListingId) -> Option<MockListing> {
		unhashed::get(&Self::key(id))
	}

	/// Stores `listing` under `id`.
	pub fn put(id: ListingId, listing: MockListing) {
		unhashed::put(&Self::key(id), &listing);
	}

	/// Creates a listing priced in the native currency and returns its id.
	pub fn create(seller: AccountId, unit_price: Balance, available: u32) -> ListingId {
		Self::create_in(seller, NATIVE, unit_price, available)
	}

	/// Creates a listing priced in `asset` and returns its id.
	pub fn create_in(
		seller: AccountId,
		asset: PaymentAsset,
		unit_price: Balance,
		available: u32,
	) -> ListingId {
		let id: ListingId = unhashed::get_or_default(NEXT_LISTING);
		unhashed::put(NEXT_LISTING, &(id + 1));
		Self::put(id, MockListing { seller, asset, unit_price, available, paused: false });
		id
	}

	/// Changes a listing.
	pub fn update(id: ListingId, f: impl FnOnce(&mut MockListing)) {
		let mut listing = Self::get(id).expect("listing exists");
		f(&mut listing);
		Self::put(id, listing);
	}

	/// Removes a listing (closed by its seller).
	pub fn close(id: ListingId) {
		unhashed::kill(&Self::key(id));
	}

	/// Units available.
	pub fn available(id: ListingId) -> u32 {
		Self::get(id).map_or(0, |l| l.available)
	}
}

impl Inventory<AccountId, PaymentAsset, Balance> for MockInventory {
	fn quote(listing: ListingId) -> Result<Quote<AccountId, PaymentAsset, Balance>, DispatchError> {
		let l = Self::get(listing).ok_or(DispatchError::Other("UnknownListing"))?;
		Ok(Quote {
			seller: l.seller,
			price_asset: l.asset,
			unit_price: l.unit_price,
			available: l.available,
			accepts_orders: !l.paused,
			category: 0,
		})
	}

	fn reserve(listing: ListingId, quantity: u32) -> DispatchResult {
		let mut l = Self::get(listing).ok_or(DispatchError::Other("UnknownListing"))?;
		if l.paused {
			return Err(DispatchError::Other("Paused"));
		}
		l.available = l.available.checked_sub(quantity).ok_or(DispatchError::Other("Stock"))?;
		Self::put(listing, l);
		Ok(())
	}

	fn release(listing: ListingId, quantity: u32) {
		if let Some(mut l) = Self::get(listing) {
			l.available += quantity;
			Self::put(listing, l);
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId, PaymentAsset, Balance> for MockInventory {
	fn payment_asset() -> PaymentAsset {
		USDT
	}

	fn fund(asset: &PaymentAsset, who: &AccountId, amount: Balance) {
		use frame_support::traits::{fungible::Mutate as _, fungibles::Mutate as _};
		match asset {
			NativeOrWithId::Native => {
				let _ = Balances::mint_into(who, amount);
			},
			NativeOrWithId::WithId(id) => {
				let _ = Assets::mint_into(*id, who, amount);
			},
		}
	}

	fn create_listing(seller: &AccountId, unit_price: Balance, stock: u32) -> ListingId {
		Self::create_in(*seller, USDT, unit_price, stock)
	}
}

/// Records every settlement it is told about (in storage).
pub struct RecordSettlements;

impl RecordSettlements {
	/// The settlements so far.
	pub fn all() -> Vec<Settlement<AccountId, Balance>> {
		unhashed::get_or_default(SETTLEMENTS)
	}
}

impl OnOrderSettled<AccountId, Balance> for RecordSettlements {
	fn on_order_settled(settlement: &Settlement<AccountId, Balance>) {
		let mut all = Self::all();
		all.push(settlement.clone());
		unhashed::put(SETTLEMENTS, &all);
	}
}

impl RecordSettlements {
	/// The ids of the orders pruned so far, in pruning order.
	pub fn pruned() -> Vec<OrderId> {
		unhashed::get_or_default(PRUNES)
	}
}

impl OnOrderPruned for RecordSettlements {
	fn on_order_pruned(order: OrderId) {
		let mut all = Self::pruned();
		all.push(order);
		unhashed::put(PRUNES, &all);
	}
}

/// The listing every default test uses: sold by `SELLER` at 100 a unit, 10 in stock.
pub const LISTING: ListingId = 0;
pub const PRICE: Balance = 100;
pub const STOCK: u32 = 10;

/// Builds the genesis state of a test.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	market_fee: Permill,
	listings: Vec<(AccountId, Balance, u32)>,
	existential_deposit: Balance,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			balances: vec![
				(BUYER, INITIAL_BALANCE),
				(SELLER, INITIAL_BALANCE),
				(OTHER, INITIAL_BALANCE),
				(COURIER, 1_000),
				(POOR, 50),
				(SELLER2, INITIAL_BALANCE),
				(TREASURY, 1),
			],
			market_fee: Permill::from_percent(2),
			listings: vec![(SELLER, PRICE, STOCK)],
			existential_deposit: 1,
		}
	}
}

impl ExtBuilder {
	/// Gives `who` a starting balance.
	pub fn with_balance(mut self, who: AccountId, amount: Balance) -> Self {
		self.balances.retain(|(a, _)| *a != who);
		if amount > 0 {
			self.balances.push((who, amount));
		}
		self
	}

	/// Sets the genesis market fee.
	pub fn with_market_fee(mut self, fee: Permill) -> Self {
		self.market_fee = fee;
		self
	}

	/// Adds a listing (ids follow `LISTING`).
	pub fn with_listing(mut self, seller: AccountId, unit_price: Balance, stock: u32) -> Self {
		self.listings.push((seller, unit_price, stock));
		self
	}

	/// Sets the existential deposit.
	pub fn with_existential_deposit(mut self, ed: Balance) -> Self {
		self.existential_deposit = ed;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		ExistentialDeposit::set(self.existential_deposit);
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_orders::GenesisConfig::<Test> { market_fee: self.market_fee, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		// USDT, sufficient (an account may hold it without the native currency), with
		// `INITIAL_BALANCE` for the buyer, the sellers and OTHER.
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(USDT_ID, TREASURY, true, USDT_MIN_BALANCE)],
			accounts: [BUYER, SELLER, OTHER, SELLER2]
				.into_iter()
				.map(|who| (USDT_ID, who, INITIAL_BALANCE))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		let listings = self.listings;
		ext.execute_with(|| {
			System::set_block_number(1);
			for (seller, price, stock) in listings {
				MockInventory::create(seller, price, stock);
			}
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			OrderBook::do_try_state().expect("invariants hold after the test");
		});
	}
}

/// The default test externalities (used by the benchmark tests).
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	// The benchmarks measure the deposit's holds and payments: make it non-zero.
	OrderDepositBase::set(10);
	ExtBuilder::default().build()
}

/// What is held from `who` for its published encryption key.
pub fn key_deposit_held(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&crate::HoldReason::EncryptionKeyDeposit.into(), &who)
}

/// What is held from `who` as the storage deposit of its orders.
pub fn order_deposits_held(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&crate::HoldReason::OrderDeposit.into(), &who)
}

/// What `who` has on hold in USDT for `reason`.
pub fn usdt_held(reason: crate::HoldReason, who: AccountId) -> Balance {
	use frame_support::traits::fungibles::InspectHold;
	AssetsHolder::balance_on_hold(USDT_ID, &reason.into(), &who)
}

/// `who`'s USDT balance (free; holds are not in it).
pub fn usdt(who: AccountId) -> Balance {
	Assets::balance(USDT_ID, who)
}

/// Runs the hook of every block up to `n`.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		OrderBook::on_initialize(next);
		OrderBook::do_try_state().expect("invariants hold after each block");
	}
}

/// The events this pallet emitted so far.
pub fn orders_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::OrderBook(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// The amount `who` holds in escrow.
pub fn escrowed(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&crate::HoldReason::Escrow.into(), &who)
}

/// `who`'s free balance.
pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}
