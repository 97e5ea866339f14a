//! Weights of the FRAME pallets this runtime configures, measured in this runtime with
//! `benchmarks/weights/run.sh` (Bazaar's own pallets keep theirs in `pallets/*/src/weights.rs`).

pub mod pallet_balances;
pub mod pallet_conviction_voting;
pub mod pallet_preimage;
pub mod pallet_referenda;
pub mod pallet_scheduler;
pub mod pallet_treasury;
pub mod pallet_whitelist;
