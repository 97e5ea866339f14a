//! The records the reputation pallet keeps: open rating windows, ratings, and each account's
//! standing as seller and as buyer.

use crate::{scoring, Config};
pub use bazaar_primitives::Role;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::tokens::Balance as BalanceT;
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::{Permill, Saturating};

/// The balance type of the order values the pallet weighs ratings by.
pub type BalanceOf<T> = <T as Config>::Balance;

/// The fewest stars a rating may give.
pub const MIN_STARS: u8 = 1;
/// The most stars a rating may give.
pub const MAX_STARS: u8 = 5;

/// A settled order whose parties may still rate each other.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RatingWindow<AccountId, Balance, BlockNumber> {
	/// Who paid.
	pub buyer: AccountId,
	/// Who sold.
	pub seller: AccountId,
	/// The goods value of the order: the weight of each rating on it.
	pub value: Balance,
	/// Ratings are accepted before this block.
	pub closes_at: BlockNumber,
	/// Whether the buyer rated the seller already.
	pub buyer_rated: bool,
	/// Whether the seller rated the buyer already.
	pub seller_rated: bool,
}

/// The rating window of an order in this runtime.
pub type RatingWindowOf<T> =
	RatingWindow<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

impl<AccountId: PartialEq, Balance, BlockNumber> RatingWindow<AccountId, Balance, BlockNumber> {
	/// The role `who` had in the order, if any.
	pub fn role_of(&self, who: &AccountId) -> Option<Role> {
		if *who == self.buyer {
			Some(Role::Buyer)
		} else if *who == self.seller {
			Some(Role::Seller)
		} else {
			None
		}
	}

	/// Whether the party in `role` rated the other already.
	pub fn rated_by(&self, role: Role) -> bool {
		match role {
			Role::Buyer => self.buyer_rated,
			Role::Seller => self.seller_rated,
		}
	}
}

/// One party's rating of the other, kept for as long as the chain lives: it is the evidence
/// behind the rated account's score.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Rating<AccountId, Balance, BlockNumber> {
	/// Who gave the rating.
	pub rater: AccountId,
	/// The role of the rated account in the order (a buyer's rating is of a seller).
	pub ratee_role: Role,
	/// From [`MIN_STARS`] to [`MAX_STARS`].
	pub stars: u8,
	/// Hash of the written review, kept off-chain (e.g. the digest of its IPFS CID).
	pub review: Option<H256>,
	/// The order's goods value: the rating's weight.
	pub value: Balance,
	/// The block the rating was given in.
	pub at: BlockNumber,
}

/// A rating in this runtime.
pub type RatingOf<T> =
	Rating<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// An account's record in one role: what it was rated and how its orders ended.
///
/// Only shipped orders count: an order cancelled, rejected or refunded before shipping proves no
/// trade and cost nobody a market fee, so it neither opens a rating window nor changes a record.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Standing<Balance> {
	/// How many ratings the account received in this role.
	pub ratings: u32,
	/// The total value of the rated orders: the ratings' total weight.
	pub rated_value: Balance,
	/// The value-weighted stars above the minimum: Σ (stars − 1) × value. Between zero and
	/// four times `rated_value`.
	pub star_value: Balance,
	/// Orders completed (the seller paid in full).
	pub completed: u32,
	/// The total goods value of the completed orders.
	pub completed_value: Balance,
	/// Shipped orders refunded in full.
	pub refunded: u32,
	/// Shipped orders split by agreement (a dispute settled, or a partial refund accepted).
	pub split: u32,
	/// Disputes an arbitrator ruled on (or that fell to the fallback split).
	pub ruled: u32,
	/// The value the rulings gave to the other party: the buyer's share of the goods value for
	/// a seller, the seller's share for a buyer.
	pub ruled_against_value: Balance,
}

impl<Balance: BalanceT> Standing<Balance> {
	/// Adds a rating of `stars` on an order worth `value`.
	pub(crate) fn add_rating(&mut self, stars: u8, value: Balance) {
		self.ratings.saturating_inc();
		self.rated_value.saturating_accrue(value);
		self.star_value
			.saturating_accrue(value.saturating_mul(stars.saturating_sub(MIN_STARS).into()));
	}

	/// The score this standing earns with a prior worth `prior_weight` (see [`scoring`]).
	pub fn score(&self, prior_weight: Balance) -> Permill {
		scoring::score(self, prior_weight)
	}
}

/// An account's standing as seller and as buyer.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct AccountStanding<Balance> {
	/// As the seller of orders.
	pub as_seller: Standing<Balance>,
	/// As the buyer of orders.
	pub as_buyer: Standing<Balance>,
}

impl<Balance> AccountStanding<Balance> {
	/// The standing in `role`.
	pub fn role_mut(&mut self, role: Role) -> &mut Standing<Balance> {
		match role {
			Role::Seller => &mut self.as_seller,
			Role::Buyer => &mut self.as_buyer,
		}
	}

	/// The standing in `role`.
	pub fn role(&self, role: Role) -> &Standing<Balance> {
		match role {
			Role::Seller => &self.as_seller,
			Role::Buyer => &self.as_buyer,
		}
	}
}

/// A standing with its score, as the runtime API returns it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ScoredStanding<Balance> {
	/// The record.
	pub standing: Standing<Balance>,
	/// The score computed from it (see the pallet docs).
	pub score: Permill,
}

/// An account's reputation as the runtime API returns it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ReputationSummary<Balance> {
	/// As the seller of orders.
	pub as_seller: ScoredStanding<Balance>,
	/// As the buyer of orders.
	pub as_buyer: ScoredStanding<Balance>,
}
