//! Attacks on the runtime, each performed as an attacker would, through the real runtime and the
//! dev chain's genesis. Each test is named after its attack. Each was first run against the code
//! it attacks and succeeded there (`tests/runtime/attacks-before-the-fixes.md` records those runs);
//! each now shows that the attack fails with a named error and that no money moved.

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	configs::commerce::TreasuryAccount, AccountId, Balance, Balances, Executive, Orders,
	Recommendations, Runtime, RuntimeCall, RuntimeOrigin, UNIT,
};
use bazaar_runtime_tests::*;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Get},
};
use pallet_recommendations::{
	AttestationOf, Attestations, Claim, Error as RecommendationsError, Histories, HoldReason,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Ferdie};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError,
};

/// What every account of the attack holds, free and on hold for the attester bond.
fn money(accounts: &[AccountId]) -> Vec<(Balance, Balance)> {
	accounts
		.iter()
		.map(|who| {
			let bond = Balances::balance_on_hold(&HoldReason::AttesterBond.into(), who);
			(free(who), bond)
		})
		.collect()
}

/// `buyer` buys one unit of `listing` from its seller, a dev account; the order completes.
fn buy(buyer: Sr25519Keyring, listing: u32) {
	let details = pallet_listings::Listings::<Runtime>::get(listing).unwrap();
	let seller = Sr25519Keyring::iter().find(|k| k.to_account_id() == details.seller).unwrap();
	let id = order(buyer, listing, 1, details.unit_price);
	ship_and_confirm(seller, buyer, id);
}

/// The pool's verdict on an authorized attestation, and the runtime's if a block author
/// includes it anyway (its storage changes rolled back, as a block builder drops it).
fn submit(
	attestation: AttestationOf<Runtime>,
	signature: impl Into<pallet_recommendations::crypto::AttesterSignature>,
) -> (Result<(), TransactionValidityError>, Result<(), TransactionValidityError>) {
	let xt = authorized_attest(attestation, signature.into());
	let pool = Executive::validate_transaction(
		TransactionSource::External,
		xt.clone(),
		Default::default(),
	)
	.map(|_| ());
	sp_io::storage::start_transaction();
	let block = Executive::apply_extrinsic(xt).map(|applied| {
		assert_ok!(applied);
	});
	if block.is_ok() {
		sp_io::storage::commit_transaction();
	} else {
		sp_io::storage::rollback_transaction();
	}
	(pool, block)
}

/// A1. Charlie buys the grinder and Alice's worker attests his honest top 10. Charlie opts out
/// and in again (his history starts over) and buys an item of that old list. Before the fix his
/// nonce was 1 again, so the old signed attestation was accepted again (authorized, free), and
/// `challenge(WrongScore(the item's position))` "proved" it false against the new history: Alice
/// lost her whole bond, a quarter of it to Charlie. Now the nonce never repeats and the signed
/// payload binds the history's digest and the chain's genesis hash.
#[test]
fn a1_replaying_an_old_attestation_after_opting_out_and_in_slashes_nobody() {
	dev_chain().execute_with(|| {
		buy(Charlie, GRINDER);
		let honest = honest_top(Charlie, 10);
		let old = attestation(Alice, Charlie, honest.clone());
		assert_eq!(submit(old.0.clone(), old.1.clone()), (Ok(()), Ok(())));

		assert_ok!(Recommendations::set_participation(signed(Charlie), false));
		assert_ok!(Recommendations::set_participation(signed(Charlie), true));
		let (position, target) =
			honest.iter().enumerate().find(|(_, r)| r.item != GRINDER).unwrap();
		buy(Charlie, target.item);

		let watched = [account(Alice), account(Charlie), TreasuryAccount::get()];
		let before = money(&watched);
		// The history is a new one: a new nonce, which no old attestation carries.
		assert_ne!(Histories::<Runtime>::get(account(Charlie)).nonce, old.0.history_nonce);
		let stale = Err(TransactionValidityError::Invalid(InvalidTransaction::Stale));
		assert_eq!(submit(old.0.clone(), old.1.clone()), (stale, stale));
		assert!(!Attestations::<Runtime>::contains_key(account(Charlie)));
		assert_noop!(
			Recommendations::challenge(
				signed(Charlie),
				account(Charlie),
				Claim::WrongScore(position as u32)
			),
			RecommendationsError::<Runtime>::NoAttestation
		);
		assert_eq!(money(&watched), before, "no money moved");
		assert!(pallet_recommendations::Attesters::<Runtime>::contains_key(account(Alice)));
	});
}

