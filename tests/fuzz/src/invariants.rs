//! What must hold, whatever was sent:
//!
//! - after every block: the block's weight is within the block limits, per dispatch class and in
//!   total (less what a session rotation declares to fill its block: see [`check_block_weight`]);
//!   the total issuance moved from genesis only by what the balances pallet's events account for
//!   (dust removed, burns, burns of held funds, mints, suspensions and restorations, a forced
//!   issuance) and equals the sum of all accounts' balances; each account's holds fit in what it
//!   has reserved, an account that holds or freezes anything has a consumer reference and every
//!   stored account a provider; the order escrow and the dispute deposits held across all accounts
//!   equal what the open orders and disputes account for;
//! - after an input's last block, also: every pallet's `try_state` (with the `try-runtime` feature,
//!   which the fuzzing runs and CI's smoke run enable). It walks the whole state (after every block
//!   it took 40% of an execution); what it checks is the state all blocks left, so a broken
//!   invariant is still there at the end.
//!
//! (That no transaction's actual weight exceeds its pre-dispatch weight is checked as each one is
//! applied: see [`crate::chain::Blocks::apply`].)

use bazaar_runtime::{Balance, Balances, BlockNumber, Runtime, RuntimeEvent, System};
#[cfg(feature = "try-runtime")]
use frame_support::traits::{TryState, TryStateSelect};
use frame_support::{dispatch::DispatchClass, traits::fungible::InspectHold, weights::Weight};

use crate::chain::block_weights;

/// What the total issuance should be, followed from genesis through the balances pallet's
/// events.
pub struct Ledger {
	/// The issuance the events account for.
	expected_issuance: Balance,
	/// What was suspended (taken out of the issuance to be restored later) and not restored yet.
	suspended: Balance,
}

impl Ledger {
	/// The ledger at genesis. Call inside the externalities, before the first block.
	pub fn at_genesis() -> Self {
		Self { expected_issuance: pallet_balances::TotalIssuance::<Runtime>::get(), suspended: 0 }
	}

	/// Checks the invariants on the block just finalized (its events still in storage); with
	/// `last`, also every pallet's `try_state`.
	pub fn check_block(&mut self, number: BlockNumber, last: bool) {
		check_block_weight(number);
		self.follow_issuance(number);
		check_accounts(number);
		#[cfg(feature = "try-runtime")]
		if last {
			<bazaar_runtime::AllPalletsWithSystem as TryState<BlockNumber>>::try_state(
				number,
				TryStateSelect::All,
			)
			.unwrap_or_else(|error| panic!("try_state failed after block {number}: {error:?}"));
		}
		#[cfg(not(feature = "try-runtime"))]
		let _ = last;
	}

	/// Moves the expected issuance by the block's issuance events; checks it against the real one.
	///
	/// An event alone does not make new money acceptable: nothing the fuzzer reaches mints BZR
	/// (no inflation, no XCM deposits; fees, slashes and treasury spends move existing BZR), so
	/// a `Minted` or `Issued` event fails the run, and a restoration may only bring back what
	/// was suspended before.
	fn follow_issuance(&mut self, number: BlockNumber) {
		use pallet_balances::Event as B;
		for record in System::read_events_no_consensus() {
			let RuntimeEvent::Balances(event) = record.event else { continue };
			match event {
				B::Minted { .. } | B::Issued { .. } =>
					panic!("block {number} minted BZR ({event:?}): nothing in this runtime mints"),
				B::Restored { amount, .. } => {
					assert!(
						amount <= self.suspended,
						"block {number} restored {amount}, more than the {} suspended",
						self.suspended
					);
					self.suspended -= amount;
					self.expected_issuance = self.expected_issuance.saturating_add(amount);
				},
				B::Suspended { amount, .. } => {
					self.suspended = self.suspended.saturating_add(amount);
					self.expected_issuance = self.expected_issuance.saturating_sub(amount);
				},
				B::Burned { amount, .. } |
				B::Rescinded { amount } |
				B::DustLost { amount, .. } |
				B::BurnedHeld { amount, .. } =>
					self.expected_issuance = self.expected_issuance.saturating_sub(amount),
				B::TotalIssuanceForced { new, .. } => self.expected_issuance = new,
				_ => {},
			}
		}
		let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
		assert_eq!(
			issuance, self.expected_issuance,
			"after block {number} the total issuance moved by something no event accounts for"
		);
	}
}

