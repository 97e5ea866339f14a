//! # Listings pallet
//!
//! Bazaar's catalog. A seller lists goods with a unit price, a stock of units, a category and a
//! short metadata blob (typically the IPFS CID of a JSON document with title, description and
//! images). The orders pallet buys from the catalog through the [`Inventory`] trait: it reads a
//! listing's [`Quote`], takes units out of its stock when an order is placed and puts them back
//! when an order is refunded.
//!
//! ## Overview
//!
//! - [`Pallet::create_listing`]: list goods; a storage deposit (base + per metadata byte) is held
//!   from the seller for as long as the listing exists.
//! - [`Pallet::set_price`], [`Pallet::set_stock`], [`Pallet::set_metadata`]: change a listing (a
//!   metadata change re-computes the deposit, holding more or releasing the difference).
//! - [`Pallet::pause`], [`Pallet::resume`]: stop and restart taking orders.
//! - [`Pallet::close`]: remove the listing and release its deposit. Orders already placed are
//!   unaffected: their escrow lives in the orders pallet.
//!
//! Each seller may have at most [`Config::MaxListingsPerSeller`] listings.
//!
//! ## Low-level design
//!
//! - [`Listings`] maps a [`ListingId`] (sequential, never reused) to the listing;
//!   [`ListingsBySeller`] indexes them per seller and [`ListingCount`] counts them, so the
//!   per-seller limit costs one read.
//! - Deposits are `fungible` holds with [`HoldReason::ListingDeposit`]; the amount held for a
//!   listing is recorded in it, so a later change of the deposit constants never releases more or
//!   less than was held. `try_state` checks that each seller's held amount equals the sum of their
//!   listings' deposits.
//! - A listing is priced in one asset, chosen when it is created and fixed for its life: the native
//!   currency or a foreign asset among [`Config::AcceptedAssets`] (the runtime: USDT and the other
//!   Asset Hub assets governance registered with a rate). Prices are whole amounts of that asset's
//!   smallest unit; a buyer passes the price they saw to the orders pallet (`max_unit_price`), so a
//!   price change between view and purchase can never overcharge them, and since the asset cannot
//!   change, neither can a price in BZR become a price in USDT.
//! - Deposits are in the native currency whatever the price is in: a seller needs some BZR.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod impls;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use bazaar_primitives::{CategoryId, Inventory, ListingId, Quote};
pub use types::{Listing, ListingDetails, ListingStatus};
pub use weights::WeightInfo;

const LOG_TARGET: &str = "runtime::listings";

