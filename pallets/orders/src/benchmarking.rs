//! Benchmarks (v2) of the orders pallet. Each covers the worst case of its call: the most
//! expensive settlement branch and the longest sealed details and delivery code. Scheduling a
//! deadline writes one entry of the deadline index whatever else is due in that block, so the
//! calls have no deadline worst case; the hook's is every entry in a block of its own.
//!
//! Orders are paid in [`BenchmarkHelper::payment_asset`]: in the runtime a foreign asset, whose
//! holds and transfers cost more than the native currency's (the asset's records, the holder's,
//! and its rate for the deposits).

use super::*;
use alloc::{vec, vec::Vec};
use bazaar_primitives::{ListingId, OrderId};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		fungibles::Inspect as _,
		EnsureOrigin, Get, Hooks,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::{
	traits::{One, Saturating, Zero},
	Perbill,
};

const SEED: u32 = 0;

/// Sets up what the benchmarks need in the runtime's inventory and assets.
pub trait BenchmarkHelper<AccountId, AssetKind, Balance> {
	/// The asset the benchmarks' orders are paid in: the dearest one the runtime accepts (a
	/// foreign asset, registered and given a rate by this call).
	fn payment_asset() -> AssetKind;

	/// Gives `who` `amount` of `asset` (on top of any it has).
	fn fund(asset: &AssetKind, who: &AccountId, amount: Balance);

	/// Creates a listing sold by `seller` at `unit_price` of [`Self::payment_asset`] with
	/// `stock` units, accepting orders.
	fn create_listing(seller: &AccountId, unit_price: Balance, stock: u32) -> ListingId;

	/// Puts `buyer` where the runtime's [`Config::OnOrderSettled`] hooks do the most work when
	/// its orders settle (e.g. a full purchase history to extend), so the settling calls'
	/// weights cover them.
	fn prepare_worst_case_buyer(_buyer: &AccountId) {}
}

fn price<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance()
		.saturating_mul(100u32.into())
		.max(1_000u32.into())
}

/// An account with plenty of the native currency and of the payment asset.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let plenty = price::<T>().saturating_mul(1_000_000u32.into());
	T::Currency::set_balance(&who, plenty);
	T::BenchmarkHelper::fund(&T::BenchmarkHelper::payment_asset(), &who, plenty);
	who
}

/// A buyer, a seller with an encryption key and a listing; the highest market fee; a fee
/// destination that exists.
fn setup<T: Config>() -> (T::AccountId, T::AccountId, ListingId) {
	let seller = funded::<T>("seller", 0);
	let buyer = funded::<T>("buyer", 0);
	let listing = T::BenchmarkHelper::create_listing(&seller, price::<T>(), 10_000);
	T::BenchmarkHelper::prepare_worst_case_buyer(&buyer);
	// The fee destination holds the asset already: paying the fee writes its balance only.
	let treasury = T::FeeDestination::get();
	if T::Currency::balance(&treasury).is_zero() {
		T::Currency::set_balance(&treasury, T::Currency::minimum_balance());
	}
	T::BenchmarkHelper::fund(&T::BenchmarkHelper::payment_asset(), &treasury, price::<T>());
	MarketFee::<T>::put(T::MaxMarketFee::get());
	EncryptionKeys::<T>::insert(&seller, SellerKey { key: SELLER_KEY, deposit: Zero::zero() });
	(buyer, seller, listing)
}

/// The `index`-th funded buyer, set up for the most work in the settlement hooks.
fn worst_case_buyer<T: Config>(index: u32) -> T::AccountId {
	let buyer = funded::<T>("buyer", index.saturating_add(1));
	T::BenchmarkHelper::prepare_worst_case_buyer(&buyer);
	buyer
}

/// The encryption key the benchmarks' seller publishes.
const SELLER_KEY: EncryptionKey = [1u8; 32];

/// The longest sealed details, sealed to the key `setup` publishes for the seller.
fn sealed<T: Config>() -> SealedToKeyOf<T> {
	SealedToKey {
		key: SELLER_KEY,
		sealed: BoundedVec::truncate_from(vec![7u8; T::MaxSealedDetailsLen::get() as usize]),
	}
}

