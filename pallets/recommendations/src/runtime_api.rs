//! The runtime API of the recommendations pallet, so that wallets and the storefront need no
//! indexer.

use crate::types::{AttestedRecommendations, ModelInfo};
use bazaar_primitives::ListingId;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Reads recommendations. The runtime implements it with
	/// [`crate::Pallet::recommendations_of`], [`crate::Pallet::score_of`] and
	/// [`crate::Pallet::active_model_info`].
	pub trait RecommendationsApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// `user`'s current attested recommendations (for the active model and the user's
		/// current history), with the attester who answers for them; `None` while there are
		/// none.
		fn recommendations(user: AccountId) -> Option<AttestedRecommendations<AccountId, BlockNumber>>;

		/// The active model's score of `listing` for `user`; `None` without an active model or
		/// if the listing is not one of the model's items.
		fn score(user: AccountId, listing: ListingId) -> Option<i32>;

		/// The active model's version, digest and header.
		fn active_model() -> Option<ModelInfo>;
	}
}
