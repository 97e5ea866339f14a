//! # Bazaar primitives
//!
//! The ids Bazaar's pallets share and the traits they talk through. Pallets never read each
//! other's storage: the runtime wires one pallet's implementation of a trait here into another
//! pallet's `Config`, and each pallet's tests mock the traits it consumes.
//!
//! ```text
//! listings --(Inventory: quote, reserve/release stock)--> orders
//! orders   --(OnOrderSettled: buyer, seller, listing, value, outcome)--> reputation, recommendations
//! orders   --(OnOrderPruned: the order's id)--> reputation
//! reputation --(ReputationProvider: scores)--> recommendations (and any pallet that wants it)
//! ```

#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{DispatchError, DispatchResult, Perbill, Permill};

/// Identifies a listing. Assigned sequentially, never reused.
pub type ListingId = u32;

/// Identifies an order. Assigned sequentially, never reused.
pub type OrderId = u64;

/// A listing's category, chosen by the seller from the storefront's taxonomy.
pub type CategoryId = u16;

/// An Asset Hub asset's id in its assets pallet (`PalletInstance(50)`): USDT is 1984, USDC 1337.
pub type AssetHubAssetId = u32;

/// What a listing is priced in and an order is paid in: Bazaar's native currency (BZR) or an
/// asset reserved on Asset Hub, named by its id there.
///
/// Only Asset Hub is trusted as a reserve (see the runtime's XCM configuration), so its asset id
/// names a foreign asset in five bytes; the runtime maps it to the asset's XCM `Location`, the key
/// of its foreign assets pallet. A listing or order stores this, not the `Location`, which
/// would take hundreds of bytes of each record's bound.
pub type PaymentAsset = frame_support::traits::fungible::NativeOrWithId<AssetHubAssetId>;

/// An asset kind that can name the native currency: what the storage migrations record for the
/// listings and orders kept before prices could be in foreign assets.
pub trait NativeAsset {
	/// The native currency.
	fn native() -> Self;
}

impl<AssetId: Ord> NativeAsset for frame_support::traits::fungible::NativeOrWithId<AssetId> {
	fn native() -> Self {
		Self::Native
	}
}

/// What a buyer needs to know about a listing to place an order, at the current block.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Quote<AccountId, AssetKind, Balance> {
	/// Who sells, and receives the payment.
	pub seller: AccountId,
	/// What the price is in, and the order is paid in.
	pub price_asset: AssetKind,
	/// The price of one unit, in `price_asset`.
	pub unit_price: Balance,
	/// Units that can still be ordered.
	pub available: u32,
	/// Whether the listing accepts orders now (it is not paused).
	pub accepts_orders: bool,
	/// The listing's category.
	pub category: CategoryId,
}

/// The catalog as the order book sees it: prices and stock.
///
/// Implemented by the listings pallet; consumed by the orders pallet.
pub trait Inventory<AccountId, AssetKind, Balance> {
	/// The listing's seller, price and stock, or an error if it does not exist.
	fn quote(listing: ListingId) -> Result<Quote<AccountId, AssetKind, Balance>, DispatchError>;

	/// Takes `quantity` units out of the listing's available stock for an order.
	///
	/// Fails, changing nothing, if the listing does not exist, does not accept orders, or has
	/// fewer than `quantity` units available.
	fn reserve(listing: ListingId, quantity: u32) -> DispatchResult;

	/// Puts `quantity` units back into the listing's stock after an order was refunded.
	///
	/// If the listing was closed in the meantime there is nothing to return them to, and this
	/// does nothing.
	fn release(listing: ListingId, quantity: u32);
}

/// One side of an order.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Role {
	/// The account that placed and paid for the order.
	Buyer,
	/// The account that sells the listing and is paid on completion.
	Seller,
}

impl Role {
	/// The other side of the order.
	pub fn counterpart(self) -> Self {
		match self {
			Self::Buyer => Self::Seller,
			Self::Seller => Self::Buyer,
		}
	}
}

