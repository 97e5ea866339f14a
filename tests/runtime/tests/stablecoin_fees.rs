//! Transaction fees paid in USDT through the real runtime, as a wallet submits them: an account
//! that holds USDT and no BZR at all places an order, its fee converted at USDT's governed rate;
//! and what a fee asset must be for the transaction pool to accept it.

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	configs::{
		commerce::{OrderDepositBase, TreasuryAccount},
		foreign_assets::{UsdcLocation, UsdtLocation},
	},
	genesis_config_presets::{DEV_USDT_MIN_BALANCE, USDT_UNIT},
	AccountId, AssetRate, Balance, ForeignAssets, Listings, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, System,
};
use bazaar_runtime_tests::*;
use frame_support::{
	assert_ok,
	traits::{fungibles::Inspect, tokens::ConversionToAssetBalance},
};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, One};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	FixedPointNumber,
};
use xcm::latest::Location;

/// Alice sends `amount` of her dev USDT to `to`.
fn give_usdt(to: Sr25519Keyring, amount: Balance) {
	assert_ok!(ForeignAssets::transfer(
		signed(Alice),
		UsdtLocation::get(),
		account(to).into(),
		amount
	));
}

/// The dev chain with USDT priced, Bob's listing at 20 USDT, and One holding 100 USDT and no BZR
/// at all. Returns the listing.
fn one_holds_usdt_only() -> u32 {
	assert_ok!(AssetRate::create(
		RuntimeOrigin::root(),
		Box::new(UsdtLocation::get()),
		usdt_rate()
	));
	let listing = pallet_listings::NextListingId::<Runtime>::get();
	assert_ok!(Listings::create_listing(
		signed(Bob),
		USDT,
		20 * USDT_UNIT,
		10,
		1,
		Default::default()
	));
	give_usdt(One, 100 * USDT_UNIT);
	assert_eq!(free(&account(One)), 0);
	assert!(frame_system::Account::<Runtime>::get(account(One)).sufficients > 0, "USDT keeps it");
	listing
}

fn place_order(listing: u32) -> RuntimeCall {
	RuntimeCall::Orders(pallet_orders::Call::place_order {
		listing,
		quantity: 1,
		max_unit_price: 20 * USDT_UNIT,
		delivery_code_hash: None,
		sealed_delivery: None,
	})
}

/// The fee the last transaction paid in an asset, as `pallet_asset_tx_payment` reported it.
fn asset_fee_paid() -> (AccountId, Balance, Option<Location>) {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::AssetTxPayment(pallet_asset_tx_payment::Event::AssetTxFeePaid {
				who,
				actual_fee,
				asset_id,
				..
			}) => Some((who, actual_fee, asset_id)),
			_ => None,
		})
		.expect("a fee was paid in an asset")
}

#[test]
fn an_account_with_usdt_and_no_bzr_places_an_order_paying_its_fee_in_usdt() {
	dev_chain().execute_with(|| {
		let listing = one_holds_usdt_only();
		// The treasury already holds USDT (a market fee), so the fee can be paid to it.
		let treasury = TreasuryAccount::get();
		assert_ok!(ForeignAssets::transfer(
			signed(Alice),
			UsdtLocation::get(),
			treasury.clone().into(),
			DEV_USDT_MIN_BALANCE
		));
		let (one, before) = (account(One), usdt_of(&account(One)));
		let (treasury_before, issuance) = (
			usdt_of(&treasury),
			<ForeignAssets as Inspect<AccountId>>::total_issuance(UsdtLocation::get()),
		);

		let xt = signed_extrinsic_paying_in(One, Some(UsdtLocation::get()), place_order(listing));
		assert!(pool_priority(&xt).is_ok(), "the pool accepts it");
		assert_eq!(author_block(&[xt]), vec![Ok(())]);

		let order = pallet_orders::Orders::<Runtime>::get(0).expect("One's order was placed");
		assert_eq!((order.buyer.clone(), order.asset.clone()), (one.clone(), USDT));
		let (who, fee, asset) = asset_fee_paid();
		assert_eq!((who, asset), (one.clone(), Some(UsdtLocation::get())));
		assert!(fee > 0);
		// The fee is the BZR fee converted at USDT's rate (10 BZR a USDT): a BZR fee of
		// `fee * 10^7` planck, to within the rounding of the conversion.
		let bzr_fee = fee * 10_000_000;
		assert_eq!(AssetRate::to_asset_balance(bzr_fee, UsdtLocation::get()).unwrap(), fee);
		// Every USDT unit: the escrow and deposit held, the fee gone to the treasury (the
		// test block has no author), nothing minted or burnt; no BZR anywhere near One.
		let deposit = usdt_rate().reciprocal().unwrap().saturating_mul_int(OrderDepositBase::get());
		let escrow = order.value + order.fee;
		assert_eq!(usdt_of(&one), before - escrow - order.deposit - fee);
		assert_eq!(order.deposit, deposit);
		assert_eq!(usdt_of(&treasury), treasury_before + fee);
		assert_eq!(
			<ForeignAssets as Inspect<AccountId>>::total_issuance(UsdtLocation::get()),
			issuance
		);
		assert_eq!(free(&one), 0);
	});
}

