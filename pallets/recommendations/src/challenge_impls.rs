//! Challenges: recompute what a claim needs, then slash the attester or forfeit the deposit.

use crate::{pallet::*, types::*};
use bazaar_inference::{check_claimed_score, check_missed_item, ChallengeVerdict};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_challenge(
		challenger: T::AccountId,
		user: T::AccountId,
		claim: Claim,
	) -> DispatchResult {
		let record = Attestations::<T>::get(&user).ok_or(Error::<T>::NoAttestation)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() <= Self::challengeable_until(&record),
			Error::<T>::ChallengeWindowClosed
		);
		let history = Histories::<T>::get(&user);
		// The verdict is computed from the history the attestation read, or not at all.
		ensure!(
			history.nonce == record.attestation.history_nonce &&
				history.digest() == record.attestation.history_digest,
			Error::<T>::AttestationSuperseded
		);
		// Judged before any money moves: a claim that cannot be judged holds nothing.
		let verdict = Self::verdict(&record, &history, claim)?;
		let deposit = T::ChallengeDeposit::get();
		let deposit_reason = HoldReason::ChallengeDeposit.into();
		T::Currency::hold(&deposit_reason, &challenger, deposit)
			.map_err(|_| Error::<T>::InsufficientChallengeDeposit)?;
		match verdict {
			ChallengeVerdict::FraudProven => {
				T::Currency::release(&deposit_reason, &challenger, deposit, Precision::Exact)?;
				let (slashed, reward) = Self::slash(&record.attester, &challenger);
				Self::take_attestation(&user);
				Self::mark_stale(&user);
				Self::deposit_event(Event::ChallengeSucceeded {
					user,
					challenger,
					attester: record.attester,
					claim,
					slashed,
					reward,
				});
			},
			ChallengeVerdict::ClaimStands => {
				T::Currency::transfer_on_hold(
					&deposit_reason,
					&challenger,
					&T::SlashDestination::get(),
					deposit,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Force,
				)?;
				Self::deposit_event(Event::ChallengeFailed { user, challenger, claim, deposit });
			},
		}
		Ok(())
	}

	/// Recomputes what `claim` needs: the user's profile from its history and its stored taste
	/// under the attestation's model (no rows), and the score of one item from its row.
	fn verdict(
		record: &AttestationRecordOf<T>,
		history: &HistoryOf<T>,
		claim: Claim,
	) -> Result<ChallengeVerdict, DispatchError> {
		let version = record.attestation.model_version;
		let model = Models::<T>::get(version).ok_or(Error::<T>::UnknownModel)?;
		let header = &model.header;
		let user = Self::profile_of(version, header, &record.attestation.user, history)?;
		let items = &record.attestation.items;
		let verdict = match claim {
			Claim::WrongScore(index) => {
				let claimed = items.get(index as usize).ok_or(Error::<T>::InvalidClaimIndex)?;
				let row = ModelRows::<T>::get(version, claimed.item);
				check_claimed_score(header, &user, claimed.item, row.as_ref(), claimed.score)
			},
			Claim::MissedItem(listing) => {
				ensure!(!items.iter().any(|r| r.item == listing), Error::<T>::ItemWasRecommended);
				let row = ModelRows::<T>::get(version, listing).ok_or(Error::<T>::NotAModelItem)?;
				match items.last() {
					// A full list: the missed item must rank above the last one.
					Some(last) if items.len() as u32 >= T::RecommendationsPerUser::get() =>
						check_missed_item(header, &user, listing, Some(&row), *last),
					// A short list claims the model has no other eligible item: any eligible
					// item left out disproves it.
					_ => Ok(if user.has_bought(listing) && !header.allows_repeat() {
						ChallengeVerdict::ClaimStands
					} else {
						ChallengeVerdict::FraudProven
					}),
				}
			},
		};
		// The rows were validated against the header on upload, and tastes are built under it.
		verdict.map_err(|_| Error::<T>::InvalidModel.into())
	}

	/// Slashes the whole bond of `attester`: [`Config::ChallengerReward`] of it to the
	/// challenger, the rest to [`Config::SlashDestination`]; the attester is removed. Returns
	/// the amounts slashed and rewarded.
	fn slash(attester: &T::AccountId, challenger: &T::AccountId) -> (BalanceOf<T>, BalanceOf<T>) {
		let Some(registration) = Attesters::<T>::take(attester) else {
			// It withdrew already (only possible once the window is longer than unbonding,
			// which `integrity_test` rules out): nothing left to slash.
			return (Zero::zero(), Zero::zero());
		};
		if AttesterKeys::<T>::get(&registration.key).as_ref() == Some(attester) {
			AttesterKeys::<T>::remove(&registration.key);
		}
		let reason = HoldReason::AttesterBond.into();
		let reward = T::ChallengerReward::get().mul_floor(registration.bond);
		let pay = |to: &T::AccountId, amount| {
			T::Currency::transfer_on_hold(
				&reason,
				attester,
				to,
				amount,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
		};
		let rewarded = pay(challenger, reward).unwrap_or_else(|_| Zero::zero());
		let rest = registration.bond.saturating_sub(rewarded);
		if pay(&T::SlashDestination::get(), rest).is_err() {
			// The destination cannot receive it (e.g. below its existential deposit): burn it,
			// so no bond stays held for an attester that no longer exists.
			let _ = T::Currency::burn_held(
				&reason,
				attester,
				rest,
				Precision::BestEffort,
				Fortitude::Force,
			);
		}
		(registration.bond, rewarded)
	}
}
