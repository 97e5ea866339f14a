//! The runtime API through which clients (polkadot.js, the storefront) read reputations without
//! decoding storage or recomputing scores themselves.

use crate::types::{Rating, RatingWindow, ReputationSummary};
use alloc::vec::Vec;
use bazaar_primitives::OrderId;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Reads reputations and ratings.
	pub trait ReputationApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The account's standing and score as seller and as buyer (the neutral score of 50%
		/// for an account with no history).
		fn reputation(who: AccountId) -> ReputationSummary<Balance>;

		/// Up to `max` ratings (capped by the runtime) the account received, after the order
		/// `start_after` (`None`: from the first), in storage order. Page by passing the last
		/// order received.
		fn ratings_received(
			who: AccountId,
			start_after: Option<OrderId>,
			max: u32,
		) -> Vec<(OrderId, Rating<AccountId, Balance, BlockNumber>)>;

		/// The order's open rating window (who may still rate, and until when), if any.
		fn rating_window(order: OrderId) -> Option<RatingWindow<AccountId, Balance, BlockNumber>>;
	}
}
