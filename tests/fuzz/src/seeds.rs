//! Hand-written inputs that reach the states random bytes rarely find: a whole purchase, a
//! dispute settled, orders run into their deadlines, a delivery code revealed, listings managed,
//! an attestation made and challenged, a referendum passed, a dispute ruled by referendum, a
//! model approved by referendum, uploaded and the old one reaped, accounts reaped, a shop run
//! by its staff through a proxy with a cart and a multisig. The corpus
//! starts from these; libFuzzer mutates them.

use crate::{
	call,
	chain::{ATTESTER, SIGNERS},
	input::{encode, Step},
};
use bazaar_runtime::{
	configs::{foreign_assets::PaymentAsset, governance::pallet_custom_origins::Origin as Custom},
	AccountId, OriginCaller, RuntimeCall, UNIT,
};
use codec::Decode;
use frame_support::traits::{schedule::DispatchTime, Bounded};
use sp_core::H256;
use sp_io::hashing::blake2_256;
use sp_runtime::{Perbill, Permill};

// Origins, by index into `SIGNERS`.
const ALICE: u8 = 0;
const BOB: u8 = 1;
const CHARLIE: u8 = 2;
const DAVE: u8 = 3;
const EVE: u8 = 4;
const FERDIE: u8 = 5;

/// The demo shop's first listing: Bob's coffee beans, 18 BZR each.
const BEANS: u32 = 0;

fn account(origin: u8) -> AccountId {
	SIGNERS[usize::from(origin)].to_account_id()
}

fn place(listing: u32, quantity: u32, code: Option<&[u8]>) -> RuntimeCall {
	call(pallet_orders::Call::place_order {
		listing,
		quantity,
		max_unit_price: 100 * UNIT,
		delivery_code_hash: code.map(|code| H256(blake2_256(code))),
		sealed_delivery: None,
	})
}

fn ship(order: u64) -> RuntimeCall {
	call(pallet_orders::Call::ship { order, tracking_hash: H256::repeat_byte(7) })
}

/// A libFuzzer dictionary: the two-byte prefix (pallet index, call index) of every call the
/// fuzzer sends, found by decoding each prefix followed by zeroes. Mutations that insert these
/// turn one call into another far more often than random bytes would.
pub fn dictionary() -> String {
	use codec::Decode;
	let mut dictionary = String::from("# (pallet index, call index) of each fuzzed call\n");
	for pallet in 0..=u8::MAX {
		for index in 0..=u8::MAX {
			let mut encoded = vec![pallet, index];
			encoded.resize(512, 0);
			let Ok(call) = RuntimeCall::decode(&mut &encoded[..]) else { continue };
			if crate::calls::is_fuzzed(&call) {
				let (pallet_name, call_name) = crate::chain::call_name(&call);
				dictionary.push_str(&format!(
					"{pallet_name}_{call_name}=\"\\x{pallet:02x}\\x{index:02x}\"\n"
				));
			}
		}
	}
	dictionary
}

/// Every seed, named.
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
	vec![
		("purchase-rated", encode(&purchase_rated())),
		("dispute-settled", encode(&dispute_settled())),
		("deadlines", encode(&deadlines())),
		("delivery-code", encode(&delivery_code())),
		("listing-managed", encode(&listing_managed())),
		("attested-and-challenged", encode(&attested_and_challenged())),
		("referendum", encode(&referendum())),
		("arbitration", encode(&arbitration())),
		("model-upload", encode(&model_upload())),
		("accounts-reaped", encode(&accounts_reaped())),
		("shop-accounts", encode(&shop_accounts())),
	]
}

