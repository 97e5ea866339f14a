//! The chain under measurement: a genesis state in memory (behind a trie node cache, as a node's
//! state is) and the runtime WASM run by the node's executor (`sc-executor`, wasmtime compiled).
//!
//! Blocks are built as a collator's block builder builds them: `Core_initialize_block`, the
//! inherents, then each transaction through `BlockBuilder_apply_extrinsic` in a storage
//! transaction that is rolled back if the runtime refuses it, until the runtime says the block is
//! full, then `BlockBuilder_finalize_block`. The storage proof is recorded throughout (a collator
//! records it for the relay chain's validators, and the runtime's weight reclaim reads its size).
//! Blocks are imported as a node imports them: `Core_execute_block` on the parent state, which
//! re-executes every extrinsic and checks the state root; [`Chain::append`] keeps the imported
//! block's state, so that a workload can set up what its measured block needs.

use bazaar_runtime::{Block, Hash, Header, Runtime, UncheckedExtrinsic};
use codec::{Decode, Encode};
use frame_support::dispatch::PerDispatchClass;
use sp_core::{
	traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode},
	Blake2Hasher,
};
use sp_externalities::Extensions;
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	ApplyExtrinsicResult, Weight,
};
use sp_state_machine::{Backend, Ext, InMemoryBackend, OverlayedChanges, TrieBackendBuilder};
use sp_trie::{cache::SharedTrieCache, proof_size_extension::ProofSizeExt, recorder::Recorder};
use std::time::{Duration, Instant};

/// The host functions a Bazaar node gives the runtime.
type HostFunctions = (
	sp_io::SubstrateHostFunctions,
	cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions,
);

/// What can go wrong while building or importing a block: the runtime refused a call, or a
/// transaction the workload needs failed.
pub type Error = String;

/// A built block and what building it took.
pub struct BuiltBlock {
	/// The block, ready to import.
	pub block: Block,
	/// How many of the offered transactions it includes (all succeeded).
	pub included: usize,
	/// Why the next transaction was left out: `ExhaustsResources`, the block is full (`None`:
	/// every offered transaction fit).
	pub full: Option<TransactionValidityError>,
	/// The weight the block consumed, per dispatch class, as the runtime accounted it.
	pub weight: PerDispatchClass<Weight>,
	/// The encoded block's size in bytes.
	pub length: usize,
	/// The storage proof a collator sends with the block, compacted, in bytes.
	pub proof_size: usize,
	/// Wall-clock time from `Core_initialize_block` to `BlockBuilder_finalize_block`.
	pub build_time: Duration,
}

/// A chain's latest state and the runtime that runs on it.
pub struct Chain {
	executor: sc_executor::WasmExecutor<HostFunctions>,
	code: Vec<u8>,
	code_hash: Vec<u8>,
	/// The state after [`Chain::head`].
	state: InMemoryBackend<Blake2Hasher>,
	genesis_hash: Hash,
	/// The latest block's header (genesis' at first): the next block's parent.
	head: Header,
}

impl Chain {
	/// The chain with genesis `storage` running `code` (the runtime WASM, compressed or not).
	pub fn new(code: Vec<u8>, storage: sp_core::storage::Storage) -> Result<Self, Error> {
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.commit_all()?;
		let backend = std::mem::replace(&mut ext.backend, sp_state_machine::new_in_mem());
		let root = *backend.root();
		// A node keeps a shared trie cache (1 GiB by default) in front of its database.
		let cache = SharedTrieCache::new(sp_trie::cache::CacheSize::new(1 << 30), None);
		let state = TrieBackendBuilder::new(backend.into_storage(), root)
			.with_cache(cache.local_cache_trusted())
			.build();
		let executor = sc_executor::WasmExecutor::builder().build();
		let code_hash = sp_io::hashing::blake2_256(&code).to_vec();
		let head = bazaar_collator_blocks::genesis_header(root);
		Ok(Self { executor, code, code_hash, state, genesis_hash: head.hash(), head })
	}

	/// The genesis block's hash, which signed transactions commit to.
	pub fn genesis_hash(&self) -> Hash {
		self.genesis_hash
	}

