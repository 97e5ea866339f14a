//! The chain the fuzzer drives: the development chain's genesis state (built once per thread),
//! and blocks built as a collator builds them: the Aura slot in the header, the parachain
//! inherent with a relay-chain state proof, the timestamp, then transactions through the
//! runtime's own transaction extensions (nonce, weight, fees, weight reclaim).
//!
//! The state's trie accesses are recorded as a collator records them for the proof of validity,
//! and the host function the runtime's weight reclaim calls (`storage_proof_size`) reads that
//! recording: reclaim then works as on a collator, and [`Blocks::apply`] compares what each
//! transaction added to the proof with the proof size its benchmarked weight charged. The
//! comparison sees what an input's earlier blocks wrote as already in the proof (it lives in the
//! overlay, not the recorded trie), so it can only under-measure: a transaction that reads more
//! genesis state than its weight says is caught, one that reads more of its own input's state is
//! not.

use bazaar_runtime::{
	configs::RuntimeBlockWeights, AccountId, BlockNumber, Executive, Hash, Header, Runtime,
	RuntimeCall, System, TxExtension, UncheckedExtrinsic,
};
use codec::Encode;
use frame_support::dispatch::{GetDispatchInfo, PostDispatchInfo};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{CheckedExtrinsic, ExtrinsicFormat},
	traits::{Applyable, ExtensionVariant, Header as _},
	transaction_validity::TransactionValidityError,
	BuildStorage, DispatchErrorWithPostInfo, MultiAddress, MultiSignature,
};
use std::cell::RefCell;

/// The signers: the well-known development accounts, all funded at genesis. Bob, Charlie and
/// Dave own the demo shop's listings; Alice collates, holds the sudo key and attests.
pub const SIGNERS: [Sr25519Keyring; 6] = [
	Sr25519Keyring::Alice,
	Sr25519Keyring::Bob,
	Sr25519Keyring::Charlie,
	Sr25519Keyring::Dave,
	Sr25519Keyring::Eve,
	Sr25519Keyring::Ferdie,
];

/// Origins a step can name: each signer; no signer; and no signer with an attestation signed by
/// the attester key it names, if that key is a signer's (the off-chain worker's path: the fuzzer
/// plays an attester that signs whatever it is given).
pub const ORIGIN_COUNT: u8 = SIGNERS.len() as u8 + 2;

/// The origin index of "no signer, attestation signed by its attester".
pub const ATTESTER: u8 = SIGNERS.len() as u8 + 1;

/// The signer a step's `origin` names (`None`: no signer), and its call, an attestation signed
/// if the origin asks for it.
pub fn origin_and_call(origin: u8, call: RuntimeCall) -> (Option<AccountId>, RuntimeCall) {
	let origin = origin % ORIGIN_COUNT;
	if let Some(keyring) = SIGNERS.get(usize::from(origin)) {
		return (Some(keyring.to_account_id()), call);
	}
	match call {
		RuntimeCall::Recommendations(pallet_recommendations::Call::attest {
			attestation,
			signature,
		}) if origin == ATTESTER => {
			let signature = sign_as_attester(&attestation).unwrap_or(signature);
			(
				None,
				RuntimeCall::Recommendations(pallet_recommendations::Call::attest {
					attestation,
					signature,
				}),
			)
		},
		call => (None, call),
	}
}

/// `attestation` signed with the key it names, if that is a signer's development key.
fn sign_as_attester(
	attestation: &pallet_recommendations::AttestationOf<Runtime>,
) -> Option<pallet_recommendations::crypto::AttesterSignature> {
	use sp_core::Pair;
	let key: &sp_core::sr25519::Public = attestation.attester.as_ref();
	let index = SIGNERS.iter().position(|keyring| keyring.public() == *key)?;
	let signature = SIGNER_PAIRS.with(|pairs| {
		pairs[index].sign(&bazaar_runtime::Recommendations::signing_payload(attestation))
	});
	Some(signature.into())
}

