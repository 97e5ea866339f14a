//! Governance through the real runtime: each OpenGov origin has exactly its powers, a passed
//! referendum dispatches with its track's origin, and a failed one changes nothing.

// Test code: a failed `unwrap` is a failed test (clippy does not treat `tests/` helpers as tests).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	configs::governance::{pallet_custom_origins::Origin as Custom, tracks::ids, TracksInfo},
	AccountId, Balances, Orders, OriginCaller, Referenda, Runtime, RuntimeCall, RuntimeOrigin,
	Treasury, UNIT,
};
use bazaar_runtime_tests::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use pallet_referenda::TracksInfo as _;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::{traits::Dispatchable, DispatchError, Perbill, Permill};

const VOTERS: [Sr25519Keyring; 5] = [Alice, Bob, Charlie, Dave, Eve];

fn custom(origin: Custom) -> RuntimeOrigin {
	RuntimeOrigin::from(origin)
}

fn set_fee(fee: Permill) -> RuntimeCall {
	RuntimeCall::Orders(pallet_orders::Call::set_market_fee { fee })
}

fn spend(amount: u128, to: AccountId) -> RuntimeCall {
	RuntimeCall::Treasury(pallet_treasury::Call::spend {
		asset_kind: Box::new(()),
		amount,
		beneficiary: Box::new(to),
		valid_from: None,
	})
}

/// A shipped, disputed order between Bob (seller) and Charlie (buyer).
fn disputed_order() -> u64 {
	let listing = list(Bob, PRICE, 5);
	let id = order(Charlie, listing, 1, PRICE);
	assert_ok!(Orders::ship(signed(Bob), id, Default::default()));
	assert_ok!(Orders::open_dispute(signed(Charlie), id, Default::default()));
	id
}

fn resolve(id: u64) -> RuntimeCall {
	RuntimeCall::Orders(pallet_orders::Call::resolve {
		order: id,
		buyer_share: Perbill::from_percent(50),
	})
}

fn bad_origin(call: RuntimeCall, origin: RuntimeOrigin) {
	assert_eq!(call.dispatch(origin).map_err(|e| e.error), Err(DispatchError::BadOrigin));
}

#[test]
fn the_market_admin_sets_the_fee_and_nothing_else() {
	dev_chain().execute_with(|| {
		assert_ok!(set_fee(Permill::from_percent(2)).dispatch(custom(Custom::MarketAdmin)));
		assert_eq!(pallet_orders::MarketFee::<Runtime>::get(), Permill::from_percent(2));
		let id = disputed_order();
		bad_origin(resolve(id), custom(Custom::MarketAdmin));
		bad_origin(spend(UNIT, account(Dave)), custom(Custom::MarketAdmin));
	});
}

#[test]
fn the_arbitrator_rules_on_disputes_and_nothing_else() {
	dev_chain().execute_with(|| {
		let id = disputed_order();
		bad_origin(set_fee(Permill::from_percent(2)), custom(Custom::Arbitrator));
		assert_ok!(resolve(id).dispatch(custom(Custom::Arbitrator)));
		assert!(pallet_orders::Orders::<Runtime>::get(id).unwrap().state.is_terminal());
	});
}

#[test]
fn spenders_spend_up_to_their_limits() {
	dev_chain().execute_with(|| {
		let dave = account(Dave);
		assert_ok!(spend(1_000 * UNIT, dave.clone()).dispatch(custom(Custom::SmallSpender)));
		assert_eq!(
			spend(1_001 * UNIT, dave.clone())
				.dispatch(custom(Custom::SmallSpender))
				.map_err(|e| e.error),
			Err(pallet_treasury::Error::<Runtime>::InsufficientPermission.into())
		);
		assert_ok!(spend(100_000 * UNIT, dave.clone()).dispatch(custom(Custom::Treasurer)));
		bad_origin(spend(UNIT, dave.clone()), custom(Custom::MarketAdmin));
		bad_origin(spend(UNIT, dave), signed(Alice));
	});
}

#[test]
fn model_approver_and_signed_accounts_hold_no_market_powers() {
	dev_chain().execute_with(|| {
		let id = disputed_order();
		for origin in [custom(Custom::ModelApprover), signed(Alice), RuntimeOrigin::none()] {
			bad_origin(set_fee(Permill::from_percent(2)), origin.clone());
			bad_origin(resolve(id), origin);
		}
	});
}

