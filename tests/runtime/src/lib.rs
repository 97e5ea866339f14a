//! Integration tests of the real Bazaar runtime live in `tests/`, one file per feature; this
//! library holds what they share: the development chain's genesis state, its accounts, and the
//! few steps of a purchase that most tests take.

// Test support: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	genesis_config_presets::MARKET_FEE, AccountId, Balance, Balances, Listings, Orders, Runtime,
	RuntimeOrigin, System, UNIT,
};
use frame_support::{
	assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;

pub mod challenge_proof;

pub use bazaar_runtime::configs::foreign_assets::{PaymentAsset, USDT};

/// The USDT rate the tests set: 1 USDT worth 10 BZR, 10 * 10^12 planck for 10^6 of USDT's
/// smallest unit.
pub fn usdt_rate() -> sp_runtime::FixedU128 {
	sp_runtime::FixedU128::from_u32(10_000_000)
}

/// `who`'s USDT (free; holds are not in it).
pub fn usdt_of(who: &AccountId) -> Balance {
	use frame_support::traits::fungibles::Inspect;
	<bazaar_runtime::ForeignAssets as Inspect<AccountId>>::balance(
		bazaar_runtime::configs::foreign_assets::UsdtLocation::get(),
		who,
	)
}

/// The unit price of the test listings: 10 BZR.
pub const PRICE: Balance = 10 * UNIT;

/// The development chain's genesis state, at block 1.
pub fn dev_chain() -> sp_io::TestExternalities {
	chain(sp_genesis_builder::DEV_RUNTIME_PRESET)
}

/// The genesis state of the runtime's preset `preset`, at block 1.
pub fn chain(preset: &str) -> sp_io::TestExternalities {
	let config = bazaar_runtime::genesis_config_presets::preset_genesis_config(&preset.into())
		.expect("the preset builds");
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// A development account.
pub fn account(keyring: Sr25519Keyring) -> AccountId {
	keyring.to_account_id()
}

/// The origin of a development account.
pub fn signed(keyring: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(keyring))
}

/// Free balance.
pub fn free(who: &AccountId) -> Balance {
	Balances::balance(who)
}

/// What `who` holds in order escrow.
pub fn escrow(who: &AccountId) -> Balance {
	Balances::balance_on_hold(&pallet_orders::HoldReason::Escrow.into(), who)
}

/// The total issuance of BZR.
pub fn total_issuance() -> Balance {
	<Balances as Inspect<AccountId>>::total_issuance()
}

/// The genesis market fee on goods worth `value`.
pub fn fee_of(value: Balance) -> Balance {
	MARKET_FEE * value
}

/// `seller` lists `stock` units at `price`; returns the listing id.
pub fn list(seller: Sr25519Keyring, price: Balance, stock: u32) -> u32 {
	let id = pallet_listings::NextListingId::<Runtime>::get();
	assert_ok!(Listings::create_listing(
		signed(seller),
		PaymentAsset::Native,
		price,
		stock,
		1,
		Default::default()
	));
	id
}

/// `buyer` orders `quantity` units of `listing` at up to `price` each; returns the order id.
pub fn order(buyer: Sr25519Keyring, listing: u32, quantity: u32, price: Balance) -> u64 {
	let id = pallet_orders::NextOrderId::<Runtime>::get();
	assert_ok!(Orders::place_order(signed(buyer), listing, quantity, price, None, None));
	id
}

/// `seller` ships `order` and `buyer` confirms receipt: the seller is paid.
pub fn ship_and_confirm(seller: Sr25519Keyring, buyer: Sr25519Keyring, order: u64) {
	assert_ok!(Orders::ship(signed(seller), order, H256::repeat_byte(1)));
	assert_ok!(Orders::confirm_receipt(signed(buyer), order));
}

/// How a referendum ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
	/// It passed; its call was dispatched.
	Approved,
	/// It failed; its call was not dispatched.
	Rejected,
}

