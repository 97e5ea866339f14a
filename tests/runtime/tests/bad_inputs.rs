//! Bad inputs against the real runtime: oversized data, zero and overflowing quantities and
//! prices, unknown ids, wrong origins, calls in the wrong order state, replayed and stale
//! attestations, attestation spam, and challenges too late. Each is refused with its named error,
//! and the state root is the same before and after: nothing lost, nothing half-done.
//!
//! Calls are dispatched as the runtime dispatches a transaction's call (fees and nonces, which a
//! failed transaction still pays, are the transaction extensions' business and tested with them).
//! Attestations, which have no signer and pay no fee, also go through the pool's validation.

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	configs::commerce::{ChallengeWindow, MaxMarketFee},
	genesis_config_presets::DEMO_CATALOG,
	AccountId, Executive, Recommendations, Runtime, RuntimeCall, RuntimeOrigin, System, UNIT,
};
use bazaar_runtime_tests::*;
use codec::Encode;
use frame_support::{assert_ok, dispatch::RawOrigin};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{
	traits::Dispatchable,
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError, Perbill, Permill, StateVersion,
};

/// The demo shop's coffee beans: Bob's, 18 BZR, 1,000 in stock.
const BEANS: u32 = 0;

fn state_root() -> Vec<u8> {
	sp_io::storage::root(StateVersion::V1)
}

/// The name of the pallet error `error` is, if it is one.
fn error_name(error: DispatchError) -> Option<&'static str> {
	match error {
		DispatchError::Module(module) => module.message,
		_ => None,
	}
}

/// Dispatches `call` from `origin` and asserts it fails with `expected` (a pallet error's name,
/// or "BadOrigin") and leaves the state root as it was.
#[track_caller]
fn refused(origin: RuntimeOrigin, call: impl Into<RuntimeCall>, expected: &str) {
	let call = call.into();
	let before = state_root();
	let error = call.clone().dispatch(origin).expect_err("the call must fail").error;
	let name = match error {
		DispatchError::BadOrigin => Some("BadOrigin"),
		other => error_name(other),
	};
	assert_eq!(name, Some(expected), "{call:?} failed with {error:?}");
	assert_eq!(state_root(), before, "{call:?} changed the state although it failed");
}

fn orders(call: pallet_orders::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Orders(call)
}

fn listings(call: pallet_listings::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Listings(call)
}

/// `refused` for each `(signer, call, error)`.
#[track_caller]
fn refused_orders(cases: &[(Sr25519Keyring, pallet_orders::Call<Runtime>, &str)]) {
	for (who, call, expected) in cases {
		refused(signed(*who), orders(call.clone()), expected);
	}
}

fn dispute(order: u64) -> pallet_orders::Call<Runtime> {
	pallet_orders::Call::open_dispute { order, reason_hash: H256::zero() }
}

fn place(listing: u32, quantity: u32, max_unit_price: u128) -> RuntimeCall {
	orders(pallet_orders::Call::place_order {
		listing,
		quantity,
		max_unit_price,
		delivery_code_hash: None,
		sealed_delivery: None,
	})
}

/// An account with `amount` and nothing else.
fn funded_stranger(amount: u128) -> AccountId {
	use frame_support::traits::fungible::Mutate;
	let who = AccountId::from([42; 32]);
	bazaar_runtime::Balances::set_balance(&who, amount);
	who
}

#[test]
fn oversized_metadata_does_not_even_decode() {
	// The metadata bound (256 bytes) is part of the call's type: a transaction carrying more is
	// undecodable, so it is refused before any pallet runs.
	let encoded_with = |len: usize| {
		let mut call = vec![50u8, 0]; // Listings (50), create_listing (0)
		(PaymentAsset::Native, UNIT, 10u32, 1u16, vec![7u8; len]).encode_to(&mut call);
		call
	};
	use codec::Decode;
	assert!(RuntimeCall::decode(&mut &encoded_with(256)[..]).is_ok());
	assert!(RuntimeCall::decode(&mut &encoded_with(257)[..]).is_err());

	// Sealed delivery details and delivery codes are bounded the same way.
	let place_with = |len: usize| {
		let mut call = vec![51u8, 0]; // Orders (51), place_order (0)
								// The details come with the seller's key they were sealed to.
		(BEANS, 1u32, UNIT, None::<H256>, Some(([1u8; 32], vec![0u8; len]))).encode_to(&mut call);
		call
	};
	assert!(RuntimeCall::decode(&mut &place_with(512)[..]).is_ok());
	assert!(RuntimeCall::decode(&mut &place_with(513)[..]).is_err());
}