	/// Builds the block after [`Chain::head`] from `transactions`, in order, until the runtime
	/// says the block is full. The chain does not change ([`Chain::append`] adds the block).
	///
	/// Fails if an inherent fails, or if a transaction is refused for anything but a full block
	/// or included with a failed call (the workload is built so that every call succeeds).
	pub fn build_block(
		&self,
		transactions: impl IntoIterator<Item = UncheckedExtrinsic>,
	) -> Result<BuiltBlock, Error> {
		let recorder = Recorder::<Blake2Hasher>::default();
		let backend = TrieBackendBuilder::wrap(&self.state).with_recorder(recorder.clone()).build();
		let mut overlay = OverlayedChanges::default();
		let mut extensions = Extensions::new();
		extensions.register(ProofSizeExt::new(recorder.clone()));

		let started = Instant::now();
		let number = self.head.number + 1;
		let header = bazaar_collator_blocks::header(number, self.head.hash());
		let mut call = |method: &str, data: &[u8]| {
			self.call(&mut overlay, &backend, &mut extensions, method, data)
		};
		call("Core_initialize_block", &header.encode())?;
		let mut extrinsics = Vec::new();
		for inherent in bazaar_collator_blocks::inherents(number, &self.head) {
			let applied = call("BlockBuilder_apply_extrinsic", &inherent.encode())?;
			match ApplyExtrinsicResult::decode(&mut &applied[..]) {
				Ok(Ok(Ok(()))) => extrinsics.push(inherent),
				other => return Err(format!("an inherent failed: {other:?}")),
			}
		}
		let mut included = 0;
		let mut full = None;
		for transaction in transactions {
			// The block builder's rollback: a refused transaction leaves no trace in the block.
			overlay.start_transaction();
			recorder.start_transaction();
			let applied = self.call(
				&mut overlay,
				&backend,
				&mut extensions,
				"BlockBuilder_apply_extrinsic",
				&transaction.encode(),
			)?;
			match ApplyExtrinsicResult::decode(&mut &applied[..]) {
				Ok(Ok(Ok(()))) => {
					overlay.commit_transaction().map_err(|_| "no open transaction")?;
					recorder.commit_transaction().map_err(|_| "no open proof transaction")?;
					extrinsics.push(transaction);
					included += 1;
				},
				Ok(Err(refused)) => {
					overlay.rollback_transaction().map_err(|_| "no open transaction")?;
					recorder.rollback_transaction().map_err(|_| "no open proof transaction")?;
					if refused != InvalidTransaction::ExhaustsResources.into() {
						return Err(format!("transaction {included} was refused: {refused:?}"));
					}
					full = Some(refused);
					break;
				},
				other =>
					return Err(format!("transaction {included} was included but failed: {other:?}")),
			}
		}
		let finalized =
			self.call(&mut overlay, &backend, &mut extensions, "BlockBuilder_finalize_block", &[])?;
		let build_time = started.elapsed();

		let header = Header::decode(&mut &finalized[..]).map_err(|e| e.to_string())?;
		let weight = sp_externalities::set_and_run_with_externalities(
			&mut Ext::new(&mut overlay, &backend, None),
			frame_system::BlockWeight::<Runtime>::get,
		);
		let proof = recorder
			.drain_storage_proof()
			.into_compact_proof::<Blake2Hasher>(*self.state.root())
			.map_err(|e| format!("the proof does not compact: {e:?}"))?;
		let block = Block { header, extrinsics };
		Ok(BuiltBlock {
			length: block.encoded_size(),
			block,
			included,
			full,
			weight,
			proof_size: proof.encoded_size(),
			build_time,
		})
	}

	/// Imports `block` on top of [`Chain::head`] as a node does (`Core_execute_block`: every
	/// extrinsic re-executed, the state root checked), recording the storage proof as the
	/// relay chain's validators' execution does. Returns how long it took; the chain does not
	/// change.
	pub fn import(&self, block: &Block) -> Result<Duration, Error> {
		self.execute(block).map(|(elapsed, _)| elapsed)
	}

	/// Imports `block` on top of [`Chain::head`] and keeps it: the block becomes the head.
	/// Returns how long the import took (as [`Chain::import`] measures it).
	pub fn append(&mut self, block: &Block) -> Result<Duration, Error> {
		let (elapsed, mut overlay) = self.execute(block)?;
		// The runtime computed the state root at the end of the block; the overlay kept the
		// trie changes that produced it, so draining them recomputes nothing.
		let changes = overlay
			.drain_storage_changes(&self.state, bazaar_runtime::VERSION.state_version())
			.map_err(|e| format!("the block's changes do not drain: {e:?}"))?;
		self.state
			.apply_transaction(changes.transaction_storage_root, changes.transaction);
		self.head = block.header.clone();
		Ok(elapsed)
	}

	/// Runs `read` natively on the state after [`Chain::head`], to read the runtime's storage
	/// with its own types (what `read` writes is dropped).
	pub fn read<R>(&self, read: impl FnOnce() -> R) -> R {
		let mut overlay = OverlayedChanges::default();
		sp_externalities::set_and_run_with_externalities(
			&mut Ext::new(&mut overlay, &self.state, None),
			read,
		)
	}

	/// The latest block's number (0 before any block).
	pub fn head_number(&self) -> bazaar_runtime::BlockNumber {
		self.head.number
	}

	/// Executes `block` on the head's state; returns how long `Core_execute_block` took and the
	/// changes it made.
	fn execute(&self, block: &Block) -> Result<(Duration, OverlayedChanges<Blake2Hasher>), Error> {
		let recorder = Recorder::<Blake2Hasher>::default();
		let backend = TrieBackendBuilder::wrap(&self.state).with_recorder(recorder.clone()).build();
		let mut overlay = OverlayedChanges::default();
		let mut extensions = Extensions::new();
		extensions.register(ProofSizeExt::new(recorder));
		let started = Instant::now();
		self.call(&mut overlay, &backend, &mut extensions, "Core_execute_block", &block.encode())?;
		Ok((started.elapsed(), overlay))
	}

	/// Calls runtime API function `method` with SCALE-encoded `data` on `backend` plus `overlay`.
	fn call<B: Backend<Blake2Hasher>>(
		&self,
		overlay: &mut OverlayedChanges<Blake2Hasher>,
		backend: &B,
		extensions: &mut Extensions,
		method: &str,
		data: &[u8],
	) -> Result<Vec<u8>, Error> {
		let fetcher = WrappedRuntimeCode(self.code.as_slice().into());
		let code =
			RuntimeCode { code_fetcher: &fetcher, hash: self.code_hash.clone(), heap_pages: None };
		let mut ext = Ext::new(overlay, backend, Some(extensions));
		let context = CallContext::Onchain { import: method == "Core_execute_block" };
		let (result, _) = self.executor.call(&mut ext, &code, method, data, context);
		result.map_err(|e| format!("{method} failed: {e}"))
	}
}