/// Referenda as token holders run them: submit `call` to be dispatched with `origin`, place the
/// decision deposit, let `ayes` and `nays` vote 900,000 BZR each (locked 1x), then run blocks
/// (the scheduler drives referenda) until the referendum ends and, if it passed, its call is
/// enacted. Returns the referendum's index and verdict.
pub fn run_referendum(
	origin: bazaar_runtime::OriginCaller,
	call: bazaar_runtime::RuntimeCall,
	ayes: &[Sr25519Keyring],
	nays: &[Sr25519Keyring],
) -> (u32, Verdict) {
	use bazaar_runtime::{ConvictionVoting, Preimage, Referenda};
	use frame_support::traits::{schedule::DispatchTime, StorePreimage};
	use pallet_conviction_voting::{AccountVote, Conviction, Vote};

	let proposer = Sr25519Keyring::Ferdie;
	let index = pallet_referenda::ReferendumCount::<Runtime>::get();
	let bounded = Preimage::bound(call).expect("the call can be bounded");
	assert_ok!(Referenda::submit(
		signed(proposer),
		Box::new(origin),
		bounded,
		DispatchTime::After(0),
	));
	assert_ok!(Referenda::place_decision_deposit(signed(proposer), index));
	let vote = |aye| AccountVote::Standard {
		vote: Vote { aye, conviction: Conviction::Locked1x },
		balance: 900_000 * UNIT,
	};
	for voter in ayes {
		assert_ok!(ConvictionVoting::vote(signed(*voter), index, vote(true)));
	}
	for voter in nays {
		assert_ok!(ConvictionVoting::vote(signed(*voter), index, vote(false)));
	}

	// Long enough for the slowest track: prepare, decide, confirm and enact, plus slack.
	let last = System::block_number() + 40 * bazaar_runtime::DAYS;
	let mut verdict = None;
	while System::block_number() < last {
		next_block();
		match pallet_referenda::ReferendumInfoFor::<Runtime>::get(index) {
			Some(pallet_referenda::ReferendumInfo::Approved(..)) => {
				// Enactment is scheduled after approval: wait until the call has run.
				if verdict.is_none() {
					verdict = Some(Verdict::Approved);
				}
				let pending = pallet_scheduler::Agenda::<Runtime>::iter()
					.any(|(_, agenda)| agenda.iter().any(Option::is_some));
				if !pending {
					return (index, Verdict::Approved);
				}
			},
			Some(pallet_referenda::ReferendumInfo::Rejected(..)) |
			Some(pallet_referenda::ReferendumInfo::TimedOut(..)) => return (index, Verdict::Rejected),
			_ => {},
		}
	}
	panic!(
		"referendum {index} did not finish within 40 days of blocks (verdict so far {verdict:?})"
	);
}

/// Runs the next block's `on_initialize` of the pallets that act on their own in these tests:
/// the scheduler (referenda, enactment), orders and reputation (deadlines).
pub fn next_block() {
	use bazaar_runtime::{Orders, Reputation, Scheduler};
	use frame_support::traits::Hooks;
	let next = System::block_number() + 1;
	System::set_block_number(next);
	Scheduler::on_initialize(next);
	Orders::on_initialize(next);
	Reputation::on_initialize(next);
}

/// Runs the next block as its author would when paying transactions fill it: the hooks'
/// `on_initialize` (as [`next_block`]), transactions using the whole `Normal` class, then every
/// pallet's `on_idle` with the weight left, as `frame_executive` runs it. Returns what `on_idle`
/// was given.
pub fn next_full_block() -> frame_support::weights::Weight {
	use bazaar_runtime::{AllPalletsWithSystem, Orders, Reputation, Scheduler};
	use frame_support::{
		dispatch::DispatchClass,
		traits::{Hooks, OnIdle},
	};
	let next = System::block_number() + 1;
	let parent = System::block_hash(System::block_number());
	System::initialize(&next, &parent, &Default::default());
	let hooks = Scheduler::on_initialize(next)
		.saturating_add(Orders::on_initialize(next))
		.saturating_add(Reputation::on_initialize(next));
	System::register_extra_weight_unchecked(hooks, DispatchClass::Mandatory);
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal).max_total.expect("Normal has a limit");
	System::register_extra_weight_unchecked(normal, DispatchClass::Normal);
	let remaining = weights.max_block.saturating_sub(System::block_weight().total());
	AllPalletsWithSystem::on_idle(next, remaining);
	remaining
}

/// The `reco` key of `key`'s proof of possession for `owner`'s account, as the key's node makes
/// it (`author_rotateKeysWithOwner`).
pub fn key_proof(
	key: Sr25519Keyring,
	owner: Sr25519Keyring,
) -> pallet_recommendations::crypto::AttesterSignature {
	use sp_core::Pair as _;
	key.pair()
		.sign(&bazaar_runtime::Recommendations::key_ownership_statement(&account(owner)))
		.into()
}

