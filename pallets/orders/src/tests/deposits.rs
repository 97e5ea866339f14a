//! Order storage deposits, and the deadline hooks' capacity (`on_idle`).

use super::*;
use crate::weights::WeightInfo;
use frame_support::{assert_noop, traits::Hooks, weights::Weight};

const BASE: Balance = 10;
const PER_BYTE: Balance = 1;

/// Sets the order deposit of the mock (zero otherwise) for the test.
fn with_deposits(test: impl FnOnce()) {
	ExtBuilder::default().build_and_execute(|| {
		OrderDepositBase::set(BASE);
		OrderDepositPerByte::set(PER_BYTE);
		test();
	});
}

#[test]
fn placing_holds_the_deposit_by_the_bytes_stored() {
	with_deposits(|| {
		let id = place(1);
		assert_eq!(crate::Orders::<Test>::get(id).unwrap().deposit, BASE);
		assert_eq!(order_deposits_held(BUYER), BASE);
		assert_eq!(free(BUYER), INITIAL_BALANCE - value(1) - fee(1) - BASE);

		assert_ok!(OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), [5; 32]));
		let sealed = NextOrderId::<Test>::get();
		assert_ok!(OrderBook::place_order(
			RuntimeOrigin::signed(BUYER),
			LISTING,
			1,
			PRICE,
			None,
			Some(SealedToKey { key: [5; 32], sealed: vec![7; 100].try_into().unwrap() })
		));
		assert_eq!(crate::Orders::<Test>::get(sealed).unwrap().deposit, BASE + 100 * PER_BYTE);
		assert_eq!(order_deposits_held(BUYER), 2 * BASE + 100 * PER_BYTE);
	});
}

#[test]
fn a_buyer_who_cannot_also_hold_the_deposit_cannot_order() {
	use frame_support::traits::fungible::Mutate;
	with_deposits(|| {
		// Enough for the escrow and the existential deposit, not for the storage deposit.
		Balances::set_balance(&OTHER, value(1) + fee(1) + ExistentialDeposit::get());
		assert_noop!(
			OrderBook::place_order(RuntimeOrigin::signed(OTHER), LISTING, 1, PRICE, None, None),
			Error::<Test>::InsufficientFunds
		);
		Balances::set_balance(&OTHER, value(1) + fee(1) + BASE + ExistentialDeposit::get());
		place_by(OTHER, 1, None);
	});
}

#[test]
fn settlement_keeps_the_deposit_and_the_hook_returns_it_at_pruning() {
	with_deposits(|| {
		let id = place(1);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		// Settled: the escrow is back, the deposit stays while the order is kept.
		assert_eq!(escrowed(BUYER), 0);
		assert_eq!(order_deposits_held(BUYER), BASE);
		run_to_block(1 + RETENTION);
		assert!(!crate::Orders::<Test>::contains_key(id));
		assert_eq!(order_deposits_held(BUYER), 0);
		assert_eq!(free(BUYER), INITIAL_BALANCE);
		assert!(orders_events().contains(&Event::OrderPruned {
			order: id,
			deposit_to: BUYER,
			deposit: BASE
		}));
	});
}