/// A1, the same attack with the nonce forged to the current one: the signature covers the
/// old nonce, so the forged attestation is not Alice's.
#[test]
fn a1_an_old_attestation_with_its_nonce_changed_is_not_the_attesters() {
	dev_chain().execute_with(|| {
		buy(Charlie, GRINDER);
		let old = attestation(Alice, Charlie, honest_top(Charlie, 10));
		assert_eq!(submit(old.0.clone(), old.1.clone()), (Ok(()), Ok(())));
		assert_ok!(Recommendations::set_participation(signed(Charlie), false));
		assert_ok!(Recommendations::set_participation(signed(Charlie), true));
		buy(Charlie, 0);

		let current = Histories::<Runtime>::get(account(Charlie));
		let mut forged = old.0.clone();
		forged.history_nonce = current.nonce;
		forged.history_digest = current.digest();
		let bad_proof = Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof));
		assert_eq!(submit(forged, old.1.clone()), (bad_proof, bad_proof));
		// And with only the nonce forged, the digest names another history.
		let mut forged = old.0;
		forged.history_nonce = current.nonce;
		let DispatchError::Module(wrong_digest) =
			RecommendationsError::<Runtime>::WrongHistoryDigest.into()
		else {
			unreachable!("a pallet error is a module error")
		};
		let custom = Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(
			wrong_digest.error[0],
		)));
		assert_eq!(submit(forged, old.1), (custom, custom));
	});
}

/// A1, across chains: an attestation Alice signed for another chain (a test network with the
/// same dev keys, or a fork) is worthless here: the signed bytes carry the genesis hash.
#[test]
fn a1_an_attestation_signed_for_another_chain_is_refused() {
	dev_chain().execute_with(|| {
		use sp_core::Pair;
		buy(Charlie, GRINDER);
		let (attestation, _) = attestation(Alice, Charlie, honest_top(Charlie, 10));
		let other_chain = H256::repeat_byte(7);
		let signature = Alice.pair().sign(&attestation.signing_payload(other_chain.as_ref()));
		let bad_proof = Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof));
		assert_eq!(submit(attestation, signature), (bad_proof, bad_proof));
		assert!(!Attestations::<Runtime>::contains_key(account(Charlie)));
	});
}

/// `count` accounts of one attacker, each funded, opted in to recommendations and the buyer of
/// one unit of a listing of Bob's (so each is stale: waiting for an attestation).
fn sybils(count: u32) -> Vec<AccountId> {
	let listing = list(Bob, UNIT, count);
	(0..count)
		.map(|index| {
			let mut raw = [0xa2; 32];
			raw[..4].copy_from_slice(&index.to_le_bytes());
			let sybil = AccountId::from(raw);
			let origin = RuntimeOrigin::signed(sybil.clone());
			assert_ok!(Balances::force_set_balance(
				RuntimeOrigin::root(),
				sybil.clone().into(),
				100 * UNIT
			));
			assert_ok!(Recommendations::set_participation(origin.clone(), true));
			let id = pallet_orders::NextOrderId::<Runtime>::get();
			assert_ok!(Orders::place_order(origin.clone(), listing, 1, UNIT, None, None));
			assert_ok!(Orders::ship(signed(Bob), id, H256::repeat_byte(1)));
			assert_ok!(Orders::confirm_receipt(origin, id));
			sybil
		})
		.collect()
}

