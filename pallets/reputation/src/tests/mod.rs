//! Tests, one file per feature.

use crate::{mock::*, *};
use bazaar_primitives::OrderId;
use frame_support::assert_ok;

mod fake_reviews;
mod invariants;
mod rating;
mod reading;
mod scoring;
mod settlements;
mod windows;

/// `who` rates `order` with `stars` and no review.
pub(crate) fn rate(who: AccountId, order: OrderId, stars: u8) {
	assert_ok!(Reputation::rate(RuntimeOrigin::signed(who), order, stars, None));
}

/// `who`'s standing as seller.
pub(crate) fn as_seller(who: AccountId) -> Standing<Balance> {
	Standings::<Test>::get(who).as_seller
}

/// `who`'s standing as buyer.
pub(crate) fn as_buyer(who: AccountId) -> Standing<Balance> {
	Standings::<Test>::get(who).as_buyer
}
