//! The runtime API of the orders pallet, so that wallets and the storefront need no indexer.

use crate::types::{OrderDetails, Role};
use alloc::vec::Vec;
use bazaar_primitives::OrderId;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Reads orders. The runtime implements it with [`crate::Pallet::orders_of`] and
	/// [`crate::Pallet::order_details`].
	///
	/// Version 2: every order says what it is paid in (`asset`).
	#[api_version(2)]
	pub trait OrdersApi<AccountId, AssetKind, Balance, BlockNumber>
	where
		AccountId: Codec,
		AssetKind: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The ids of `who`'s orders as buyer or seller, at most `max_count` (capped by the
		/// pallet's `MaxOrdersPerPage`), starting after `start_after`: pass the last id of a
		/// page to get the next page. Ids come in storage order, not numeric order.
		fn orders_of(
			who: AccountId,
			role: Role,
			start_after: Option<OrderId>,
			max_count: u32,
		) -> Vec<OrderId>;

		/// An order, with its sealed delivery details, unless it does not exist or was pruned.
		fn order(id: OrderId) -> Option<OrderDetails<AccountId, AssetKind, Balance, BlockNumber>>;
	}
}
