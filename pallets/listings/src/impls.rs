//! What the calls do, the [`Inventory`] the orders pallet uses, the runtime API's reads and the
//! state checks.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use bazaar_primitives::{CategoryId, Inventory, ListingId, Quote};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Contains},
};
use sp_runtime::{
	traits::{CheckedAdd, CheckedMul, Saturating, Zero},
	DispatchError,
};

impl<T: Config> Pallet<T> {
	/// The deposit for a listing with `metadata_len` bytes of metadata.
	pub fn deposit_for(metadata_len: u32) -> Result<BalanceOf<T>, DispatchError> {
		T::DepositPerByte::get()
			.checked_mul(&metadata_len.into())
			.and_then(|per_bytes| per_bytes.checked_add(&T::DepositBase::get()))
			.ok_or_else(|| Error::<T>::DepositOverflow.into())
	}

	pub(crate) fn do_create_listing(
		seller: T::AccountId,
		price_asset: T::AssetKind,
		unit_price: BalanceOf<T>,
		stock: u32,
		category: CategoryId,
		metadata: BoundedVec<u8, T::MaxMetadataLen>,
	) -> Result<ListingId, DispatchError> {
		ensure!(T::AcceptedAssets::contains(&price_asset), Error::<T>::AssetNotAccepted);
		ensure!(!unit_price.is_zero(), Error::<T>::ZeroPrice);
		let count = ListingCount::<T>::get(&seller);
		ensure!(count < T::MaxListingsPerSeller::get(), Error::<T>::TooManyListings);
		let deposit = Self::deposit_for(metadata.len() as u32)?;
		T::Currency::hold(&HoldReason::ListingDeposit.into(), &seller, deposit)
			.map_err(|_| Error::<T>::CannotAffordDeposit)?;

		let listing = NextListingId::<T>::get();
		// Ids are never reused; 4 billion listings will not be reached, but saturate rather
		// than wrap so an id can never point at two listings.
		NextListingId::<T>::put(listing.saturating_add(1));
		Listings::<T>::insert(
			listing,
			Listing {
				seller: seller.clone(),
				price_asset: price_asset.clone(),
				unit_price,
				stock,
				category,
				metadata,
				status: ListingStatus::Active,
				deposit,
				created_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		ListingsBySeller::<T>::insert(&seller, listing, ());
		ListingCount::<T>::insert(&seller, count.saturating_add(1));
		Self::deposit_event(Event::ListingCreated {
			listing,
			seller,
			price_asset,
			unit_price,
			stock,
			category,
			deposit,
		});
		Ok(listing)
	}

	/// Applies `change` to `listing` if `who` is its seller.
	pub(crate) fn mutate_own_listing(
		who: &T::AccountId,
		listing: ListingId,
		change: impl FnOnce(&mut ListingOf<T>) -> DispatchResult,
	) -> DispatchResult {
		Listings::<T>::try_mutate(listing, |maybe| {
			let details = maybe.as_mut().ok_or(Error::<T>::UnknownListing)?;
			ensure!(&details.seller == who, Error::<T>::NotSeller);
			change(details)
		})
	}

	pub(crate) fn do_set_metadata(
		seller: T::AccountId,
		listing: ListingId,
		metadata: BoundedVec<u8, T::MaxMetadataLen>,
	) -> DispatchResult {
		let new_deposit = Self::deposit_for(metadata.len() as u32)?;
		let reason = HoldReason::ListingDeposit.into();
		Self::mutate_own_listing(&seller, listing, |details| {
			let old_deposit = details.deposit;
			if new_deposit > old_deposit {
				T::Currency::hold(&reason, &seller, new_deposit.saturating_sub(old_deposit))
					.map_err(|_| Error::<T>::CannotAffordDeposit)?;
			} else if new_deposit < old_deposit {
				T::Currency::release(
					&reason,
					&seller,
					old_deposit.saturating_sub(new_deposit),
					Precision::BestEffort,
				)?;
			}
			details.deposit = new_deposit;
			details.metadata = metadata;
			Ok(())
		})?;
		Self::deposit_event(Event::MetadataChanged { listing, deposit: new_deposit });
		Ok(())
	}

	pub(crate) fn do_close(seller: T::AccountId, listing: ListingId) -> DispatchResult {
		let details = Listings::<T>::get(listing).ok_or(Error::<T>::UnknownListing)?;
		ensure!(details.seller == seller, Error::<T>::NotSeller);
		// Best effort: if less is held than recorded (it cannot be, `try_state` checks it),
		// release what there is rather than keep the listing forever.
		let deposit_released = T::Currency::release(
			&HoldReason::ListingDeposit.into(),
			&seller,
			details.deposit,
			Precision::BestEffort,
		)?;
		Listings::<T>::remove(listing);
		ListingsBySeller::<T>::remove(&seller, listing);
		ListingCount::<T>::mutate_exists(&seller, |count| {
			*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
		});
		Self::deposit_event(Event::ListingClosed { listing, deposit_released });
		Ok(())
	}

	/// A listing as the runtime API returns it.
	pub fn listing_details(id: ListingId) -> Option<ListingDetailsOf<T>> {
		Listings::<T>::get(id).map(|l| Self::to_details(id, l))
	}

	/// A page of the catalog, in storage order, after `start_after`.
	pub fn listings_page(start_after: Option<ListingId>, max: u32) -> Vec<ListingDetailsOf<T>> {
		let max = max.min(T::MaxPageSize::get()) as usize;
		let iter = match start_after {
			Some(id) => Listings::<T>::iter_from(Listings::<T>::hashed_key_for(id)),
			None => Listings::<T>::iter(),
		};
		iter.take(max).map(|(id, l)| Self::to_details(id, l)).collect()
	}

	/// A page of one seller's listings, in storage order, after `start_after`.
	pub fn listings_of_page(
		seller: T::AccountId,
		start_after: Option<ListingId>,
		max: u32,
	) -> Vec<ListingDetailsOf<T>> {
		let max = max.min(T::MaxPageSize::get()) as usize;
		let ids: Vec<ListingId> = match start_after {
			Some(id) => ListingsBySeller::<T>::iter_key_prefix_from(
				&seller,
				ListingsBySeller::<T>::hashed_key_for(&seller, id),
			)
			.take(max)
			.collect(),
			None => ListingsBySeller::<T>::iter_key_prefix(&seller).take(max).collect(),
		};
		ids.into_iter().filter_map(Self::listing_details).collect()
	}

	fn to_details(id: ListingId, l: ListingOf<T>) -> ListingDetailsOf<T> {
		ListingDetails {
			id,
			seller: l.seller,
			price_asset: l.price_asset,
			unit_price: l.unit_price,
			stock: l.stock,
			category: l.category,
			metadata: l.metadata.into_inner(),
			status: l.status,
			deposit: l.deposit,
			created_at: l.created_at,
		}
	}

	/// Checks the pallet's invariants:
	/// - every listing is indexed under its seller, every index entry points at a listing of that
	///   seller, and each seller's count matches;
	/// - no listing id is at or above `NextListingId`;
	/// - each seller's balance held for `ListingDeposit` equals the sum of their listings'
	///   deposits.
	///
	/// Not checked: that a listing's stock and the units its open orders took add up to some
	/// total. There is no such total: `stock` is what the seller says it can still sell
	/// (`set_stock` replaces it at any time, orders in flight or not), so no stored quantity is
	/// conserved between this pallet and the orders.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::InspectHold;
		let next = NextListingId::<T>::get();
		let mut per_seller: BTreeMap<T::AccountId, (u32, BalanceOf<T>)> = BTreeMap::new();
		for (id, listing) in Listings::<T>::iter() {
			ensure!(id < next, "a listing id is not below NextListingId");
			ensure!(
				ListingsBySeller::<T>::contains_key(&listing.seller, id),
				"a listing is missing from its seller's index"
			);
			let entry = per_seller.entry(listing.seller.clone()).or_insert((0, Zero::zero()));
			entry.0 = entry.0.saturating_add(1);
			entry.1 = entry.1.saturating_add(listing.deposit);
		}
		for (seller, id, ()) in ListingsBySeller::<T>::iter() {
			let listing = Listings::<T>::get(id).ok_or("an index entry points at no listing")?;
			ensure!(listing.seller == seller, "an index entry is under the wrong seller");
		}
		for (seller, count) in ListingCount::<T>::iter() {
			let expected = per_seller.get(&seller).map(|(c, _)| *c).unwrap_or(0);
			ensure!(count == expected && count > 0, "a seller's listing count is wrong");
		}
		for (seller, (count, deposits)) in per_seller {
			ensure!(ListingCount::<T>::get(&seller) == count, "a seller's count is missing");
			let held = T::Currency::balance_on_hold(&HoldReason::ListingDeposit.into(), &seller);
			ensure!(held == deposits, "held deposit differs from the listings' deposits");
		}
		Ok(())
	}
}

impl<T: Config> Inventory<T::AccountId, T::AssetKind, BalanceOf<T>> for Pallet<T> {
	fn quote(
		listing: ListingId,
	) -> Result<Quote<T::AccountId, T::AssetKind, BalanceOf<T>>, DispatchError> {
		let details = Listings::<T>::get(listing).ok_or(Error::<T>::UnknownListing)?;
		Ok(Quote {
			seller: details.seller,
			price_asset: details.price_asset,
			unit_price: details.unit_price,
			available: details.stock,
			accepts_orders: details.status == ListingStatus::Active,
			category: details.category,
		})
	}

	fn reserve(listing: ListingId, quantity: u32) -> DispatchResult {
		Listings::<T>::try_mutate(listing, |maybe| {
			let details = maybe.as_mut().ok_or(Error::<T>::UnknownListing)?;
			ensure!(details.status == ListingStatus::Active, Error::<T>::ListingPaused);
			details.stock =
				details.stock.checked_sub(quantity).ok_or(Error::<T>::InsufficientStock)?;
			Ok(())
		})
	}

	fn release(listing: ListingId, quantity: u32) {
		Listings::<T>::mutate(listing, |maybe| {
			if let Some(details) = maybe {
				details.stock = details.stock.saturating_add(quantity);
			}
		});
	}
}
