//! Storage migrations of the listings pallet, one module per storage version.
//!
//! Each migration is a [`VersionedMigration`](frame_support::migrations::VersionedMigration): it
//! runs only when the pallet's on-chain storage version is the one it migrates from, and sets the
//! new version when it is done. Its `pre_upgrade` and `post_upgrade` checks run under try-runtime.

pub mod v2 {
	//! Version 1 to 2: every listing names what its price is in.
	//!
	//! Until version 1 every price was in the native currency. From version 2 a listing stores
	//! its `price_asset`; the migration sets it to the native currency, the asset every existing
	//! price was in, and changes nothing else.
	//!
	//! Cost: one read and one write per listing, in one block. At most `MaxListingsPerSeller`
	//! listings per seller, but no bound on sellers: a chain with tens of thousands of listings
	//! would need a multi-block migration (`pallet-migrations`).

	use crate::{
		pallet::{BalanceOf, Config, Listings, Pallet},
		types::{Listing, ListingStatus},
		CategoryId, LOG_TARGET,
	};
	use bazaar_primitives::NativeAsset;
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
		BoundedVec,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use scale_info::TypeInfo;
	use sp_runtime::traits::Saturating;
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, sp_runtime::TryRuntimeError};

	/// The storage layout of version 1.
	pub mod v1 {
		use super::*;
		use bazaar_primitives::ListingId;
		use frame_support::{pallet_prelude::OptionQuery, Twox64Concat};

		/// A listing as version 1 stored it: the version 2 listing without `price_asset`.
		#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		#[scale_info(skip_type_params(MaxMetadataLen))]
		pub struct Listing<AccountId, Balance, BlockNumber, MaxMetadataLen: Get<u32>> {
			pub seller: AccountId,
			pub unit_price: Balance,
			pub stock: u32,
			pub category: CategoryId,
			pub metadata: BoundedVec<u8, MaxMetadataLen>,
			pub status: ListingStatus,
			pub deposit: Balance,
			pub created_at: BlockNumber,
		}

		/// A version 1 listing of this runtime.
		pub type ListingOf<T> = Listing<
			<T as frame_system::Config>::AccountId,
			BalanceOf<T>,
			BlockNumberFor<T>,
			<T as Config>::MaxMetadataLen,
		>;

		/// The listings, as version 1 stored them.
		#[frame_support::storage_alias]
		pub type Listings<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, ListingId, ListingOf<T>, OptionQuery>;

		/// `listing` as version 1 stored it (its asset dropped): how tests put a chain back to
		/// version 1.
		pub fn from_current<T: Config>(listing: crate::pallet::ListingOf<T>) -> ListingOf<T> {
			Listing {
				seller: listing.seller,
				unit_price: listing.unit_price,
				stock: listing.stock,
				category: listing.category,
				metadata: listing.metadata,
				status: listing.status,
				deposit: listing.deposit,
				created_at: listing.created_at,
			}
		}
	}

	/// Migrates version 1 to 2, whatever the on-chain version: only [`MigrateV1ToV2`] may run
	/// it.
	pub struct UncheckedMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T>
	where
		T::AssetKind: NativeAsset,
	{
		fn on_runtime_upgrade() -> Weight {
			let mut migrated = 0u64;
			Listings::<T>::translate::<v1::ListingOf<T>, _>(|_, old| {
				migrated.saturating_inc();
				Some(Listing {
					seller: old.seller,
					price_asset: T::AssetKind::native(),
					unit_price: old.unit_price,
					stock: old.stock,
					category: old.category,
					metadata: old.metadata,
					status: old.status,
					deposit: old.deposit,
					created_at: old.created_at,
				})
			});
			log::info!(target: LOG_TARGET, "priced {migrated} listings in the native currency");
			T::DbWeight::get().reads_writes(migrated, migrated)
		}

		/// Records every listing as version 1 stores it.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let mut listings: Vec<_> = v1::Listings::<T>::iter().collect();
			listings.sort_by_key(|(id, _)| *id);
			frame_support::ensure!(
				listings.len() == v1::Listings::<T>::iter_keys().count(),
				"a listing does not decode as version 1"
			);
			Ok(listings.encode())
		}

		/// Every recorded listing is stored unchanged, priced in the native currency; nothing
		/// else is stored.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let before =
				Vec::<(bazaar_primitives::ListingId, v1::ListingOf<T>)>::decode(&mut &state[..])
					.map_err(|_| "pre_upgrade state does not decode")?;
			frame_support::ensure!(
				Listings::<T>::iter().count() == before.len(),
				"the number of listings changed, or a listing does not decode as version 2"
			);
			for (id, old) in before {
				let new = Listings::<T>::get(id).ok_or("a listing was lost")?;
				frame_support::ensure!(
					new.price_asset == T::AssetKind::native() &&
						v1::from_current::<T>(new).encode() == old.encode(),
					"a listing changed in the migration"
				);
			}
			Ok(())
		}
	}

	/// Migrates the listings pallet from storage version 1 to 2 (see the module docs); a no-op
	/// on any other version.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		UncheckedMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	/// Rewrites every listing as version 1 stored it, and sets the storage version to 1: the
	/// state the migration starts from, for its tests and the runtime's.
	#[cfg(feature = "std")]
	pub fn downgrade_listings_to_v1<T: Config>() {
		use frame_support::traits::StorageVersion;
		let listings: alloc::vec::Vec<_> = Listings::<T>::iter().collect();
		for (id, listing) in listings {
			v1::Listings::<T>::insert(id, v1::from_current::<T>(listing));
		}
		StorageVersion::new(1).put::<Pallet<T>>();
	}

	#[cfg(test)]
	mod tests {
		use super::{downgrade_listings_to_v1, MigrateV1ToV2, Pallet};
		#[cfg(feature = "try-runtime")]
		use super::{UncheckedMigrateV1ToV2, UncheckedOnRuntimeUpgrade};
		use crate::{
			mock::{ExtBuilder, Listings, RuntimeOrigin, Test, NATIVE, SELLER},
			pallet::Listings as ListingsStorage,
		};
		use frame_support::{
			assert_ok,
			traits::{Get, GetStorageVersion, OnRuntimeUpgrade},
		};

		#[test]
		fn prices_every_listing_in_the_native_currency_and_keeps_the_rest() {
			ExtBuilder::default().build_and_execute(|| {
				for price in [250, 90, 7] {
					assert_ok!(Listings::create_listing(
						RuntimeOrigin::signed(SELLER),
						NATIVE,
						price,
						5,
						3,
						crate::tests::metadata(4)
					));
				}
				let mut before: alloc::vec::Vec<_> = ListingsStorage::<Test>::iter().collect();
				downgrade_listings_to_v1::<Test>();
				// Version 1 listings do not decode as version 2 ones.
				assert!(ListingsStorage::<Test>::iter().next().is_none());

				MigrateV1ToV2::<Test>::on_runtime_upgrade();
				assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
				let mut after: alloc::vec::Vec<_> = ListingsStorage::<Test>::iter().collect();
				before.sort_by_key(|(id, _)| *id);
				after.sort_by_key(|(id, _)| *id);
				assert_eq!(codec::Encode::encode(&after), codec::Encode::encode(&before));
				assert_ok!(Pallet::<Test>::do_try_state());
				// Once migrated, the hook runs no more.
				assert_eq!(
					MigrateV1ToV2::<Test>::on_runtime_upgrade(),
					<<Test as frame_system::Config>::DbWeight as Get<
						frame_support::weights::RuntimeDbWeight,
					>>::get()
					.reads(1)
				);
			});
		}

		#[cfg(feature = "try-runtime")]
		#[test]
		fn pre_and_post_upgrade_checks_pass_and_catch_a_changed_listing() {
			ExtBuilder::default().build_and_execute(|| {
				crate::tests::list(4);
				downgrade_listings_to_v1::<Test>();
				let state = UncheckedMigrateV1ToV2::<Test>::pre_upgrade().unwrap();
				UncheckedMigrateV1ToV2::<Test>::on_runtime_upgrade();
				assert_ok!(UncheckedMigrateV1ToV2::<Test>::post_upgrade(state.clone()));
				ListingsStorage::<Test>::mutate(0, |l| {
					if let Some(l) = l {
						l.stock += 1;
					}
				});
				assert!(UncheckedMigrateV1ToV2::<Test>::post_upgrade(state).is_err());
			});
		}
	}
}
