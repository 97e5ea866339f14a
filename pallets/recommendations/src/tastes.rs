//! Taste vectors: updated at each recorded purchase, built from the histories when a model is
//! activated, read by the off-chain worker, the challenge and the runtime API.

use crate::{pallet::*, types::*, weights::WeightInfo, LOG_TARGET};
use bazaar_inference::{ItemId, ModelHeader, TasteVector, UserProfile};
use frame_support::{pallet_prelude::*, traits::Get};

impl<T: Config> Pallet<T> {
	/// Records `user`'s purchase of `item` in `basket` in its taste under the active model. A
	/// first purchase starts the taste; otherwise a missing taste is still to be built from the
	/// history ([`TasteRebuild`]), which already holds this purchase.
	pub(crate) fn record_taste(user: &T::AccountId, item: ItemId, basket: u32, first: bool) {
		let Some(version) = ActiveModel::<T>::get() else { return };
		let Some(model) = Models::<T>::get(version) else { return };
		let header = &model.header;
		let row = ModelRows::<T>::get(version, item);
		TasteVectors::<T>::mutate(version, user, |stored| {
			if stored.is_none() && first {
				*stored = Some(TasteVector::new(header));
			}
			let Some(taste) = stored else { return };
			if let Err(error) = taste.record(header, basket, row.as_ref()) {
				// Rows and tastes are validated against the header they are stored with.
				log::error!(target: LOG_TARGET, "taste of {user:?} not updated: {error:?}");
			}
		});
	}

	/// Builds taste vectors of the model in [`TasteRebuild`] for the next histories in storage
	/// order, as many as `limit` pays for ([`WeightInfo::build_taste`] each, the worst case of
	/// a full history), and marks each user built stale so it is attested under the new model.
	/// Returns the weight used.
	pub(crate) fn build_tastes(limit: Weight) -> Weight {
		let db = T::DbWeight::get();
		// The progress is read, and written when it moved: charged up front.
		let mut used = db.reads_writes(1, 1);
		if used.any_gt(limit) {
			return Weight::zero();
		}
		let Some(mut progress) = TasteRebuild::<T>::get() else { return db.reads(1) };
		let version = progress.version;
		let Some(model) =
			Models::<T>::get(version).filter(|_| ActiveModel::<T>::get() == Some(version))
		else {
			// Cannot happen: activation replaces the progress. Stop rather than build tastes
			// nobody reads.
			TasteRebuild::<T>::kill();
			return used.saturating_add(db.reads(2));
		};
		used = used.saturating_add(db.reads(2));
		let step = T::WeightInfo::build_taste();
		let mut histories = match &progress.last {
			Some(last) => Histories::<T>::iter_from(Histories::<T>::hashed_key_for(last)),
			None => Histories::<T>::iter(),
		};
		let mut moved = false;
		loop {
			if used.saturating_add(step).any_gt(limit) {
				if moved {
					TasteRebuild::<T>::put(&progress);
				}
				return used;
			}
			used = used.saturating_add(step);
			let Some((user, history)) = histories.next() else { break };
			Self::build_taste(version, &model.header, &user, &history);
			progress.last = Some(user);
			moved = true;
		}
		TasteRebuild::<T>::kill();
		Self::deposit_event(Event::TastesBuilt { version });
		used
	}

	/// Builds `user`'s taste under `version` from `history`, unless it has one or no purchases.
	fn build_taste(
		version: ModelVersion,
		header: &ModelHeader,
		user: &T::AccountId,
		history: &HistoryOf<T>,
	) {
		if history.purchases.is_empty() || TasteVectors::<T>::contains_key(version, user) {
			return;
		}
		let rows = |item| ModelRows::<T>::get(version, item);
		match TasteVector::replay(header, &history.purchases, rows) {
			Ok(taste) => {
				TasteVectors::<T>::insert(version, user, taste);
				Self::mark_stale(user);
			},
			Err(error) => log::error!(
				target: LOG_TARGET,
				"taste of {user:?} under model {version} not built: {error:?}"
			),
		}
	}

	/// `user`'s taste under `version` as stored; the empty taste without purchases.
	///
	/// # Errors
	/// [`Error::TasteNotBuilt`] if the user has purchases and its taste is still to be built.
	pub(crate) fn taste_of(
		version: ModelVersion,
		header: &ModelHeader,
		user: &T::AccountId,
		history: &HistoryOf<T>,
	) -> Result<TasteVector, Error<T>> {
		match TasteVectors::<T>::get(version, user) {
			Some(taste) => Ok(taste),
			None if history.purchases.is_empty() => Ok(TasteVector::new(header)),
			None => Err(Error::<T>::TasteNotBuilt),
		}
	}

	/// `user`'s profile under `version` ([`UserProfile::new`]) from its history and stored
	/// taste.
	///
	/// # Errors
	/// [`Error::TasteNotBuilt`] as [`Self::taste_of`]; [`Error::InvalidModel`] if the history,
	/// the taste and the header do not fit together (they are stored validated: not expected).
	pub(crate) fn profile_of(
		version: ModelVersion,
		header: &ModelHeader,
		user: &T::AccountId,
		history: &HistoryOf<T>,
	) -> Result<UserProfile, Error<T>> {
		let taste = Self::taste_of(version, header, user, history)?;
		UserProfile::new(header, &history.purchases, &taste).map_err(|_| Error::<T>::InvalidModel)
	}
}