/// A2. Alice, a bonded attester, floods the pool with attestations for her own sybil accounts:
/// free (authorized, no fee), and before the fix uncapped and at a priority above every paying
/// transaction, so a block author filled the block with them and left out the transfers and
/// orders of paying users. Now attestations rank below paying transactions and a block holds at
/// most `MaxAttestationsPerBlock` of them, `MaxAttestationsPerAttester` from one attester; the
/// rest wait in the pool (`ExhaustsResources`) for later blocks.
#[test]
fn a2_an_attestation_flood_leaves_room_for_transfers_and_orders() {
	use frame_support::dispatch::GetDispatchInfo;
	dev_chain().execute_with(|| {
		// Enough attestations to fill a block's normal class by proof size, and then some.
		let flood = {
			let sample = authorized_attest_for(Alice, account(Charlie));
			let limits = <Runtime as frame_system::Config>::BlockWeights::get();
			let normal = limits.get(frame_support::dispatch::DispatchClass::Normal);
			let per_block = normal.max_total.unwrap().proof_size() /
				sample.get_dispatch_info().total_weight().proof_size();
			per_block as u32 + 8
		};
		let sybils = sybils(flood);
		let mut pool: Vec<_> =
			sybils.iter().map(|sybil| authorized_attest_for(Alice, sybil.clone())).collect();
		// Paying users' transactions in the same pool: 20 transfers from Dave, 10 orders from
		// Charlie.
		let listing = list(Bob, UNIT, 100);
		let transfers = (0..20).map(|nonce| {
			let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: account(Charlie).into(),
				value: UNIT,
			});
			signed_extrinsic_at(Dave, nonce, call)
		});
		let purchases = (0..10).map(|nonce| {
			let call = RuntimeCall::Orders(pallet_orders::Call::place_order {
				listing,
				quantity: 1,
				max_unit_price: UNIT,
				delivery_code_hash: None,
				sealed_delivery: None,
			});
			signed_extrinsic_at(Charlie, nonce, call)
		});
		let paying: Vec<_> = transfers.chain(purchases).collect();
		let attestation_priority = pool_priority(&pool[0]).unwrap();
		let lowest_paying = paying.iter().map(|xt| pool_priority(xt).unwrap()).min().unwrap();
		pool.extend(paying.iter().cloned());

		let outcomes = author_block(&pool);
		let (attested, paying) = outcomes.split_at(sybils.len());
		let included = attested.iter().filter(|outcome| outcome.is_ok()).count() as u32;
		let paid = paying.iter().filter(|outcome| outcome.is_ok()).count();
		println!(
			"A2: {flood} attestations in the pool at priority {attestation_priority}, 30 paying \
			 transactions at priority {lowest_paying} or more; the block included {included} \
			 attestations and {paid} of the 30 paying transactions",
		);
		assert!(attestation_priority < lowest_paying);
		assert_eq!(paid, 30, "every paying transaction is in the block");
		let cap: u32 =
			<Runtime as pallet_recommendations::Config>::MaxAttestationsPerAttester::get();
		assert_eq!(included, cap, "one attester fills at most its share of a block");
		let exhausted =
			Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources));
		assert!(attested.iter().all(|outcome| outcome.is_ok() || *outcome == exhausted));
	});
}

/// A2, churn: an opted-in account that bought nothing since its last attestation (here: opted
/// out and in again, which before the fix restarted its history) is not waiting for an
/// attestation; attesting it anyway stores an attestation nobody paid for. Only accounts in
/// `StaleUsers` (their history changed through a purchase) may be attested.
#[test]
fn a2_attesting_an_account_that_bought_nothing_new_is_refused() {
	dev_chain().execute_with(|| {
		buy(Charlie, GRINDER);
		let first = attestation(Alice, Charlie, honest_top(Charlie, 10));
		assert_eq!(submit(first.0, first.1), (Ok(()), Ok(())));
		assert_ok!(Recommendations::set_participation(signed(Charlie), false));
		assert_ok!(Recommendations::set_participation(signed(Charlie), true));
		// Dave: a participant since genesis who never bought anything.
		assert!(pallet_recommendations::Participants::<Runtime>::contains_key(account(Dave)));

		// The pool calls it stale; a block refuses it (`NotStale`, see `bad_inputs.rs`).
		let not_stale = Err(TransactionValidityError::Invalid(InvalidTransaction::Stale));
		for user in [Charlie, Dave] {
			let churned = attestation(Alice, user, honest_top(user, 10));
			let outcome = submit(churned.0, churned.1);
			println!("A2 churn: attesting {user:?} (pool, block): {outcome:?}");
			assert_eq!(outcome, (not_stale, not_stale));
			assert!(!Attestations::<Runtime>::contains_key(account(user)));
		}
	});
}

/// Alice's honest attestation of `user`'s current history, as her worker submits it.
fn authorized_attest_for(
	attester: Sr25519Keyring,
	user: AccountId,
) -> bazaar_runtime::UncheckedExtrinsic {
	let (attestation, signature) = attestation(attester, user.clone(), honest_top(user, 10));
	authorized_attest(attestation, signature)
}

/// The order's delivery code commitment as the storefront computes it: `blake2_256(code)`.
fn code_hash(code: &[u8]) -> H256 {
	H256(sp_io::hashing::blake2_256(code))
}

/// `buyer` orders one unit of `listing` (at its price) with a delivery code; returns the order id.
fn order_with_code(buyer: Sr25519Keyring, listing: u32, code: &[u8]) -> Result<u64, DispatchError> {
	let id = pallet_orders::NextOrderId::<Runtime>::get();
	let price = pallet_listings::Listings::<Runtime>::get(listing).unwrap().unit_price;
	Orders::place_order(signed(buyer), listing, 1, price, Some(code_hash(code)), None)
		.map(|_| id)
		.map_err(|error| error.error)
}

