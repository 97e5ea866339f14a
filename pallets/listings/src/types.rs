//! The data a listing stores.

use bazaar_primitives::CategoryId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use scale_info::TypeInfo;

/// Whether a listing takes new orders.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ListingStatus {
	/// Buyers may order it.
	Active,
	/// The seller paused it: no new orders until it is resumed. Open orders carry on.
	Paused,
}

/// One item of the catalog.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxMetadataLen))]
pub struct Listing<AccountId, AssetKind, Balance, BlockNumber, MaxMetadataLen: Get<u32>> {
	/// Who sells it, and receives the payments.
	pub seller: AccountId,
	/// What the price is in, and orders pay in: fixed when the listing is created.
	pub price_asset: AssetKind,
	/// The price of one unit, in `price_asset`.
	pub unit_price: Balance,
	/// Units that can still be ordered. Placing an order takes units out; a refunded order
	/// puts them back.
	pub stock: u32,
	/// The category, from the storefront's taxonomy.
	pub category: CategoryId,
	/// What the listing is: typically an IPFS CID of a JSON document with title, description
	/// and images. Bounded by `MaxMetadataLen`.
	pub metadata: BoundedVec<u8, MaxMetadataLen>,
	/// Whether it takes orders.
	pub status: ListingStatus,
	/// The storage deposit held from the seller for this listing (base + per byte of
	/// metadata), released when the listing is closed.
	pub deposit: Balance,
	/// The block it was created in.
	pub created_at: BlockNumber,
}

/// A listing as the runtime API returns it, with its id.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ListingDetails<AccountId, AssetKind, Balance, BlockNumber> {
	/// The listing's id.
	pub id: bazaar_primitives::ListingId,
	/// Who sells it.
	pub seller: AccountId,
	/// What the price is in, and orders pay in.
	pub price_asset: AssetKind,
	/// The price of one unit, in `price_asset`.
	pub unit_price: Balance,
	/// Units that can still be ordered.
	pub stock: u32,
	/// The category.
	pub category: CategoryId,
	/// The metadata bytes (e.g. an IPFS CID).
	pub metadata: alloc::vec::Vec<u8>,
	/// Whether it takes orders.
	pub status: ListingStatus,
	/// The deposit held from the seller.
	pub deposit: Balance,
	/// The block it was created in.
	pub created_at: BlockNumber,
}