/// The dev chain's recommendation model, decoded.
pub fn dev_model() -> bazaar_inference::ModelFile {
	use codec::Decode;
	let model = bazaar_runtime::genesis_config_presets::DEV_MODEL;
	bazaar_inference::ModelFile::decode(&mut &model[..]).unwrap()
}

/// What the dev model ranks for `user` now, from its history and stored taste (replayed from the
/// history if it has none yet): the honest top `k`.
pub fn honest_top(user: impl Into<AccountId>, k: u32) -> Vec<bazaar_inference::Recommendation> {
	let model = dev_model();
	let user = user.into();
	let history = pallet_recommendations::Histories::<Runtime>::get(&user);
	let stored = pallet_recommendations::ActiveModel::<Runtime>::get()
		.and_then(|version| pallet_recommendations::TasteVectors::<Runtime>::get(version, &user));
	let taste = stored.unwrap_or_else(|| {
		bazaar_inference::TasteVector::replay(&model.header, &history.purchases, |item| {
			model.row(item).cloned()
		})
		.unwrap()
	});
	let profile =
		bazaar_inference::UserProfile::new(&model.header, &history.purchases, &taste).unwrap();
	bazaar_inference::ScoringTable::new(&model).unwrap().top_k(&profile, k).unwrap()
}

/// `items` for `user`'s current history under the active model, signed with `attester`'s `reco`
/// key (its sr25519 dev key).
pub fn attestation(
	attester: Sr25519Keyring,
	user: impl Into<AccountId>,
	items: Vec<bazaar_inference::Recommendation>,
) -> (
	pallet_recommendations::AttestationOf<Runtime>,
	pallet_recommendations::crypto::AttesterSignature,
) {
	use sp_core::Pair;
	let user = user.into();
	let history = pallet_recommendations::Histories::<Runtime>::get(&user);
	let attestation = pallet_recommendations::Attestation {
		user,
		model_version: pallet_recommendations::ActiveModel::<Runtime>::get().unwrap(),
		history_nonce: history.nonce,
		history_digest: history.digest(),
		items: items.try_into().unwrap(),
		attester: pallet_recommendations::crypto::AttesterId::from(attester.public()),
	};
	let signature = attester
		.pair()
		.sign(&bazaar_runtime::Recommendations::signing_payload(&attestation));
	(attestation, signature.into())
}

/// The `attest` call for a signed attestation (as [`attestation`] returns it).
pub fn attest_call(
	(attestation, signature): (
		pallet_recommendations::AttestationOf<Runtime>,
		pallet_recommendations::crypto::AttesterSignature,
	),
) -> bazaar_runtime::RuntimeCall {
	bazaar_runtime::RuntimeCall::Recommendations(pallet_recommendations::Call::attest {
		attestation,
		signature,
	})
}

/// The attestation as the off-chain worker submits it: an authorized transaction (no signer, no
/// fee) with the runtime's transaction extensions.
pub fn authorized_attest(
	attestation: pallet_recommendations::AttestationOf<Runtime>,
	signature: pallet_recommendations::crypto::AttesterSignature,
) -> bazaar_runtime::UncheckedExtrinsic {
	use frame_system::offchain::CreateAuthorizedTransaction;
	let call = attest_call((attestation, signature));
	<Runtime as CreateAuthorizedTransaction<bazaar_runtime::RuntimeCall>>::create_authorized_transaction(
		call,
	)
}

/// `call` as a transaction signed by `signer` with its next nonce and the runtime's transaction
/// extensions (immortal, no tip): what a wallet submits.
pub fn signed_extrinsic(
	signer: Sr25519Keyring,
	call: bazaar_runtime::RuntimeCall,
) -> bazaar_runtime::UncheckedExtrinsic {
	signed_extrinsic_at(signer, System::account_nonce(account(signer)), call)
}

/// `call` signed by `signer` with the given account nonce: the `nonce - current`-th of a series
/// of transactions a wallet submits at once.
pub fn signed_extrinsic_at(
	signer: Sr25519Keyring,
	nonce: bazaar_runtime::Nonce,
	call: bazaar_runtime::RuntimeCall,
) -> bazaar_runtime::UncheckedExtrinsic {
	sign(signer, bazaar_runtime::tx_extension(nonce), call)
}

