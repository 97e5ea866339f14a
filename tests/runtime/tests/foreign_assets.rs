//! Foreign assets through the real runtime: Asset Hub's USDT as the dev chain starts with it, a
//! stablecoin registered by a root referendum, holds on it, and what XCM accepts: a reserve
//! transfer of USDT from Asset Hub credits the beneficiary and pays its execution in USDT; the
//! same asset from another chain, Asset Hub claiming to be the reserve of anything else, and an
//! asset Bazaar has not registered are refused with nothing minted.

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	configs::{
		accounts::ProxyType,
		commerce::TreasuryAccount,
		foreign_assets::{
			asset_hub_asset, AssetHubLocation, ForeignAssetsOwner, UsdcLocation, UsdtLocation,
		},
		xcm::XcmConfig,
	},
	genesis_config_presets::{DEV_USDT_ENDOWMENT, DEV_USDT_MIN_BALANCE, USDT_UNIT},
	AccountId, AssetRate, Balance, ForeignAssets, ForeignAssetsHolder, OriginCaller, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, System,
};
use bazaar_runtime_tests::*;
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungibles::{Inspect, InspectHold, MutateHold},
		tokens::Precision,
	},
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::traits::BadOrigin;
use xcm::latest::{prelude::*, Weight};
use xcm_executor::XcmExecutor;

fn usdt_issuance() -> Balance {
	<ForeignAssets as Inspect<AccountId>>::total_issuance(UsdtLocation::get())
}

/// A fresh account: holds neither BZR nor USDT.
fn newcomer() -> AccountId {
	AccountId::new([7; 32])
}

fn to_account(who: &AccountId) -> Location {
	AccountId32 { network: None, id: who.clone().into() }.into()
}

/// What a reserve transfer from `reserve` delivers: `amount` of `asset` deposited to
/// `beneficiary`, execution bought with `fee` of it.
fn reserve_transfer(asset: Location, amount: u128, fee: u128, beneficiary: &AccountId) -> Xcm<()> {
	Xcm(vec![
		ReserveAssetDeposited((asset.clone(), amount).into()),
		ClearOrigin,
		BuyExecution { fees: (asset, fee).into(), weight_limit: Unlimited },
		DepositAsset { assets: Wild(AllCounted(1)), beneficiary: to_account(beneficiary) },
	])
}

/// Executes `message` as arriving from `origin`, as the message queue does; its outcome.
fn receive(origin: Location, message: Xcm<()>) -> Outcome {
	let mut id = message.using_encoded(sp_io::hashing::blake2_256);
	XcmExecutor::<XcmConfig>::prepare_and_execute(
		origin,
		message.into(),
		&mut id,
		Weight::MAX,
		Weight::zero(),
	)
}

fn error_of(outcome: Outcome) -> XcmError {
	outcome.ensure_complete().unwrap_err().error
}

fn trapped() -> bool {
	System::events().iter().any(|record| {
		matches!(record.event, RuntimeEvent::PolkadotXcm(pallet_xcm::Event::AssetsTrapped { .. }))
	})
}

#[test]
fn the_dev_chain_starts_with_usdt_as_asset_hub_keys_it() {
	dev_chain().execute_with(|| {
		use frame_support::traits::fungibles::metadata::Inspect as Metadata;
		let usdt = UsdtLocation::get();
		assert_eq!(
			usdt,
			Location::new(1, [Parachain(1000), PalletInstance(50), GeneralIndex(1984)])
		);
		assert_eq!(<ForeignAssets as Metadata<AccountId>>::symbol(usdt.clone()), b"USDT".to_vec());
		assert_eq!(<ForeignAssets as Metadata<AccountId>>::decimals(usdt.clone()), 6);
		let details =
			pallet_assets::Asset::<Runtime, pallet_assets::Instance1>::get(&usdt).unwrap();
		assert!(details.is_sufficient, "a shopper may hold USDT without BZR");
		assert_eq!(details.min_balance, DEV_USDT_MIN_BALANCE);
		assert_eq!(details.owner, ForeignAssetsOwner::get());
		for who in [Alice, Bob, Charlie, Dave, Eve, Ferdie] {
			assert_eq!(usdt_of(&account(who)), DEV_USDT_ENDOWMENT);
		}
	});
}

