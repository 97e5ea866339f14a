//! The runtime API through which clients (polkadot.js, the storefront) read the catalog without
//! decoding storage themselves.

use crate::types::ListingDetails;
use alloc::vec::Vec;
use bazaar_primitives::ListingId;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Reads the catalog.
	///
	/// Version 2: every listing says what its price is in (`price_asset`).
	#[api_version(2)]
	pub trait ListingsApi<AccountId, AssetKind, Balance, BlockNumber>
	where
		AccountId: Codec,
		AssetKind: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// One listing, or `None` if there is no listing with that id (never created, or closed).
		fn listing(id: ListingId) -> Option<ListingDetails<AccountId, AssetKind, Balance, BlockNumber>>;

		/// Up to `max` listings (capped by the runtime) after `start_after` (`None`: from the
		/// first) in storage order, which is not id order (ids are hashed into the keys). Page by
		/// passing the last id received; sort a page yourself if you show it by id.
		fn listings(
			start_after: Option<ListingId>,
			max: u32,
		) -> Vec<ListingDetails<AccountId, AssetKind, Balance, BlockNumber>>;

		/// Up to `max` listings of `seller` after `start_after`, in storage order (not id order),
		/// paged like [`Self::listings`].
		fn listings_of(
			seller: AccountId,
			start_after: Option<ListingId>,
			max: u32,
		) -> Vec<ListingDetails<AccountId, AssetKind, Balance, BlockNumber>>;
	}
}
