//! Pallet configurations, one file per pallet group.
//!
//! | file | pallets |
//! |---|---|
//! | [`system`] | system, parachain system, parachain info, timestamp, weight reclaim |
//! | [`monetary`] | balances, transaction payment |
//! | [`collators`] | authorship, collator selection, session, aura, aura-ext |
//! | [`xcm`] | XCMP queue, message queue, `pallet-xcm`, cumulus XCM |
//! | [`governance`] | sudo (until OpenGov lands) |
//! | [`commerce`] | listings, orders |

pub mod collators;
pub mod commerce;
pub mod governance;
pub mod monetary;
pub mod system;
pub mod xcm;

pub use system::RuntimeBlockWeights;
