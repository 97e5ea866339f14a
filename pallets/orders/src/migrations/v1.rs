//! Version 0 to 1: published encryption keys pay a storage deposit.
//!
//! In version 0, [`EncryptionKeys`](crate::EncryptionKeys) held bare keys, so anyone could store
//! a key for the price of a transaction fee. From version 1 each entry is a
//! [`SellerKey`](crate::SellerKey) with the [`Config::EncryptionKeyDeposit`] held from its seller.
//!
//! The migration holds the deposit from each seller who already published a key. A seller who
//! cannot pay it keeps the key with a zero deposit: withdrawing the key would break the orders in
//! flight whose buyers are about to seal delivery details to it. Clearing such a key releases
//! nothing; publishing a key again after that holds the deposit.
//!
//! Cost: three reads and three writes per published key (the key, the seller's account and its
//! holds), all in one block. The chains this runtime serves have few keys (at most a few
//! thousand fit in a block's migration budget); a chain with more would need a multi-block
//! migration (`pallet-migrations`).

use crate::{
	pallet::{Config, EncryptionKeys, HoldReason, Pallet},
	types::{EncryptionKey, SellerKey},
	LOG_TARGET,
};
use frame_support::{
	migrations::VersionedMigration,
	traits::{fungible::MutateHold, Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use sp_runtime::traits::Zero;
#[cfg(feature = "try-runtime")]
use {alloc::vec::Vec, codec::Encode, sp_runtime::TryRuntimeError};

/// The storage layout of version 0.
pub mod v0 {
	use super::*;
	use frame_support::{pallet_prelude::OptionQuery, Blake2_128Concat};

	/// Sellers' bare x25519 public keys.
	#[frame_support::storage_alias]
	pub type EncryptionKeys<T: Config> = StorageMap<
		Pallet<T>,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		EncryptionKey,
		OptionQuery,
	>;
}

/// Migrates version 0 to 1, whatever the on-chain version: only [`MigrateV0ToV1`] may run it.
pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let deposit = T::EncryptionKeyDeposit::get();
		let reason = HoldReason::EncryptionKeyDeposit.into();
		let (mut keys, mut without_deposit) = (0u64, 0u64);
		EncryptionKeys::<T>::translate::<EncryptionKey, _>(|seller, key| {
			keys += 1;
			let deposit = match T::Currency::hold(&reason, &seller, deposit) {
				Ok(()) => deposit,
				Err(_) => {
					without_deposit += 1;
					Zero::zero()
				},
			};
			Some(SellerKey { key, deposit })
		});
		log::info!(
			target: LOG_TARGET,
			"migrated {keys} encryption keys to v1; {without_deposit} kept without a deposit",
		);
		T::DbWeight::get().reads_writes(keys.saturating_mul(3), keys.saturating_mul(3))
	}

	/// Records every key, to check that each one survives unchanged.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		let keys: Vec<(T::AccountId, EncryptionKey)> = v0::EncryptionKeys::<T>::iter().collect();
		let reason = HoldReason::EncryptionKeyDeposit.into();
		for (seller, _) in &keys {
			frame_support::ensure!(
				T::Currency::balance_on_hold(&reason, seller).is_zero(),
				"a key deposit is held before deposits exist"
			);
		}
		Ok(keys.encode())
	}

	/// Every key is still published, unchanged, with a deposit of either the configured amount
	/// or zero, and exactly that much held.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
		use codec::Decode;
		use frame_support::traits::fungible::InspectHold;
		let keys = Vec::<(T::AccountId, EncryptionKey)>::decode(&mut &state[..])
			.map_err(|_| "pre_upgrade state does not decode")?;
		frame_support::ensure!(
			EncryptionKeys::<T>::iter().count() == keys.len(),
			"the number of published keys changed"
		);
		let reason = HoldReason::EncryptionKeyDeposit.into();
		for (seller, key) in keys {
			let published = EncryptionKeys::<T>::get(&seller).ok_or("a published key was lost")?;
			frame_support::ensure!(published.key == key, "a published key changed");
			frame_support::ensure!(
				published.deposit == T::EncryptionKeyDeposit::get() || published.deposit.is_zero(),
				"a key deposit is neither the configured one nor zero"
			);
			frame_support::ensure!(
				T::Currency::balance_on_hold(&reason, &seller) == published.deposit,
				"the held key deposit differs from the recorded one"
			);
		}
		Ok(())
	}
}

/// Migrates the orders pallet from storage version 0 to 1 (see the module docs); a no-op on any
/// other version.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	UncheckedMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{mock::*, Error};
	use frame_support::{
		assert_noop, assert_ok,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};

	/// A chain at version 0 with keys published by a funded seller and a seller who cannot pay.
	fn version_0_state() {
		StorageVersion::new(0).put::<Pallet<Test>>();
		v0::EncryptionKeys::<Test>::insert(SELLER, [1; 32]);
		v0::EncryptionKeys::<Test>::insert(POOR, [2; 32]);
	}

	fn db() -> frame_support::weights::RuntimeDbWeight {
		<Test as frame_system::Config>::DbWeight::get()
	}

	#[test]
	fn holds_the_deposit_or_keeps_the_key_without_one() {
		ExtBuilder::default().build_and_execute(|| {
			version_0_state();
			let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();

			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
			assert_eq!(
				EncryptionKeys::<Test>::get(SELLER),
				Some(SellerKey { key: [1; 32], deposit: KEY_DEPOSIT })
			);
			assert_eq!(key_deposit_held(SELLER), KEY_DEPOSIT);
			// POOR has 50, less than the deposit: the key stays, without a deposit.
			assert_eq!(
				EncryptionKeys::<Test>::get(POOR),
				Some(SellerKey { key: [2; 32], deposit: 0 })
			);
			assert_eq!(key_deposit_held(POOR), 0);
			// Two keys at three reads and writes each, and the storage version.
			assert_eq!(weight, db().reads_writes(6, 6).saturating_add(db().reads_writes(1, 1)));
		});
	}

	#[test]
	fn a_key_kept_without_a_deposit_can_be_cleared_and_republished_with_one() {
		ExtBuilder::default().build_and_execute(|| {
			version_0_state();
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_ok!(OrderBook::clear_encryption_key(RuntimeOrigin::signed(POOR)));
			assert_eq!(Balances::free_balance(POOR), 50);
			assert_noop!(
				OrderBook::set_encryption_key(RuntimeOrigin::signed(POOR), [2; 32]),
				Error::<Test>::InsufficientKeyDeposit
			);
		});
	}

	#[test]
	fn runs_only_from_version_0() {
		ExtBuilder::default().build_and_execute(|| {
			version_0_state();
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			let migrated = EncryptionKeys::<Test>::get(SELLER);
			let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(weight, db().reads(1));
			assert_eq!(EncryptionKeys::<Test>::get(SELLER), migrated);
			assert_eq!(key_deposit_held(SELLER), KEY_DEPOSIT);
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn pre_and_post_upgrade_checks_pass() {
		ExtBuilder::default().build_and_execute(|| {
			version_0_state();
			assert_ok!(MigrateV0ToV1::<Test>::try_on_runtime_upgrade(true));
		});
	}
}