#[test]
fn zero_and_overflowing_quantities_and_prices() {
	dev_chain().execute_with(|| {
		let create = |unit_price| {
			listings(pallet_listings::Call::create_listing {
				price_asset: PaymentAsset::Native,
				unit_price,
				stock: 10,
				category: 1,
				metadata: Default::default(),
			})
		};
		refused(signed(Eve), create(0), "ZeroPrice");
		refused(
			signed(Bob),
			listings(pallet_listings::Call::set_price { listing: BEANS, unit_price: 0 }),
			"ZeroPrice",
		);

		refused(signed(Eve), place(BEANS, 0, 100 * UNIT), "ZeroQuantity");
		refused(signed(Eve), place(BEANS, u32::MAX, 100 * UNIT), "InsufficientStock");
		refused(signed(Eve), place(BEANS, 1, 18 * UNIT - 1), "PriceAboveLimit");

		// A listing priced at the top of the balance type: any order's total overflows.
		let huge = list(Ferdie, u128::MAX / 2, 10);
		refused(signed(Eve), place(huge, 3, u128::MAX), "Overflow");
		// One unit does not overflow, but no one can pay for it.
		refused(signed(Eve), place(huge, 1, u128::MAX), "InsufficientFunds");

		let poor = funded_stranger(UNIT);
		refused(RuntimeOrigin::signed(poor), place(BEANS, 1, 100 * UNIT), "InsufficientFunds");

		// Refunding nothing is refused; so is a market fee above the maximum, even from root.
		let id = order(Eve, BEANS, 1, 18 * UNIT);
		refused(
			signed(Bob),
			orders(pallet_orders::Call::refund { order: id, buyer_share: Perbill::zero() }),
			"ZeroRefund",
		);
		let too_high = Permill::from_parts(MaxMarketFee::get().deconstruct() + 1);
		refused(
			RawOrigin::Root.into(),
			orders(pallet_orders::Call::set_market_fee { fee: too_high }),
			"FeeAboveMaximum",
		);
		// Stars outside 1..=5.
		ship_and_confirm(Bob, Eve, id);
		for stars in [0, 6, u8::MAX] {
			refused(
				signed(Eve),
				RuntimeCall::Reputation(pallet_reputation::Call::rate {
					order: id,
					stars,
					review: None,
				}),
				"InvalidStars",
			);
		}
	});
}

#[test]
fn unknown_ids() {
	dev_chain().execute_with(|| {
		let unknown_listing = DEMO_CATALOG.len() as u32 + 100;
		refused(signed(Eve), place(unknown_listing, 1, UNIT), "UnknownListing");
		refused(
			signed(Bob),
			listings(pallet_listings::Call::pause { listing: unknown_listing }),
			"UnknownListing",
		);
		let unknown_order = 9_999;
		for call in [
			pallet_orders::Call::ship { order: unknown_order, tracking_hash: H256::zero() },
			pallet_orders::Call::confirm_receipt { order: unknown_order },
			pallet_orders::Call::cancel { order: unknown_order },
			pallet_orders::Call::open_dispute { order: unknown_order, reason_hash: H256::zero() },
			pallet_orders::Call::process_expired { order: unknown_order },
			pallet_orders::Call::prune { order: unknown_order },
		] {
			refused(signed(Bob), orders(call), "UnknownOrder");
		}
		refused(
			signed(Eve),
			RuntimeCall::Reputation(pallet_reputation::Call::rate {
				order: unknown_order,
				stars: 5,
				review: None,
			}),
			"NotRateable",
		);
		refused(
			signed(Eve),
			RuntimeCall::Recommendations(pallet_recommendations::Call::challenge {
				user: account(Ferdie),
				claim: pallet_recommendations::Claim::WrongScore(0),
			}),
			"NoAttestation",
		);
	});
}

