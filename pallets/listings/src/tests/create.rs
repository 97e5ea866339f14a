use super::*;
use crate::{Error, Event, Inventory, ListingCount, ListingStatus, Listings as ListingsStorage};
use frame_support::{assert_noop, traits::fungible::Inspect};
use sp_runtime::BuildStorage;

#[test]
fn create_listing_stores_it_and_holds_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = list(10);
		let listing = ListingsStorage::<Test>::get(id).unwrap();
		let deposit = DEPOSIT_BASE + 10 * DEPOSIT_PER_BYTE;
		assert_eq!(listing.seller, SELLER);
		assert_eq!(listing.price_asset, NATIVE);
		assert_eq!(listing.unit_price, 250);
		assert_eq!(listing.stock, 5);
		assert_eq!(listing.category, 3);
		assert_eq!(listing.status, ListingStatus::Active);
		assert_eq!(listing.deposit, deposit);
		assert_eq!(held(SELLER), deposit);
		assert_eq!(Balances::balance(&SELLER), INITIAL_BALANCE - deposit);
		assert_eq!(ListingCount::<Test>::get(SELLER), 1);
		assert_eq!(
			listing_events(),
			vec![Event::ListingCreated {
				listing: id,
				seller: SELLER,
				price_asset: NATIVE,
				unit_price: 250,
				stock: 5,
				category: 3,
				deposit,
			}]
		);
	});
}

#[test]
fn listing_ids_are_sequential_and_never_reused() {
	ExtBuilder::default().build_and_execute(|| {
		let first = list(0);
		let second = list(0);
		assert_eq!(second, first + 1);
		assert_ok!(Listings::close(RuntimeOrigin::signed(SELLER), second));
		assert_eq!(list(0), second + 1);
	});
}

#[test]
fn a_listing_priced_in_an_accepted_foreign_asset_keeps_its_asset_and_deposits_in_native() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Listings::create_listing(
			RuntimeOrigin::signed(SELLER),
			USDT,
			2_500_000,
			5,
			3,
			metadata(0)
		));
		let listing = ListingsStorage::<Test>::get(0).unwrap();
		assert_eq!((listing.price_asset, listing.unit_price), (USDT, 2_500_000));
		// The deposit is in the native currency, whatever the price is in.
		assert_eq!(held(SELLER), DEPOSIT_BASE);
		let quote = <Listings as Inventory<_, _, _>>::quote(0).unwrap();
		assert_eq!((quote.price_asset, quote.unit_price), (USDT, 2_500_000));
		// Changing the price keeps the asset.
		assert_ok!(Listings::set_price(RuntimeOrigin::signed(SELLER), 0, 3_000_000));
		assert_eq!(ListingsStorage::<Test>::get(0).unwrap().price_asset, USDT);
	});
}

#[test]
fn an_asset_that_is_not_accepted_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Listings::create_listing(
				RuntimeOrigin::signed(SELLER),
				NOT_ACCEPTED,
				1,
				1,
				1,
				metadata(0)
			),
			Error::<Test>::AssetNotAccepted
		);
	});
}

#[test]
fn zero_price_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Listings::create_listing(RuntimeOrigin::signed(SELLER), NATIVE, 0, 5, 3, metadata(1)),
			Error::<Test>::ZeroPrice
		);
	});
}

#[test]
fn a_seller_cannot_exceed_the_listing_limit() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..MAX_LISTINGS_PER_SELLER {
			list(0);
		}
		assert_noop!(
			Listings::create_listing(RuntimeOrigin::signed(SELLER), NATIVE, 1, 1, 1, metadata(0)),
			Error::<Test>::TooManyListings
		);
		// Another seller is not affected.
		assert_ok!(Listings::create_listing(
			RuntimeOrigin::signed(OTHER),
			NATIVE,
			1,
			1,
			1,
			metadata(0)
		));
	});
}

#[test]
fn a_seller_who_cannot_pay_the_deposit_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Listings::create_listing(RuntimeOrigin::signed(POOR), NATIVE, 1, 1, 1, metadata(0)),
			Error::<Test>::CannotAffordDeposit
		);
	});
}

#[test]
fn unsigned_origins_cannot_list() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Listings::create_listing(RuntimeOrigin::none(), NATIVE, 1, 1, 1, metadata(0)),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn metadata_longer_than_the_bound_does_not_decode() {
	use codec::{Decode, Encode};
	let too_long = vec![0u8; MAX_METADATA_LEN as usize + 1].encode();
	assert!(BoundedVec::<u8, frame_support::traits::ConstU32<MAX_METADATA_LEN>>::decode(
		&mut &too_long[..]
	)
	.is_err());
}

#[test]
fn the_deposit_grows_with_the_metadata() {
	ExtBuilder::default().build_and_execute(|| {
		list(MAX_METADATA_LEN as usize);
		assert_eq!(held(SELLER), DEPOSIT_BASE + MAX_METADATA_LEN as u64 * DEPOSIT_PER_BYTE);
	});
}

#[test]
fn a_genesis_catalog_is_listed_in_order_with_deposits_held() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(SELLER, INITIAL_BALANCE), (OTHER, INITIAL_BALANCE)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> {
		listings: vec![
			(SELLER, NATIVE, 250, 5, 3, b"coffee".to_vec()),
			(OTHER, USDT, 90, 1, 4, vec![]),
		],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let first = ListingsStorage::<Test>::get(0).unwrap();
		assert_eq!((first.seller, first.unit_price, first.stock), (SELLER, 250, 5));
		assert_eq!(first.metadata.to_vec(), b"coffee".to_vec());
		assert_eq!(held(SELLER), DEPOSIT_BASE + 6 * DEPOSIT_PER_BYTE);
		let second = ListingsStorage::<Test>::get(1).unwrap();
		assert_eq!((second.seller, second.price_asset), (OTHER, USDT));
		assert_eq!(held(OTHER), DEPOSIT_BASE);
		Listings::do_try_state().unwrap();
	});
}
