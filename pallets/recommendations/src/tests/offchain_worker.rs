//! The off-chain worker, with the off-chain, keystore and transaction-pool test externalities:
//! the exact call it submits, no duplicates, bounded work.

use super::*;
use codec::Decode;
use frame_support::{
	pallet_prelude::{Authorize, TransactionSource},
	traits::{Hooks, UnfilteredDispatchable},
};
use sp_runtime::{generic::Preamble, RuntimeAppPublic};

/// The attestations in the pool, decoded, in submission order.
fn submitted(pool: &parking_lot::RwLock<sp_core::offchain::testing::PoolState>) -> Vec<Call<Test>> {
	pool.read()
		.transactions
		.iter()
		.map(|bytes| {
			let xt = Extrinsic::decode(&mut &bytes[..]).unwrap();
			// A general transaction, authorized by the call itself: no signer, no fee.
			assert!(matches!(xt.preamble, Preamble::General(..)));
			match xt.function {
				RuntimeCall::Recommendations(call) => call,
				other => panic!("unexpected call {other:?}"),
			}
		})
		.collect()
}

#[test]
fn submits_the_exact_attestation_for_a_stale_user() {
	let (mut ext, pool) = ExtBuilder::default().build_with_pool();
	ext.execute_with(|| {
		user_bought_10();
		Recommendations::offchain_worker(1);

		let calls = submitted(&pool);
		assert_eq!(calls.len(), 1);
		let Call::attest { attestation, signature } = calls[0].clone() else {
			panic!("not an attestation: {:?}", calls[0])
		};
		assert_eq!(attestation, attestation_by(&attester_key(), USER, honest_top_k(USER)));
		assert!(attester_key().verify(&Recommendations::signing_payload(&attestation), &signature));

		// The pool accepts it, and so does the block.
		assert!(calls[0].authorize(TransactionSource::Local).unwrap().is_ok());
		assert_ok!(calls[0]
			.clone()
			.dispatch_bypass_filter(frame_system::RawOrigin::Authorized.into()));
		assert_eq!(Recommendations::recommendations_of(&USER).unwrap().items, honest_top_k(USER));
	});
}

#[test]
fn does_not_submit_again_while_the_first_may_be_pending() {
	let (mut ext, pool) = ExtBuilder::default().build_with_pool();
	ext.execute_with(|| {
		user_bought_10();
		Recommendations::offchain_worker(1);
		Recommendations::offchain_worker(2);
		Recommendations::offchain_worker(5);
		assert_eq!(submitted(&pool).len(), 1);
		// After AttestationLongevity (5) blocks the first one has left the pool: submit again.
		Recommendations::offchain_worker(6);
		assert_eq!(submitted(&pool).len(), 2);
		// A new purchase is a new nonce: submitted at once.
		buy(USER, 12);
		Recommendations::offchain_worker(7);
		let calls = submitted(&pool);
		assert_eq!(calls.len(), 3);
		let Call::attest { attestation, .. } = &calls[2] else { panic!("not an attestation") };
		assert_eq!(attestation.history_nonce, 2);
	});
}

#[test]
fn attests_at_most_max_attestations_per_block() {
	let (mut ext, pool) = ExtBuilder::default().build_with_pool();
	ext.execute_with(|| {
		assert_ok!(Recommendations::set_participation(RuntimeOrigin::signed(CHALLENGER), true));
		for user in [USER, OTHER, CHALLENGER] {
			buy(user, 10);
		}
		Recommendations::offchain_worker(1);
		assert_eq!(submitted(&pool).len(), 2);
		Recommendations::offchain_worker(2);
		let users: std::collections::BTreeSet<_> = submitted(&pool)
			.into_iter()
			.map(|call| match call {
				Call::attest { attestation, .. } => attestation.user,
				other => panic!("unexpected call {other:?}"),
			})
			.collect();
		assert_eq!(users, [USER, OTHER, CHALLENGER].into());
	});
}

#[test]
fn does_nothing_without_a_registered_key_or_a_model() {
	let (mut ext, pool) = ExtBuilder::default().without_attester().build_with_pool();
	ext.execute_with(|| {
		user_bought_10();
		Recommendations::offchain_worker(1);
		assert!(submitted(&pool).is_empty());
	});
	let (mut ext, pool) = ExtBuilder::default().without_model().build_with_pool();
	ext.execute_with(|| {
		buy(USER, 10);
		Recommendations::offchain_worker(1);
		assert!(submitted(&pool).is_empty());
	});
}
