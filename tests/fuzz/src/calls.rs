//! Which calls the fuzzer sends: the commerce pallets, balances and governance (with what
//! governance may dispatch), and batches, proxies and multisig operations of those. Everything
//! else is skipped: inherents (the block builder supplies them), sudo (the dev key could mint),
//! and root-only system calls, which a referendum could reach and which legitimately break the
//! money invariants (`set_storage`, `force_set_balance`, ...).

use bazaar_runtime::RuntimeCall;
use codec::DecodeLimit;

use crate::input::MAX_CALL_DEPTH;

/// Whether the fuzzer sends `call` at the top level.
pub fn is_fuzzed(call: &RuntimeCall) -> bool {
	is_fuzzed_at(call, 0)
}

/// Whether `call` may be sent, at `depth` inside batches, proxies and multisig operations, which
/// may carry any call the fuzzer sends.
fn is_fuzzed_at(call: &RuntimeCall, depth: u32) -> bool {
	use pallet_multisig::Call as Multisig;
	use pallet_proxy::Call as Proxy;
	use pallet_utility::Call as Utility;
	if depth > MAX_CALL_DEPTH {
		return false;
	}
	let fuzzed = |call: &RuntimeCall| is_fuzzed_at(call, depth + 1);
	match call {
		RuntimeCall::Balances(_) => true,
		RuntimeCall::System(frame_system::Call::remark { .. }) |
		RuntimeCall::System(frame_system::Call::remark_with_event { .. }) => true,
		RuntimeCall::Utility(
			Utility::batch { calls } |
			Utility::batch_all { calls } |
			Utility::force_batch { calls },
		) => calls.iter().all(fuzzed),
		RuntimeCall::Utility(Utility::as_derivative { call, .. }) => fuzzed(call),
		RuntimeCall::Utility(Utility::if_else { main, fallback }) =>
			fuzzed(main) && fuzzed(fallback),
		// The rest of utility dispatches as root.
		RuntimeCall::Utility(_) => false,
		RuntimeCall::Proxy(Proxy::proxy { call, .. } | Proxy::proxy_announced { call, .. }) =>
			fuzzed(call),
		RuntimeCall::Proxy(_) => true,
		RuntimeCall::Multisig(
			Multisig::as_multi { call, .. } | Multisig::as_multi_threshold_1 { call, .. },
		) => fuzzed(call),
		RuntimeCall::Multisig(_) => true,
		_ => is_governable(call, depth),
	}
}

/// Whether `call` may be sent, or dispatched by governance: commerce and governance calls, and
/// whatever they wrap, recursively.
fn is_governable(call: &RuntimeCall, depth: u32) -> bool {
	if depth > MAX_CALL_DEPTH {
		return false;
	}
	match call {
		RuntimeCall::Listings(_) |
		RuntimeCall::Orders(_) |
		RuntimeCall::Reputation(_) |
		RuntimeCall::Recommendations(_) |
		RuntimeCall::ConvictionVoting(_) |
		RuntimeCall::Treasury(_) => true,
		RuntimeCall::System(frame_system::Call::remark { .. }) => true,
		RuntimeCall::Referenda(pallet_referenda::Call::submit {
			proposal: frame_support::traits::Bounded::Inline(bytes),
			..
		}) => encoded_is_governable(bytes, depth + 1),
		// By hash: the preimage was checked when it was noted.
		RuntimeCall::Referenda(_) => true,
		RuntimeCall::Preimage(pallet_preimage::Call::note_preimage { bytes }) =>
			encoded_is_governable(bytes, depth + 1),
		RuntimeCall::Preimage(_) => true,
		RuntimeCall::Whitelist(
			pallet_whitelist::Call::dispatch_whitelisted_call_with_preimage { call },
		) => is_governable(call, depth + 1),
		RuntimeCall::Whitelist(_) => true,
		_ => false,
	}
}

/// Whether `bytes`, if they are a call, are one governance may dispatch. Bytes that are no call
/// can never be dispatched.
fn encoded_is_governable(bytes: &[u8], depth: u32) -> bool {
	match RuntimeCall::decode_with_depth_limit(MAX_CALL_DEPTH, &mut &bytes[..]) {
		Ok(call) => is_governable(&call, depth),
		Err(_) => true,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;

	#[test]
	fn sudo_inherents_and_root_system_calls_are_skipped() {
		let set_storage = RuntimeCall::System(frame_system::Call::set_storage { items: vec![] });
		assert!(!is_fuzzed(&set_storage));
		assert!(!is_fuzzed(&RuntimeCall::Sudo(pallet_sudo::Call::sudo {
			call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
		})));
		assert!(!is_fuzzed(&RuntimeCall::Timestamp(pallet_timestamp::Call::set { now: 1 })));
		assert!(!is_fuzzed(&RuntimeCall::Preimage(pallet_preimage::Call::note_preimage {
			bytes: set_storage.encode(),
		})));
	}

	#[test]
	fn batches_proxies_and_multisig_carry_only_fuzzed_calls() {
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(remark.clone()) });
		let batch = |calls| RuntimeCall::Utility(pallet_utility::Call::batch_all { calls });
		assert!(is_fuzzed(&batch(vec![remark.clone(), remark.clone()])));
		assert!(!is_fuzzed(&batch(vec![remark.clone(), sudo.clone()])));
		let proxied = |call| {
			RuntimeCall::Proxy(pallet_proxy::Call::proxy {
				real: sp_runtime::MultiAddress::Id([0; 32].into()),
				force_proxy_type: None,
				call: Box::new(call),
			})
		};
		assert!(is_fuzzed(&proxied(batch(vec![remark.clone()]))));
		assert!(!is_fuzzed(&proxied(sudo.clone())));
		let multisig = RuntimeCall::Multisig(pallet_multisig::Call::as_multi_threshold_1 {
			other_signatories: vec![],
			call: Box::new(sudo),
		});
		assert!(!is_fuzzed(&multisig));
		assert!(!is_fuzzed(&RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
			as_origin: Box::new(frame_system::RawOrigin::Root.into()),
			call: Box::new(remark),
		})));
	}

	#[test]
	fn commerce_balances_and_governance_are_fuzzed() {
		assert!(is_fuzzed(&RuntimeCall::Orders(pallet_orders::Call::confirm_receipt { order: 1 })));
		let fee = RuntimeCall::Orders(pallet_orders::Call::set_market_fee {
			fee: sp_runtime::Permill::from_percent(1),
		});
		assert!(is_fuzzed(&RuntimeCall::Preimage(pallet_preimage::Call::note_preimage {
			bytes: fee.encode(),
		})));
		assert!(is_fuzzed(&RuntimeCall::Preimage(pallet_preimage::Call::note_preimage {
			bytes: vec![0xff; 3],
		})));
	}
}