#[test]
fn pruning_in_the_pruning_block_returns_the_deposit_to_the_buyer() {
	with_deposits(|| {
		let id = place(1);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		// The pruning block, before (or instead of) the hooks: OTHER does what they would do.
		System::set_block_number(1 + RETENTION);
		assert_ok!(OrderBook::prune(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(free(OTHER), INITIAL_BALANCE);
		assert_eq!(free(BUYER), INITIAL_BALANCE);
		assert!(orders_events().contains(&Event::OrderPruned {
			order: id,
			deposit_to: BUYER,
			deposit: BASE
		}));
	});
}

#[test]
fn pruning_an_order_the_hooks_left_behind_pays_the_pruner() {
	with_deposits(|| {
		let id = place(1);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		// The hooks did not reach the order in its pruning block (a backlog): whoever prunes it
		// later is paid its deposit.
		System::set_block_number(2 + RETENTION);
		assert_ok!(OrderBook::prune(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(free(OTHER), INITIAL_BALANCE + BASE);
		assert_eq!(free(BUYER), INITIAL_BALANCE - BASE);
		assert_eq!(order_deposits_held(BUYER), 0);
		assert!(orders_events().contains(&Event::OrderPruned {
			order: id,
			deposit_to: OTHER,
			deposit: BASE
		}));
		// The buyer may prune its own order late: it gets its deposit back.
		let own = place(1);
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), own));
		System::set_block_number(3 + 2 * RETENTION);
		assert_ok!(OrderBook::prune(RuntimeOrigin::signed(BUYER), own));
		assert_eq!(free(BUYER), INITIAL_BALANCE - BASE);
	});
}

/// What one deadline entry of any kind may cost, as `on_idle` budgets it.
fn entry_weight() -> Weight {
	let step = |f: fn(u32) -> Weight| f(1).saturating_sub(f(0));
	step(<() as WeightInfo>::on_initialize_expire)
		.max(step(<() as WeightInfo>::on_initialize_complete))
		.max(step(<() as WeightInfo>::on_initialize_prune))
}

/// `count` orders due in the block `1 + SHIP_WINDOW`; the chain is run to the block before.
fn due_together(count: usize) -> Vec<OrderId> {
	let ids = (0..count).map(|_| place(1)).collect();
	run_to_block(SHIP_WINDOW);
	ids
}

#[test]
fn on_idle_handles_what_the_remaining_weight_allows_beyond_the_fixed_share() {
	ExtBuilder::default().build_and_execute(|| {
		let ids = due_together(10);
		let due = 1 + SHIP_WINDOW;
		System::set_block_number(due);
		OrderBook::on_initialize(due);
		let settled = || ids.iter().filter(|id| state(**id).is_terminal()).count() as u32;
		assert_eq!(settled(), MAX_EXPIRIES_PER_BLOCK);

		// Room for the run's fixed cost and four entries: four more are handled, within it.
		let fixed = <() as WeightInfo>::on_initialize_expire(0)
			.max(<() as WeightInfo>::on_initialize_complete(0))
			.saturating_add(<() as WeightInfo>::on_initialize_prune(0))
			.saturating_add(<Test as frame_system::Config>::DbWeight::get().reads(2));
		let room = fixed.saturating_add(entry_weight().saturating_mul(4));
		let used = OrderBook::on_idle(due, room);
		assert_eq!(settled(), MAX_EXPIRIES_PER_BLOCK + 4);
		assert!(used.all_lte(room), "{used:?} over {room:?}");
		assert_eq!(DeadlineCursor::<Test>::get(), Some(due), "the block is not drained yet");

		// Plenty of room: the rest of the block, and the cursor moves on.
		let used = OrderBook::on_idle(due, Weight::from_parts(u64::MAX / 2, u64::MAX / 2));
		assert_eq!(settled(), 10);
		assert_eq!(DeadlineCursor::<Test>::get(), Some(due + 1));
		assert!(used.ref_time() > 0);
	});
}

#[test]
fn on_idle_without_room_for_an_entry_does_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let ids = due_together(5);
		let due = 1 + SHIP_WINDOW;
		System::set_block_number(due);
		OrderBook::on_initialize(due);
		let before: Vec<_> = ids.iter().map(|id| state(*id)).collect();
		let read = <Test as frame_system::Config>::DbWeight::get().reads(1);
		// Not even the cursor's read.
		assert_eq!(OrderBook::on_idle(due, Weight::zero()), Weight::zero());
		// The cursor's read and less than one entry with the run's fixed cost: nothing handled.
		let used = OrderBook::on_idle(due, read.saturating_add(entry_weight()));
		assert!(used.all_lte(read.saturating_add(entry_weight())));
		assert_eq!(ids.iter().map(|id| state(*id)).collect::<Vec<_>>(), before);
	});
}

#[test]
fn on_idle_with_nothing_due_costs_one_read() {
	ExtBuilder::default().build_and_execute(|| {
		place(1);
		run_to_block(2);
		let read = <Test as frame_system::Config>::DbWeight::get().reads(1);
		assert_eq!(OrderBook::on_idle(2, Weight::from_parts(u64::MAX / 2, u64::MAX / 2)), read);
	});
}