/// The block's weight is within the limits, per dispatch class and in total.
///
/// One weight is left out: on a session rotation block, `pallet_session`'s `on_initialize`
/// declares the whole block (`max_block`, mandatory) rather than what rotating costs, so that no
/// transaction goes into that block. Every hook and inherent of the block comes on top of it, so
/// such a block always weighs more than the limit, on any chain with sessions (ours every six
/// hours). The check applies to everything else the block weighs: the hooks and inherents must
/// still fit a block by themselves, and no transaction may have been let in.
fn check_block_weight(number: BlockNumber) {
	let limits = block_weights();
	let mut consumed = System::block_weight();
	if rotated_session() {
		let mandatory = consumed.get(DispatchClass::Mandatory).saturating_sub(limits.max_block);
		consumed.set(mandatory, DispatchClass::Mandatory);
		for class in [DispatchClass::Normal, DispatchClass::Operational] {
			assert!(
				consumed.get(class).all_lte(Weight::zero()),
				"block {number} rotated the session (declared full) but let in {class:?} \
				 transactions weighing {:?}; {}",
				consumed.get(class),
				weight_report(),
			);
		}
	}
	assert!(
		consumed.total().all_lte(limits.max_block),
		"block {number} weighs {:?}, above the block limit {:?}; {}",
		consumed.total(),
		limits.max_block,
		weight_report(),
	);
	for class in [DispatchClass::Normal, DispatchClass::Operational] {
		if let Some(max) = limits.get(class).max_total {
			assert!(
				consumed.get(class).all_lte(max),
				"block {number}: {class:?} weight {:?} above its limit {max:?}; {}",
				consumed.get(class),
				weight_report(),
			);
		}
	}
}

/// Whether this block rotated the session (the session pallet's `NewSession` event).
fn rotated_session() -> bool {
	System::read_events_no_consensus().any(|record| {
		matches!(record.event, RuntimeEvent::Session(pallet_session::Event::NewSession { .. }))
	})
}

/// What a block's weight is made of, for a failed weight invariant: the weight per dispatch
/// class and the block's events (which say which hooks and calls ran).
fn weight_report() -> String {
	let consumed = System::block_weight();
	let events: Vec<_> = System::read_events_no_consensus().map(|record| record.event).collect();
	format!(
		"normal {:?}, operational {:?}, mandatory {:?}; events: {events:?}",
		consumed.get(DispatchClass::Normal),
		consumed.get(DispatchClass::Operational),
		consumed.get(DispatchClass::Mandatory),
	)
}

