//! `open_dispute`, `propose_settlement`, `accept_settlement` and `resolve`.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn open_dispute_moves_the_deadline_to_rule_by() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped();
		System::set_block_number(5);
		assert_ok!(OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::repeat_byte(3)));
		let rule_by = 5 + RULING_WINDOW;
		assert_eq!(state(id), OrderState::Disputed { rule_by, reason_hash: H256::repeat_byte(3) });
		assert_eq!(crate::Orders::<Test>::get(id).unwrap().slot, Some(rule_by));
		// 10% of the goods value (100), above the minimum of 5.
		let deposit = 10;
		assert_eq!(
			orders_events().last(),
			Some(&Event::DisputeOpened {
				order: id,
				reason_hash: H256::repeat_byte(3),
				rule_by,
				deposit
			})
		);
		assert_eq!(crate::DisputeDeposits::<Test>::get(id), Some(deposit));
		assert_eq!(dispute_deposit_held(BUYER), deposit);
	});
}

fn dispute_deposit_held(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&HoldReason::DisputeDeposit.into(), &who)
}

#[test]
fn the_dispute_deposit_is_a_share_of_the_value_with_a_minimum() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(OrderBook::dispute_deposit(&NATIVE, 100), 10);
		// Rounded up.
		assert_eq!(OrderBook::dispute_deposit(&NATIVE, 101), 11);
		assert_eq!(OrderBook::dispute_deposit(&NATIVE, 10), MIN_DISPUTE_DEPOSIT);
	});
}

#[test]
fn a_buyer_who_cannot_hold_the_deposit_cannot_dispute() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped();
		// 9 free: the existential deposit (1) and 8, less than the deposit of 10.
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), BUYER, 9));
		assert_noop!(
			OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::zero()),
			Error::<Test>::InsufficientDisputeDeposit
		);
	});
}

/// How each end of a dispute settles its deposit of 10: `(to the buyer, to the seller)`.
#[test]
fn the_deposit_goes_as_the_dispute_ended() {
	let ended = |end: &dyn Fn(OrderId)| {
		let mut result = (0, 0);
		ExtBuilder::default().build_and_execute(|| {
			let id = disputed();
			let (buyer, seller) = (free(BUYER), free(SELLER));
			end(id);
			assert_eq!(dispute_deposit_held(BUYER), 0);
			assert!(!crate::DisputeDeposits::<Test>::contains_key(id));
			let event = orders_events()
				.into_iter()
				.find_map(|e| match e {
					Event::DisputeDepositSettled { order, to_buyer, to_seller } if order == id =>
						Some((to_buyer, to_seller)),
					_ => None,
				})
				.expect("the deposit's end is reported");
			// What the event reports is what moved (the goods value aside).
			let (to_buyer, to_seller) = event;
			let goods = |now: Balance, before: Balance| now.saturating_sub(before);
			assert!(goods(free(BUYER), buyer) >= to_buyer);
			assert!(goods(free(SELLER), seller) >= to_seller);
			result = event;
		});
		result
	};
	let root = || RuntimeOrigin::root();
	// A ruling splits it as the escrow: 30% back to the buyer.
	assert_eq!(
		ended(&|id| {
			assert_ok!(OrderBook::resolve(root(), id, pct(30)));
		}),
		(3, 7)
	);
	// The fallback at rule-by splits it by the fallback share (50% in the mock).
	assert_eq!(ended(&|_| run_to_block(System::block_number() + RULING_WINDOW)), (5, 5));
	// The buyer confirms after all: the seller gets it.
	assert_eq!(
		ended(&|id| {
			assert_ok!(OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id));
		}),
		(0, 10)
	);
	// An agreed split returns it.
	assert_eq!(
		ended(&|id| {
			assert_ok!(OrderBook::propose_settlement(RuntimeOrigin::signed(SELLER), id, pct(40)));
			assert_ok!(OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), id));
		}),
		(10, 0)
	);
	// So does a full refund by the seller.
	assert_eq!(
		ended(&|id| {
			assert_ok!(OrderBook::refund(RuntimeOrigin::signed(SELLER), id, pct(100)));
		}),
		(10, 0)
	);
}

#[test]
fn open_dispute_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = place(1);
		assert_noop!(
			OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), 9, H256::zero()),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::zero()),
			Error::<Test>::NotShipped
		);
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		assert_noop!(
			OrderBook::open_dispute(RuntimeOrigin::signed(SELLER), id, H256::zero()),
			Error::<Test>::NotBuyer
		);
		System::set_block_number(1 + CONFIRM_WINDOW);
		assert_noop!(
			OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::zero()),
			Error::<Test>::DisputeWindowClosed
		);
	});
}

