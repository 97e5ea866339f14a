//! # Reputation pallet
//!
//! Purchase-bound, value-weighted reputation for Bazaar's buyers and sellers.
//!
//! ## Overview
//!
//! - **No order, no rating.** The orders pallet tells this pallet about every settled order
//!   ([`OnOrderSettled`](bazaar_primitives::OnOrderSettled)). A shipped order opens a rating window
//!   of [`Config::RatingWindow`] blocks in which each party may rate the other once
//!   ([`Pallet::rate`]): 1 to 5 stars and the hash of an off-chain review. Orders cancelled,
//!   rejected or refunded before shipping paid no market fee and prove no trade, so they cannot be
//!   rated.
//! - **Value-weighted.** Every rating weighs as much as its order's goods value, so a thousand
//!   one-cent orders move a score as much as one order worth ten units.
//! - **Outcomes count.** Each account has a [`Standing`] as seller and one as buyer: ratings,
//!   completed orders and volume, refunds and splits after shipping, and the value arbitrators'
//!   rulings gave to the other side.
//! - **A prior.** The score (see [`scoring`]) is a Bayesian average that starts every account at
//!   [`Config::PriorWeight`] worth of 3-star ratings (a score of 50%), then discounts it by the
//!   share of its volume that rulings went against:
//!
//!   ```text
//!   score = (2·W + Σ (stars − 1)·value) / (4·(W + Σ value))  ×  (W + completed) / (W + completed +
//! ruled against)   ```
//!
//!   One 5-star rating on a small order barely moves a new seller; a seller earns a top score
//!   only with a track record worth several times the prior.
//! - Other pallets read scores through
//!   [`ReputationProvider`](bazaar_primitives::ReputationProvider); clients through the runtime API
//!   [`runtime_api::ReputationApi`].
//!
//! ## What a fake review costs
//!
//! To rate, an attacker needs a shipped order between two accounts it controls, and a shipped
//! order pays the market fee (`MarketFee × value`, to the treasury) whatever its outcome. Since
//! a rating weighs its order's value, faking a score takes fake volume, and fake volume costs
//! the fee on all of it. Lifting a fresh seller from 50% to a score `s` with 5-star ratings
//! takes a rated value of
//!
//! ```text
//! V = W · (4·s − 2) / (4 − 4·s)          (scoring::value_to_reach)
//! ```
//!
//! and so costs at least `MarketFee × V`, plus the transaction fees of `place_order`, `ship`,
//! `confirm_receipt` and `rate` and the [`Config::RatingFee`] for every order (splitting `V`
//! into many orders only adds fees). With the runtime's prior of 1,000 BZR and a 1% fee, a fake 90%
//! costs at least 40 BZR (V = 4,000 BZR); a fake 99% at least 490 BZR. Honest volume dilutes fake
//! ratings in proportion, and the tests `fake_reviews` (here) and `commerce` (runtime) check
//! these bounds. If governance sets the market fee to zero, only transaction fees remain.
//!
//! ## Storage and cleanup
//!
//! Ratings are kept for good ([`Ratings`], keyed by the rated account and the order) since they
//! are the evidence behind a score. A deposit would have to come back, and a rating that could be
//! withdrawn to get it back would be no evidence; so each rating's storage is paid once, for
//! good: the rater pays [`Config::RatingFee`] (the runtime sets it at its deposit rate for the
//! rating's bytes) to [`Config::FeeDestination`]. A rating window ([`RatingWindows`]) is
//! removed once both parties rated, or when the orders pallet prunes its order
//! ([`OnOrderPruned`](bazaar_primitives::OnOrderPruned)): the runtime keeps settled orders for
//! at least [`Config::RatingWindow`] blocks, and pruning already has an index of its own that
//! the chain works off every block, so the window needs none. Why not a queue of windows, as
//! this pallet kept before: it cost every settled order a queue entry and a
//! counter update (two writes and a read), and its sweep a read and a write per window more.
//! Windows still in that queue ([`WindowQueue`]) when the runtime was upgraded are drained by
//! the hooks, at most [`Config::MaxExpiriesPerBlock`] per block in `on_initialize` and as many
//! as the remaining weight pays for in `on_idle`; once the queue is empty, the hooks read its
//! two counters and stop.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(feature = "runtime-api")]
pub mod runtime_api;
pub mod scoring;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

const LOG_TARGET: &str = "runtime::reputation";

