//! Pallet configurations, one file per pallet group.
//!
//! | file | pallets |
//! |---|---|
//! | [`system`] | system, parachain system, parachain info, timestamp, weight reclaim |
//! | [`monetary`] | balances, transaction payment |
//! | [`foreign_assets`] | foreign assets (Asset Hub's stablecoins), holds on them, their rates to BZR |
//! | [`collators`] | authorship, collator selection, session, aura, aura-ext |
//! | [`xcm`] | XCMP queue, message queue, `pallet-xcm`, cumulus XCM |
//! | [`governance`] | treasury, preimage, scheduler, conviction voting, referenda, origins, whitelist, sudo (dev only) |
//! | [`commerce`] | listings, orders, reputation |
//! | [`accounts`] | utility (batches), proxy (with the shop-staff type), multisig |
//! | [`benchmark_peers`] | NFTs, only in a runtime built for benchmarks (a peer to compare with) |

pub mod accounts;
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_peers;
pub mod collators;
pub mod commerce;
pub mod foreign_assets;
pub mod governance;
pub mod monetary;
pub mod offchain;
pub mod system;
pub mod xcm;

pub use system::RuntimeBlockWeights;