#[test]
fn seller_proposal_accepted_by_buyer_splits_the_escrow() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed();
		assert_ok!(OrderBook::propose_settlement(RuntimeOrigin::signed(SELLER), id, pct(40)));
		assert_eq!(
			crate::Orders::<Test>::get(id).unwrap().proposal,
			Some(Proposal { by: Role::Seller, buyer_share: pct(40) })
		);
		assert_ok!(OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), id));
		assert_eq!(outcome(id), SettlementOutcome::Split { buyer_share: pct(40) });
		assert_paid(id, 40, 60, fee(1));
		assert!(orders_events().contains(&Event::SettlementAccepted {
			order: id,
			by: Role::Buyer,
			buyer_share: pct(40)
		}));
	});
}

#[test]
fn buyer_proposal_accepted_by_seller_splits_the_escrow() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed();
		assert_ok!(OrderBook::propose_settlement(RuntimeOrigin::signed(BUYER), id, pct(90)));
		// A newer proposal replaces the older one.
		assert_ok!(OrderBook::propose_settlement(RuntimeOrigin::signed(BUYER), id, pct(80)));
		assert_noop!(
			OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), id),
			Error::<Test>::OwnProposal
		);
		assert_ok!(OrderBook::accept_settlement(RuntimeOrigin::signed(SELLER), id));
		assert_paid(id, 80, 20, fee(1));
	});
}

#[test]
fn propose_settlement_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped();
		assert_noop!(
			OrderBook::propose_settlement(RuntimeOrigin::signed(SELLER), 9, pct(1)),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			OrderBook::propose_settlement(RuntimeOrigin::signed(SELLER), id, pct(1)),
			Error::<Test>::NotDisputed
		);
		assert_ok!(OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::zero()));
		assert_noop!(
			OrderBook::propose_settlement(RuntimeOrigin::signed(OTHER), id, pct(1)),
			Error::<Test>::NotParty
		);
	});
}

#[test]
fn arbitrator_rules_and_rounding_favours_nobody() {
	ExtBuilder::default().with_listing(SELLER, 7, 10).build_and_execute(|| {
		let id = NextOrderId::<Test>::get();
		assert_ok!(OrderBook::place_order(RuntimeOrigin::signed(BUYER), 1, 1, 7, None, None));
		assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::zero()));
		assert_ok!(OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::zero()));
		let issuance = Balances::total_issuance();
		let share = Perbill::from_rational(1u32, 3u32);
		assert_ok!(OrderBook::resolve(RuntimeOrigin::root(), id, share));
		// 7 / 3 = 2.33: the buyer's part is rounded down, the seller gets the rest; the fee
		// (2% of 7, rounded down) is zero.
		assert_paid(id, 2, 5, 0);
		assert_eq!(outcome(id), SettlementOutcome::Ruled { buyer_share: share });
		assert!(orders_events().contains(&Event::DisputeResolved { order: id, buyer_share: share }));
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn resolve_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped();
		assert_noop!(
			OrderBook::resolve(RuntimeOrigin::signed(OTHER), id, pct(1)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			OrderBook::resolve(RuntimeOrigin::root(), 9, pct(1)),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			OrderBook::resolve(RuntimeOrigin::root(), id, pct(1)),
			Error::<Test>::NotDisputed
		);
	});
}

#[test]
fn buyer_may_drop_a_dispute_by_confirming() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed();
		assert_ok!(OrderBook::confirm_receipt(RuntimeOrigin::signed(BUYER), id));
		assert_eq!(outcome(id), SettlementOutcome::Completed);
		assert_paid(id, 0, value(1), fee(1));
	});
}

#[test]
fn opening_a_dispute_withdraws_an_earlier_offer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped();
		assert_ok!(OrderBook::refund(RuntimeOrigin::signed(SELLER), id, pct(10)));
		assert_ok!(OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::zero()));
		assert_eq!(crate::Orders::<Test>::get(id).unwrap().proposal, None);
	});
}

#[test]
fn agreements_and_rulings_after_the_rule_by_block_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed();
		assert_ok!(OrderBook::propose_settlement(RuntimeOrigin::signed(SELLER), id, pct(90)));
		let OrderState::Disputed { rule_by, .. } = state(id) else { unreachable!("disputed") };
		// Past the deadline, before the hook reached the order.
		System::set_block_number(rule_by);
		assert_noop!(
			OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), id),
			Error::<Test>::DeadlinePassed
		);
		assert_noop!(
			OrderBook::resolve(RuntimeOrigin::root(), id, pct(100)),
			Error::<Test>::DeadlinePassed
		);
		// The block before, both were still possible.
		System::set_block_number(rule_by - 1);
		assert_ok!(OrderBook::accept_settlement(RuntimeOrigin::signed(BUYER), id));
	});
}