#[test]
fn a_fee_in_usdt_that_nobody_can_receive_is_burnt_and_the_order_stands() {
	dev_chain().execute_with(|| {
		let listing = one_holds_usdt_only();
		let issuance = <ForeignAssets as Inspect<AccountId>>::total_issuance(UsdtLocation::get());
		assert_eq!(usdt_of(&TreasuryAccount::get()), 0);

		let xt = signed_extrinsic_paying_in(One, Some(UsdtLocation::get()), place_order(listing));
		assert_eq!(author_block(&[xt]), vec![Ok(())]);

		let (_, fee, _) = asset_fee_paid();
		assert!(fee < DEV_USDT_MIN_BALANCE, "below what opens the treasury's USDT account");
		assert_eq!(usdt_of(&TreasuryAccount::get()), 0);
		assert_eq!(
			<ForeignAssets as Inspect<AccountId>>::total_issuance(UsdtLocation::get()),
			issuance - fee
		);
		assert!(pallet_orders::Orders::<Runtime>::get(0).is_some());
	});
}

#[test]
fn the_pool_refuses_a_fee_nobody_can_pay() {
	dev_chain().execute_with(|| {
		let listing = one_holds_usdt_only();
		let payment = Err(TransactionValidityError::Invalid(InvalidTransaction::Payment));
		// In BZR: One has none.
		let xt = signed_extrinsic_paying_in(One, None, place_order(listing));
		assert_eq!(pool_priority(&xt), payment);
		// In an asset Bazaar has not registered, or registered without a rate.
		let xt = signed_extrinsic_paying_in(One, Some(UsdcLocation::get()), place_order(listing));
		assert_eq!(pool_priority(&xt), payment);
		assert_ok!(AssetRate::remove(RuntimeOrigin::root(), Box::new(UsdtLocation::get())));
		let xt = signed_extrinsic_paying_in(One, Some(UsdtLocation::get()), place_order(listing));
		assert_eq!(pool_priority(&xt), payment);
		// In BZR itself named as a location: not a foreign asset.
		let xt = signed_extrinsic_paying_in(One, Some(Location::here()), place_order(listing));
		assert_eq!(pool_priority(&xt), payment);
	});
}

/// 98.98 USDT: with its market fee and deposit, all but dust of 100 USDT.
const PRICE_LEAVING_DUST: Balance = 98_980_000;

#[test]
fn the_pool_refuses_a_usdt_fee_from_an_account_without_enough_free_usdt() {
	dev_chain().execute_with(|| {
		one_holds_usdt_only();
		let listing = pallet_listings::NextListingId::<Runtime>::get();
		assert_ok!(Listings::create_listing(
			signed(Bob),
			USDT,
			PRICE_LEAVING_DUST,
			10,
			1,
			Default::default()
		));
		// One's 100 USDT go into escrow (98.98 and its 1% fee) and the deposit (0.016), paid by
		// dispatching directly (no fee), leaving 0.0142 USDT: 0.0042 above the minimum balance a
		// holder keeps, short of the 0.1 USDT a 100 kB remark costs.
		assert_ok!(bazaar_runtime::Orders::place_order(
			signed(One),
			listing,
			1,
			PRICE_LEAVING_DUST,
			None,
			None
		));
		let left = usdt_of(&account(One));
		assert!(left < USDT_UNIT, "{left}");
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 100_000] });
		let xt = signed_extrinsic_paying_in(One, Some(UsdtLocation::get()), remark);
		assert_eq!(
			pool_priority(&xt),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
	});
}