#[test]
fn only_root_registers_a_foreign_asset_and_a_referendum_does() {
	dev_chain().execute_with(|| {
		let usdc = UsdcLocation::get();
		// Whoever created USDC's location first would be its issuer: nobody signed may.
		assert_noop!(
			ForeignAssets::create(signed(Bob), usdc.clone(), account(Bob).into(), 1),
			BadOrigin
		);
		assert_noop!(
			ForeignAssets::force_create(signed(Bob), usdc.clone(), account(Bob).into(), true, 1),
			BadOrigin
		);
		assert_noop!(
			AssetRate::create(signed(Bob), Box::new(usdc.clone()), usdt_rate()),
			BadOrigin
		);

		let register = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![
				pallet_assets::Call::<Runtime, pallet_assets::Instance1>::force_create {
					id: usdc.clone(),
					owner: ForeignAssetsOwner::get().into(),
					is_sufficient: true,
					min_balance: 10_000,
				}
				.into(),
				pallet_assets::Call::<Runtime, pallet_assets::Instance1>::force_set_metadata {
					id: usdc.clone(),
					name: b"USD Coin".to_vec(),
					symbol: b"USDC".to_vec(),
					decimals: 6,
					is_frozen: false,
				}
				.into(),
				pallet_asset_rate::Call::create {
					asset_kind: Box::new(usdc.clone()),
					rate: usdt_rate(),
				}
				.into(),
			],
		});
		let (index, verdict) = run_referendum(
			OriginCaller::system(frame_system::RawOrigin::Root),
			register,
			&[Alice, Bob, Charlie, Dave, Eve],
			&[],
		);
		assert_eq!(verdict, Verdict::Approved, "referendum {index}");
		let details =
			pallet_assets::Asset::<Runtime, pallet_assets::Instance1>::get(&usdc).unwrap();
		assert!(details.is_sufficient);
		assert_eq!(details.owner, ForeignAssetsOwner::get());
		assert_eq!(details.supply, 0, "registering mints nothing");
		assert_eq!(
			pallet_asset_rate::ConversionRateToNative::<Runtime>::get(&usdc),
			Some(usdt_rate())
		);
	});
}

#[test]
fn usdt_on_hold_stays_on_the_account_and_cannot_be_spent() {
	dev_chain().execute_with(|| {
		let usdt = UsdtLocation::get();
		let reason = RuntimeHoldReason::Orders(pallet_orders::HoldReason::Escrow);
		let held = 9_000 * USDT_UNIT;
		assert_ok!(ForeignAssetsHolder::hold(usdt.clone(), &reason, &account(Charlie), held));
		assert_eq!(
			ForeignAssetsHolder::balance_on_hold(usdt.clone(), &reason, &account(Charlie)),
			held
		);
		assert_eq!(
			<ForeignAssets as Inspect<AccountId>>::total_balance(usdt.clone(), &account(Charlie)),
			DEV_USDT_ENDOWMENT
		);
		// The free part can move, the held part cannot.
		assert_noop!(
			ForeignAssets::transfer(
				signed(Charlie),
				usdt.clone(),
				account(Dave).into(),
				1_000 * USDT_UNIT
			),
			pallet_assets::Error::<Runtime, pallet_assets::Instance1>::BalanceLow
		);
		assert_ok!(ForeignAssets::transfer(
			signed(Charlie),
			usdt.clone(),
			account(Dave).into(),
			500 * USDT_UNIT
		));
		assert_ok!(ForeignAssetsHolder::release(
			usdt.clone(),
			&reason,
			&account(Charlie),
			held,
			Precision::Exact
		));
		assert_eq!(usdt_of(&account(Charlie)), DEV_USDT_ENDOWMENT - 500 * USDT_UNIT);
	});
}