#[test]
fn wrong_origins() {
	dev_chain().execute_with(|| {
		let id = order(Eve, BEANS, 1, 18 * UNIT);
		let ship = |order| orders(pallet_orders::Call::ship { order, tracking_hash: H256::zero() });
		// Only the seller ships, rejects and refunds; only the buyer cancels and confirms.
		refused(signed(Eve), ship(id), "NotSeller");
		refused(signed(Charlie), orders(pallet_orders::Call::reject { order: id }), "NotSeller");
		refused(signed(Bob), orders(pallet_orders::Call::cancel { order: id }), "NotBuyer");
		// Only the listing's seller manages it.
		refused(
			signed(Charlie),
			listings(pallet_listings::Call::set_stock { listing: BEANS, stock: 1 }),
			"NotSeller",
		);
		refused(
			signed(Charlie),
			listings(pallet_listings::Call::close { listing: BEANS }),
			"NotSeller",
		);
		// Governance's calls refuse signed origins, however rich.
		refused(
			signed(Alice),
			orders(pallet_orders::Call::set_market_fee { fee: Permill::from_percent(1) }),
			"BadOrigin",
		);
		refused(
			signed(Alice),
			orders(pallet_orders::Call::resolve { order: id, buyer_share: Perbill::one() }),
			"BadOrigin",
		);
		refused(
			signed(Alice),
			RuntimeCall::Recommendations(pallet_recommendations::Call::approve_model {
				digest: H256::zero(),
				header: dev_model().header,
				uploader: account(Alice),
			}),
			"BadOrigin",
		);
		// Only the buyer disputes; a stranger to an order cannot rate it either.
		assert_ok!(ship(id).dispatch(signed(Bob)));
		refused(
			signed(Dave),
			orders(pallet_orders::Call::open_dispute { order: id, reason_hash: H256::zero() }),
			"NotBuyer",
		);
		assert_ok!(orders(pallet_orders::Call::confirm_receipt { order: id }).dispatch(signed(Eve)));
		refused(
			signed(Dave),
			RuntimeCall::Reputation(pallet_reputation::Call::rate {
				order: id,
				stars: 1,
				review: None,
			}),
			"NotParty",
		);
		// An unsigned (no origin) call is refused by every signed call.
		refused(RuntimeOrigin::none(), place(BEANS, 1, 18 * UNIT), "BadOrigin");
	});
}

