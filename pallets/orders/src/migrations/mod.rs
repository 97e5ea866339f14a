//! Storage migrations of the orders pallet, one module per storage version.
//!
//! Each migration is a [`VersionedMigration`](frame_support::migrations::VersionedMigration): it
//! runs only when the pallet's on-chain storage version is the one it migrates from, and sets the
//! new version when it is done, so a runtime may keep it in its `Migrations` until every chain it
//! serves has upgraded. Its `pre_upgrade` and `post_upgrade` checks run under try-runtime.

pub mod v1;
pub mod v2;
pub mod v3;
pub mod v4;
pub mod v5;
