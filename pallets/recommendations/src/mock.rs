//! A test runtime with balances and this pallet; settlements are fed to it directly, as the
//! orders pallet would. Attesters' `reco` keys live in an in-memory keystore, and the
//! off-chain worker submits to a test transaction pool.

use crate::{self as pallet_recommendations, crypto, *};
use bazaar_inference::{
	Embedding, ItemRow, ModelFile, ModelHeader, Recommendation, FORMAT_VERSION,
};
use bazaar_primitives::{ListingId, OnOrderSettled, Settlement, SettlementOutcome};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{fungible::InspectHold, ConstU32, ConstU64},
	BoundedVec,
};
use frame_system::offchain::{
	CreateAuthorizedTransaction, CreateTransaction, CreateTransactionBase,
};
use sp_core::{
	offchain::{
		testing::{PoolState, TestOffchainExt, TestTransactionPoolExt},
		OffchainDbExt, OffchainWorkerExt, TransactionPoolExt,
	},
	H256,
};
use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
use sp_runtime::{BuildStorage, Perbill, RuntimeAppPublic};
use std::sync::Arc;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;
/// The transactions the off-chain worker builds: general transactions authorized by the call.
pub type Extrinsic = sp_runtime::testing::TestXt<RuntimeCall, frame_system::AuthorizeCall<Test>>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Recommendations: pallet_recommendations,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl<LocalCall> CreateTransactionBase<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	type RuntimeCall = RuntimeCall;
	type Extrinsic = Extrinsic;
}

impl<LocalCall> CreateTransaction<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	type Extension = frame_system::AuthorizeCall<Test>;

	fn create_transaction(call: RuntimeCall, extension: Self::Extension) -> Extrinsic {
		Extrinsic::new_transaction(call, extension)
	}
}

impl<LocalCall> CreateAuthorizedTransaction<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	fn create_extension() -> Self::Extension {
		frame_system::AuthorizeCall::new()
	}
}

pub const UPLOADER: AccountId = 1;
pub const ATTESTER: AccountId = 2;
pub const USER: AccountId = 3;
pub const CHALLENGER: AccountId = 4;
pub const OTHER: AccountId = 5;
pub const POOR: AccountId = 6;
pub const TREASURY: AccountId = 99;
pub const INITIAL_BALANCE: Balance = 100_000;

pub const ROW_DEPOSIT: Balance = 10;
pub const BOND: Balance = 10_000;
pub const CHALLENGE_DEPOSIT: Balance = 500;
pub const CHALLENGE_WINDOW: u64 = 10;
/// Blocks an approved model's uploader has to upload its rows.
pub const UPLOAD_WINDOW: u64 = 50;
pub const UNBONDING: u64 = 20;
pub const K: u32 = 3;
pub const MAX_HISTORY: u32 = 4;
pub const MAX_STALE: u32 = 3;
pub const MAX_ROWS_PER_UPLOAD: u32 = 4;

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub const ChallengerReward: Perbill = Perbill::from_percent(20);
}

impl pallet_recommendations::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ModelOrigin = frame_system::EnsureRoot<AccountId>;
	type AttesterId = crypto::AttesterId;
	type AttesterSignature = crypto::AttesterSignature;
	type SlashDestination = Treasury;
	type RowDeposit = ConstU64<ROW_DEPOSIT>;
	type AttesterBond = ConstU64<BOND>;
	type UnbondingPeriod = ConstU64<UNBONDING>;
	type ChallengeDeposit = ConstU64<CHALLENGE_DEPOSIT>;
	type ChallengeWindow = ConstU64<CHALLENGE_WINDOW>;
	type UploadWindow = ConstU64<UPLOAD_WINDOW>;
	type ChallengerReward = ChallengerReward;
	type MaxModelItems = ConstU32<16>;
	type MaxRowsPerUpload = ConstU32<MAX_ROWS_PER_UPLOAD>;
	type MaxHistory = ConstU32<MAX_HISTORY>;
	type RecommendationsPerUser = ConstU32<K>;
	type MaxStaleUsers = ConstU32<MAX_STALE>;
	type MaxAttestationsPerBlock = ConstU32<3>;
	type MaxAttestationsPerAttester = ConstU32<2>;
	type AttestationPriority = ConstU64<{ 1 << 20 }>;
	type AttestationLongevity = ConstU32<5>;
	type WeightInfo = ();
}