thread_local! {
	/// The signers' key pairs (deriving one takes longer than a whole fuzz step).
	static SIGNER_PAIRS: Vec<sp_core::sr25519::Pair> =
		SIGNERS.iter().map(|keyring| keyring.pair()).collect();
	/// The genesis state, built once per thread; each input runs in its overlay, reset after.
	static GENESIS: RefCell<sp_io::TestExternalities> = RefCell::new(genesis());
	/// Records the genesis trie's nodes each block reads: the block's storage proof.
	static PROOF_RECORDER: sp_trie::recorder::Recorder<sp_core::Blake2Hasher> = Default::default();
}

/// The size of the proof recorded so far in this block, as the weight reclaim measures it.
fn recorded_proof_size() -> u64 {
	PROOF_RECORDER.with(|recorder| recorder.estimate_encoded_size() as u64)
}

fn genesis() -> sp_io::TestExternalities {
	let config = bazaar_runtime::genesis_config_presets::preset_genesis_config(
		&sp_genesis_builder::DEV_RUNTIME_PRESET.into(),
	)
	.expect("the dev preset builds");
	let mut ext = sp_io::TestExternalities::new(config.build_storage().expect("genesis builds"));
	ext.execute_with(|| System::set_block_number(0));
	ext.commit_all().expect("genesis commits");
	// The genesis trie never changes (each input runs in the overlay), so a node and value cache
	// in front of it stays valid for the whole run: reads and iteration (the pallets' `try_state`
	// walks whole maps) then skip decoding trie nodes, which made up most of an execution.
	let empty = sp_state_machine::new_in_mem::<sp_core::Blake2Hasher>();
	let backend = std::mem::replace(&mut ext.backend, empty);
	let root = *backend.root();
	let cache =
		sp_trie::cache::SharedTrieCache::new(sp_trie::cache::CacheSize::new(64 << 20), None);
	let recorder = PROOF_RECORDER.with(Clone::clone);
	ext.backend = sp_state_machine::TrieBackendBuilder::new(backend.into_storage(), root)
		.with_cache(cache.local_cache_trusted())
		.with_recorder(recorder.clone())
		.build();
	ext.register_extension(sp_trie::proof_size_extension::ProofSizeExt::new(recorder));
	ext
}

/// Runs `body` on a fresh copy of the genesis state.
pub fn on_genesis<R>(body: impl FnOnce() -> R) -> R {
	GENESIS.with(|genesis| {
		let mut ext = genesis.borrow_mut();
		ext.reset_overlay();
		let result = ext.execute_with(body);
		ext.reset_overlay();
		result
	})
}

/// What became of a transaction.
#[derive(Debug)]
pub enum Applied {
	/// It was included; the call succeeded or failed with the error here.
	Included(Result<PostDispatchInfo, DispatchErrorWithPostInfo<PostDispatchInfo>>),
	/// A block builder would have left it out (bad nonce, cannot pay, block full, ...).
	Rejected(TransactionValidityError),
}

/// The blocks built so far.
pub struct Blocks {
	/// The last finished block's header (a stand-in for genesis' before the first block): the
	/// parachain inherent names it as the parent head.
	parent: Header,
	/// Its hash (for genesis, the hash the genesis state records).
	parent_hash: Hash,
}

impl Blocks {
	/// Opens block 1 on the genesis state. Call inside [`on_genesis`].
	pub fn open() -> Self {
		let genesis = Header::new(
			0,
			Default::default(),
			Default::default(),
			Default::default(),
			Default::default(),
		);
		let mut blocks = Self { parent: genesis, parent_hash: System::block_hash(0) };
		blocks.initialize(1);
		blocks
	}

	/// Finishes the open block; returns its number. The next block is not open yet.
	pub fn finalize(&mut self) -> BlockNumber {
		self.parent = Executive::finalize_block();
		self.parent_hash = self.parent.hash();
		self.parent.number
	}

