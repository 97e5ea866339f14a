//! Property tests: random sequences of calls and blocks never create or lose funds, and what
//! is held always equals the open orders' escrow (checked by `try_state` after every step).

use super::*;
use frame_support::traits::{fungible::Inspect, Hooks};
use proptest::prelude::*;
use sp_runtime::Permill;

const ACTORS: [AccountId; 4] = [BUYER, SELLER, OTHER, SELLER2];

#[derive(Clone, Debug)]
enum Op {
	Place { buyer: usize, listing: u32, quantity: u32, code: bool },
	Ship(u64),
	Cancel(u64),
	Reject(u64),
	Refund(u64, u32),
	Confirm(u64),
	Dispute(u64),
	Propose(u64, usize, u32),
	Accept(u64, usize),
	Resolve(u64, u32),
	Reveal(u64, bool),
	ProcessExpired(u64),
	Prune(u64),
	SetFee(u32),
	Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
	let id = 0u64..8;
	prop_oneof![
		5 => (0usize..4, 0u32..3, 1u32..4, any::<bool>())
			.prop_map(|(buyer, listing, quantity, code)| Op::Place { buyer, listing, quantity, code }),
		2 => id.clone().prop_map(Op::Ship),
		1 => id.clone().prop_map(Op::Cancel),
		1 => id.clone().prop_map(Op::Reject),
		1 => (id.clone(), 0u32..=100).prop_map(|(i, p)| Op::Refund(i, p)),
		1 => id.clone().prop_map(Op::Confirm),
		1 => id.clone().prop_map(Op::Dispute),
		1 => (id.clone(), 0usize..4, 0u32..=100).prop_map(|(i, a, p)| Op::Propose(i, a, p)),
		1 => (id.clone(), 0usize..4).prop_map(|(i, a)| Op::Accept(i, a)),
		1 => (id.clone(), 0u32..=100).prop_map(|(i, p)| Op::Resolve(i, p)),
		1 => (id.clone(), any::<bool>()).prop_map(|(i, ok)| Op::Reveal(i, ok)),
		1 => id.clone().prop_map(Op::ProcessExpired),
		1 => id.prop_map(Op::Prune),
		1 => (0u32..=12).prop_map(Op::SetFee),
		2 => (1u64..25).prop_map(Op::Advance),
	]
}

fn apply(op: Op) {
	let signed = RuntimeOrigin::signed;
	let code: DeliveryCodeOf<Test> = b"code".to_vec().try_into().unwrap();
	let _ = match op {
		Op::Place { buyer, listing, quantity, code } => OrderBook::place_order(
			signed(ACTORS[buyer]),
			listing,
			quantity,
			1_000,
			code.then(|| H256(sp_io::hashing::blake2_256(b"code"))),
			None,
		)
		.map(|_| ())
		.map_err(|e| e.error),
		Op::Ship(i) => OrderBook::ship(signed(SELLER), i, H256::zero())
			.or_else(|_| OrderBook::ship(signed(SELLER2), i, H256::zero())),
		Op::Cancel(i) => OrderBook::cancel(signed(BUYER), i),
		Op::Reject(i) => OrderBook::reject(signed(SELLER), i),
		Op::Refund(i, p) => OrderBook::refund(signed(SELLER), i, pct(p))
			.or_else(|_| OrderBook::refund(signed(SELLER2), i, pct(p))),
		Op::Confirm(i) => OrderBook::confirm_receipt(signed(BUYER), i)
			.or_else(|_| OrderBook::confirm_receipt(signed(OTHER), i)),
		Op::Dispute(i) => OrderBook::open_dispute(signed(BUYER), i, H256::zero())
			.or_else(|_| OrderBook::open_dispute(signed(OTHER), i, H256::zero())),
		Op::Propose(i, a, p) => OrderBook::propose_settlement(signed(ACTORS[a]), i, pct(p)),
		Op::Accept(i, a) => OrderBook::accept_settlement(signed(ACTORS[a]), i),
		Op::Resolve(i, p) => OrderBook::resolve(RuntimeOrigin::root(), i, pct(p)),
		Op::Reveal(i, ok) => {
			let c = if ok { code } else { b"nope".to_vec().try_into().unwrap() };
			OrderBook::reveal_delivery_code(signed(COURIER), i, c)
		},
		Op::ProcessExpired(i) => OrderBook::process_expired(signed(COURIER), i),
		Op::Prune(i) => OrderBook::prune(signed(COURIER), i),
		Op::SetFee(p) => OrderBook::set_market_fee(RuntimeOrigin::root(), Permill::from_percent(p)),
		Op::Advance(n) => {
			let target = System::block_number() + n;
			while System::block_number() < target {
				let next = System::block_number() + 1;
				System::set_block_number(next);
				OrderBook::on_initialize(next);
			}
			Ok(())
		},
	};
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

	#[test]
	fn order_flows_conserve_funds_and_escrow(ops in proptest::collection::vec(op(), 1..40)) {
		ExtBuilder::default()
			.with_listing(SELLER, 37, 50)
			.with_listing(SELLER2, 1, 50)
			.build_and_execute(|| {
				let issuance = Balances::total_issuance();
				let total: Balance = ACTORS
					.iter()
					.chain([COURIER, TREASURY].iter())
					.map(Balances::total_balance)
					.sum();
				for op in ops {
					apply(op);
					OrderBook::do_try_state().unwrap();
					assert_eq!(Balances::total_issuance(), issuance);
					let now: Balance = ACTORS
						.iter()
						.chain([COURIER, TREASURY].iter())
						.map(Balances::total_balance)
						.sum();
					assert_eq!(now, total);
				}
				// Whatever happened, running long enough settles and prunes every order, through
				// the hook alone.
				let end = System::block_number() + SHIP_WINDOW + CONFIRM_WINDOW + RULING_WINDOW
					+ RETENTION + 60;
				run_to_block(end);
				assert!(crate::Orders::<Test>::iter().next().is_none());
				assert!(DeadlineEntries::<Test>::iter().next().is_none());
				for a in ACTORS {
					assert_eq!(escrowed(a), 0);
				}
			});
	}
}

#[test]
fn try_state_catches_an_escrow_hold_that_no_order_explains() {
	use frame_support::traits::fungible::MutateHold;
	ExtBuilder::default().build().execute_with(|| {
		place(1);
		assert_ok!(OrderBook::do_try_state());
		assert_ok!(Balances::hold(&HoldReason::Escrow.into(), &BUYER, 1));
		assert!(OrderBook::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_an_order_missing_from_the_deadline_index() {
	ExtBuilder::default().build().execute_with(|| {
		let id = place(1);
		DeadlineEntries::<Test>::remove(1 + SHIP_WINDOW, id);
		assert!(OrderBook::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_deadline_entry_not_under_the_orders_slot() {
	ExtBuilder::default().build().execute_with(|| {
		let id = place(1);
		DeadlineEntries::<Test>::insert(2 + SHIP_WINDOW, id, ());
		assert_eq!(
			OrderBook::do_try_state(),
			Err("deadline entry under a block not its slot".into())
		);
	});
}

#[test]
fn try_state_catches_a_deadline_entry_before_the_cursor() {
	ExtBuilder::default().build().execute_with(|| {
		place(1);
		assert_ok!(OrderBook::do_try_state());
		DeadlineCursor::<Test>::put(2 + SHIP_WINDOW);
		assert_eq!(OrderBook::do_try_state(), Err("deadline entry before the cursor".into()));
	});
}