/// One pass over all accounts: their balances sum to the issuance; each account's holds fit in
/// its reserved balance, its reference counts agree with what it holds; the order escrow, the
/// order storage deposits and the dispute deposits they hold equal the open orders' escrow, the
/// stored orders' deposits and the open disputes' deposits.
fn check_accounts(number: BlockNumber) {
	let escrow_reason = pallet_orders::HoldReason::Escrow.into();
	let dispute_reason = pallet_orders::HoldReason::DisputeDeposit.into();
	let order_deposit_reason = pallet_orders::HoldReason::OrderDeposit.into();
	let (mut total, mut held, mut disputes) = (0 as Balance, 0 as Balance, 0 as Balance);
	let mut order_deposits_held = 0 as Balance;
	for (who, info) in frame_system::Account::<Runtime>::iter() {
		let data = &info.data;
		total = total.saturating_add(data.free).saturating_add(data.reserved);
		held = held.saturating_add(Balances::balance_on_hold(&escrow_reason, &who));
		disputes = disputes.saturating_add(Balances::balance_on_hold(&dispute_reason, &who));
		order_deposits_held = order_deposits_held
			.saturating_add(Balances::balance_on_hold(&order_deposit_reason, &who));
		let holds = pallet_balances::Holds::<Runtime>::get(&who)
			.iter()
			.fold(0 as Balance, |sum, hold| sum.saturating_add(hold.amount));
		assert!(
			holds <= data.reserved,
			"after block {number} {who:?} holds {holds}, more than its reserved {}",
			data.reserved
		);
		assert!(
			info.providers > 0 || info.sufficients > 0,
			"after block {number} {who:?} is stored without a provider"
		);
		assert!(
			(data.reserved == 0 && data.frozen == 0) || info.consumers > 0,
			"after block {number} {who:?} holds or freezes funds without a consumer reference"
		);
	}
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	assert_eq!(total, issuance, "after block {number} the accounts do not sum to the issuance");
	let open = pallet_orders::Orders::<Runtime>::iter_values()
		.filter(|order| !order.state.is_terminal())
		.fold(0 as Balance, |sum, order| sum.saturating_add(order.escrow()));
	assert_eq!(held, open, "after block {number} the escrow held differs from the open orders'");
	let stored = pallet_orders::Orders::<Runtime>::iter_values()
		.fold(0 as Balance, |sum, order| sum.saturating_add(order.deposit));
	assert_eq!(
		order_deposits_held, stored,
		"after block {number} the order deposits held differ from the stored orders'"
	);
	let deposits = pallet_orders::DisputeDeposits::<Runtime>::iter_values()
		.fold(0 as Balance, |sum, deposit| sum.saturating_add(deposit));
	assert_eq!(
		disputes, deposits,
		"after block {number} the dispute deposits held differ from the open disputes'"
	);
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::chain::{on_genesis, Blocks};

	#[test]
	fn burns_of_held_funds_suspensions_and_restorations_are_accounted_for() {
		use frame_support::traits::{
			fungible::{Mutate, MutateHold},
			tokens::{Fortitude, Precision},
		};
		on_genesis(|| {
			let mut ledger = Ledger::at_genesis();
			Blocks::open();
			let who = sp_keyring::Sr25519Keyring::Alice.to_account_id();
			let reason = pallet_orders::HoldReason::DisputeDeposit.into();
			Balances::hold(&reason, &who, 1_000).unwrap();
			Balances::burn_held(&reason, &who, 1_000, Precision::Exact, Fortitude::Force).unwrap();
			Balances::shelve(&who, 500).unwrap();
			Balances::restore(&who, 200).unwrap();
			ledger.follow_issuance(1);
		});
	}

	#[test]
	#[should_panic(expected = "nothing in this runtime mints")]
	fn a_mint_fails_even_with_its_event() {
		use frame_support::traits::fungible::Mutate;
		on_genesis(|| {
			let mut ledger = Ledger::at_genesis();
			Blocks::open();
			// The event and the issuance agree: the mint is still money from nowhere.
			let who = sp_keyring::Sr25519Keyring::Alice.to_account_id();
			Balances::mint_into(&who, 1_000).unwrap();
			ledger.follow_issuance(1);
		});
	}

	#[test]
	#[should_panic(expected = "more than the 0 suspended")]
	fn a_restoration_without_a_suspension_fails() {
		use frame_support::traits::fungible::Mutate;
		on_genesis(|| {
			let mut ledger = Ledger::at_genesis();
			Blocks::open();
			Balances::restore(&sp_keyring::Sr25519Keyring::Alice.to_account_id(), 1).unwrap();
			ledger.follow_issuance(1);
		});
	}

	#[test]
	#[should_panic(expected = "no event accounts for")]
	fn issuance_moved_without_an_event_fails() {
		on_genesis(|| {
			let mut ledger = Ledger::at_genesis();
			Blocks::open();
			pallet_balances::TotalIssuance::<Runtime>::mutate(|issuance| *issuance += 1);
			ledger.follow_issuance(1);
		});
	}

	/// Block 1, open, weighing `weight` more in `class`; with `rotated`, as if the session rotated
	/// in it (the session pallet's event and its declared full block).
	fn block_weighing_more(weight: Weight, class: DispatchClass, rotated: bool) {
		Blocks::open();
		if rotated {
			System::deposit_event(pallet_session::Event::NewSession { session_index: 1 });
			System::register_extra_weight_unchecked(
				block_weights().max_block,
				DispatchClass::Mandatory,
			);
		}
		System::register_extra_weight_unchecked(weight, class);
	}

	#[test]
	fn a_session_rotation_block_passes_with_its_hooks_and_inherents() {
		on_genesis(|| {
			block_weighing_more(
				Weight::from_parts(10_000_000_000, 30_000),
				DispatchClass::Mandatory,
				true,
			);
			check_block_weight(1);
		});
	}

	#[test]
	#[should_panic(expected = "above the block limit")]
	fn hooks_above_the_limit_fail_even_on_a_session_rotation_block() {
		on_genesis(|| {
			let over = block_weights().max_block.saturating_add(Weight::from_parts(1, 0));
			block_weighing_more(over, DispatchClass::Mandatory, true);
			check_block_weight(1);
		});
	}

	#[test]
	#[should_panic(expected = "above the block limit")]
	fn mandatory_weight_above_the_limit_fails_without_a_session_rotation() {
		on_genesis(|| {
			let over = block_weights().max_block.saturating_add(Weight::from_parts(0, 1));
			block_weighing_more(over, DispatchClass::Mandatory, false);
			check_block_weight(1);
		});
	}

	#[test]
	#[should_panic(expected = "rotated the session (declared full) but let in Normal transactions")]
	fn a_transaction_in_a_session_rotation_block_fails() {
		on_genesis(|| {
			block_weighing_more(Weight::from_parts(1, 0), DispatchClass::Normal, true);
			check_block_weight(1);
		});
	}
}
