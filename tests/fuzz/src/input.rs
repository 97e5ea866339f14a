//! What a fuzz input means: a sequence of steps, each "let some blocks pass, then `origin` sends
//! `call`", SCALE-encoded back to back. Decoding stops at the first step that does not decode, so
//! every byte string is a valid input and libFuzzer's mutations stay meaningful.

use bazaar_runtime::RuntimeCall;
use codec::{Decode, DecodeLimit, Encode};

/// Steps one input may take; the rest of a longer input is ignored (keeps executions short).
pub const MAX_STEPS: usize = 48;

/// How deep a call may nest (governance wraps calls in calls); deeper inputs stop decoding.
pub const MAX_CALL_DEPTH: u32 = 16;

/// One step of an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
	/// Blocks to let pass before the call: 0 keeps the current block; `n` closes it and opens
	/// the block numbered `n` higher (with its slot and timestamp `n` slots later). The blocks
	/// between are skipped, not built (building them would make executions hundreds of times
	/// slower): deadlines fall due in one step (the fast runtime's windows are 50 to 200
	/// blocks), and the pallets' catch-up paths (deadline cursors, scheduler agendas) run.
	pub lapse: u8,
	/// Who sends the call: an index into [`crate::chain::ORIGIN_COUNT`] signers, or past the last
	/// signer, no signer (a general transaction, valid only for `#[pallet::authorize]` calls).
	pub origin: u8,
	/// The call.
	pub call: RuntimeCall,
}

impl Step {
	/// A step in the same block.
	pub fn now(origin: u8, call: impl Into<RuntimeCall>) -> Self {
		Self { lapse: 0, origin, call: call.into() }
	}

	/// A step after `lapse` blocks.
	pub fn after(lapse: u8, origin: u8, call: impl Into<RuntimeCall>) -> Self {
		Self { lapse, origin, call: call.into() }
	}
}

/// The steps `data` encodes, up to [`MAX_STEPS`].
pub fn decode(mut data: &[u8]) -> Vec<Step> {
	let mut steps = Vec::new();
	while steps.len() < MAX_STEPS && !data.is_empty() {
		let Ok((lapse, origin)) = <(u8, u8)>::decode(&mut data) else { break };
		let Ok(call) = RuntimeCall::decode_with_depth_limit(MAX_CALL_DEPTH, &mut data) else {
			break;
		};
		steps.push(Step { lapse, origin, call });
	}
	steps
}

/// The input that decodes to `steps`.
pub fn encode(steps: &[Step]) -> Vec<u8> {
	let mut data = Vec::new();
	for step in steps {
		(step.lapse, step.origin).encode_to(&mut data);
		step.call.encode_to(&mut data);
	}
	data
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn encode_then_decode_round_trips() {
		let steps = vec![
			Step::now(1, frame_system::Call::remark { remark: vec![1, 2] }),
			Step::after(7, 2, frame_system::Call::remark { remark: vec![] }),
		];
		assert_eq!(decode(&encode(&steps)), steps);
	}

	#[test]
	fn decoding_stops_at_the_first_bad_step() {
		let mut data = encode(&[Step::now(1, frame_system::Call::remark { remark: vec![] })]);
		data.extend([0, 0, 0xff, 0xff]);
		assert_eq!(decode(&data).len(), 1);
		assert!(decode(&[]).is_empty());
		assert!(decode(&[3]).is_empty());
	}
}