#[test]
fn calls_in_the_wrong_order_state() {
	dev_chain().execute_with(|| {
		let id = order(Eve, BEANS, 1, 18 * UNIT);
		// Placed: nothing to confirm, dispute or settle yet.
		refused_orders(&[
			(Eve, pallet_orders::Call::confirm_receipt { order: id }, "NotShipped"),
			(Eve, dispute(id), "NotShipped"),
			(Eve, pallet_orders::Call::accept_settlement { order: id }, "NoProposal"),
			(Eve, pallet_orders::Call::process_expired { order: id }, "DeadlineNotReached"),
			(Eve, pallet_orders::Call::prune { order: id }, "NotSettled"),
		]);
		refused(
			signed(Bob),
			orders(pallet_orders::Call::reveal_delivery_code {
				order: id,
				code: b"1234".to_vec().try_into().unwrap(),
			}),
			// Not shipped: no code completes it yet.
			"CodeNotAccepted",
		);
		refused(
			signed(Eve),
			RuntimeCall::Reputation(pallet_reputation::Call::rate {
				order: id,
				stars: 5,
				review: None,
			}),
			"NotRateable",
		);
		// Shipped: not again, and no cancelling.
		assert_ok!(orders(pallet_orders::Call::ship { order: id, tracking_hash: H256::zero() })
			.dispatch(signed(Bob)));
		refused(
			signed(Bob),
			orders(pallet_orders::Call::ship { order: id, tracking_hash: H256::zero() }),
			"NotPlaced",
		);
		refused(signed(Eve), orders(pallet_orders::Call::cancel { order: id }), "NotPlaced");
		// Disputed: a party cannot accept its own proposal.
		assert_ok!(orders(pallet_orders::Call::open_dispute {
			order: id,
			reason_hash: H256::zero()
		})
		.dispatch(signed(Eve)));
		assert_ok!(orders(pallet_orders::Call::propose_settlement {
			order: id,
			buyer_share: Perbill::from_percent(50),
		})
		.dispatch(signed(Eve)));
		refused(
			signed(Eve),
			orders(pallet_orders::Call::accept_settlement { order: id }),
			"OwnProposal",
		);
		// Settled: nothing moves any more, and ratings are once only.
		assert_ok!(orders(pallet_orders::Call::confirm_receipt { order: id }).dispatch(signed(Eve)));
		refused_orders(&[
			(Eve, pallet_orders::Call::confirm_receipt { order: id }, "NotShipped"),
			(Eve, dispute(id), "NotShipped"),
			(
				Bob,
				pallet_orders::Call::refund { order: id, buyer_share: Perbill::one() },
				"AlreadySettled",
			),
			(Bob, pallet_orders::Call::accept_settlement { order: id }, "AlreadySettled"),
			(Eve, pallet_orders::Call::prune { order: id }, "RetentionNotElapsed"),
		]);
		let rate = RuntimeCall::Reputation(pallet_reputation::Call::rate {
			order: id,
			stars: 5,
			review: None,
		});
		assert_ok!(rate.clone().dispatch(signed(Eve)));
		refused(signed(Eve), rate, "AlreadyRated");

		// Listings: pausing twice, resuming what runs, buying what is paused.
		refused(
			signed(Bob),
			listings(pallet_listings::Call::resume { listing: BEANS }),
			"NotPaused",
		);
		assert_ok!(listings(pallet_listings::Call::pause { listing: BEANS }).dispatch(signed(Bob)));
		refused(
			signed(Bob),
			listings(pallet_listings::Call::pause { listing: BEANS }),
			"AlreadyPaused",
		);
		refused(signed(Eve), place(BEANS, 1, 18 * UNIT), "ListingPaused");
		// Buying from oneself.
		refused(signed(Charlie), place(4, 1, 100 * UNIT), "BuyingOwnListing");

		// Attesters: twice, or leaving twice, or withdrawing early.
		let recommendations = |call| RuntimeCall::Recommendations(call);
		refused(
			signed(Alice),
			recommendations(pallet_recommendations::Call::register_attester {
				key: Ferdie.public().into(),
				proof: key_proof(Ferdie, Alice),
			}),
			"AlreadyAttester",
		);
		refused(
			signed(Ferdie),
			recommendations(pallet_recommendations::Call::register_attester {
				key: Alice.public().into(),
				proof: key_proof(Alice, Ferdie),
			}),
			"KeyInUse",
		);
		// A key whose proof is for another account (Ferdie copies Dave's proof for Dave).
		refused(
			signed(Ferdie),
			recommendations(pallet_recommendations::Call::register_attester {
				key: Dave.public().into(),
				proof: key_proof(Dave, Dave),
			}),
			"InvalidKeyProof",
		);
		refused(
			signed(Ferdie),
			recommendations(pallet_recommendations::Call::unregister_attester {}),
			"NotAttester",
		);
		refused(
			signed(Alice),
			recommendations(pallet_recommendations::Call::withdraw_bond {}),
			"NotLeaving",
		);
		refused(
			signed(Eve),
			recommendations(pallet_recommendations::Call::set_participation { participate: true }),
			"ParticipationUnchanged",
		);
	});
}

/// Charlie has bought the grinder (so the model has something to rank for him).
fn charlie_bought_the_grinder() {
	let id = order(Charlie, 1, 1, 45 * UNIT);
	ship_and_confirm(Bob, Charlie, id);
}

/// Validates `xt` as the transaction pool does: on a throwaway copy of the state (validation
/// opens the next block to validate in).
fn pool_verdict(xt: bazaar_runtime::UncheckedExtrinsic) -> Result<(), TransactionValidityError> {
	sp_io::storage::start_transaction();
	let verdict =
		Executive::validate_transaction(TransactionSource::External, xt, Default::default());
	sp_io::storage::rollback_transaction();
	verdict.map(|_| ())
}

/// The origin an authorized transaction's call is dispatched with (what `AuthorizeCall` gives).
fn authorized() -> RuntimeOrigin {
	frame_system::RawOrigin::Authorized.into()
}

