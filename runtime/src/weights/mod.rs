//! Weights of the FRAME pallets this runtime configures, measured in this runtime with
//! `benchmarks/weights/run.sh` (Bazaar's own pallets keep theirs in `pallets/*/src/weights.rs`),
//! and the base weights of a block and of an extrinsic (`block_weights`, `extrinsic_weights`),
//! measured with `benchmarks/weights/overhead.sh`.

pub mod block_weights;
pub mod cumulus_pallet_parachain_system;
pub mod cumulus_pallet_weight_reclaim;
pub mod cumulus_pallet_xcmp_queue;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_asset_rate;
pub mod pallet_asset_tx_payment;
pub mod pallet_assets;
pub mod pallet_balances;
pub mod pallet_collator_selection;
pub mod pallet_conviction_voting;
pub mod pallet_message_queue;
pub mod pallet_multisig;
pub mod pallet_preimage;
pub mod pallet_proxy;
pub mod pallet_referenda;
pub mod pallet_scheduler;
pub mod pallet_session;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
pub mod pallet_treasury;
pub mod pallet_utility;
pub mod pallet_whitelist;
pub mod pallet_xcm;