/// A shop's non-transfer proxy tries to pay itself in the shop's USDT.
#[test]
fn a_non_transfer_proxy_cannot_move_the_shops_usdt() {
	dev_chain().execute_with(|| {
		add_proxy(Eve, Ferdie, ProxyType::NonTransfer);
		let (eve_before, ferdie_before) = (usdt_of(&account(Eve)), usdt_of(&account(Ferdie)));
		let pay_me =
			pallet_assets::Call::<Runtime, pallet_assets::Instance1>::transfer_keep_alive {
				id: UsdtLocation::get(),
				target: account(Ferdie).into(),
				amount: 1_000 * USDT_UNIT,
			};
		let result = as_proxy(Ferdie, Eve, pay_me.into());
		eprintln!(
			"Ferdie moves 1,000 of Eve's USDT through a NonTransfer proxy: {result:?}; Eve {:+}, \
			 Ferdie {:+}",
			usdt_of(&account(Eve)) as i128 - eve_before as i128,
			usdt_of(&account(Ferdie)) as i128 - ferdie_before as i128,
		);
		assert_eq!(result, Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		assert_eq!(usdt_of(&account(Eve)), eve_before);
	});
}

#[test]
fn a_reserve_transfer_of_usdt_from_asset_hub_credits_the_beneficiary_and_pays_in_usdt() {
	dev_chain().execute_with(|| {
		assert_ok!(AssetRate::create(
			RuntimeOrigin::root(),
			Box::new(UsdtLocation::get()),
			usdt_rate()
		));
		let (issuance_before, treasury_before) =
			(usdt_issuance(), usdt_of(&TreasuryAccount::get()));
		let amount = 100 * USDT_UNIT;

		let outcome = receive(
			AssetHubLocation::get(),
			reserve_transfer(UsdtLocation::get(), amount, USDT_UNIT, &newcomer()),
		);

		assert!(outcome.clone().ensure_complete().is_ok(), "{outcome:?}");
		let fee = usdt_of(&TreasuryAccount::get()) - treasury_before;
		assert!((DEV_USDT_MIN_BALANCE..=USDT_UNIT).contains(&fee), "fee {fee}");
		// A newcomer with no BZR now holds USDT: the asset is sufficient.
		assert_eq!(usdt_of(&newcomer()), amount - fee);
		assert_eq!(free(&newcomer()), 0);
		// Exactly what arrived was minted: the reserve on Asset Hub backs it.
		assert_eq!(usdt_issuance(), issuance_before + amount);
	});
}

#[test]
fn usdt_without_a_rate_cannot_pay_for_execution_and_is_trapped() {
	dev_chain().execute_with(|| {
		let issuance_before = usdt_issuance();
		let outcome = receive(
			AssetHubLocation::get(),
			reserve_transfer(UsdtLocation::get(), 100 * USDT_UNIT, USDT_UNIT, &newcomer()),
		);
		assert!(matches!(error_of(outcome), XcmError::TooExpensive | XcmError::Overflow));
		assert!(trapped(), "the assets stay claimable");
		assert_eq!(usdt_of(&newcomer()), 0);
		// Trapped assets stay in the issuance: they are backed on Asset Hub, and claiming them
		// back (`ClaimAsset`) restores them without minting again (`pallet_xcm`'s asset trap).
		assert_eq!(usdt_issuance(), issuance_before + 100 * USDT_UNIT);
	});
}

#[test]
fn usdt_from_a_chain_other_than_asset_hub_is_refused() {
	dev_chain().execute_with(|| {
		assert_ok!(AssetRate::create(
			RuntimeOrigin::root(),
			Box::new(UsdtLocation::get()),
			usdt_rate()
		));
		let issuance_before = usdt_issuance();
		let impostor = Location::new(1, [Parachain(2_000)]);
		let outcome = receive(
			impostor,
			reserve_transfer(UsdtLocation::get(), 100 * USDT_UNIT, USDT_UNIT, &newcomer()),
		);
		assert_eq!(error_of(outcome), XcmError::UntrustedReserveLocation);
		assert_eq!(usdt_issuance(), issuance_before);
		assert_eq!(usdt_of(&newcomer()), 0);
	});
}

#[test]
fn asset_hub_is_not_the_reserve_of_bzr_or_of_the_relay_chains_token() {
	dev_chain().execute_with(|| {
		let issuance_before = total_issuance();
		for asset in [Location::here(), Location::parent()] {
			let outcome = receive(
				AssetHubLocation::get(),
				reserve_transfer(
					asset,
					100 * bazaar_runtime::UNIT,
					bazaar_runtime::UNIT,
					&newcomer(),
				),
			);
			assert_eq!(error_of(outcome), XcmError::UntrustedReserveLocation);
		}
		assert_eq!(total_issuance(), issuance_before, "no BZR minted");
		assert_eq!(free(&newcomer()), 0);
	});
}

#[test]
fn an_asset_hub_asset_bazaar_has_not_registered_is_trapped_with_nothing_minted() {
	dev_chain().execute_with(|| {
		let unknown = asset_hub_asset(42);
		assert_ok!(AssetRate::create(
			RuntimeOrigin::root(),
			Box::new(unknown.clone()),
			usdt_rate()
		));
		let outcome = receive(
			AssetHubLocation::get(),
			reserve_transfer(unknown.clone(), 100 * USDT_UNIT, USDT_UNIT, &newcomer()),
		);
		// Even with its execution paid for, the deposit fails: there is no such asset here.
		assert!(outcome.clone().ensure_complete().is_err(), "{outcome:?}");
		assert!(trapped(), "the assets stay claimable");
		assert!(pallet_assets::Asset::<Runtime, pallet_assets::Instance1>::get(&unknown).is_none());
		assert_eq!(<ForeignAssets as Inspect<AccountId>>::balance(unknown, &newcomer()), 0);
	});
}

/// `who` sends `assets` to `dest` with `pallet_xcm::transfer_assets`, to its own account there.
fn transfer_assets(
	who: sp_keyring::Sr25519Keyring,
	dest: Location,
	assets: Assets,
) -> sp_runtime::DispatchResult {
	bazaar_runtime::PolkadotXcm::transfer_assets(
		signed(who),
		Box::new(dest.into()),
		Box::new(to_account(&account(who)).into()),
		Box::new(assets.into()),
		0,
		Unlimited,
	)
}

/// The last message `pallet_xcm` sent, and where to.
fn last_sent() -> (Location, Xcm<()>) {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::PolkadotXcm(pallet_xcm::Event::Sent { destination, message, .. }) =>
				Some((destination, message)),
			_ => None,
		})
		.expect("a message was sent")
}

