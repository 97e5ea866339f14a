//! Tests, one file per feature.

mod create;
mod inventory;
mod pause_resume_close;
mod reads;
mod update;

use crate::{mock::*, ListingId};
use frame_support::{assert_ok, traits::fungible::InspectHold, BoundedVec};

/// Metadata of `len` bytes.
pub fn metadata(len: usize) -> BoundedVec<u8, frame_support::traits::ConstU32<MAX_METADATA_LEN>> {
	BoundedVec::try_from(vec![7u8; len]).unwrap()
}

/// Lists 5 units at 250 with `len` bytes of metadata, as `SELLER`.
pub fn list(len: usize) -> ListingId {
	let id = crate::NextListingId::<Test>::get();
	assert_ok!(Listings::create_listing(
		RuntimeOrigin::signed(SELLER),
		NATIVE,
		250,
		5,
		3,
		metadata(len)
	));
	id
}

/// What `who` has on hold for listing deposits.
pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&crate::HoldReason::ListingDeposit.into(), &who)
}