/// Eve buys, Bob ships, Eve confirms, both rate; after the retention period Ferdie prunes it.
pub fn purchase_rated() -> Vec<Step> {
	vec![
		Step::now(EVE, place(BEANS, 2, None)),
		Step::after(1, BOB, ship(0)),
		Step::after(1, EVE, call(pallet_orders::Call::confirm_receipt { order: 0 })),
		Step::now(EVE, call(pallet_reputation::Call::rate { order: 0, stars: 5, review: None })),
		Step::now(BOB, call(pallet_reputation::Call::rate { order: 0, stars: 4, review: None })),
		// The retention period (100 blocks on the fast runtime) ends; the deadline hook, 32
		// blocks a block behind after the skip, has not pruned it yet: anyone may.
		Step::after(60, FERDIE, call(frame_system::Call::remark { remark: vec![] })),
		Step::after(60, FERDIE, call(pallet_orders::Call::prune { order: 0 })),
	]
}

/// A shipped order disputed, a split proposed and accepted; a second refunded in part.
pub fn dispute_settled() -> Vec<Step> {
	let half = Perbill::from_percent(50);
	vec![
		Step::now(CHARLIE, place(BEANS, 1, None)),
		Step::now(DAVE, place(BEANS, 3, None)),
		Step::after(1, BOB, ship(0)),
		Step::now(
			CHARLIE,
			call(pallet_orders::Call::open_dispute { order: 0, reason_hash: H256::zero() }),
		),
		Step::now(
			BOB,
			call(pallet_orders::Call::propose_settlement { order: 0, buyer_share: half }),
		),
		Step::now(CHARLIE, call(pallet_orders::Call::accept_settlement { order: 0 })),
		Step::now(BOB, call(pallet_orders::Call::refund { order: 1, buyer_share: half })),
		Step::now(DAVE, call(pallet_orders::Call::accept_settlement { order: 1 })),
	]
}

/// One order is never shipped, one never confirmed, one cancelled, one rejected: their deadlines
/// refund, complete and prune them.
pub fn deadlines() -> Vec<Step> {
	vec![
		Step::now(EVE, place(BEANS, 1, None)),
		Step::now(FERDIE, place(BEANS, 1, None)),
		Step::now(ALICE, place(BEANS, 1, None)),
		Step::now(CHARLIE, place(BEANS, 1, None)),
		Step::now(ALICE, call(pallet_orders::Call::cancel { order: 2 })),
		Step::now(BOB, call(pallet_orders::Call::reject { order: 3 })),
		Step::after(1, BOB, ship(1)),
		// Past the ship window: anyone may refund the unshipped order before the hook does.
		Step::after(60, EVE, call(pallet_orders::Call::process_expired { order: 0 })),
		// Past the confirm window: the hook has completed the shipped one by now.
		Step::after(60, FERDIE, call(pallet_orders::Call::process_expired { order: 1 })),
		// Past the retention period: anyone may prune it.
		Step::after(200, ALICE, call(pallet_orders::Call::prune { order: 1 })),
	]
}

/// The buyer gives the courier a code; the courier's reveal completes the order.
pub fn delivery_code() -> Vec<Step> {
	let code = b"courier-code-4711".to_vec();
	vec![
		Step::now(EVE, place(BEANS, 1, Some(&code))),
		Step::now(BOB, call(pallet_orders::Call::set_encryption_key { key: [9; 32] })),
		Step::after(1, BOB, ship(0)),
		Step::now(
			FERDIE,
			call(pallet_orders::Call::reveal_delivery_code {
				order: 0,
				code: code.try_into().expect("the code fits"),
			}),
		),
		Step::now(BOB, call(pallet_orders::Call::clear_encryption_key {})),
	]
}

/// Ferdie lists, reprices, restocks, pauses (an order fails), resumes (it succeeds), closes.
pub fn listing_managed() -> Vec<Step> {
	let listing = bazaar_runtime::genesis_config_presets::DEMO_CATALOG.len() as u32;
	vec![
		Step::now(
			FERDIE,
			call(pallet_listings::Call::create_listing {
				price_asset: PaymentAsset::Native,
				unit_price: 5 * UNIT,
				stock: 3,
				category: 2,
				metadata: b"fuzzed mug".to_vec().try_into().expect("fits"),
			}),
		),
		Step::now(FERDIE, call(pallet_listings::Call::set_price { listing, unit_price: 6 * UNIT })),
		Step::now(FERDIE, call(pallet_listings::Call::set_stock { listing, stock: 5 })),
		Step::now(FERDIE, call(pallet_listings::Call::pause { listing })),
		Step::now(EVE, place(listing, 1, None)),
		Step::now(FERDIE, call(pallet_listings::Call::resume { listing })),
		Step::now(EVE, place(listing, 5, None)),
		Step::now(
			FERDIE,
			call(pallet_listings::Call::set_metadata {
				listing,
				metadata: b"fuzzed mug, blue".to_vec().try_into().expect("fits"),
			}),
		),
		Step::now(FERDIE, call(pallet_listings::Call::close { listing })),
	]
}

