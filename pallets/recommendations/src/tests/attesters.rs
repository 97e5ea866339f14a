//! Registering, leaving and withdrawing the bond.

use super::*;

#[test]
fn register_holds_the_bond_and_maps_the_key() {
	ExtBuilder::default().without_attester().build_and_execute(|| {
		let key = attester_key();
		assert_ok!(Recommendations::register_attester(
			RuntimeOrigin::signed(ATTESTER),
			key.clone()
		));
		assert_eq!(held(HoldReason::AttesterBond, ATTESTER), BOND);
		assert_eq!(AttesterKeys::<Test>::get(&key), Some(ATTESTER));
		assert_eq!(
			Attesters::<Test>::get(ATTESTER),
			Some(Attester { key: key.clone(), bond: BOND, unbonds_at: None })
		);
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::AttesterRegistered { attester: ATTESTER, key, bond: BOND })
		);
	});
}

#[test]
fn register_is_checked() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Recommendations::register_attester(RuntimeOrigin::signed(ATTESTER), other_key()),
			Error::<Test>::AlreadyAttester
		);
		assert_noop!(
			Recommendations::register_attester(RuntimeOrigin::signed(OTHER), attester_key()),
			Error::<Test>::KeyInUse
		);
		assert_noop!(
			Recommendations::register_attester(RuntimeOrigin::signed(POOR), other_key()),
			Error::<Test>::InsufficientBond
		);
	});
}

#[test]
fn leaving_stops_attesting_at_once_and_frees_the_bond_after_unbonding() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Recommendations::withdraw_bond(RuntimeOrigin::signed(ATTESTER)),
			Error::<Test>::NotLeaving
		);
		assert_ok!(Recommendations::unregister_attester(RuntimeOrigin::signed(ATTESTER)));
		let unbonds_at = 1 + UNBONDING;
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::AttesterLeaving { attester: ATTESTER, unbonds_at })
		);
		assert!(!AttesterKeys::<Test>::contains_key(attester_key()));
		user_bought_10();
		assert_noop!(attest(USER, honest_top_k(USER)), Error::<Test>::UnknownAttester);
		assert_noop!(
			Recommendations::unregister_attester(RuntimeOrigin::signed(ATTESTER)),
			Error::<Test>::AlreadyLeaving
		);

		run_to_block(unbonds_at - 1);
		assert_noop!(
			Recommendations::withdraw_bond(RuntimeOrigin::signed(ATTESTER)),
			Error::<Test>::StillBonded
		);
		run_to_block(unbonds_at);
		assert_ok!(Recommendations::withdraw_bond(RuntimeOrigin::signed(ATTESTER)));
		assert_eq!(held(HoldReason::AttesterBond, ATTESTER), 0);
		assert!(!Attesters::<Test>::contains_key(ATTESTER));
		assert_eq!(
			recommendation_events().last(),
			Some(&Event::BondWithdrawn { attester: ATTESTER, bond: BOND })
		);
	});
}

#[test]
fn only_attesters_leave_or_withdraw() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Recommendations::unregister_attester(RuntimeOrigin::signed(OTHER)),
			Error::<Test>::NotAttester
		);
		assert_noop!(
			Recommendations::withdraw_bond(RuntimeOrigin::signed(OTHER)),
			Error::<Test>::NotAttester
		);
	});
}