/// A4, brute force: Charlie protects his order with a short code (a PIN). Bob, the seller, tries
/// every four-digit code offline against the public hash, then reveals the match without ever
/// shipping. Before the fix the code completed the order, even unshipped: Bob was paid for
/// nothing. Now a code is accepted only after shipping and only if it is long enough to guess
/// (`MinDeliveryCodeLen`), and the storefront generates long random codes.
#[test]
fn a4_a_seller_who_guesses_a_short_delivery_code_is_not_paid() {
	dev_chain().execute_with(|| {
		let listing = list(Bob, PRICE, 10);
		let id = order_with_code(Charlie, listing, b"4711").unwrap();
		let hash = pallet_orders::Orders::<Runtime>::get(id).unwrap().delivery_code_hash.unwrap();
		let guessed = (0..10_000u32)
			.map(|pin| format!("{pin:04}").into_bytes())
			.find(|pin| code_hash(pin) == hash)
			.expect("four digits are guessed in at most 10,000 hashes");
		let code: pallet_orders::DeliveryCodeOf<Runtime> = guessed.try_into().unwrap();

		let watched = [account(Bob), account(Charlie), TreasuryAccount::get()];
		let before = (money(&watched), escrow(&account(Charlie)));
		let revealed = Orders::reveal_delivery_code(signed(Bob), id, code.clone());
		println!("A4 brute force: Bob reveals the guessed code before shipping: {revealed:?}");
		assert_noop!(revealed, pallet_orders::Error::<Runtime>::CodeNotAccepted);
		assert_ok!(Orders::ship(signed(Bob), id, H256::repeat_byte(1)));
		assert_noop!(
			Orders::reveal_delivery_code(signed(Bob), id, code),
			pallet_orders::Error::<Runtime>::DeliveryCodeTooShort
		);
		assert_eq!((money(&watched), escrow(&account(Charlie))), before, "no money moved");
	});
}

/// A4, replay: Charlie uses one code for two orders from Bob. The courier of the first order
/// reveals it on chain, where everyone can read it. Before the fix Bob could then mark the
/// second order shipped and reveal the same code: paid for an order never delivered. Now a
/// code's commitment completes one stored order only: the second order is refused.
#[test]
fn a4_a_delivery_code_seen_on_chain_does_not_complete_another_order() {
	dev_chain().execute_with(|| {
		let listing = list(Bob, PRICE, 10);
		let code = b"coffee-grinder-delivery-code".to_vec();
		let first = order_with_code(Charlie, listing, &code).unwrap();
		assert_ok!(Orders::ship(signed(Bob), first, H256::repeat_byte(1)));
		assert_ok!(Orders::reveal_delivery_code(
			signed(Ferdie),
			first,
			code.clone().try_into().unwrap()
		));

		let watched = [account(Bob), account(Charlie), TreasuryAccount::get()];
		let before = money(&watched);
		let second = order_with_code(Charlie, listing, &code);
		println!("A4 replay: Charlie's second order with the same code: {second:?}");
		if let Ok(second) = second {
			assert_ok!(Orders::ship(signed(Bob), second, H256::repeat_byte(2)));
			let replayed =
				Orders::reveal_delivery_code(signed(Bob), second, code.clone().try_into().unwrap());
			println!(
				"A4 replay: Bob reveals the first order's code for the second: {replayed:?}; \
				 Bob gained {}",
				free(&account(Bob)) - before[0].0
			);
		}
		assert_eq!(second, Err(pallet_orders::Error::<Runtime>::DeliveryCodeReused.into()));
		assert_eq!(money(&watched), before, "no money moved");
	});
}

/// A5. Charlie buys a 10 BZR item from Bob, receives it, and opens a dispute without grounds.
/// Nobody asks governance for a ruling, so the ruling deadline passes. Before the fix the
/// dispute cost nothing and the fallback split the escrow in half: Charlie got 5 BZR of an honest
/// sale back. Now a dispute holds a deposit, and the fallback leaves the sale as it was
/// (`RulingFallbackBuyerShare` is zero): Bob is paid in full and receives the deposit of the
/// dispute Charlie did not pursue.
#[test]
fn a5_a_dispute_nobody_rules_on_does_not_take_half_of_an_honest_sale() {
	use bazaar_runtime::configs::commerce::RulingWindow;
	dev_chain().execute_with(|| {
		let listing = list(Bob, PRICE, 10);
		let id = order(Charlie, listing, 1, PRICE);
		assert_ok!(Orders::ship(signed(Bob), id, H256::repeat_byte(1)));
		let (bob, charlie) = (free(&account(Bob)), free(&account(Charlie)));
		assert_ok!(Orders::open_dispute(signed(Charlie), id, H256::repeat_byte(2)));
		let deposit = charlie - free(&account(Charlie));
		for _ in 0..RulingWindow::get() {
			next_block();
		}
		let settled = pallet_orders::Orders::<Runtime>::get(id).unwrap().state;
		let (bob_gained, charlie_got_back) =
			(free(&account(Bob)) - bob, free(&account(Charlie)) + deposit - charlie);
		println!(
			"A5: dispute deposit {deposit}; after the ruling deadline: {settled:?}; Bob gained \
			 {bob_gained}, Charlie got back {charlie_got_back} of the 10 BZR value"
		);
		assert!(deposit > 0, "a dispute holds a deposit");
		assert_eq!(charlie_got_back, 0, "the buyer gets nothing back");
		assert_eq!(bob_gained, PRICE + deposit, "the seller is paid in full, plus the deposit");
	});
}

