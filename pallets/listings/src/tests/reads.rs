//! What the runtime API returns.

use super::*;

#[test]
fn details_of_one_listing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(4);
		let details = Listings::listing_details(id).unwrap();
		assert_eq!(details.id, id);
		assert_eq!(details.metadata, vec![7u8; 4]);
		assert!(Listings::listing_details(id + 1).is_none());
	});
}

#[test]
fn pages_cover_every_listing_once() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..4 {
			list(0);
		}
		assert_ok!(Listings::create_listing(
			RuntimeOrigin::signed(OTHER),
			NATIVE,
			9,
			1,
			1,
			metadata(0)
		));
		// The runtime caps a page at `MaxPageSize` (3 in the mock).
		let first = Listings::listings_page(None, 100);
		assert_eq!(first.len(), 3);
		let second = Listings::listings_page(first.last().map(|l| l.id), 100);
		assert_eq!(second.len(), 2);
		let mut ids: Vec<_> = first.iter().chain(second.iter()).map(|l| l.id).collect();
		ids.sort();
		assert_eq!(ids, vec![0, 1, 2, 3, 4]);
		assert!(Listings::listings_page(second.last().map(|l| l.id), 100).is_empty());
	});
}

#[test]
fn pages_of_one_seller() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..4 {
			list(0);
		}
		assert_ok!(Listings::create_listing(
			RuntimeOrigin::signed(OTHER),
			NATIVE,
			9,
			1,
			1,
			metadata(0)
		));
		let first = Listings::listings_of_page(SELLER, None, 2);
		assert_eq!(first.len(), 2);
		let rest = Listings::listings_of_page(SELLER, first.last().map(|l| l.id), 10);
		assert_eq!(rest.len(), 2);
		assert!(first.iter().chain(rest.iter()).all(|l| l.seller == SELLER));
		assert_eq!(Listings::listings_of_page(OTHER, None, 10).len(), 1);
	});
}