// FRAME's macros expand to `expect` calls with spans in this module, so the workspace's
// `expect_used` denial is lifted here; the pallet's logic lives in `impls.rs`, where it applies.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			BuildGenesisConfig, Contains,
		},
	};
	use frame_system::pallet_prelude::*;

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A listing as stored.
	pub type ListingOf<T> = Listing<
		<T as frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BalanceOf<T>,
		BlockNumberFor<T>,
		<T as Config>::MaxMetadataLen,
	>;

	/// A listing as the runtime API returns it.
	pub type ListingDetailsOf<T> = ListingDetails<
		<T as frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BalanceOf<T>,
		BlockNumberFor<T>,
	>;

	/// The in-code storage version.
	///
	/// - 1: listings priced in the native currency.
	/// - 2: every listing names what its price is in (`price_asset`, [`migrations::v2`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The currency the deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// What a price may be in: the native currency or a foreign asset (the runtime's
		/// [`PaymentAsset`](bazaar_primitives::PaymentAsset)).
		type AssetKind: Parameter + Member + MaxEncodedLen + MaybeSerializeDeserialize;

		/// The assets a new listing may be priced in. The runtime accepts the native currency
		/// and every foreign asset that exists and has a rate set by governance.
		type AcceptedAssets: Contains<Self::AssetKind>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The deposit held for every listing, whatever its size.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit held per byte of metadata.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The longest metadata a listing may carry, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// How many listings one seller may have at once.
		#[pallet::constant]
		type MaxListingsPerSeller: Get<u32>;

		/// The most listings one runtime API call returns.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Creates what the benchmarks need that this pallet cannot create itself.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit of a listing, released when the listing is closed.
		#[codec(index = 0)]
		ListingDeposit,
	}

	/// The id the next listing gets.
	#[pallet::storage]
	pub type NextListingId<T> = StorageValue<_, ListingId, ValueQuery>;

	/// Every open listing.
	#[pallet::storage]
	pub type Listings<T: Config> = StorageMap<_, Twox64Concat, ListingId, ListingOf<T>>;

	/// The listings of each seller.
	#[pallet::storage]
	pub type ListingsBySeller<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		ListingId,
		(),
		OptionQuery,
	>;

	/// How many listings each seller has.
	#[pallet::storage]
	pub type ListingCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// A listing created at genesis: seller, price asset, unit price, stock, category and
	/// metadata.
	pub type GenesisListing<T> = (
		<T as frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BalanceOf<T>,
		u32,
		CategoryId,
		alloc::vec::Vec<u8>,
	);

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// A catalog to start with (the dev chain's demo shop), listed in this order: the first
		/// gets id 0. Each holds its deposit from its seller, as `create_listing` does.
		pub listings: alloc::vec::Vec<GenesisListing<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (seller, price_asset, unit_price, stock, category, metadata) in &self.listings {
				let metadata = match BoundedVec::try_from(metadata.clone()) {
					Ok(metadata) => metadata,
					Err(_) => panic!("genesis listing metadata is longer than MaxMetadataLen"),
				};
				if let Err(error) = Pallet::<T>::do_create_listing(
					seller.clone(),
					price_asset.clone(),
					*unit_price,
					*stock,
					*category,
					metadata,
				) {
					panic!("genesis listing cannot be created: {error:?}");
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A seller listed goods.
		ListingCreated {
			/// The new listing's id.
			listing: ListingId,
			/// Who sells.
			seller: T::AccountId,
			/// What the price is in.
			price_asset: T::AssetKind,
			/// The price of one unit.
			unit_price: BalanceOf<T>,
			/// Units for sale.
			stock: u32,
			/// The category.
			category: CategoryId,
			/// The deposit held from the seller.
			deposit: BalanceOf<T>,
		},
		/// A seller changed a listing's unit price.
		PriceChanged {
			/// The listing.
			listing: ListingId,
			/// The new price of one unit.
			unit_price: BalanceOf<T>,
		},
		/// A seller set a listing's available stock.
		StockChanged {
			/// The listing.
			listing: ListingId,
			/// Units now available.
			stock: u32,
		},
		/// A seller replaced a listing's metadata; the deposit was adjusted to its size.
		MetadataChanged {
			/// The listing.
			listing: ListingId,
			/// The deposit now held for the listing.
			deposit: BalanceOf<T>,
		},
		/// A seller paused a listing: it takes no orders until resumed.
		ListingPaused {
			/// The listing.
			listing: ListingId,
		},
		/// A seller resumed a paused listing.
		ListingResumed {
			/// The listing.
			listing: ListingId,
		},
		/// A seller closed a listing and got its deposit back.
		ListingClosed {
			/// The listing.
			listing: ListingId,
			/// The deposit released to the seller.
			deposit_released: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No listing has this id: it was never created or has been closed. Check the id with
		/// the `ListingsApi` runtime API or the `listings` storage.
		UnknownListing,
		/// Only the listing's seller may change it. Sign with the seller's account.
		NotSeller,
		/// A unit price of zero would give goods away and break fee maths. Set a price of at
		/// least one unit of the smallest denomination.
		ZeroPrice,
		/// The seller already has `MaxListingsPerSeller` listings. Close one first.
		TooManyListings,
		/// The seller's free balance cannot cover the listing's deposit (base + per metadata
		/// byte, see the `DepositBase` and `DepositPerByte` constants). Top up, or use shorter
		/// metadata.
		CannotAffordDeposit,
		/// The listing is already paused.
		AlreadyPaused,
		/// The listing is not paused, so it cannot be resumed.
		NotPaused,
		/// The listing does not take orders now (its seller paused it). Try again after it is
		/// resumed.
		ListingPaused,
		/// The listing has fewer units available than were asked for. Order fewer.
		InsufficientStock,
		/// The deposit computation overflowed. Use shorter metadata.
		DepositOverflow,
		/// Listings cannot be priced in this asset: it is not the native currency nor a foreign
		/// asset registered with a rate by governance. Price in BZR or in an accepted asset (the
		/// `assetRate.conversionRateToNative` storage lists them).
		AssetNotAccepted,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// List goods for sale, priced in `price_asset` (the native currency or an accepted
		/// foreign asset): orders pay in it, and it cannot change afterwards.
		///
		/// Holds a deposit of `DepositBase + DepositPerByte × metadata length` from the seller,
		/// in the native currency, until the listing is closed.
		///
		/// ## Dispatch Origin
		/// Signed: the seller.
		///
		/// ## Errors
		/// - [`Error::AssetNotAccepted`]: `price_asset` is not accepted.
		/// - [`Error::ZeroPrice`]: `unit_price` is zero.
		/// - [`Error::TooManyListings`]: the seller has `MaxListingsPerSeller` listings.
		/// - [`Error::CannotAffordDeposit`]: the seller cannot pay the deposit.
		/// - [`Error::DepositOverflow`]: the deposit does not fit the balance type.
		///
		/// ## Events
		/// - [`Event::ListingCreated`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_listing(metadata.len() as u32))]
		pub fn create_listing(
			origin: OriginFor<T>,
			price_asset: T::AssetKind,
			unit_price: BalanceOf<T>,
			stock: u32,
			category: CategoryId,
			metadata: BoundedVec<u8, T::MaxMetadataLen>,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_create_listing(seller, price_asset, unit_price, stock, category, metadata)
				.map(|_| ())
		}

		/// Change a listing's unit price, in the asset it is priced in. Orders already placed
		/// keep the price they were placed at.
		///
		/// ## Dispatch Origin
		/// Signed: the listing's seller.
		///
		/// ## Errors
		/// - [`Error::UnknownListing`], [`Error::NotSeller`], [`Error::ZeroPrice`].
		///
		/// ## Events
		/// - [`Event::PriceChanged`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_price())]
		pub fn set_price(
			origin: OriginFor<T>,
			listing: ListingId,
			unit_price: BalanceOf<T>,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			ensure!(!unit_price.is_zero(), Error::<T>::ZeroPrice);
			Self::mutate_own_listing(&seller, listing, |l| {
				l.unit_price = unit_price;
				Ok(())
			})?;
			Self::deposit_event(Event::PriceChanged { listing, unit_price });
			Ok(())
		}

		/// Set how many units a listing has available. Units already taken by open orders are
		/// not counted here.
		///
		/// ## Dispatch Origin
		/// Signed: the listing's seller.
		///
		/// ## Errors
		/// - [`Error::UnknownListing`], [`Error::NotSeller`].
		///
		/// ## Events
		/// - [`Event::StockChanged`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_stock())]
		pub fn set_stock(origin: OriginFor<T>, listing: ListingId, stock: u32) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::mutate_own_listing(&seller, listing, |l| {
				l.stock = stock;
				Ok(())
			})?;
			Self::deposit_event(Event::StockChanged { listing, stock });
			Ok(())
		}

		/// Replace a listing's metadata. The deposit follows the new size: more is held, or the
		/// difference is released.
		///
		/// ## Dispatch Origin
		/// Signed: the listing's seller.
		///
		/// ## Errors
		/// - [`Error::UnknownListing`], [`Error::NotSeller`].
		/// - [`Error::CannotAffordDeposit`]: the seller cannot pay the larger deposit.
		/// - [`Error::DepositOverflow`]: the deposit does not fit the balance type.
		///
		/// ## Events
		/// - [`Event::MetadataChanged`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_metadata(metadata.len() as u32))]
		pub fn set_metadata(
			origin: OriginFor<T>,
			listing: ListingId,
			metadata: BoundedVec<u8, T::MaxMetadataLen>,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_set_metadata(seller, listing, metadata)
		}

		/// Stop taking orders for a listing. Open orders are unaffected.
		///
		/// ## Dispatch Origin
		/// Signed: the listing's seller.
		///
		/// ## Errors
		/// - [`Error::UnknownListing`], [`Error::NotSeller`], [`Error::AlreadyPaused`].
		///
		/// ## Events
		/// - [`Event::ListingPaused`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::pause())]
		pub fn pause(origin: OriginFor<T>, listing: ListingId) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::mutate_own_listing(&seller, listing, |l| {
				ensure!(l.status == ListingStatus::Active, Error::<T>::AlreadyPaused);
				l.status = ListingStatus::Paused;
				Ok(())
			})?;
			Self::deposit_event(Event::ListingPaused { listing });
			Ok(())
		}

		/// Take orders for a paused listing again.
		///
		/// ## Dispatch Origin
		/// Signed: the listing's seller.
		///
		/// ## Errors
		/// - [`Error::UnknownListing`], [`Error::NotSeller`], [`Error::NotPaused`].
		///
		/// ## Events
		/// - [`Event::ListingResumed`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::resume())]
		pub fn resume(origin: OriginFor<T>, listing: ListingId) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::mutate_own_listing(&seller, listing, |l| {
				ensure!(l.status == ListingStatus::Paused, Error::<T>::NotPaused);
				l.status = ListingStatus::Active;
				Ok(())
			})?;
			Self::deposit_event(Event::ListingResumed { listing });
			Ok(())
		}

		/// Remove a listing and release its deposit. Orders already placed for it carry on:
		/// their escrow is held by the orders pallet, and units refunded later are dropped.
		///
		/// ## Dispatch Origin
		/// Signed: the listing's seller.
		///
		/// ## Errors
		/// - [`Error::UnknownListing`], [`Error::NotSeller`].
		///
		/// ## Events
		/// - [`Event::ListingClosed`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(origin: OriginFor<T>, listing: ListingId) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_close(seller, listing)
		}
	}
}