#[test]
fn replayed_and_stale_attestations() {
	dev_chain().execute_with(|| {
		charlie_bought_the_grinder();
		let (attestation, signature) = attestation(Alice, Charlie, honest_top(Charlie, 10));
		let xt = authorized_attest(attestation.clone(), signature.clone());
		assert_ok!(pool_verdict(xt.clone()));
		assert_ok!(Executive::apply_extrinsic(xt.clone()).unwrap());

		// Replayed: Charlie waits for no attestation now; the pool calls it stale, the call is
		// refused by name.
		assert_eq!(pool_verdict(xt), Err(InvalidTransaction::Stale.into()));
		refused(authorized(), attest_call((attestation.clone(), signature.clone())), "NotStale");

		// Stale: a new purchase moved Charlie's history on; the old list no longer applies.
		charlie_bought_the_grinder();
		let stale = authorized_attest(attestation.clone(), signature.clone());
		assert_eq!(pool_verdict(stale), Err(InvalidTransaction::Stale.into()));
		refused(authorized(), attest_call((attestation, signature)), "StaleHistory");
	});
}

#[test]
fn attestation_spam_is_refused_by_the_pool_for_free() {
	dev_chain().execute_with(|| {
		charlie_bought_the_grinder();
		let root = state_root();
		let honest = honest_top(Charlie, 10);

		// Forged signatures: Ferdie's key signs in Alice's name.
		let (forged, _) = attestation(Alice, Charlie, honest.clone());
		for n in 0..50u8 {
			use sp_core::Pair;
			let signature = Ferdie
				.pair()
				.sign(&[&Recommendations::signing_payload(&forged)[..], &[n]].concat());
			let xt = authorized_attest(forged.clone(), signature.into());
			assert_eq!(pool_verdict(xt.clone()), Err(InvalidTransaction::BadProof.into()));
			// A block author who includes it anyway gets the same answer from the runtime, and
			// drops it as a block builder does (its storage transaction rolled back).
			sp_io::storage::start_transaction();
			assert_eq!(Executive::apply_extrinsic(xt), Err(InvalidTransaction::BadProof.into()));
			sp_io::storage::rollback_transaction();
		}
		// A key no attester registered.
		refused(
			authorized(),
			attest_call(attestation(Dave, Charlie, honest.clone())),
			"UnknownAttester",
		);
		// Lists out of order, or with items the model does not have.
		let mut reversed = honest.clone();
		reversed.reverse();
		refused(authorized(), attest_call(attestation(Alice, Charlie, reversed)), "NotRanked");
		let mut invented = honest[..1].to_vec();
		invented[0].item = 10_000;
		refused(authorized(), attest_call(attestation(Alice, Charlie, invented)), "UnknownItem");
		// Signed origins cannot attest at all: attestations come from attesters' keys only.
		refused(signed(Alice), attest_call(attestation(Alice, Charlie, honest)), "BadOrigin");

		// Nobody paid, nothing was stored: spam costs the chain only the pool's checks.
		assert_eq!(state_root(), root);
		assert!(!pallet_recommendations::Attestations::<Runtime>::contains_key(account(Charlie)));
	});
}

#[test]
fn challenges_of_finalized_attestations_are_refused() {
	dev_chain().execute_with(|| {
		charlie_bought_the_grinder();
		let top = honest_top(Charlie, 11);
		// A fraudulent list (the best item left out): challengeable only within the window.
		let (attestation, signature) = attestation(Alice, Charlie, top[1..].to_vec());
		assert_ok!(Executive::apply_extrinsic(authorized_attest(attestation, signature)).unwrap());
		let challenge = |claim| {
			RuntimeCall::Recommendations(pallet_recommendations::Call::challenge {
				user: account(Charlie),
				claim,
			})
		};
		refused(
			signed(Eve),
			challenge(pallet_recommendations::Claim::WrongScore(10)),
			"InvalidClaimIndex",
		);
		System::set_block_number(System::block_number() + ChallengeWindow::get() + 1);
		refused(
			signed(Eve),
			challenge(pallet_recommendations::Claim::MissedItem(top[0].item)),
			"ChallengeWindowClosed",
		);
	});
}