/// The longest delivery code, unique to order `id` (no two stored orders may share a code).
fn code<T: Config>(id: OrderId) -> DeliveryCodeOf<T> {
	let mut code = vec![1u8; T::MaxDeliveryCodeLen::get() as usize];
	for (byte, id_byte) in code.iter_mut().zip(id.to_le_bytes()) {
		*byte = id_byte;
	}
	BoundedVec::truncate_from(code)
}

fn code_hash<T: Config>(id: OrderId) -> H256 {
	H256(sp_io::hashing::blake2_256(&code::<T>(id)))
}

fn now<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

fn place<T: Config>(buyer: &T::AccountId, listing: ListingId) -> Result<OrderId, BenchmarkError> {
	let id = NextOrderId::<T>::get();
	Pallet::<T>::place_order(
		RawOrigin::Signed(buyer.clone()).into(),
		listing,
		1,
		price::<T>(),
		Some(code_hash::<T>(id)),
		Some(sealed::<T>()),
	)
	.map_err(|_| BenchmarkError::Stop("place_order failed"))?;
	Ok(id)
}

fn shipped<T: Config>(
	buyer: &T::AccountId,
	seller: &T::AccountId,
	listing: ListingId,
) -> Result<OrderId, BenchmarkError> {
	let id = place::<T>(buyer, listing)?;
	Pallet::<T>::ship(RawOrigin::Signed(seller.clone()).into(), id, H256::repeat_byte(1))
		.map_err(|_| BenchmarkError::Stop("ship failed"))?;
	Ok(id)
}

fn disputed<T: Config>(
	buyer: &T::AccountId,
	seller: &T::AccountId,
	listing: ListingId,
) -> Result<OrderId, BenchmarkError> {
	let id = shipped::<T>(buyer, seller, listing)?;
	Pallet::<T>::open_dispute(RawOrigin::Signed(buyer.clone()).into(), id, H256::repeat_byte(2))
		.map_err(|_| BenchmarkError::Stop("open_dispute failed"))?;
	Ok(id)
}

fn assert_settled<T: Config>(id: OrderId) {
	assert!(Orders::<T>::get(id).is_some_and(|o| o.state.is_terminal()));
}

fn retention<T: Config>() -> BlockNumberFor<T> {
	now::<T>().saturating_add(T::RetentionPeriod::get())
}

/// Makes an order between a buyer and a seller of a listing, taken to some state.
type MakeOrder<T> = fn(
	&<T as frame_system::Config>::AccountId,
	&<T as frame_system::Config>::AccountId,
	ListingId,
) -> Result<OrderId, BenchmarkError>;

/// `n` orders made by `make`, each by its own buyer (the settlement hooks read and write each
/// buyer's records) and in its own block, so each deadline is alone in its block (the hook scans
/// one block per entry, its worst case). Their deadlines (`window` after the last step) have all
/// passed at the returned block, and the deadline cursor waits at the first.
fn expiring<T: Config>(
	n: u32,
	make: MakeOrder<T>,
	window: BlockNumberFor<T>,
) -> Result<(Vec<OrderId>, BlockNumberFor<T>), BenchmarkError> {
	let (_, seller, listing) = setup::<T>();
	let start = now::<T>();
	let mut ids = vec![];
	let mut block = start;
	for i in 0..n {
		let buyer = worst_case_buyer::<T>(i);
		ids.push(make(&buyer, &seller, listing)?);
		block = block.saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(block);
	}
	DeadlineCursor::<T>::put(start.saturating_add(window));
	let last = block.saturating_add(window);
	frame_system::Pallet::<T>::set_block_number(last);
	Ok((ids, last))
}

