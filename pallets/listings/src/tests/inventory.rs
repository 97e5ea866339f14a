use super::*;
use crate::{Error, Inventory, Listings as ListingsStorage};
use frame_support::{assert_noop, assert_storage_noop};

#[test]
fn quote_reports_seller_price_stock_and_status() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(0);
		let quote = <Listings as Inventory<_, _, _>>::quote(id).unwrap();
		assert_eq!(quote.seller, SELLER);
		assert_eq!(quote.unit_price, 250);
		assert_eq!(quote.available, 5);
		assert_eq!(quote.category, 3);
		assert!(quote.accepts_orders);
		assert_ok!(Listings::pause(RuntimeOrigin::signed(SELLER), id));
		assert!(!<Listings as Inventory<_, _, _>>::quote(id).unwrap().accepts_orders);
		assert_eq!(
			<Listings as Inventory<_, _, _>>::quote(99),
			Err(Error::<Test>::UnknownListing.into())
		);
	});
}

#[test]
fn reserve_takes_stock_and_release_puts_it_back() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(0);
		assert_ok!(<Listings as Inventory<_, _, _>>::reserve(id, 3));
		assert_eq!(ListingsStorage::<Test>::get(id).unwrap().stock, 2);
		<Listings as Inventory<_, _, _>>::release(id, 3);
		assert_eq!(ListingsStorage::<Test>::get(id).unwrap().stock, 5);
	});
}

#[test]
fn reserve_fails_cleanly_on_short_stock_paused_or_unknown_listings() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(0);
		assert_noop!(
			<Listings as Inventory<_, _, _>>::reserve(id, 6),
			Error::<Test>::InsufficientStock
		);
		assert_ok!(Listings::pause(RuntimeOrigin::signed(SELLER), id));
		assert_noop!(
			<Listings as Inventory<_, _, _>>::reserve(id, 1),
			Error::<Test>::ListingPaused
		);
		assert_noop!(
			<Listings as Inventory<_, _, _>>::reserve(42, 1),
			Error::<Test>::UnknownListing
		);
	});
}

#[test]
fn release_to_a_closed_listing_does_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(0);
		assert_ok!(Listings::close(RuntimeOrigin::signed(SELLER), id));
		assert_storage_noop!(<Listings as Inventory<_, _, _>>::release(id, 1));
	});
}

#[test]
fn release_saturates_instead_of_overflowing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(0);
		assert_ok!(Listings::set_stock(RuntimeOrigin::signed(SELLER), id, u32::MAX - 1));
		<Listings as Inventory<_, _, _>>::release(id, 5);
		assert_eq!(ListingsStorage::<Test>::get(id).unwrap().stock, u32::MAX);
	});
}