/// Eve buys the beans, Bob ships, Eve confirms; Alice's key attests Eve's new history (a
/// made-up score: the fuzzer's attester signs whatever it is given).
fn eve_buys_and_is_attested() -> Vec<Step> {
	let alice_key: pallet_recommendations::crypto::AttesterId =
		sp_keyring::Sr25519Keyring::Alice.public().into();
	// Eve's history after order 0 completes: the beans, nonce 1 + the order's id.
	let history = pallet_recommendations::HistoryOf::<bazaar_runtime::Runtime> {
		purchases: vec![bazaar_inference::Purchase { item: BEANS, basket: 0 }]
			.try_into()
			.expect("one purchase fits"),
		nonce: 1,
		next_basket: 1,
	};
	let attestation = pallet_recommendations::AttestationOf::<bazaar_runtime::Runtime> {
		user: account(EVE),
		model_version: 0,
		history_nonce: history.nonce,
		history_digest: history.digest(),
		items: vec![bazaar_inference::Recommendation { item: BEANS, score: 1_000_000 }]
			.try_into()
			.expect("one item fits"),
		attester: alice_key,
	};
	vec![
		Step::now(EVE, place(BEANS, 1, None)),
		Step::after(1, BOB, ship(0)),
		Step::after(1, EVE, call(pallet_orders::Call::confirm_receipt { order: 0 })),
		Step::now(
			ATTESTER,
			call(pallet_recommendations::Call::attest {
				attestation,
				signature: sp_core::sr25519::Signature::default().into(),
			}),
		),
	]
}

/// Eve buys the beans (order 0) and waits for an attestation; Alice (the dev attester) attests
/// a list for her with a wrong score; Ferdie challenges it and Alice's bond is slashed. Dave
/// registers as an attester, leaves and withdraws his bond.
pub fn attested_and_challenged() -> Vec<Step> {
	let dave_key: pallet_recommendations::crypto::AttesterId =
		sp_keyring::Sr25519Keyring::Dave.public().into();
	// Dave's node's proof that his account holds the key.
	let dave_proof = sp_core::Pair::sign(
		&sp_keyring::Sr25519Keyring::Dave.pair(),
		&bazaar_runtime::Recommendations::key_ownership_statement(&account(DAVE)),
	)
	.into();
	let mut steps = eve_buys_and_is_attested();
	steps.extend([
		Step::after(
			1,
			FERDIE,
			call(pallet_recommendations::Call::challenge {
				user: account(EVE),
				claim: pallet_recommendations::Claim::WrongScore(0),
			}),
		),
		Step::now(
			DAVE,
			call(pallet_recommendations::Call::register_attester {
				key: dave_key,
				proof: dave_proof,
			}),
		),
		Step::now(DAVE, call(pallet_recommendations::Call::unregister_attester {})),
	]);
	// The unbonding period: 200 blocks on the fast runtime.
	for _ in 0..3 {
		steps.push(Step::after(60, DAVE, call(frame_system::Call::remark { remark: vec![] })));
	}
	steps.push(Step::after(60, DAVE, call(pallet_recommendations::Call::withdraw_bond {})));
	steps
}