#[test]
fn a_seller_sends_usdt_home_to_asset_hub_and_it_leaves_bazaar() {
	dev_chain().execute_with(|| {
		bazaar_runtime::ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(
			1000.into(),
		);
		let bob = account(Bob);
		let amount = 100 * USDT_UNIT;
		let (usdt_before, issuance_before) = (usdt_of(&bob), usdt_issuance());
		let (bzr_before, treasury_before) = (free(&bob), free(&TreasuryAccount::get()));

		assert_ok!(transfer_assets(
			Bob,
			AssetHubLocation::get(),
			(UsdtLocation::get(), amount).into()
		));

		// Burnt here: Asset Hub pays it out of Bazaar's sovereign account there.
		assert_eq!(usdt_of(&bob), usdt_before - amount);
		assert_eq!(usdt_issuance(), issuance_before - amount);
		// Delivery is paid in BZR, to the treasury.
		let delivery = bzr_before - free(&bob);
		assert!(delivery > 0);
		assert_eq!(free(&TreasuryAccount::get()), treasury_before + delivery);
		// What Asset Hub receives: withdraw the USDT from Bazaar's account, pay with it, deposit
		// the rest to Bob.
		let (destination, message) = last_sent();
		assert_eq!(destination, AssetHubLocation::get());
		let usdt_on_asset_hub = Location::new(0, [PalletInstance(50), GeneralIndex(1984)]);
		assert!(
			matches!(message.0.first(), Some(WithdrawAsset(assets))
				if *assets == (usdt_on_asset_hub, amount).into()),
			"{message:?}"
		);
		assert!(message.0.iter().any(|instruction| matches!(
			instruction,
			DepositAsset { beneficiary, .. } if *beneficiary == to_account(&bob)
		)));
	});
}

#[test]
fn bzr_and_assets_of_other_chains_cannot_leave_by_reserve_transfer() {
	dev_chain().execute_with(|| {
		bazaar_runtime::ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(
			1000.into(),
		);
		let filtered = pallet_xcm::Error::<Runtime>::Filtered;
		let bzr: Assets = (Location::here(), 10 * bazaar_runtime::UNIT).into();
		assert_noop!(transfer_assets(Bob, AssetHubLocation::get(), bzr), filtered);
		// A USDT "reserved" on another parachain is not Asset Hub's: no reserve is known for it.
		let elsewhere = Location::new(1, [Parachain(2000), PalletInstance(50), GeneralIndex(1984)]);
		assert_noop!(
			transfer_assets(Bob, AssetHubLocation::get(), (elsewhere, 10).into()),
			pallet_xcm::Error::<Runtime>::InvalidAssetUnknownReserve
		);
		// Teleports stay off.
		assert_noop!(
			bazaar_runtime::PolkadotXcm::limited_teleport_assets(
				signed(Bob),
				Box::new(AssetHubLocation::get().into()),
				Box::new(to_account(&account(Bob)).into()),
				Box::new(Assets::from((UsdtLocation::get(), USDT_UNIT)).into()),
				0,
				Unlimited,
			),
			pallet_xcm::Error::<Runtime>::Filtered
		);
	});
}
