//! Shopping in USDT through the real runtime: a listing priced in the dev chain's USDT, once
//! governance gave it a rate, and orders whose escrow, market fee and deposits are held and paid
//! in USDT to the unit, BZR untouched; what a listing may not be priced in; and the attacks on a
//! USDT escrow that the holds must stop.

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	configs::{
		commerce::{OrderDepositBase, RetentionPeriod, TreasuryAccount},
		foreign_assets::{asset_hub_asset, UsdtLocation, USDC_ASSET_ID},
	},
	genesis_config_presets::{DEV_USDT_ENDOWMENT, MARKET_FEE, USDT_UNIT},
	AccountId, AssetRate, Balance, ForeignAssets, Listings, Orders, Reputation, Runtime,
	RuntimeHoldReason, RuntimeOrigin,
};
use bazaar_runtime_tests::*;
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::NativeOrWithId,
		fungibles::{Inspect, InspectHold},
		tokens::Preservation,
	},
};
use pallet_orders::HoldReason;
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie, Dave};
use sp_runtime::FixedPointNumber;

/// Governance gives the dev chain's USDT its rate (the dev chain starts without one).
fn usdt_priced() {
	assert_ok!(AssetRate::create(
		RuntimeOrigin::root(),
		Box::new(UsdtLocation::get()),
		usdt_rate()
	));
}

fn usdt_held(reason: HoldReason, who: &AccountId) -> Balance {
	<bazaar_runtime::ForeignAssetsHolder as InspectHold<AccountId>>::balance_on_hold(
		UsdtLocation::get(),
		&RuntimeHoldReason::Orders(reason),
		who,
	)
}

fn usdt_issuance() -> Balance {
	<ForeignAssets as Inspect<AccountId>>::total_issuance(UsdtLocation::get())
}

/// `seller` lists `stock` units at `price` USDT units; the listing's id.
fn list_in_usdt(seller: Sr25519Keyring, price: Balance, stock: u32) -> u32 {
	let id = pallet_listings::NextListingId::<Runtime>::get();
	assert_ok!(Listings::create_listing(signed(seller), USDT, price, stock, 1, Default::default()));
	id
}

/// The order deposit in USDT at the test rate: 10 BZR per USDT.
fn order_deposit_in_usdt() -> Balance {
	usdt_rate().reciprocal().unwrap().saturating_mul_int(OrderDepositBase::get())
}

#[test]
fn charlie_buys_bobs_usdt_listing_and_every_usdt_unit_is_accounted_for() {
	dev_chain().execute_with(|| {
		usdt_priced();
		let price = 25 * USDT_UNIT;
		let listing = list_in_usdt(Bob, price, 10);
		let (bob, charlie, treasury) = (account(Bob), account(Charlie), TreasuryAccount::get());
		let bzr_before = (free(&bob), free(&charlie));
		let issuance = usdt_issuance();

		let id = order(Charlie, listing, 2, price);
		let value = 2 * price;
		let fee = MARKET_FEE * value;
		let deposit = order_deposit_in_usdt();
		assert!(deposit > 0);
		let placed = pallet_orders::Orders::<Runtime>::get(id).unwrap();
		assert_eq!(
			(placed.asset, placed.value, placed.fee, placed.deposit),
			(USDT, value, fee, deposit)
		);
		assert_eq!(usdt_held(HoldReason::Escrow, &charlie), value + fee);
		assert_eq!(usdt_held(HoldReason::OrderDeposit, &charlie), deposit);
		assert_eq!(usdt_of(&charlie), DEV_USDT_ENDOWMENT - value - fee - deposit);
		assert_eq!(escrow(&charlie), 0, "nothing is held in BZR");

		ship_and_confirm(Bob, Charlie, id);
		assert_eq!(usdt_of(&bob), DEV_USDT_ENDOWMENT + value);
		assert_eq!(usdt_of(&treasury), fee);
		assert_eq!(usdt_held(HoldReason::Escrow, &charlie), 0);
		assert_eq!(usdt_of(&charlie), DEV_USDT_ENDOWMENT - value - fee - deposit);
		assert_eq!((free(&bob), free(&charlie)), bzr_before, "no BZR moved");
		assert_eq!(usdt_issuance(), issuance, "USDT only moved");

		// Reputation weighs the sale by its value in BZR at USDT's rate: 50 USDT is 500 BZR.
		assert_ok!(Reputation::rate(signed(Charlie), id, 5, None));
		let rating = pallet_reputation::Ratings::<Runtime>::iter_values().last().unwrap();
		assert_eq!(rating.value, usdt_rate().saturating_mul_int(value));

		// The deposit comes back in USDT when the order is pruned, once its retention passed.
		let now = frame_system::Pallet::<Runtime>::block_number();
		frame_system::Pallet::<Runtime>::set_block_number(now + RetentionPeriod::get() + 1);
		assert_ok!(Orders::prune(signed(Charlie), id));
		assert_eq!(usdt_held(HoldReason::OrderDeposit, &charlie), 0);
		assert_eq!(usdt_of(&charlie), DEV_USDT_ENDOWMENT - value - fee);
		assert_eq!(usdt_issuance(), issuance);
	});
}

#[test]
fn a_usdt_order_refunded_before_shipping_gives_back_every_unit() {
	dev_chain().execute_with(|| {
		usdt_priced();
		let listing = list_in_usdt(Bob, 3 * USDT_UNIT, 10);
		let id = order(Dave, listing, 1, 3 * USDT_UNIT);
		assert_ok!(Orders::cancel(signed(Dave), id));
		assert_eq!(usdt_held(HoldReason::Escrow, &account(Dave)), 0);
		assert_eq!(
			usdt_of(&account(Dave)) + usdt_held(HoldReason::OrderDeposit, &account(Dave)),
			DEV_USDT_ENDOWMENT
		);
	});
}