/// A5: a buyer who cannot hold the dispute deposit cannot dispute.
#[test]
fn a5_a_dispute_needs_its_deposit() {
	dev_chain().execute_with(|| {
		let listing = list(Bob, PRICE, 10);
		let id = order(Charlie, listing, 1, PRICE);
		assert_ok!(Orders::ship(signed(Bob), id, H256::repeat_byte(1)));
		// Charlie keeps only what his account needs to exist, and the transaction fee.
		let keep = <Runtime as pallet_balances::Config>::ExistentialDeposit::get() + UNIT / 100;
		let spare = free(&account(Charlie)) - keep;
		assert_ok!(Balances::transfer_keep_alive(signed(Charlie), account(Dave).into(), spare));
		assert_noop!(
			Orders::open_dispute(signed(Charlie), id, H256::repeat_byte(2)),
			pallet_orders::Error::<Runtime>::InsufficientDisputeDeposit
		);
	});
}

/// A3, the races: the deadline hook works off a bounded number of deadlines per block, so an
/// order can sit past its deadline for a while (a backlog of orders due, see A3's spam). A
/// settlement the parties agreed or a ruling that arrives after the deadline must not race the
/// outcome the deadline already fixed: before the fix Charlie could still accept Bob's old offer
/// (or a ruling could land) after the rule-by block had passed. Now both are refused with
/// `DeadlinePassed` and `process_expired` applies the deadline's outcome.
#[test]
fn a3_a_settlement_after_the_deadline_does_not_race_the_deadline() {
	use bazaar_runtime::{configs::commerce::RulingWindow, System};
	dev_chain().execute_with(|| {
		let listing = list(Bob, PRICE, 10);
		let id = order(Charlie, listing, 1, PRICE);
		assert_ok!(Orders::ship(signed(Bob), id, H256::repeat_byte(1)));
		assert_ok!(Orders::open_dispute(signed(Charlie), id, H256::repeat_byte(2)));
		assert_ok!(Orders::propose_settlement(
			signed(Bob),
			id,
			sp_runtime::Perbill::from_percent(90)
		));
		// The rule-by block passed; the hook has not reached the order yet.
		System::set_block_number(System::block_number() + RulingWindow::get());
		let watched = [account(Bob), account(Charlie), TreasuryAccount::get()];
		let before = money(&watched);
		let accepted = Orders::accept_settlement(signed(Charlie), id);
		println!("A3 race: Charlie accepts after the rule-by block: {accepted:?}");
		assert_noop!(accepted, pallet_orders::Error::<Runtime>::DeadlinePassed);
		assert_noop!(
			Orders::resolve(RuntimeOrigin::root(), id, sp_runtime::Perbill::from_percent(100)),
			pallet_orders::Error::<Runtime>::DeadlinePassed
		);
		assert_eq!(money(&watched), before, "no money moved");
		assert_ok!(Orders::process_expired(signed(Ferdie), id));
	});
}

/// The relay chain's limits on upward messages, as Polkadot sets them, in the parachain's
/// storage (the validation-data inherent puts them there on a live chain).
fn polkadot_host_configuration() {
	use cumulus_primitives_core::{relay_chain::AsyncBackingParams, AbridgedHostConfiguration};
	cumulus_pallet_parachain_system::HostConfiguration::<Runtime>::put(AbridgedHostConfiguration {
		max_code_size: 3 * 1024 * 1024,
		max_head_data_size: 20 * 1024,
		max_upward_queue_count: 174_762,
		max_upward_queue_size: 1024 * 1024,
		max_upward_message_size: 65_531,
		max_upward_message_num_per_candidate: 16,
		hrmp_max_message_num_per_candidate: 10,
		validation_upgrade_cooldown: 14_400,
		validation_upgrade_delay: 600,
		async_backing_params: AsyncBackingParams {
			max_candidate_depth: 3,
			allowed_ancestry_len: 2,
		},
	});
}

/// A 60 KB message for the relay chain, as the A6 flood sends it.
fn sixty_kb_for_the_relay() -> xcm::latest::Xcm<()> {
	use xcm::latest::prelude::*;
	Xcm::<()>(vec![Transact {
		origin_kind: OriginKind::SovereignAccount,
		fallback_max_weight: None,
		call: vec![0u8; 60_000].into(),
	}])
}