/// The steps of a referendum on `track` (a custom origin) for `proposal`, submitted by Ferdie as
/// referendum `index`: submission, decision deposit and five ayes, in the current block.
fn referendum_for(track: Custom, proposal: RuntimeCall, index: u32) -> Vec<Step> {
	let vote = pallet_conviction_voting::AccountVote::Standard {
		vote: pallet_conviction_voting::Vote {
			aye: true,
			conviction: pallet_conviction_voting::Conviction::Locked1x,
		},
		balance: 900_000 * UNIT,
	};
	let mut steps = vec![
		Step::now(
			FERDIE,
			call(pallet_referenda::Call::submit {
				proposal_origin: Box::new(OriginCaller::Origins(track)),
				proposal: Bounded::Inline(
					codec::Encode::encode(&proposal).try_into().expect("a small call fits"),
				),
				enactment_moment: DispatchTime::After(0),
			}),
		),
		Step::now(FERDIE, call(pallet_referenda::Call::place_decision_deposit { index })),
	];
	for voter in [ALICE, BOB, CHARLIE, DAVE, EVE] {
		steps.push(Step::now(
			voter,
			call(pallet_conviction_voting::Call::vote { poll_index: index, vote }),
		));
	}
	steps
}

/// `count` steps of `lapse` blocks each (a remark by Ferdie at the end of each).
fn blocks_pass(count: usize, lapse: u8) -> Vec<Step> {
	(0..count)
		.map(|_| Step::after(lapse, FERDIE, call(frame_system::Call::remark { remark: vec![] })))
		.collect()
}

/// A referendum on the market-admin track sets the market fee: preimage, submission, decision
/// deposit, five ayes, and blocks until it is enacted.
pub fn referendum() -> Vec<Step> {
	let set_fee = call(pallet_orders::Call::set_market_fee { fee: Permill::from_percent(3) });
	let mut steps = referendum_for(Custom::MarketAdmin, set_fee, 0);
	steps.extend(blocks_pass(3, 60));
	steps
}

/// Charlie disputes a shipped order and an `arbitrator` referendum rules on it (30% back to
/// Charlie) before the ruling deadline (50 blocks on the fast runtime): `resolve` with the
/// dispute deposit split the same way.
pub fn arbitration() -> Vec<Step> {
	let ruling =
		call(pallet_orders::Call::resolve { order: 0, buyer_share: Perbill::from_percent(30) });
	let mut steps = vec![
		Step::now(CHARLIE, place(BEANS, 1, None)),
		Step::after(1, BOB, ship(0)),
		Step::now(
			CHARLIE,
			call(pallet_orders::Call::open_dispute { order: 0, reason_hash: H256::zero() }),
		),
	];
	steps.extend(referendum_for(Custom::Arbitrator, ruling, 0));
	// The track's prepare and confirm periods and its minimum enactment delay (10 blocks each on
	// the fast runtime) must pass before the ruling deadline at block 52: a block every other
	// block, so the referendum's alarms fire on time.
	steps.extend(blocks_pass(22, 2));
	steps
}

/// Eve is attested under the genesis model (version 0). A `model_approver` referendum approves
/// the dev model again as version 1, Bob uploads its rows and version 1 replaces version 0; once
/// the challenge window passed, Ferdie removes Eve's attestation of version 0 and reaps it.
pub fn model_upload() -> Vec<Step> {
	let model = bazaar_inference::ModelFile::decode(
		&mut &bazaar_runtime::genesis_config_presets::DEV_MODEL[..],
	)
	.expect("the dev model decodes");
	let approve = call(pallet_recommendations::Call::approve_model {
		digest: H256(model.digest(blake2_256)),
		header: model.header.clone(),
		uploader: account(BOB),
	});
	let mut steps = eve_buys_and_is_attested();
	steps.extend(referendum_for(Custom::ModelApprover, approve, 0));
	// Prepare, confirm and enactment periods: a block every other block, so the referendum's
	// alarms fire on time.
	steps.extend(blocks_pass(25, 2));
	for batch in model.rows.chunks(8) {
		steps.push(Step::now(
			BOB,
			call(pallet_recommendations::Call::upload_rows {
				version: 1,
				rows: batch.to_vec().try_into().expect("a batch fits"),
			}),
		));
	}
	// Eve's attestation may be challenged for 100 blocks (fast runtime) after it was made.
	steps.push(Step::after(
		60,
		FERDIE,
		call(pallet_recommendations::Call::remove_attestation { user: account(EVE) }),
	));
	steps.push(Step::now(
		FERDIE,
		call(pallet_recommendations::Call::reap_model { version: 0, max_rows: 64 }),
	));
	steps
}