/// How an order ended.
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
pub enum SettlementOutcome {
	/// The buyer confirmed receipt, revealed the delivery code, or let the confirmation
	/// deadline pass: the seller was paid in full.
	Completed,
	/// The buyer got everything back: cancelled before shipping, rejected by the seller,
	/// refunded by the seller, or the seller missed the shipping deadline.
	Refunded,
	/// The escrow was split by agreement between the parties or a partial refund:
	/// `buyer_share` went back to the buyer, the rest to the seller.
	Split {
		/// The buyer's part of the escrow.
		buyer_share: Perbill,
	},
	/// An arbitrator ruled on a dispute: `buyer_share` went back to the buyer.
	Ruled {
		/// The buyer's part of the escrow.
		buyer_share: Perbill,
	},
}

impl SettlementOutcome {
	/// The part of the escrow the buyer got back.
	pub fn buyer_share(&self) -> Perbill {
		match self {
			Self::Completed => Perbill::zero(),
			Self::Refunded => Perbill::one(),
			Self::Split { buyer_share } | Self::Ruled { buyer_share } => *buyer_share,
		}
	}

	/// Whether the seller delivered what was paid for: paid in full, with no refund.
	pub fn is_completed_sale(&self) -> bool {
		matches!(self, Self::Completed)
	}
}

/// An order that reached a terminal state, as told to the pallets that learn from it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Settlement<AccountId, Balance> {
	/// The order.
	pub order: OrderId,
	/// Who paid.
	pub buyer: AccountId,
	/// Who sold.
	pub seller: AccountId,
	/// What was bought.
	pub listing: ListingId,
	/// Units bought.
	pub quantity: u32,
	/// The price of the goods (unit price × quantity), without the market fee, in the native
	/// currency: an order paid in a foreign asset is valued at the asset's governed rate
	/// (`pallet-asset-rate`) when it settles, zero if the asset has no rate then. One unit
	/// across assets, so reputation weighs a 10 USDT sale as it weighs the same sale in BZR.
	pub value: Balance,
	/// How the order ended.
	pub outcome: SettlementOutcome,
	/// Whether the seller shipped before the order ended. An order cancelled, rejected or
	/// refunded before shipping paid no market fee, so it proves no trade took place.
	pub shipped: bool,
}

/// Learns about every settled order. Implemented by reputation (to open the rating window) and
/// by recommendations (to extend the buyer's purchase history).
///
/// Tuples of implementations are called in order. Implementations must do a small, constant
/// amount of work: it is part of the settling call's weight, which the orders pallet's
/// benchmarks measure with the runtime's implementations wired in (regenerate the orders
/// weights when an implementation changes).
#[impl_trait_for_tuples::impl_for_tuples(8)]
pub trait OnOrderSettled<AccountId, Balance> {
	/// Called once per order, after the escrow was paid out.
	fn on_order_settled(settlement: &Settlement<AccountId, Balance>);
}

/// Learns that a settled order was pruned: the orders pallet removed it and everything kept
/// for it, the orders pallet's `RetentionPeriod` blocks or more after it settled. Implemented by
/// reputation, whose rating windows last no longer than the orders are kept, to remove the order's
/// window without a queue of its own.
///
/// Tuples of implementations are called in order. Implementations must do a small, constant
/// amount of work: it is part of the weight of pruning, which the orders pallet's benchmarks
/// measure with the runtime's implementations wired in.
#[impl_trait_for_tuples::impl_for_tuples(8)]
pub trait OnOrderPruned {
	/// Called once per order, as it is removed.
	fn on_order_pruned(order: OrderId);
}

/// A party's standing as the reputation pallet computes it, for other pallets to use
/// (recommendations ranks sellers by it).
///
/// Scores are `Permill`s: 0 is the worst standing, 100% the best; an account with no history
/// has the neutral prior score the implementation documents.
pub trait ReputationProvider<AccountId> {
	/// How reliable `who` is as a seller.
	fn seller_score(who: &AccountId) -> Permill;

	/// How reliable `who` is as a buyer.
	fn buyer_score(who: &AccountId) -> Permill;
}

/// No reputation: everyone has the neutral score of 50%.
impl<AccountId> ReputationProvider<AccountId> for () {
	fn seller_score(_: &AccountId) -> Permill {
		Permill::from_percent(50)
	}

	fn buyer_score(_: &AccountId) -> Permill {
		Permill::from_percent(50)
	}
}