/// The test model: 4 dimensions, items 10..=15 (listing ids), no repeat purchases. Items 10
/// and 11 point one way, 12 and 13 the other; 14 and 15 only differ by their bias.
pub fn test_model() -> ModelFile {
	let row = |input: [i8; 4], output: [i8; 4], bias: i32| ItemRow {
		input: Embedding::new(input.to_vec()).unwrap(),
		output: Embedding::new(output.to_vec()).unwrap(),
		bias,
	};
	let rows = vec![
		(10, row([100, 0, 0, 0], [90, 10, 0, 0], 0)),
		(11, row([90, 10, 0, 0], [100, 0, 0, 0], 5)),
		(12, row([0, 100, 0, 0], [0, 90, 10, 0], 0)),
		(13, row([0, 90, 10, 0], [0, 100, 0, 0], 5)),
		(14, row([0, 0, 100, 0], [0, 0, 0, 0], 2_000)),
		(15, row([0, 0, 0, 100], [0, 0, 0, 0], 1_000)),
	];
	ModelFile {
		header: ModelHeader {
			format_version: FORMAT_VERSION,
			dim: 4,
			item_count: rows.len() as u32,
			recency_decay_q15: 29_491,
			user_shift: 7,
			repeat_weight: 0,
			flags: 0,
		},
		rows,
	}
}

/// The digest of `model` as governance approves it.
pub fn digest_of(model: &ModelFile) -> H256 {
	H256(model.digest(sp_io::hashing::blake2_256))
}

/// Governance approves `model` for `UPLOADER`, who uploads all its rows in batches, and an idle
/// block builds the participants' tastes under it (if it became active); returns the model's
/// version.
pub fn approve_and_upload(model: &ModelFile) -> ModelVersion {
	let version = approve_and_upload_without_idle_block(model);
	build_tastes();
	version
}

/// [`approve_and_upload`] without the idle block: the tastes under the model are still to build.
pub fn approve_and_upload_without_idle_block(model: &ModelFile) -> ModelVersion {
	let version = NextModelVersion::<Test>::get();
	assert_ok!(Recommendations::approve_model(
		RuntimeOrigin::root(),
		digest_of(model),
		model.header.clone(),
		UPLOADER
	));
	for batch in model.rows.chunks(MAX_ROWS_PER_UPLOAD as usize) {
		assert_ok!(Recommendations::upload_rows(
			RuntimeOrigin::signed(UPLOADER),
			version,
			BoundedVec::truncate_from(batch.to_vec())
		));
	}
	version
}

/// An idle block with room for every taste still to build.
pub fn build_tastes() {
	use frame_support::traits::Hooks;
	Recommendations::on_idle(System::block_number(), frame_support::weights::Weight::MAX);
}

/// Tells the pallet that `buyer` completed an order of `listing`.
pub fn buy(buyer: AccountId, listing: ListingId) {
	settle(buyer, listing, SettlementOutcome::Completed);
}

thread_local! {
	/// The id the next settled order gets: ids count up from 0 in each test (each test runs on
	/// a thread of its own), as the orders pallet numbers them.
	static NEXT_ORDER: core::cell::Cell<u64> = const { core::cell::Cell::new(0) };
}

/// Tells the pallet that `buyer`'s order of `listing` ended with `outcome`.
pub fn settle(buyer: AccountId, listing: ListingId, outcome: SettlementOutcome) {
	let order = NEXT_ORDER.with(|next| next.replace(next.get() + 1));
	<Recommendations as OnOrderSettled<AccountId, Balance>>::on_order_settled(&Settlement {
		order,
		buyer,
		seller: OTHER,
		listing,
		quantity: 1,
		value: 100,
		outcome,
		shipped: true,
	});
}

/// The `reco` key of the test attester (`//Attester`, in the test keystore).
pub fn attester_key() -> crypto::AttesterId {
	use sp_core::Pair;
	crypto::AttesterPair::from_string("//Attester", None)
		.expect("a valid dev seed")
		.public()
}

/// A second key in the keystore, registered to nobody.
pub fn other_key() -> crypto::AttesterId {
	let public = sp_io::crypto::sr25519_generate(crypto::KEY_TYPE, Some(b"//Other".to_vec()));
	public.into()
}

/// `key`'s proof of possession for `who`, signed in the test keystore (as a node's
/// `author_rotateKeysWithOwner` makes it).
pub fn key_proof(key: &crypto::AttesterId, who: AccountId) -> crypto::AttesterSignature {
	key.sign(&Recommendations::key_ownership_statement(&who))
		.expect("the keystore signs")
}