	/// Opens block `number` on top of the last finished one, with its inherents applied.
	pub fn initialize(&mut self, number: BlockNumber) {
		// Skipped blocks: the number moves on as if they had been built empty, without running
		// their hooks (frame-system otherwise insists on the next number).
		System::set_block_number(number - 1);
		// A new block, a new proof.
		PROOF_RECORDER.with(|recorder| recorder.reset());
		Executive::initialize_block(&bazaar_collator_blocks::header(number, self.parent_hash));
		for inherent in bazaar_collator_blocks::inherents(number, &self.parent) {
			let applied = Executive::apply_extrinsic(inherent);
			assert!(
				matches!(applied, Ok(Ok(()))),
				"inherent failed in block {number}: {applied:?}"
			);
		}
	}

	/// Applies `call` from `signer` (or with no signer) as a block builder applies a transaction:
	/// noted, checked and dispatched through the transaction extensions, and discarded whole if a
	/// check rejects it. The signature is the one step skipped: the fuzzer cannot forge it, and
	/// the runtime checks it before any pallet runs.
	///
	/// Panics if the call's post-dispatch weight exceeds its pre-dispatch weight, or if the proof
	/// its storage reads added to the block's exceeds the proof size its weight charged (after
	/// its refund: what reclaim compares); `name` (the call's [`call_name`]) says which call.
	pub fn apply(
		&mut self,
		signer: Option<AccountId>,
		call: RuntimeCall,
		name: (&str, &str),
	) -> Applied {
		let nonce = signer.as_ref().map_or(0, System::account_nonce);
		let extension = bazaar_runtime::tx_extension(nonce);
		let (encoded, format) = match signer {
			Some(who) => (
				UncheckedExtrinsic::new_signed(
					call.clone(),
					MultiAddress::Id(who.clone()),
					MultiSignature::Sr25519(Default::default()),
					extension.clone(),
				)
				.encode(),
				ExtrinsicFormat::Signed(who, extension),
			),
			None => (
				UncheckedExtrinsic::new_transaction(call.clone(), extension.clone()).encode(),
				ExtrinsicFormat::General(ExtensionVariant::V0(extension)),
			),
		};
		let checked: CheckedExtrinsic<AccountId, RuntimeCall, TxExtension> =
			CheckedExtrinsic { format, function: call };
		let info = checked.get_dispatch_info();
		let length = encoded.len();

		let proof_before = recorded_proof_size();
		sp_io::storage::start_transaction();
		System::note_extrinsic(encoded);
		match checked.apply::<Runtime>(&info, length) {
			Err(rejected) => {
				sp_io::storage::rollback_transaction();
				Applied::Rejected(rejected)
			},
			Ok(result) => {
				let post = match result {
					Ok(post) => post,
					Err(error) => error.post_info,
				};
				let charged = info.total_weight();
				if let Some(actual) = post.actual_weight {
					assert!(
						actual.all_lte(charged),
						"{name:?}: actual weight {actual:?} above the pre-dispatch weight {charged:?}",
					);
				}
				let measured = recorded_proof_size().saturating_sub(proof_before);
				let benchmarked = post.calc_actual_weight(&info).proof_size();
				assert!(
					measured <= benchmarked,
					"{name:?}: read {measured} bytes of proof, its weight charged {benchmarked}",
				);
				System::note_applied_extrinsic(&result, info);
				sp_io::storage::commit_transaction();
				Applied::Included(result)
			},
		}
	}
}

/// The block weight limits, for the invariants.
pub fn block_weights() -> frame_system::limits::BlockWeights {
	<RuntimeBlockWeights as frame_support::traits::Get<_>>::get()
}

/// `(pallet, call)` names of `call`, for reports.
pub fn call_name(call: &RuntimeCall) -> (&'static str, &'static str) {
	use frame_support::traits::GetCallMetadata;
	let metadata = call.get_call_metadata();
	(metadata.pallet_name, metadata.function_name)
}