/// The bytes of upward messages waiting for the relay chain.
fn upward_queue_bytes() -> usize {
	cumulus_pallet_parachain_system::PendingUpwardMessages::<Runtime>::get()
		.iter()
		.map(Vec::len)
		.sum()
}

/// A6. Charlie sends the relay chain 60 KB messages with `pallet_xcm::send`, one after another.
/// Before the first fix delivery was free (`NoPriceForMessageDelivery`): 300 sends queued 18 MB
/// of upward messages and cost Charlie nothing but transaction fees. With delivery priced
/// (`ExponentialPrice`) the flood cost him 949,727 BZR and stopped after 125 sends
/// (`FeesNotMet`), but the queue held 7.5 MB, and every later `send` of a block reads the whole
/// queue (cumulus prices delivery by its size), 7.5 MB of proof its weight does not count. Now
/// only governance sends arbitrary XCM: Charlie's first send is refused, nothing is queued and
/// nothing paid; a root referendum's send still goes.
#[test]
fn a6_a_flood_of_upward_messages_costs_the_sender_and_stops() {
	use bazaar_runtime::PolkadotXcm;
	use xcm::{latest::prelude::*, VersionedLocation, VersionedXcm};
	dev_chain().execute_with(|| {
		polkadot_host_configuration();
		let send = |origin: RuntimeOrigin| {
			PolkadotXcm::send(
				origin,
				Box::new(VersionedLocation::from(Location::parent())),
				Box::new(VersionedXcm::from(sixty_kb_for_the_relay())),
			)
		};
		let charlie = free(&account(Charlie));
		let refused = send(signed(Charlie));
		println!(
			"A6: Charlie's send: {refused:?}; queued {} bytes; Charlie paid {}",
			upward_queue_bytes(),
			charlie - free(&account(Charlie))
		);
		assert_eq!(refused, Err(DispatchError::BadOrigin));
		assert_eq!(upward_queue_bytes(), 0);
		assert_eq!(free(&account(Charlie)), charlie);

		assert_ok!(send(RuntimeOrigin::root()));
		assert!(upward_queue_bytes() > 60_000, "governance sends");
	});
}

/// A6, the price: delivery to the relay chain is priced as the system chains price it (a base
/// fee plus a fee per byte, times a factor that grows while the queue is above half the relay's
/// limit), for every message the runtime sends on a user's behalf. Shown through the router:
/// the price of a 60 KB message climbs once the queue is long.
#[test]
fn a6_upward_delivery_is_priced_and_climbs_with_the_queue() {
	use bazaar_runtime::{configs::xcm::XcmRouter, ParachainSystem};
	use xcm::latest::prelude::*;
	dev_chain().execute_with(|| {
		polkadot_host_configuration();
		let price = || {
			let (_, assets) =
				validate_send::<XcmRouter>(Location::parent(), sixty_kb_for_the_relay()).unwrap();
			match assets.inner().first().map(|asset| &asset.fun) {
				Some(Fungible(amount)) => *amount,
				other => panic!("delivery priced in {other:?}"),
			}
		};
		let empty = price();
		let message = codec::Encode::encode(&xcm::VersionedXcm::from(sixty_kb_for_the_relay()));
		for _ in 0..20 {
			ParachainSystem::send_upward_message(message.clone()).unwrap();
		}
		let long = price();
		println!("A6 price: 60 KB to the relay costs {empty} planck, {long} behind 1.2 MB");
		assert!(empty > 0, "delivery is priced");
		assert!(long > empty, "the price climbs while the queue is long");
	});
}

/// A6, aliases: `add_authorized_alias` stores an entry for the caller. Before the fix the
/// entry was free (`AuthorizedAliasConsideration = ()`); now it holds a storage deposit.
#[test]
fn a6_an_authorized_alias_holds_a_deposit() {
	use bazaar_runtime::PolkadotXcm;
	use xcm::{latest::prelude::*, VersionedLocation};
	dev_chain().execute_with(|| {
		let aliaser =
			Location::new(1, [Parachain(1000), AccountId32 { network: None, id: [7; 32] }]);
		assert_ok!(PolkadotXcm::add_authorized_alias(
			signed(Charlie),
			Box::new(VersionedLocation::from(aliaser)),
			None
		));
		let reason =
			bazaar_runtime::RuntimeHoldReason::PolkadotXcm(pallet_xcm::HoldReason::AuthorizeAlias);
		let held = Balances::balance_on_hold(&reason, &account(Charlie));
		println!("A6 alias: Charlie's alias entry holds {held}");
		assert!(held > 0, "the alias entry pays for its storage");
	});
}