/// `call` as a transaction signed by `signer` with its next nonce, paying its fee in
/// `fee_asset` (a foreign asset's location; `None`: BZR).
pub fn signed_extrinsic_paying_in(
	signer: Sr25519Keyring,
	fee_asset: Option<xcm::latest::Location>,
	call: bazaar_runtime::RuntimeCall,
) -> bazaar_runtime::UncheckedExtrinsic {
	let nonce = System::account_nonce(account(signer));
	sign(signer, bazaar_runtime::tx_extension_paying_in(nonce, fee_asset), call)
}

fn sign(
	signer: Sr25519Keyring,
	extension: bazaar_runtime::TxExtension,
	call: bazaar_runtime::RuntimeCall,
) -> bazaar_runtime::UncheckedExtrinsic {
	use codec::Encode;
	let who = account(signer);
	let payload = sp_runtime::generic::SignedPayload::new(call.clone(), extension.clone()).unwrap();
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	bazaar_runtime::UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::MultiAddress::Id(who),
		sp_runtime::MultiSignature::Sr25519(signature),
		extension,
	)
}

/// The transaction pool's verdict on `xt` at the current state: its priority if valid. The
/// state is left as it was (validation initializes a block of its own).
pub fn pool_priority(
	xt: &bazaar_runtime::UncheckedExtrinsic,
) -> Result<u64, sp_runtime::transaction_validity::TransactionValidityError> {
	sp_io::storage::start_transaction();
	let validity = bazaar_runtime::Executive::validate_transaction(
		sp_runtime::transaction_validity::TransactionSource::External,
		xt.clone(),
		System::block_hash(System::block_number()),
	);
	sp_io::storage::rollback_transaction();
	validity.map(|valid| valid.priority)
}

/// What a block author does with the pool's transactions: starts the next block, orders them by
/// priority (highest first; submission order among equals) and applies each in turn, skipping
/// those the runtime refuses (a full block refuses with `ExhaustsResources`). Returns each
/// transaction's outcome, in submission order: `Ok` if the block included it.
pub fn author_block(
	pool: &[bazaar_runtime::UncheckedExtrinsic],
) -> Vec<Result<(), sp_runtime::transaction_validity::TransactionValidityError>> {
	let mut ordered: Vec<(u64, usize)> = pool
		.iter()
		.enumerate()
		.map(|(index, xt)| (pool_priority(xt).expect("the pool accepts it"), index))
		.collect();
	ordered.sort_by_key(|(priority, index)| (core::cmp::Reverse(*priority), *index));
	let number = System::block_number() + 1;
	let parent = System::block_hash(System::block_number());
	System::initialize(&number, &parent, &Default::default());
	let mut outcomes = vec![Ok(()); pool.len()];
	for (_, index) in ordered {
		outcomes[index] =
			bazaar_runtime::Executive::apply_extrinsic(pool[index].clone()).map(|dispatched| {
				assert_ok!(dispatched);
			});
	}
	outcomes
}

/// `real` lets `delegate` act for it as `proxy_type`, with no announcement delay.
pub fn add_proxy(
	real: Sr25519Keyring,
	delegate: Sr25519Keyring,
	proxy_type: bazaar_runtime::configs::accounts::ProxyType,
) {
	frame_support::assert_ok!(bazaar_runtime::Proxy::add_proxy(
		signed(real),
		account(delegate).into(),
		proxy_type,
		0
	));
}

/// `delegate` dispatches `call` as `real` through its proxy; the call's own result (the `proxy`
/// call itself succeeds whenever the proxy exists, whatever its call does).
pub fn as_proxy(
	delegate: Sr25519Keyring,
	real: Sr25519Keyring,
	call: bazaar_runtime::RuntimeCall,
) -> sp_runtime::DispatchResult {
	use bazaar_runtime::RuntimeEvent;
	System::reset_events();
	frame_support::assert_ok!(bazaar_runtime::Proxy::proxy(
		signed(delegate),
		account(real).into(),
		None,
		Box::new(call)
	));
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
			_ => None,
		})
		.expect("a proxied call emits ProxyExecuted")
}

/// Demo listing 1: the hand grinder (45 BZR), in Bob's coffee category.
pub const GRINDER: u32 = 1;

/// Charlie buys the grinder from Bob and the order completes: a purchase history that the dev
/// model ranks and an attestation can be made for.
pub fn charlie_buys_the_grinder() {
	let id = order(Sr25519Keyring::Charlie, GRINDER, 1, 45 * UNIT);
	ship_and_confirm(Sr25519Keyring::Bob, Sr25519Keyring::Charlie, id);
}
