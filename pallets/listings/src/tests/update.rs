use super::*;
use crate::{Error, Event, Listings as ListingsStorage};
use frame_support::assert_noop;

#[test]
fn the_seller_changes_price_and_stock() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(0);
		assert_ok!(Listings::set_price(RuntimeOrigin::signed(SELLER), id, 999));
		assert_ok!(Listings::set_stock(RuntimeOrigin::signed(SELLER), id, 0));
		let listing = ListingsStorage::<Test>::get(id).unwrap();
		assert_eq!((listing.unit_price, listing.stock), (999, 0));
		let events = listing_events();
		assert!(events.contains(&Event::PriceChanged { listing: id, unit_price: 999 }));
		assert!(events.contains(&Event::StockChanged { listing: id, stock: 0 }));
	});
}

#[test]
fn only_the_seller_changes_a_listing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(0);
		let other = RuntimeOrigin::signed(OTHER);
		assert_noop!(Listings::set_price(other.clone(), id, 1), Error::<Test>::NotSeller);
		assert_noop!(Listings::set_stock(other.clone(), id, 1), Error::<Test>::NotSeller);
		assert_noop!(
			Listings::set_metadata(other.clone(), id, metadata(1)),
			Error::<Test>::NotSeller
		);
		assert_noop!(Listings::pause(other.clone(), id), Error::<Test>::NotSeller);
		assert_noop!(Listings::resume(other.clone(), id), Error::<Test>::NotSeller);
		assert_noop!(Listings::close(other, id), Error::<Test>::NotSeller);
	});
}

#[test]
fn unknown_listings_are_reported() {
	ExtBuilder::default().build_and_execute(|| {
		let seller = RuntimeOrigin::signed(SELLER);
		assert_noop!(Listings::set_price(seller.clone(), 9, 1), Error::<Test>::UnknownListing);
		assert_noop!(Listings::set_stock(seller.clone(), 9, 1), Error::<Test>::UnknownListing);
		assert_noop!(
			Listings::set_metadata(seller.clone(), 9, metadata(1)),
			Error::<Test>::UnknownListing
		);
		assert_noop!(Listings::pause(seller.clone(), 9), Error::<Test>::UnknownListing);
		assert_noop!(Listings::resume(seller.clone(), 9), Error::<Test>::UnknownListing);
		assert_noop!(Listings::close(seller, 9), Error::<Test>::UnknownListing);
	});
}

#[test]
fn a_zero_price_update_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(0);
		assert_noop!(
			Listings::set_price(RuntimeOrigin::signed(SELLER), id, 0),
			Error::<Test>::ZeroPrice
		);
	});
}

#[test]
fn longer_metadata_holds_more_and_shorter_releases_the_difference() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(10);
		assert_ok!(Listings::set_metadata(RuntimeOrigin::signed(SELLER), id, metadata(30)));
		assert_eq!(held(SELLER), DEPOSIT_BASE + 30 * DEPOSIT_PER_BYTE);
		assert_eq!(ListingsStorage::<Test>::get(id).unwrap().metadata, metadata(30));
		assert_ok!(Listings::set_metadata(RuntimeOrigin::signed(SELLER), id, metadata(2)));
		assert_eq!(held(SELLER), DEPOSIT_BASE + 2 * DEPOSIT_PER_BYTE);
		assert!(listing_events().contains(&Event::MetadataChanged {
			listing: id,
			deposit: DEPOSIT_BASE + 2 * DEPOSIT_PER_BYTE
		}));
	});
}

#[test]
fn a_metadata_update_the_seller_cannot_pay_for_changes_nothing() {
	ExtBuilder::default().with_balance(4, DEPOSIT_BASE + 5).build_and_execute(|| {
		assert_ok!(Listings::create_listing(
			RuntimeOrigin::signed(4),
			NATIVE,
			1,
			1,
			1,
			metadata(0)
		));
		assert_noop!(
			Listings::set_metadata(
				RuntimeOrigin::signed(4),
				0,
				metadata(MAX_METADATA_LEN as usize)
			),
			Error::<Test>::CannotAffordDeposit
		);
	});
}
