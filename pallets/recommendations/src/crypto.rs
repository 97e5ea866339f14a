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

/// The `reco` key is one of the runtime's session keys: a node's `author_rotateKeys` makes one,
/// and `--dev` puts `//Alice`'s into the keystore. Sessions need nothing from it: only the
/// attesters registered in the pallet (each with its own key) attest.
mod session {
	use crate::{Config, Pallet};
	use frame_support::traits::OneSessionHandler;

	impl<T: Config> sp_runtime::BoundToRuntimeAppPublic for Pallet<T> {
		type Public = T::AttesterId;
	}

	impl<T: Config> OneSessionHandler<T::AccountId> for Pallet<T> {
		type Key = T::AttesterId;

		fn on_genesis_session<'a, I>(_validators: I)
		where
			I: 'a + Iterator<Item = (&'a T::AccountId, Self::Key)>,
		{
		}

		fn on_new_session<'a, I>(_changed: bool, _validators: I, _queued: I)
		where
			I: 'a + Iterator<Item = (&'a T::AccountId, Self::Key)>,
		{
		}

		fn on_disabled(_validator_index: u32) {}
	}
}
