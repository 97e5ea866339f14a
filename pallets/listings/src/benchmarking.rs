//! Benchmarks of every call, each at its worst case: the longest metadata, and a seller who
//! already has the most listings but one (so the per-seller index is at its largest).

use super::*;
use crate::pallet::{BalanceOf, Listings};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Bounded, Saturating};

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<T: Config> {
	/// A unit price the runtime accepts.
	fn unit_price() -> BalanceOf<T>;

	/// The accepted asset that costs the most to check: in the runtime a foreign asset, whose
	/// registration and rate `create_listing` reads (the helper registers it).
	fn price_asset() -> T::AssetKind;
}

impl<T: Config> BenchmarkHelper<T> for ()
where
	T::AssetKind: Default,
{
	fn unit_price() -> BalanceOf<T> {
		1u32.into()
	}

	fn price_asset() -> T::AssetKind {
		Default::default()
	}
}

fn funded_seller<T: Config>() -> T::AccountId {
	let seller: T::AccountId = whitelisted_caller();
	// Enough for every deposit the benchmark may hold, without risking an overflow.
	let funds = BalanceOf::<T>::max_value() / 4u32.into();
	T::Currency::set_balance(&seller, funds);
	seller
}

fn metadata<T: Config>(len: u32) -> BoundedVec<u8, T::MaxMetadataLen> {
	let bytes = alloc::vec![0xAB; len as usize];
	BoundedVec::try_from(bytes).unwrap_or_default()
}

/// Creates `count` listings of `seller` with the longest metadata; returns the last id.
fn listings_of<T: Config>(seller: &T::AccountId, count: u32) -> Result<ListingId, BenchmarkError> {
	let mut last = None;
	for _ in 0..count {
		last = Some(Pallet::<T>::do_create_listing(
			seller.clone(),
			T::BenchmarkHelper::price_asset(),
			T::BenchmarkHelper::unit_price(),
			100,
			1,
			metadata::<T>(T::MaxMetadataLen::get()),
		)?);
	}
	last.ok_or(BenchmarkError::Stop("no listing created"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_listing(m: Linear<0, { T::MaxMetadataLen::get() }>) -> Result<(), BenchmarkError> {
		let seller = funded_seller::<T>();
		let existing = T::MaxListingsPerSeller::get().saturating_sub(1);
		if existing > 0 {
			listings_of::<T>(&seller, existing)?;
		}
		let price = T::BenchmarkHelper::unit_price();
		let asset = T::BenchmarkHelper::price_asset();

		#[extrinsic_call]
		_(RawOrigin::Signed(seller.clone()), asset, price, 1_000, 7, metadata::<T>(m));

		assert_eq!(ListingCount::<T>::get(&seller), existing.saturating_add(1));
		Ok(())
	}

	#[benchmark]
	fn set_price() -> Result<(), BenchmarkError> {
		let seller = funded_seller::<T>();
		let listing = listings_of::<T>(&seller, 1)?;
		let price = T::BenchmarkHelper::unit_price().saturating_add(1u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing, price);

		assert_eq!(Listings::<T>::get(listing).map(|l| l.unit_price), Some(price));
		Ok(())
	}

	#[benchmark]
	fn set_stock() -> Result<(), BenchmarkError> {
		let seller = funded_seller::<T>();
		let listing = listings_of::<T>(&seller, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing, 42);

		assert_eq!(Listings::<T>::get(listing).map(|l| l.stock), Some(42));
		Ok(())
	}

	#[benchmark]
	fn set_metadata(m: Linear<0, { T::MaxMetadataLen::get() }>) -> Result<(), BenchmarkError> {
		let seller = funded_seller::<T>();
		// From empty metadata, so every `m` > 0 holds more deposit (the dearer direction).
		let listing = Pallet::<T>::do_create_listing(
			seller.clone(),
			T::BenchmarkHelper::price_asset(),
			T::BenchmarkHelper::unit_price(),
			1,
			1,
			BoundedVec::default(),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing, metadata::<T>(m));

		assert_eq!(Listings::<T>::get(listing).map(|l| l.metadata.len() as u32), Some(m));
		Ok(())
	}

	#[benchmark]
	fn pause() -> Result<(), BenchmarkError> {
		let seller = funded_seller::<T>();
		let listing = listings_of::<T>(&seller, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing);

		assert_eq!(Listings::<T>::get(listing).map(|l| l.status), Some(ListingStatus::Paused));
		Ok(())
	}

	#[benchmark]
	fn resume() -> Result<(), BenchmarkError> {
		let seller = funded_seller::<T>();
		let listing = listings_of::<T>(&seller, 1)?;
		Pallet::<T>::pause(RawOrigin::Signed(seller.clone()).into(), listing)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing);

		assert_eq!(Listings::<T>::get(listing).map(|l| l.status), Some(ListingStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn close() -> Result<(), BenchmarkError> {
		let seller = funded_seller::<T>();
		let listing = listings_of::<T>(&seller, T::MaxListingsPerSeller::get())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing);

		assert!(Listings::<T>::get(listing).is_none());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