// The FRAME macros expand to `expect`s with proofs (pallet index and name in the runtime); our
// own code in this module is the thin call wrappers and has none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use bazaar_primitives::OrderId;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, tokens::Balance as BalanceT},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;

	/// The in-code storage version.
	/// Unchanged when windows stopped being queued: no stored value changed its format, and
	/// the queue left from before is drained by the hooks.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The balance type of order values (the orders pallet's currency balance).
		type Balance: BalanceT;

		/// The currency raters pay [`Config::RatingFee`] in.
		type Currency: fungible::Mutate<Self::AccountId, Balance = Self::Balance>;

		/// What a rating costs its rater: the price of the storage it takes for as long as the
		/// chain lives, paid once and not returned (a rating is evidence, so it is never
		/// removed). Zero makes rating free.
		#[pallet::constant]
		type RatingFee: Get<Self::Balance>;

		/// Who receives rating fees (the treasury).
		type FeeDestination: Get<Self::AccountId>;

		/// Blocks after an order settles in which its parties may rate each other. At most as
		/// long as the orders pallet keeps a settled order: the window is removed when the
		/// order is pruned (the runtime uses the orders pallet's `RetentionPeriod` itself).
		#[pallet::constant]
		type RatingWindow: Get<BlockNumberFor<Self>>;

		/// The weight of the prior: every account starts as if it had this much order value
		/// rated 3 stars (see [`scoring`]). The higher, the more real volume a top score takes.
		#[pallet::constant]
		type PriorWeight: Get<Self::Balance>;

		/// How many entries of the legacy window queue `on_initialize` drains per block at
		/// most.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// The most ratings the runtime API returns in one page.
		#[pallet::constant]
		type MaxRatingsPerPage: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// Open rating windows, by order.
	#[pallet::storage]
	pub type RatingWindows<T: Config> =
		StorageMap<_, Twox64Concat, OrderId, RatingWindowOf<T>, OptionQuery>;

	/// Legacy: the orders whose rating windows were opened while windows were queued, in
	/// opening (hence closing) order, by position. Positions from [`WindowQueueHead`]
	/// (inclusive) to [`WindowQueueTail`] (exclusive) are pending. Nothing is added any more;
	/// the hooks drain what is left (see the pallet docs).
	#[pallet::storage]
	pub type WindowQueue<T: Config> = StorageMap<_, Twox64Concat, u64, OrderId, OptionQuery>;

	/// The position of the oldest pending entry of [`WindowQueue`].
	#[pallet::storage]
	pub type WindowQueueHead<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The position the next entry of [`WindowQueue`] takes.
	#[pallet::storage]
	pub type WindowQueueTail<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Every rating given, by the rated account and the order.
	#[pallet::storage]
	pub type Ratings<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		OrderId,
		RatingOf<T>,
		OptionQuery,
	>;

	/// Each account's standing as seller and as buyer.
	#[pallet::storage]
	pub type Standings<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AccountStanding<BalanceOf<T>>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A shipped order settled; its parties may rate each other until `closes_at`.
		RatingWindowOpened {
			/// The order.
			order: OrderId,
			/// Ratings are accepted before this block.
			closes_at: BlockNumberFor<T>,
		},
		/// A party rated the other.
		Rated {
			/// The order.
			order: OrderId,
			/// Who rated.
			rater: T::AccountId,
			/// Who was rated.
			ratee: T::AccountId,
			/// The rated account's role in the order.
			ratee_role: Role,
			/// 1 to 5.
			stars: u8,
			/// Hash of the off-chain review.
			review: Option<H256>,
		},
		/// A rating window of the legacy queue closed before both parties rated. Windows are no
		/// longer queued: they go silently with their order when it is pruned, and their
		/// `RatingWindowOpened` event says when they close.
		RatingWindowClosed {
			/// The order.
			order: OrderId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Stars must be from 1 to 5. Pass a number in that range.
		InvalidStars,
		/// The order has no open rating window: it does not exist, has not settled yet, was
		/// not shipped (cancelled, rejected or refunded before shipping), both parties rated
		/// it already, or its window closed. Only settled, shipped orders can be rated.
		NotRateable,
		/// The order's rating window has closed (it is about to be cleaned up). Ratings are
		/// accepted for `RatingWindow` blocks after the order settles.
		RatingWindowClosed,
		/// Only the order's buyer and seller may rate it.
		NotParty,
		/// You rated this order already; each party rates the other once.
		AlreadyRated,
		/// The rater cannot pay [`Config::RatingFee`] and keep its account alive. Top the
		/// account up by the fee and rate again while the window is open.
		CannotPayRatingFee,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::close_expired_windows(now, T::MaxExpiriesPerBlock::get())
		}

		fn on_idle(now: BlockNumberFor<T>, remaining_weight: Weight) -> Weight {
			Self::idle(now, remaining_weight)
		}

		fn integrity_test() {
			assert!(T::MaxExpiriesPerBlock::get() > 0, "MaxExpiriesPerBlock must be positive");
			assert!(
				!T::RatingWindow::get().is_zero(),
				"RatingWindow must be positive, or no order could be rated"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_now: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Rate the other party of a settled, shipped order: `stars` from 1 to 5 and the hash
		/// of a review kept off-chain. Each party rates once, while the order's rating window is
		/// open; the rating weighs as much as the order's goods value. The rating is kept for
		/// good, and its storage costs the rater [`Config::RatingFee`], paid to
		/// [`Config::FeeDestination`].
		///
		/// ## Dispatch Origin
		/// Signed by the order's buyer (rating the seller) or seller (rating the buyer).
		///
		/// ## Errors
		/// - [`Error::InvalidStars`] if `stars` is not from 1 to 5.
		/// - [`Error::NotRateable`] if the order has no open rating window.
		/// - [`Error::RatingWindowClosed`] if the window has closed.
		/// - [`Error::NotParty`] if the caller is neither buyer nor seller.
		/// - [`Error::AlreadyRated`] if the caller rated this order already.
		/// - [`Error::CannotPayRatingFee`] if the caller cannot pay the rating fee and stay alive.
		///
		/// ## Events
		/// - [`Event::Rated`]
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::rate())]
		pub fn rate(
			origin: OriginFor<T>,
			order: OrderId,
			stars: u8,
			review: Option<H256>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rate(who, order, stars, review)
		}
	}
}
