//! Blocks as a Bazaar collator opens them: the header with Aura's slot in its pre-runtime digest,
//! then the two inherents every block starts with, the parachain inherent (the relay-chain
//! validation data, with a state proof naming the parent as the included head) and the timestamp.
//!
//! Slots and time advance with the block number: block `n` is in Aura slot `n` and the relay
//! chain's slot `n` (both 6 s), at `n * MILLISECS_PER_BLOCK`.
//!
//! The fuzzer (`tests/fuzz`) applies these natively; the throughput benchmark
//! (`benchmarks/throughput`) applies them in the runtime WASM.

use bazaar_runtime::{
	BlockNumber, Hash, Header, RuntimeCall, UncheckedExtrinsic, MILLISECS_PER_BLOCK, PARACHAIN_ID,
};
use codec::Encode;
use cumulus_pallet_parachain_system::parachain_inherent::{
	BasicParachainInherentData, InboundMessagesData,
};
use cumulus_primitives_core::{relay_chain::HeadData, PersistedValidationData};
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_runtime::{traits::Header as _, Digest, DigestItem};

/// The header `Core_initialize_block` opens block `number` with: the parent's hash and Aura's
/// pre-runtime digest naming slot `number`. Roots are filled in when the block is finalized.
pub fn header(number: BlockNumber, parent_hash: Hash) -> Header {
	let slot = Slot::from(u64::from(number));
	let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
	Header::new(number, Default::default(), Default::default(), parent_hash, digest)
}

/// The genesis block's header for a genesis state with root `state_root`, as a node builds it
/// (no extrinsics, no digest).
pub fn genesis_header(state_root: Hash) -> Header {
	use sp_runtime::traits::{BlakeTwo256, Hash as _};
	let extrinsics_root = BlakeTwo256::ordered_trie_root(Vec::new(), Default::default());
	Header::new(0, extrinsics_root, state_root, Default::default(), Default::default())
}

/// The inherents block `number` starts with, on top of `parent`: the parachain inherent (the
/// relay parent is relay block `number`, and its state proof says `parent` is the parachain's
/// included head), then the timestamp.
pub fn inherents(number: BlockNumber, parent: &Header) -> [UncheckedExtrinsic; 2] {
	let slot = Slot::from(u64::from(number));
	let parent_head = HeadData(parent.encode());
	let sproof = RelayStateSproofBuilder {
		para_id: PARACHAIN_ID.into(),
		current_slot: slot,
		included_para_head: Some(parent_head.clone()),
		..Default::default()
	};
	let (relay_parent_storage_root, relay_chain_state) = sproof.into_state_root_and_proof();
	let validation = cumulus_pallet_parachain_system::Call::set_validation_data {
		data: BasicParachainInherentData {
			validation_data: PersistedValidationData {
				parent_head,
				relay_parent_number: number,
				relay_parent_storage_root,
				max_pov_size: cumulus_primitives_core::relay_chain::MAX_POV_SIZE,
			},
			relay_chain_state,
			relay_parent_descendants: Vec::new(),
			collator_peer_id: None,
		},
		inbound_messages_data: InboundMessagesData::new(Default::default(), Default::default()),
	};
	let timestamp = pallet_timestamp::Call::set { now: u64::from(number) * MILLISECS_PER_BLOCK };
	[RuntimeCall::from(validation), RuntimeCall::from(timestamp)].map(UncheckedExtrinsic::new_bare)
}
