//! Benchmarks (v2) of the reputation pallet, each at its worst case: the rating that completes a
//! window (and removes it) and pays the rating fee, and `n` closed windows in the hook.

use super::*;
use bazaar_primitives::{OrderId, Settlement, SettlementOutcome};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get, Hooks,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::Saturating;

const SEED: u32 = 0;

/// Settles order `order` between `buyer` and `seller` as completed and shipped, opening its
/// rating window.
fn settled<T: Config>(order: OrderId, buyer: &T::AccountId, seller: &T::AccountId) {
	Pallet::<T>::record_settlement(&Settlement {
		order,
		buyer: buyer.clone(),
		seller: seller.clone(),
		listing: 0,
		quantity: 1,
		value: T::PriorWeight::get(),
		outcome: SettlementOutcome::Completed,
		shipped: true,
	});
}

/// Gives `who` enough to pay a few rating fees and stay alive.
fn fund<T: Config>(who: &T::AccountId) {
	let fee = T::RatingFee::get();
	let enough = T::Currency::minimum_balance().saturating_add(fee.saturating_mul(10u32.into()));
	T::Currency::set_balance(who, enough);
}

fn now<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The second rating of an order: it also removes the completed window.
	#[benchmark]
	fn rate() -> Result<(), BenchmarkError> {
		let buyer: T::AccountId = account("buyer", 0, SEED);
		let seller: T::AccountId = account("seller", 0, SEED);
		fund::<T>(&buyer);
		fund::<T>(&seller);
		settled::<T>(0, &buyer, &seller);
		Pallet::<T>::rate(RawOrigin::Signed(seller.clone()).into(), 0, 4, None)
			.map_err(|_| BenchmarkError::Stop("the seller's rating failed"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), 0, 5, Some(H256::repeat_byte(1)));

		assert!(Ratings::<T>::contains_key(&seller, 0));
		assert!(!RatingWindows::<T>::contains_key(0));
		Ok(())
	}

	/// `n` windows of the legacy queue that closed unrated, each removed with its queue entry.
	#[benchmark]
	fn on_initialize_close_windows(n: Linear<0, { T::MaxExpiriesPerBlock::get() }>) {
		let buyer: T::AccountId = account("buyer", 0, SEED);
		let seller: T::AccountId = account("seller", 0, SEED);
		for order in 0..n {
			settled::<T>(order.into(), &buyer, &seller);
			// Queued as the pallet did before windows went with their orders.
			WindowQueue::<T>::insert(u64::from(order), OrderId::from(order));
		}
		WindowQueueTail::<T>::put(u64::from(n));
		let closed = now::<T>().saturating_add(T::RatingWindow::get());
		frame_system::Pallet::<T>::set_block_number(closed);

		#[block]
		{
			Pallet::<T>::on_initialize(closed);
		}

		assert_eq!(WindowQueueHead::<T>::get(), u64::from(n));
		assert_eq!(RatingWindows::<T>::iter().count(), 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
