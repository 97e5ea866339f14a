use super::*;
use crate::{Error, Event, ListingCount, ListingStatus, Listings as ListingsStorage};
use frame_support::{assert_noop, traits::fungible::Inspect};

#[test]
fn pause_and_resume_toggle_the_status() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(0);
		assert_ok!(Listings::pause(RuntimeOrigin::signed(SELLER), id));
		assert_eq!(ListingsStorage::<Test>::get(id).unwrap().status, ListingStatus::Paused);
		assert_noop!(
			Listings::pause(RuntimeOrigin::signed(SELLER), id),
			Error::<Test>::AlreadyPaused
		);
		assert_ok!(Listings::resume(RuntimeOrigin::signed(SELLER), id));
		assert_eq!(ListingsStorage::<Test>::get(id).unwrap().status, ListingStatus::Active);
		assert_noop!(Listings::resume(RuntimeOrigin::signed(SELLER), id), Error::<Test>::NotPaused);
		let events = listing_events();
		assert!(events.contains(&Event::ListingPaused { listing: id }));
		assert!(events.contains(&Event::ListingResumed { listing: id }));
	});
}

#[test]
fn close_removes_the_listing_and_releases_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(20);
		let deposit = DEPOSIT_BASE + 20 * DEPOSIT_PER_BYTE;
		assert_ok!(Listings::close(RuntimeOrigin::signed(SELLER), id));
		assert!(ListingsStorage::<Test>::get(id).is_none());
		assert_eq!(held(SELLER), 0);
		assert_eq!(Balances::balance(&SELLER), INITIAL_BALANCE);
		assert_eq!(ListingCount::<Test>::get(SELLER), 0);
		assert!(!ListingCount::<Test>::contains_key(SELLER));
		assert!(listing_events()
			.contains(&Event::ListingClosed { listing: id, deposit_released: deposit }));
		// Closing frees a slot under the per-seller limit.
		for _ in 0..MAX_LISTINGS_PER_SELLER {
			list(0);
		}
	});
}

#[test]
fn a_closed_listing_cannot_be_closed_again() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(0);
		assert_ok!(Listings::close(RuntimeOrigin::signed(SELLER), id));
		assert_noop!(
			Listings::close(RuntimeOrigin::signed(SELLER), id),
			Error::<Test>::UnknownListing
		);
	});
}