#[test]
fn a_listing_is_priced_only_in_bzr_or_in_a_registered_asset_with_a_rate() {
	dev_chain().execute_with(|| {
		let refused = || pallet_listings::Error::<Runtime>::AssetNotAccepted;
		// USDT exists on the dev chain, but has no rate yet: no listing in it.
		assert_noop!(
			Listings::create_listing(signed(Bob), USDT, 1, 1, 1, Default::default()),
			refused()
		);
		// USDC has neither a registration nor a rate.
		let usdc = NativeOrWithId::WithId(USDC_ASSET_ID);
		assert_noop!(
			Listings::create_listing(signed(Bob), usdc.clone(), 1, 1, 1, Default::default()),
			refused()
		);
		// A rate alone is not enough: the asset must exist.
		assert_ok!(AssetRate::create(
			RuntimeOrigin::root(),
			Box::new(asset_hub_asset(USDC_ASSET_ID)),
			usdt_rate()
		));
		assert_noop!(
			Listings::create_listing(signed(Bob), usdc, 1, 1, 1, Default::default()),
			refused()
		);
		usdt_priced();
		list_in_usdt(Bob, 1, 1);
	});
}

#[test]
fn an_asset_whose_rate_governance_removed_takes_no_new_orders_and_open_ones_settle() {
	dev_chain().execute_with(|| {
		usdt_priced();
		let listing = list_in_usdt(Bob, 5 * USDT_UNIT, 10);
		let open = order(Charlie, listing, 1, 5 * USDT_UNIT);
		assert_ok!(AssetRate::remove(RuntimeOrigin::root(), Box::new(UsdtLocation::get())));

		assert_noop!(
			Orders::place_order(signed(Dave), listing, 1, 5 * USDT_UNIT, None, None),
			pallet_orders::Error::<Runtime>::AssetNotPriced
		);
		let bob_before = usdt_of(&account(Bob));
		ship_and_confirm(Bob, Charlie, open);
		assert_eq!(usdt_of(&account(Bob)), bob_before + 5 * USDT_UNIT);
	});
}

/// Attack: the buyer places a USDT order, then tries to move the escrowed USDT away with the
/// assets pallet's own transfers, so that settlement finds nothing to pay the seller with.
#[test]
fn attack_a_buyer_cannot_transfer_or_burn_usdt_held_in_escrow() {
	dev_chain().execute_with(|| {
		usdt_priced();
		let listing = list_in_usdt(Bob, 1_000 * USDT_UNIT, 10);
		let id = order(Charlie, listing, 9, 1_000 * USDT_UNIT);
		let charlie = account(Charlie);
		let free_usdt = usdt_of(&charlie);
		let held = usdt_held(HoldReason::Escrow, &charlie);
		assert!(held > free_usdt, "most of Charlie's USDT is in escrow");

		// Everything but the free balance is out of reach of a transfer...
		assert_noop!(
			ForeignAssets::transfer(
				signed(Charlie),
				UsdtLocation::get(),
				account(Dave).into(),
				free_usdt + 1
			),
			pallet_assets::Error::<Runtime, pallet_assets::Instance1>::BalanceLow
		);
		assert_ok!(ForeignAssets::transfer_all(
			signed(Charlie),
			UsdtLocation::get(),
			account(Dave).into(),
			false
		));
		// ...and of the fungibles interface, whatever the preservation asked.
		assert_eq!(
			<ForeignAssets as Inspect<AccountId>>::reducible_balance(
				UsdtLocation::get(),
				&charlie,
				Preservation::Expendable,
				frame_support::traits::tokens::Fortitude::Polite
			),
			0
		);
		assert_eq!(usdt_held(HoldReason::Escrow, &charlie), held);

		// The seller is paid in full all the same.
		let bob_before = usdt_of(&account(Bob));
		ship_and_confirm(Bob, Charlie, id);
		assert_eq!(usdt_of(&account(Bob)), bob_before + 9_000 * USDT_UNIT);
	});
}

/// Attack: a seller lists in BZR, watches a buyer's order come, and would like the price to be
/// read in USDT instead (worth 10x more at the test rate). A listing's asset is fixed when it is
/// created: no call changes it, and an order always escrows in the listing's asset.
#[test]
fn attack_a_listing_price_cannot_change_asset_under_a_buyer() {
	dev_chain().execute_with(|| {
		usdt_priced();
		let listing = list(Bob, 10 * bazaar_runtime::UNIT, 10);
		assert_ok!(Listings::set_price(signed(Bob), listing, 10 * USDT_UNIT));
		let id = order(Charlie, listing, 1, 10 * USDT_UNIT);
		let order = pallet_orders::Orders::<Runtime>::get(id).unwrap();
		assert_eq!(order.asset, PaymentAsset::Native, "still BZR: 10 USDT units of BZR planck");
		assert_eq!(usdt_held(HoldReason::Escrow, &account(Charlie)), 0);
	});
}

#[test]
fn a_buyer_short_of_usdt_cannot_order_whatever_bzr_it_holds() {
	dev_chain().execute_with(|| {
		usdt_priced();
		let listing = list_in_usdt(Bob, DEV_USDT_ENDOWMENT, 1);
		assert_noop!(
			Orders::place_order(signed(Charlie), listing, 1, DEV_USDT_ENDOWMENT, None, None),
			pallet_orders::Error::<Runtime>::InsufficientFunds
		);
	});
}
