//! # Bazaar runtime fuzzer
//!
//! Runs the real runtime (natively, from the development chain's genesis) through sequences of
//! blocks and transactions decoded from arbitrary bytes, in the style of srlabs'
//! substrate-runtime-fuzzer, and checks after every block that no money was created or lost and
//! that the runtime kept its own rules ([`invariants`]). A panic anywhere is a finding.
//!
//! - [`input`]: how bytes become steps (blocks to let pass, origin, call);
//! - [`calls`]: which calls are sent (commerce, balances, governance);
//! - [`chain`]: genesis and block building as a collator does it;
//! - [`invariants`]: what must hold after every block;
//! - [`seeds`]: hand-written inputs that reach deep states (the corpus starts from them).
//!
//! `tests/fuzz/README.md` says how to run it and what the runs found.

// Fuzzing harness: a failed `expect` or assertion is a finding, reported by the panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod calls;
pub mod chain;
pub mod input;
pub mod invariants;
pub mod seeds;
pub mod stats;

use bazaar_runtime::RuntimeCall;
use chain::{Applied, Blocks};
use input::Step;
use invariants::Ledger;

/// What became of one step of an input.
#[derive(Debug, PartialEq, Eq)]
pub enum StepOutcome {
	/// Not sent: [`calls::is_fuzzed`] skips the call.
	Skipped,
	/// Included; the call succeeded.
	Succeeded,
	/// Included; the call failed with this error.
	Failed(sp_runtime::DispatchError),
	/// Rejected before dispatch, as a block builder would.
	Rejected(sp_runtime::transaction_validity::TransactionValidityError),
}

/// Runs the input `data` on a fresh genesis state; panics if an invariant breaks.
pub fn run(data: &[u8]) {
	run_steps(input::decode(data));
}

/// Runs `steps` on a fresh genesis state; panics if an invariant breaks. Returns what became of
/// each step.
pub fn run_steps(steps: Vec<Step>) -> Vec<StepOutcome> {
	run_steps_then(steps, || ()).0
}

/// [`run_steps`], then `inspect` on the state the steps left (the seeds' tests read it).
pub fn run_steps_then<R>(steps: Vec<Step>, inspect: impl FnOnce() -> R) -> (Vec<StepOutcome>, R) {
	chain::on_genesis(|| {
		let mut ledger = Ledger::at_genesis();
		let mut blocks = Blocks::open();
		let mut outcomes = Vec::with_capacity(steps.len());
		for step in steps {
			if !calls::is_fuzzed(&step.call) {
				outcomes.push(StepOutcome::Skipped);
				continue;
			}
			if step.lapse > 0 {
				let number = blocks.finalize();
				ledger.check_block(number, false);
				blocks.initialize(number + u32::from(step.lapse));
			}
			let (signer, call) = chain::origin_and_call(step.origin, step.call);
			let name = chain::call_name(&call);
			let applied = blocks.apply(signer, call, name);
			stats::record(name, &applied);
			outcomes.push(match applied {
				Applied::Included(Ok(_)) => StepOutcome::Succeeded,
				Applied::Included(Err(error)) => StepOutcome::Failed(error.error),
				Applied::Rejected(error) => StepOutcome::Rejected(error),
			});
		}
		let number = blocks.finalize();
		ledger.check_block(number, true);
		(outcomes, inspect())
	})
}

/// Convenience for seeds and tests: a call into the runtime's call type.
pub fn call(call: impl Into<RuntimeCall>) -> RuntimeCall {
	call.into()
}