/// Moves to the block `id`'s pending deadline passes in.
fn at_deadline<T: Config>(id: OrderId) -> Result<(), BenchmarkError> {
	let deadline = Orders::<T>::get(id)
		.and_then(|o| o.state.deadline())
		.ok_or(BenchmarkError::Stop("no deadline"))?;
	frame_system::Pallet::<T>::set_block_number(deadline);
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn place_order() -> Result<(), BenchmarkError> {
		let (buyer, _, listing) = setup::<T>();
		let id = NextOrderId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(buyer),
			listing,
			1,
			price::<T>(),
			Some(code_hash::<T>(id)),
			Some(sealed::<T>()),
		);

		assert!(Orders::<T>::contains_key(id));
		Ok(())
	}

	/// The first publication, which holds the deposit (a replacement only overwrites the key).
	#[benchmark]
	fn set_encryption_key() {
		let seller = funded::<T>("seller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(seller.clone()), [3u8; 32]);

		let deposit = T::EncryptionKeyDeposit::get();
		assert_eq!(EncryptionKeys::<T>::get(&seller), Some(SellerKey { key: [3u8; 32], deposit }));
	}

	#[benchmark]
	fn clear_encryption_key() -> Result<(), BenchmarkError> {
		let seller = funded::<T>("seller", 0);
		Pallet::<T>::set_encryption_key(RawOrigin::Signed(seller.clone()).into(), [3u8; 32])?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller.clone()));

		assert!(!EncryptionKeys::<T>::contains_key(&seller));
		Ok(())
	}

	#[benchmark]
	fn ship() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = place::<T>(&buyer, listing)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id, H256::repeat_byte(1));

		assert!(matches!(Orders::<T>::get(id).map(|o| o.state), Some(OrderState::Shipped { .. })));
		Ok(())
	}

	#[benchmark]
	fn reject() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = place::<T>(&buyer, listing)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id);

		assert_settled::<T>(id);
		Ok(())
	}

	#[benchmark]
	fn cancel() -> Result<(), BenchmarkError> {
		let (buyer, _, listing) = setup::<T>();
		let id = place::<T>(&buyer, listing)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);

		assert_settled::<T>(id);
		Ok(())
	}

	/// A full refund of a disputed order, the heaviest refund: the fee goes to the fee
	/// destination (kept once shipped), the settlement hooks run for a shipped order (reputation
	/// opens a rating window) and the dispute deposit is released. A refund before shipping
	/// instead releases the stock, one listing write, and skips the rest.
	#[benchmark]
	fn refund() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = disputed::<T>(&buyer, &seller, listing)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id, Perbill::one());

		assert_settled::<T>(id);
		Ok(())
	}

	/// Confirming a disputed order: the settlement also pays the dispute deposit to the seller.
	#[benchmark]
	fn confirm_receipt() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = disputed::<T>(&buyer, &seller, listing)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);

		assert_settled::<T>(id);
		Ok(())
	}

	#[benchmark]
	fn open_dispute() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = shipped::<T>(&buyer, &seller, listing)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, H256::repeat_byte(2));

		assert!(matches!(Orders::<T>::get(id).map(|o| o.state), Some(OrderState::Disputed { .. })));
		Ok(())
	}

	#[benchmark]
	fn propose_settlement() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = disputed::<T>(&buyer, &seller, listing)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id, Perbill::from_percent(50));

		assert!(Orders::<T>::get(id).is_some_and(|o| o.proposal.is_some()));
		Ok(())
	}

	/// A split pays the buyer, the seller and the fee destination.
	#[benchmark]
	fn accept_settlement() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = disputed::<T>(&buyer, &seller, listing)?;
		Pallet::<T>::propose_settlement(
			RawOrigin::Signed(seller).into(),
			id,
			Perbill::from_percent(50),
		)
		.map_err(|_| BenchmarkError::Stop("propose_settlement failed"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);

		assert_settled::<T>(id);
		Ok(())
	}

	#[benchmark]
	fn resolve() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = disputed::<T>(&buyer, &seller, listing)?;
		let origin =
			T::ArbitratorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, Perbill::from_percent(50));

		assert_settled::<T>(id);
		Ok(())
	}

	#[benchmark]
	fn reveal_delivery_code() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = shipped::<T>(&buyer, &seller, listing)?;
		let courier = funded::<T>("courier", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(courier), id, code::<T>(id));

		assert_settled::<T>(id);
		Ok(())
	}

	/// The rule-by deadline: the fallback split pays all three parties.
	#[benchmark]
	fn process_expired() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = disputed::<T>(&buyer, &seller, listing)?;
		at_deadline::<T>(id)?;
		let anyone = funded::<T>("anyone", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), id);

		assert_settled::<T>(id);
		Ok(())
	}

	/// The confirm-by deadline: the seller is paid in full, and the purchase completes (which
	/// the runtime's settlement hooks record). `process_expired` is charged the heavier of this
	/// and the rule-by case.
	#[benchmark]
	fn process_expired_completed() -> Result<(), BenchmarkError> {
		let (buyer, seller, listing) = setup::<T>();
		let id = shipped::<T>(&buyer, &seller, listing)?;
		at_deadline::<T>(id)?;
		let anyone = funded::<T>("anyone", 0);

		#[block]
		{
			Pallet::<T>::process_expired(RawOrigin::Signed(anyone).into(), id)?;
		}

		assert_settled::<T>(id);
		Ok(())
	}

	#[benchmark]
	fn prune() -> Result<(), BenchmarkError> {
		let (buyer, _, listing) = setup::<T>();
		let id = place::<T>(&buyer, listing)?;
		Pallet::<T>::cancel(RawOrigin::Signed(buyer).into(), id)
			.map_err(|_| BenchmarkError::Stop("cancel failed"))?;
		// Past the pruning block (the hooks fell behind): the deposit moves to the caller, the
		// heavier case (another account written).
		frame_system::Pallet::<T>::set_block_number(retention::<T>().saturating_add(One::one()));
		let anyone = funded::<T>("anyone", 0);
		let asset = T::BenchmarkHelper::payment_asset();
		let before = T::Assets::balance(asset.clone(), &anyone);

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone.clone()), id);

		assert!(!Orders::<T>::contains_key(id));
		assert!(T::Assets::balance(asset, &anyone) > before, "the order deposit paid the pruner");
		Ok(())
	}

	#[benchmark]
	fn set_market_fee() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let fee = T::MaxMarketFee::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, fee);

		assert_eq!(MarketFee::<T>::get(), fee);
		Ok(())
	}

	/// `n` disputed orders whose rule-by deadlines pass, each in a block of its own (a prefix
	/// scan per entry): the fallback split pays all three parties of each.
	#[benchmark]
	fn on_initialize_expire(
		n: Linear<0, { T::MaxExpiriesPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let (ids, last) = expiring::<T>(n, disputed::<T>, T::RulingWindow::get())?;

		#[block]
		{
			Pallet::<T>::on_initialize(last);
		}

		for id in ids {
			assert_settled::<T>(id);
		}
		Ok(())
	}

	/// `n` shipped orders whose confirm-by deadlines pass, each in a block of its own: each
	/// completes. The hook is charged the heavier of this and `on_initialize_expire` (rule-by) per
	/// expired order.
	#[benchmark]
	fn on_initialize_complete(
		n: Linear<0, { T::MaxExpiriesPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let (ids, last) = expiring::<T>(n, shipped::<T>, T::ConfirmWindow::get())?;

		#[block]
		{
			Pallet::<T>::on_initialize(last);
		}

		for id in ids {
			assert_settled::<T>(id);
		}
		Ok(())
	}

	/// `n` settled orders with sealed details whose retention passes, each in a block of its own.
	#[benchmark]
	fn on_initialize_prune(
		n: Linear<0, { T::MaxExpiriesPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let (buyer, _, listing) = setup::<T>();
		let start = now::<T>();
		let mut ids = vec![];
		let mut block = start;
		for _ in 0..n {
			let id = place::<T>(&buyer, listing)?;
			Pallet::<T>::cancel(RawOrigin::Signed(buyer.clone()).into(), id)
				.map_err(|_| BenchmarkError::Stop("cancel failed"))?;
			ids.push(id);
			block = block.saturating_add(One::one());
			frame_system::Pallet::<T>::set_block_number(block);
		}
		let first = start.saturating_add(T::RetentionPeriod::get());
		let last = block.saturating_add(T::RetentionPeriod::get());
		DeadlineCursor::<T>::put(first);
		frame_system::Pallet::<T>::set_block_number(last);

		#[block]
		{
			Pallet::<T>::on_initialize(last);
		}

		for id in ids {
			assert!(!Orders::<T>::contains_key(id));
		}
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