/// An attestation of `items` for `user`'s current history under the active model, by `key`.
pub fn attestation_by(
	key: &crypto::AttesterId,
	user: AccountId,
	items: Vec<Recommendation>,
) -> AttestationOf<Test> {
	Attestation {
		user,
		model_version: ActiveModel::<Test>::get().unwrap_or_default(),
		history_nonce: Histories::<Test>::get(user).nonce,
		history_digest: Histories::<Test>::get(user).digest(),
		items: BoundedVec::truncate_from(items),
		attester: key.clone(),
	}
}

/// `attestation` signed by its key.
pub fn sign(attestation: &AttestationOf<Test>) -> crypto::AttesterSignature {
	attestation
		.attester
		.sign(&Recommendations::signing_payload(attestation))
		.expect("the keystore signs")
}

/// Submits `items` for `user`, signed by the registered attester, as the pool would.
pub fn attest(user: AccountId, items: Vec<Recommendation>) -> sp_runtime::DispatchResult {
	let attestation = attestation_by(&attester_key(), user, items);
	let signature = sign(&attestation);
	Recommendations::attest(frame_system::RawOrigin::Authorized.into(), attestation, signature)
}

/// What the model ranks for `user` now, from its history and stored taste: the honest top-K.
pub fn honest_top_k(user: AccountId) -> Vec<Recommendation> {
	let model = test_model();
	let table = bazaar_inference::ScoringTable::new(&model).unwrap();
	let history = Histories::<Test>::get(user);
	let taste = ActiveModel::<Test>::get()
		.and_then(|version| TasteVectors::<Test>::get(version, user))
		.unwrap_or_else(|| bazaar_inference::TasteVector::new(&model.header));
	let profile =
		bazaar_inference::UserProfile::new(&model.header, &history.purchases, &taste).unwrap();
	table.top_k(&profile, K).unwrap()
}

/// What is held from `who` for `reason`.
pub fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

/// Builds test externalities.
pub struct ExtBuilder {
	/// Register `ATTESTER` with the keystore's key at genesis.
	attester: bool,
	/// Approve and upload the test model at genesis.
	model: bool,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { attester: true, model: true }
	}
}

impl ExtBuilder {
	/// No attester at genesis.
	pub fn without_attester(mut self) -> Self {
		self.attester = false;
		self
	}

	/// No model at genesis.
	pub fn without_model(mut self) -> Self {
		self.model = false;
		self
	}

	/// The externalities and the transaction pool the off-chain worker submits to.
	pub fn build_with_pool(
		self,
	) -> (sp_io::TestExternalities, Arc<parking_lot::RwLock<PoolState>>) {
		let keystore = MemoryKeystore::new();
		let key = keystore
			.sr25519_generate_new(crypto::KEY_TYPE, Some("//Attester"))
			.expect("the memory keystore generates keys");
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: [UPLOADER, ATTESTER, USER, CHALLENGER, OTHER, TREASURY]
				.into_iter()
				.map(|who| (who, INITIAL_BALANCE))
				.chain([(POOR, 50)])
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_recommendations::GenesisConfig::<Test> {
			model: None,
			attesters: if self.attester { vec![(ATTESTER, key.into())] } else { vec![] },
			participants: vec![USER, OTHER],
		}
		.assimilate_storage(&mut storage)
		.unwrap();

		let mut ext = sp_io::TestExternalities::new(storage);
		let (offchain, _) = TestOffchainExt::new();
		let (pool, pool_state) = TestTransactionPoolExt::new();
		ext.register_extension(OffchainDbExt::new(offchain.clone()));
		ext.register_extension(OffchainWorkerExt::new(offchain));
		ext.register_extension(TransactionPoolExt::new(pool));
		ext.register_extension(KeystoreExt::new(keystore));
		let with_model = self.model;
		ext.execute_with(|| {
			System::set_block_number(1);
			if with_model {
				approve_and_upload(&test_model());
			}
		});
		(ext, pool_state)
	}

	/// The externalities.
	pub fn build(self) -> sp_io::TestExternalities {
		self.build_with_pool().0
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Recommendations::do_try_state().expect("invariants hold after the test");
		});
	}
}

/// The default test externalities (used by the benchmark tests).
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().without_model().without_attester().build()
}

/// Moves to block `n`.
pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}

/// The events this pallet emitted so far.
pub fn recommendation_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Recommendations(e) => Some(e),
			_ => None,
		})
		.collect()
}