/// Low, model lifecycle: governance approved model A, then a newer model B; B's upload finished
/// first and B became the active model. Before the fix, A's uploader could hold back A's last
/// batch and send it whenever it liked: A then replaced the newer B, undoing governance's later
/// decision (and every attestation of B). Now an upload that completes after a newer model was
/// activated retires its model unused (`ModelSuperseded`).
#[test]
fn an_older_model_finishing_its_upload_late_does_not_replace_a_newer_one() {
	use bazaar_runtime::{RuntimeEvent, System};
	use pallet_recommendations::{ActiveModel, Event as RecommendationsEvent, ModelStatus, Models};
	dev_chain().execute_with(|| {
		let model = dev_model();
		let digest = H256(model.digest(sp_io::hashing::blake2_256));
		let approve = || {
			let version = pallet_recommendations::NextModelVersion::<Runtime>::get();
			assert_ok!(Recommendations::approve_model(
				RuntimeOrigin::root(),
				digest,
				model.header.clone(),
				account(Bob)
			));
			version
		};
		let upload = |version, rows: &[(u32, bazaar_inference::ItemRow)]| {
			Recommendations::upload_rows(signed(Bob), version, rows.to_vec().try_into().unwrap())
		};
		let (older, newer) = (approve(), approve());
		let (first, last) = model.rows.split_at(model.rows.len() / 2);
		assert_ok!(upload(older, first));
		assert_ok!(upload(newer, first));
		assert_ok!(upload(newer, last));
		assert_eq!(ActiveModel::<Runtime>::get(), Some(newer));

		System::reset_events();
		let late = upload(older, last);
		let events: Vec<_> = System::events()
			.into_iter()
			.filter_map(|record| match record.event {
				RuntimeEvent::Recommendations(event) => Some(event),
				_ => None,
			})
			.collect();
		println!(
			"model lifecycle: older v{older} finished after v{newer}: {late:?}; active now {:?}; \
			 events {events:?}",
			ActiveModel::<Runtime>::get()
		);
		assert_ok!(late);
		assert_eq!(ActiveModel::<Runtime>::get(), Some(newer), "the newer model stays active");
		assert_eq!(Models::<Runtime>::get(older).unwrap().status, ModelStatus::Retired);
		assert!(
			events.contains(&RecommendationsEvent::ModelSuperseded { version: older, by: newer })
		);
	});
}

/// The orders an attacker places in one block: about what a block holds (see
/// `benchmarks/results/block-throughput.md`).
const SPAM_ORDERS: u32 = 1_000;

/// A3, the spam: Ferdie orders a 1-planck item of Eve's (his own second account) a block's worth
/// of times, in the same block as Charlie's honest order of Bob's grinder; Bob never ships it, so
/// Charlie's refund is due at the same ship-by block as the spam. Before the fix the deadline
/// hook handled 32 entries per block whatever the block held: the spam pushed the refunds due
/// with it back by up to 1,001 / 32 = 32 blocks, and it held nothing for the storage it took.
/// Now `on_idle` goes on with the weight the block has left, which grows with the block: even
/// with every later block full of paying transactions, all of them are handled within a few
/// blocks, and each spam order holds a storage deposit until it is pruned.
#[test]
fn a3_a_block_of_spam_orders_does_not_stall_the_deadlines_due_with_it() {
	use sp_keyring::Sr25519Keyring::Eve;
	dev_chain().execute_with(|| {
		let spam = list(Eve, 1, SPAM_ORDERS);
		let ferdie = free(&account(Ferdie));
		let ids: Vec<u64> = (0..SPAM_ORDERS).map(|_| order(Ferdie, spam, 1, 1)).collect();
		let grinder = list(Bob, PRICE, 1);
		let honest = order(Charlie, grinder, 1, PRICE);
		let spent = ferdie - free(&account(Ferdie));
		let held = Balances::balance_on_hold(
			&pallet_orders::HoldReason::OrderDeposit.into(),
			&account(Ferdie),
		);

		let ship_by = match pallet_orders::Orders::<Runtime>::get(honest).unwrap().state {
			pallet_orders::OrderState::Placed { ship_by } => ship_by,
			state => panic!("the order is {state:?}"),
		};
		while bazaar_runtime::System::block_number() + 1 < ship_by {
			next_block();
		}
		let open = || {
			ids.iter()
				.chain([&honest])
				.filter(|id| {
					!pallet_orders::Orders::<Runtime>::get(**id).unwrap().state.is_terminal()
				})
				.count()
		};
		let (mut blocks, mut honest_late) = (0u32, None);
		while open() > 0 && blocks < 100 {
			let idle = next_full_block();
			blocks += 1;
			if honest_late.is_none() &&
				pallet_orders::Orders::<Runtime>::get(honest).unwrap().state.is_terminal()
			{
				honest_late = Some(blocks - 1);
			}
			println!(
				"A3: deadline block + {}: {} orders still open, on_idle had {idle:?}",
				blocks - 1,
				open()
			);
		}
		println!(
			"A3: {SPAM_ORDERS} spam orders cost Ferdie {spent} planck, {held} of it held as \
			 deposits; the {} orders due at block {ship_by} took {blocks} full blocks; Charlie's \
			 refund came {honest_late:?} blocks late",
			SPAM_ORDERS + 1
		);
		assert_eq!(held, SPAM_ORDERS as Balance * Orders::order_deposit(0), "a deposit per order");
		assert!(blocks <= 5, "the deadlines due with the spam took {blocks} blocks");
		assert!(honest_late.is_some_and(|late| late <= 4), "Charlie's refund was late");
	});
}

