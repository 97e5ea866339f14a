//! Storage migrations of the recommendations pallet, one module per storage version.
//!
//! Each migration is a [`VersionedMigration`](frame_support::migrations::VersionedMigration): it
//! runs only when the pallet's on-chain storage version is the one it migrates from and sets the
//! new version when done. Its `pre_upgrade` and `post_upgrade` checks run under try-runtime.

pub mod v1;
pub mod v2;
pub mod v3;