/// Transfers that leave dust, reap accounts, and move everything.
pub fn accounts_reaped() -> Vec<Step> {
	let fresh = AccountId::from([7u8; 32]);
	vec![
		Step::now(
			EVE,
			call(pallet_balances::Call::transfer_allow_death {
				dest: fresh.clone().into(),
				value: bazaar_runtime::EXISTENTIAL_DEPOSIT + 1,
			}),
		),
		Step::now(
			FERDIE,
			call(pallet_balances::Call::transfer_keep_alive {
				dest: account(EVE).into(),
				value: 10 * UNIT,
			}),
		),
		Step::now(
			CHARLIE,
			call(pallet_balances::Call::transfer_all {
				dest: account(DAVE).into(),
				keep_alive: false,
			}),
		),
		Step::after(
			1,
			DAVE,
			call(pallet_balances::Call::transfer_allow_death {
				dest: account(CHARLIE).into(),
				value: 1_000 * UNIT,
			}),
		),
	]
}

/// Eve's shop: Ferdie, her staff, lists and ships for her through a shop-staff proxy (and fails
/// to pay himself); Charlie buys from Bob and from Eve in one batch; Dave and Eve's 1-of-2
/// multisig lists, and their 2-of-2 multisig is asked for a transfer (one approval, pending).
pub fn shop_accounts() -> Vec<Step> {
	use bazaar_runtime::configs::accounts::ProxyType;
	let listing = bazaar_runtime::genesis_config_presets::DEMO_CATALOG.len() as u32;
	let as_eve = |call: RuntimeCall| {
		self::call(pallet_proxy::Call::proxy {
			real: account(EVE).into(),
			force_proxy_type: None,
			call: Box::new(call),
		})
	};
	let mug = call(pallet_listings::Call::create_listing {
		price_asset: PaymentAsset::Native,
		unit_price: 5 * UNIT,
		stock: 3,
		category: 2,
		metadata: b"staff mug".to_vec().try_into().expect("fits"),
	});
	let pay_ferdie = call(pallet_balances::Call::transfer_keep_alive {
		dest: account(FERDIE).into(),
		value: 10 * UNIT,
	});
	let mut partners = vec![account(DAVE), account(EVE)];
	partners.sort();
	let one_of_two = bazaar_runtime::Multisig::multi_account_id(&partners, 1);
	vec![
		Step::now(
			EVE,
			call(pallet_proxy::Call::add_proxy {
				delegate: account(FERDIE).into(),
				proxy_type: ProxyType::ShopStaff,
				delay: 0,
			}),
		),
		Step::now(FERDIE, as_eve(mug.clone())),
		Step::now(
			CHARLIE,
			call(pallet_utility::Call::batch_all {
				calls: vec![place(BEANS, 1, None), place(listing, 1, None)],
			}),
		),
		Step::after(1, FERDIE, as_eve(ship(1))),
		// Refused by the filter: the proxy call succeeds, the transfer inside it does not.
		Step::now(FERDIE, as_eve(pay_ferdie.clone())),
		Step::now(
			CHARLIE,
			call(pallet_balances::Call::transfer_keep_alive {
				dest: one_of_two.into(),
				value: 50 * UNIT,
			}),
		),
		Step::now(
			DAVE,
			call(pallet_multisig::Call::as_multi_threshold_1 {
				other_signatories: vec![account(EVE)],
				call: Box::new(mug),
			}),
		),
		Step::now(
			DAVE,
			call(pallet_multisig::Call::as_multi {
				threshold: 2,
				other_signatories: vec![account(EVE)],
				maybe_timepoint: None,
				call: Box::new(pay_ferdie),
				max_weight: frame_support::weights::Weight::from_parts(1_000_000_000, 100_000),
			}),
		),
	]
}
