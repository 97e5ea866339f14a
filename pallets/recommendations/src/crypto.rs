//! The `reco` key an attester signs attestations with: sr25519, kept in the node's keystore
//! (`author_insertKey` with key type `reco`, or `--dev`, which puts `//Alice`'s key there).

use sp_core::crypto::KeyTypeId;

/// The key type of attesters' signing keys in the keystore.
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"reco");

mod app {
	use sp_application_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, super::KEY_TYPE);
}

/// An attester's public `reco` key.
pub type AttesterId = app::Public;
/// A signature by an attester's `reco` key.
pub type AttesterSignature = app::Signature;
/// An attester's key pair (native only: tests and tools).
#[cfg(feature = "std")]
pub type AttesterPair = app::Pair;