/// Low, key squatting: session keys are public on chain, so Ferdie saw the `reco` key of Dave's
/// node (and, say, the proof Dave's node made for Dave's account). Before the fix
/// `register_attester` took any key: Ferdie registered Dave's first, and Dave could not register
/// his own key (`KeyInUse`). Now the key must come with its proof of possession for the caller's
/// account, which only the key's holder can make.
#[test]
fn low_nobody_registers_an_attester_key_they_do_not_hold() {
	dev_chain().execute_with(|| {
		let dave_key: pallet_recommendations::crypto::AttesterId = Dave.public().into();
		let squat = Recommendations::register_attester(
			signed(Ferdie),
			dave_key.clone(),
			key_proof(Dave, Dave),
		);
		let dave =
			Recommendations::register_attester(signed(Dave), dave_key, key_proof(Dave, Dave));
		println!("key squatting: Ferdie registers Dave's reco key: {squat:?}; Dave then: {dave:?}");
		assert_eq!(squat, Err(RecommendationsError::<Runtime>::InvalidKeyProof.into()));
		assert_ok!(dave);
	});
}

/// Low, ratings without a deposit: Eve lists a 1-planck trinket and Ferdie, her second account,
/// buys it; she ships, he confirms, and each rates the other. The two ratings are kept for as
/// long as the chain lives, 151 bytes each, and before the fix the pair paid only the five
/// transactions' fees for them: no market fee (1% of 1 planck rounds to nothing) and no deposit,
/// a fraction of the runtime's storage deposit rate for those bytes. Now each rating costs its
/// rater `RatingFee`, the deposit rate for its bytes, paid to the treasury for good.
#[test]
fn low_ratings_kept_forever_are_paid_for_at_the_deposit_rate() {
	use frame_support::traits::fungible::Inspect;
	use sp_keyring::Sr25519Keyring::Eve;
	dev_chain().execute_with(|| {
		let trinket = list(Eve, 1, 1);
		let parties = [account(Eve), account(Ferdie)];
		// Held deposits (the order's, the listing's) come back: only what left counts as paid.
		let owned = || -> Balance {
			parties.iter().map(<Balances as Inspect<AccountId>>::total_balance).sum()
		};
		let before = owned();
		let id = pallet_orders::NextOrderId::<Runtime>::get();
		let rate = |stars| {
			RuntimeCall::Reputation(pallet_reputation::Call::rate {
				order: id,
				stars,
				review: None,
			})
		};
		let steps = [
			(
				Ferdie,
				RuntimeCall::Orders(pallet_orders::Call::place_order {
					listing: trinket,
					quantity: 1,
					max_unit_price: 1,
					delivery_code_hash: None,
					sealed_delivery: None,
				}),
			),
			(
				Eve,
				RuntimeCall::Orders(pallet_orders::Call::ship {
					order: id,
					tracking_hash: H256::repeat_byte(1),
				}),
			),
			(Ferdie, RuntimeCall::Orders(pallet_orders::Call::confirm_receipt { order: id })),
			(Ferdie, rate(5)),
			(Eve, rate(5)),
		];
		for (signer, call) in steps {
			assert_ok!(Executive::apply_extrinsic(signed_extrinsic(signer, call)).unwrap());
		}
		let paid = before - owned();
		let ratings = pallet_reputation::Ratings::<Runtime>::iter()
			.filter(|(_, order, _)| *order == id)
			.count() as u32;
		let storage_price = bazaar_runtime::deposit(ratings, ratings * 151);
		println!(
			"ratings: {ratings} ratings of a 1-planck order cost Eve and Ferdie {paid} planck in \
			 all; their storage at the deposit rate is {storage_price}"
		);
		assert_eq!(ratings, 2);
		assert!(paid >= storage_price, "{paid} paid for storage priced {storage_price}");
	});
}