#[test]
fn every_origin_has_its_own_track() {
	let track = |origin: OriginCaller| TracksInfo::track_for(&origin);
	assert_eq!(track(frame_system::RawOrigin::Root.into()), Ok(ids::ROOT));
	for (origin, id) in [
		(Custom::WhitelistedCaller, ids::WHITELISTED_CALLER),
		(Custom::MarketAdmin, ids::MARKET_ADMIN),
		(Custom::Arbitrator, ids::ARBITRATOR),
		(Custom::ModelApprover, ids::MODEL_APPROVER),
		(Custom::Treasurer, ids::TREASURER),
		(Custom::SmallSpender, ids::SMALL_SPENDER),
		(Custom::ReferendumCanceller, ids::REFERENDUM_CANCELLER),
		(Custom::ReferendumKiller, ids::REFERENDUM_KILLER),
	] {
		assert_eq!(track(OriginCaller::Origins(origin)), Ok(id));
	}
	// A signed account cannot be a referendum's origin.
	assert_eq!(track(frame_system::RawOrigin::Signed(account(Alice)).into()), Err(()));
	let mut seen: Vec<u16> = TracksInfo::tracks().map(|t| t.id).collect();
	seen.dedup();
	assert_eq!(seen.len(), 9, "track ids are unique");
}

#[test]
fn a_passed_market_admin_referendum_sets_the_fee() {
	dev_chain().execute_with(|| {
		let (index, verdict) = run_referendum(
			OriginCaller::Origins(Custom::MarketAdmin),
			set_fee(Permill::from_percent(3)),
			&VOTERS,
			&[],
		);
		assert_eq!(verdict, Verdict::Approved, "referendum {index}");
		assert_eq!(pallet_orders::MarketFee::<Runtime>::get(), Permill::from_percent(3));
	});
}

#[test]
fn a_passed_arbitrator_referendum_rules_on_a_dispute() {
	dev_chain().execute_with(|| {
		let id = disputed_order();
		let (_, verdict) =
			run_referendum(OriginCaller::Origins(Custom::Arbitrator), resolve(id), &VOTERS, &[]);
		assert_eq!(verdict, Verdict::Approved);
		assert!(pallet_orders::Orders::<Runtime>::get(id).unwrap().state.is_terminal());
	});
}

#[test]
fn a_failed_referendum_changes_nothing() {
	dev_chain().execute_with(|| {
		let fee_before = pallet_orders::MarketFee::<Runtime>::get();
		let issuance_before = total_issuance();
		let treasury_before = Balances::balance(&Treasury::account_id());
		let proposer = account(Ferdie);
		let proposer_before = Balances::total_balance(&proposer);

		let (index, verdict) = run_referendum(
			OriginCaller::Origins(Custom::MarketAdmin),
			set_fee(Permill::from_percent(9)),
			&[Alice],
			&[Bob, Charlie, Dave, Eve],
		);
		assert_eq!(verdict, Verdict::Rejected);
		assert_eq!(pallet_orders::MarketFee::<Runtime>::get(), fee_before);
		assert_eq!(total_issuance(), issuance_before);
		assert_eq!(Balances::balance(&Treasury::account_id()), treasury_before);

		// The proposer gets the decision deposit back; the submission deposit of a rejected
		// referendum stays reserved (the price of a failed proposal), so nothing left the
		// proposer's account. Voters' balances were only locked.
		assert_ok!(Referenda::refund_decision_deposit(signed(Ferdie), index));
		assert_noop!(
			Referenda::refund_submission_deposit(signed(Ferdie), index),
			pallet_referenda::Error::<Runtime>::BadStatus
		);
		assert_eq!(Balances::total_balance(&proposer), proposer_before);
		assert_eq!(
			Balances::balance(&proposer),
			proposer_before - bazaar_runtime::configs::governance::SubmissionDeposit::get()
		);
		for voter in [Alice, Bob] {
			assert_eq!(Balances::total_balance(&account(voter)), 1_000_000 * UNIT);
		}
	});
}

#[test]
fn referenda_can_be_cancelled_only_by_root_or_the_canceller() {
	dev_chain().execute_with(|| {
		use frame_support::traits::{schedule::DispatchTime, StorePreimage};
		let bounded = bazaar_runtime::Preimage::bound(set_fee(Permill::from_percent(5))).unwrap();
		assert_ok!(Referenda::submit(
			signed(Ferdie),
			Box::new(OriginCaller::Origins(Custom::MarketAdmin)),
			bounded,
			DispatchTime::After(0),
		));
		assert_noop!(Referenda::cancel(signed(Alice), 0), DispatchError::BadOrigin);
		assert_noop!(Referenda::cancel(custom(Custom::MarketAdmin), 0), DispatchError::BadOrigin);
		assert_ok!(Referenda::cancel(custom(Custom::ReferendumCanceller), 0));
	});
}

#[test]
fn only_the_development_chain_has_a_sudo_key() {
	let key = |preset: &str| {
		bazaar_runtime::genesis_config_presets::preset_genesis_config(&preset.into())
			.unwrap()
			.sudo
			.key
	};
	assert_eq!(key(sp_genesis_builder::DEV_RUNTIME_PRESET), Some(account(Alice)));
	assert_eq!(key(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET), None);
	// Without a key, nobody passes sudo's check: Alice cannot set the fee on the local testnet.
	chain(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_noop!(
			bazaar_runtime::Sudo::sudo(signed(Alice), Box::new(set_fee(Permill::from_percent(2)))),
			pallet_sudo::Error::<Runtime>::RequireSudo
		);
	});
}
