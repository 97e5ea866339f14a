//! The pallet's logic: learning from settled and pruned orders, rating, draining the legacy
//! window queue, reading scores and checking the invariants.

use crate::{pallet::*, scoring, types::*, weights::WeightInfo, LOG_TARGET};
use alloc::vec::Vec;
use bazaar_primitives::{
	OnOrderPruned, OnOrderSettled, OrderId, ReputationProvider, Settlement, SettlementOutcome,
};
use frame_support::{
	ensure,
	traits::{fungible::Mutate, tokens::Preservation, Get},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{traits::Zero, DispatchResult, Permill, Saturating};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_rate(
		who: T::AccountId,
		order: OrderId,
		stars: u8,
		review: Option<H256>,
	) -> DispatchResult {
		ensure!((MIN_STARS..=MAX_STARS).contains(&stars), Error::<T>::InvalidStars);
		let mut window = RatingWindows::<T>::get(order).ok_or(Error::<T>::NotRateable)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < window.closes_at, Error::<T>::RatingWindowClosed);
		let rater_role = window.role_of(&who).ok_or(Error::<T>::NotParty)?;
		ensure!(!window.rated_by(rater_role), Error::<T>::AlreadyRated);
		let fee = T::RatingFee::get();
		if !fee.is_zero() {
			T::Currency::transfer(&who, &T::FeeDestination::get(), fee, Preservation::Preserve)
				.map_err(|_| Error::<T>::CannotPayRatingFee)?;
		}

		let ratee_role = rater_role.counterpart();
		let ratee = match ratee_role {
			Role::Buyer => window.buyer.clone(),
			Role::Seller => window.seller.clone(),
		};
		Standings::<T>::mutate(&ratee, |standing| {
			standing.role_mut(ratee_role).add_rating(stars, window.value)
		});
		Ratings::<T>::insert(
			&ratee,
			order,
			Rating { rater: who.clone(), ratee_role, stars, review, value: window.value, at: now },
		);
		match rater_role {
			Role::Buyer => window.buyer_rated = true,
			Role::Seller => window.seller_rated = true,
		}
		if window.buyer_rated && window.seller_rated {
			// Nothing left to rate; the queue entry is skipped when its turn comes.
			RatingWindows::<T>::remove(order);
		} else {
			RatingWindows::<T>::insert(order, window);
		}
		Self::deposit_event(Event::Rated { order, rater: who, ratee, ratee_role, stars, review });
		Ok(())
	}

	/// Records how a settled order ended in both parties' standings and, if it was shipped,
	/// opens its rating window. The window is removed when both parties rated or when the order
	/// is pruned ([`OnOrderPruned`]), whichever comes first; nothing else needs to find it.
	pub(crate) fn record_settlement(settlement: &Settlement<T::AccountId, BalanceOf<T>>) {
		if !settlement.shipped || settlement.buyer == settlement.seller {
			return;
		}
		let value = settlement.value;
		let buyer_share = settlement.outcome.buyer_share();
		let buyer_part = buyer_share.mul_floor(value);
		let seller_part = value.saturating_sub(buyer_part);
		let record =
			|standing: &mut Standing<BalanceOf<T>>, ruled_against: BalanceOf<T>| match settlement
				.outcome
			{
				SettlementOutcome::Completed => {
					standing.completed.saturating_inc();
					standing.completed_value.saturating_accrue(value);
				},
				SettlementOutcome::Refunded => standing.refunded.saturating_inc(),
				SettlementOutcome::Split { .. } => standing.split.saturating_inc(),
				SettlementOutcome::Ruled { .. } => {
					standing.ruled.saturating_inc();
					standing.ruled_against_value.saturating_accrue(ruled_against);
				},
			};
		Standings::<T>::mutate(&settlement.seller, |s| record(&mut s.as_seller, buyer_part));
		Standings::<T>::mutate(&settlement.buyer, |s| record(&mut s.as_buyer, seller_part));

		let closes_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::RatingWindow::get());
		RatingWindows::<T>::insert(
			settlement.order,
			RatingWindow {
				buyer: settlement.buyer.clone(),
				seller: settlement.seller.clone(),
				value,
				closes_at,
				buyer_rated: false,
				seller_rated: false,
			},
		);
		Self::deposit_event(Event::RatingWindowOpened { order: settlement.order, closes_at });
	}

	/// `on_idle`: drain more of the legacy queue ([`WindowQueue`]) with the weight the block has
	/// left after its transactions, as many entries as that weight pays for.
	pub(crate) fn idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		// A run that finds the next window still open costs the fixed part and the peek.
		let fixed = Self::close_windows_weight(0, true);
		let per_window = Self::close_windows_weight(1, false)
			.saturating_sub(Self::close_windows_weight(0, false));
		let Some(room) = remaining.checked_sub(&fixed) else { return Weight::zero() };
		let per = |room: u64, each: u64| room.checked_div(each).unwrap_or(u64::MAX);
		let fit = per(room.ref_time(), per_window.ref_time())
			.min(per(room.proof_size(), per_window.proof_size()));
		let max = u32::try_from(fit).unwrap_or(u32::MAX);
		if max == 0 {
			return Weight::zero();
		}
		Self::close_expired_windows(now, max)
	}

	/// Removes up to `max` entries of the legacy queue whose windows closed (or were completed
	/// by both ratings, or removed with their pruned order). `on_initialize` passes
	/// [`Config::MaxExpiriesPerBlock`]. Returns the weight used: at most
	/// [`Self::close_windows_weight`]`(max, true)`, and two reads once the queue is empty.
	pub(crate) fn close_expired_windows(now: BlockNumberFor<T>, max: u32) -> Weight {
		let mut head = WindowQueueHead::<T>::get();
		let tail = WindowQueueTail::<T>::get();
		let (mut handled, mut peeked) = (0u32, false);
		while head < tail && handled < max {
			let Some(order) = WindowQueue::<T>::get(head) else {
				// Unreachable while the queue is consistent (try_state checks it); skip the gap.
				log::warn!(target: LOG_TARGET, "rating window queue has a gap at {head}");
				head.saturating_inc();
				handled.saturating_inc();
				continue;
			};
			if let Some(window) = RatingWindows::<T>::get(order) {
				if window.closes_at > now {
					// Read, not handled: the first window still open.
					peeked = true;
					break;
				}
				RatingWindows::<T>::remove(order);
				Self::deposit_event(Event::RatingWindowClosed { order });
			}
			WindowQueue::<T>::remove(head);
			head.saturating_inc();
			handled.saturating_inc();
		}
		if handled > 0 {
			WindowQueueHead::<T>::put(head);
		}
		Self::close_windows_weight(handled, peeked)
	}

	/// The weight of a run of the hook that closed `handled` windows, and read one more
	/// (`peeked`) to find it still open. The generated weight counts the proof of each window's
	/// `RatingWindows` entry but not of its `WindowQueue` entry (the benchmark CLI fits one
	/// proof component per map): that is added here as the CLI estimates a map entry (its
	/// largest key and value under a trie path of 5 levels of 15 sibling hashes of 33 bytes), and
	/// so are both reads of the entry peeked at, which the benchmark (draining the queue) never
	/// does.
	pub(crate) fn close_windows_weight(handled: u32, peeked: bool) -> Weight {
		use codec::MaxEncodedLen;
		const TRIE_PATH: u64 = 5 * 15 * 33;
		// `Twox64Concat` keys: an 8-byte hash, then the key.
		let entry = |key: usize, value: usize| (8 + key + value) as u64 + TRIE_PATH;
		let queue_entry = entry(u64::max_encoded_len(), OrderId::max_encoded_len());
		let window_entry =
			entry(OrderId::max_encoded_len(), RatingWindowOf::<T>::max_encoded_len());
		let mut weight = T::WeightInfo::on_initialize_close_windows(handled)
			.saturating_add(Weight::from_parts(0, queue_entry.saturating_mul(handled.into())));
		if peeked {
			weight = weight
				.saturating_add(T::DbWeight::get().reads(2))
				.saturating_add(Weight::from_parts(0, queue_entry.saturating_add(window_entry)));
		}
		weight
	}

	/// The order's rating window while it is open: `None` once it closed, even while it waits
	/// to be removed with its order.
	pub fn open_rating_window(order: OrderId) -> Option<RatingWindowOf<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		RatingWindows::<T>::get(order).filter(|window| now < window.closes_at)
	}

	/// The account's standings with their scores.
	pub fn reputation(who: &T::AccountId) -> ReputationSummary<BalanceOf<T>> {
		let standing = Standings::<T>::get(who);
		let prior = T::PriorWeight::get();
		let scored = |standing: Standing<BalanceOf<T>>| ScoredStanding {
			score: standing.score(prior),
			standing,
		};
		ReputationSummary {
			as_seller: scored(standing.as_seller),
			as_buyer: scored(standing.as_buyer),
		}
	}

	/// Up to `max` (capped by [`Config::MaxRatingsPerPage`]) ratings `who` received, after the
	/// order `start_after` (`None`: from the first), in storage order. Page by passing the last
	/// order received.
	pub fn ratings_page(
		who: &T::AccountId,
		start_after: Option<OrderId>,
		max: u32,
	) -> Vec<(OrderId, RatingOf<T>)> {
		let max = max.min(T::MaxRatingsPerPage::get()) as usize;
		match start_after {
			Some(order) =>
				Ratings::<T>::iter_prefix_from(who, Ratings::<T>::hashed_key_for(who, order))
					.take(max)
					.collect(),
			None => Ratings::<T>::iter_prefix(who).take(max).collect(),
		}
	}

	/// Checks that every standing's rating totals equal the sum of the ratings stored for that
	/// account, that no window is kept once both parties rated, and that the legacy queue has
	/// no gaps.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use sp_runtime::TryRuntimeError;

		let mut summed: BTreeMap<T::AccountId, AccountStanding<BalanceOf<T>>> = BTreeMap::new();
		for (ratee, _, rating) in Ratings::<T>::iter() {
			ensure!(
				(MIN_STARS..=MAX_STARS).contains(&rating.stars),
				TryRuntimeError::Other("a stored rating has stars out of range")
			);
			summed
				.entry(ratee)
				.or_default()
				.role_mut(rating.ratee_role)
				.add_rating(rating.stars, rating.value);
		}
		for (who, standing) in Standings::<T>::iter() {
			let sum = summed.remove(&who).unwrap_or_default();
			for role in [Role::Seller, Role::Buyer] {
				let (stored, sum) = (standing.role(role), sum.role(role));
				ensure!(
					stored.ratings == sum.ratings &&
						stored.rated_value == sum.rated_value &&
						stored.star_value == sum.star_value,
					TryRuntimeError::Other("a standing's rating totals differ from its ratings")
				);
			}
		}
		ensure!(
			summed.is_empty(),
			TryRuntimeError::Other("ratings exist for an account without a standing")
		);

		let (head, tail) = (WindowQueueHead::<T>::get(), WindowQueueTail::<T>::get());
		ensure!(head <= tail, TryRuntimeError::Other("window queue head is past its tail"));
		let mut queued = alloc::collections::BTreeSet::new();
		for (position, order) in WindowQueue::<T>::iter() {
			ensure!(
				(head..tail).contains(&position),
				TryRuntimeError::Other("a window queue entry lies outside head..tail")
			);
			queued.insert(order);
		}
		ensure!(
			queued.len() as u64 == tail.saturating_sub(head),
			TryRuntimeError::Other("the window queue has gaps or repeats")
		);
		for window in RatingWindows::<T>::iter_values() {
			ensure!(
				!(window.buyer_rated && window.seller_rated),
				TryRuntimeError::Other("a fully rated window was kept")
			);
		}
		Ok(())
	}
}

impl<T: Config> OnOrderSettled<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn on_order_settled(settlement: &Settlement<T::AccountId, BalanceOf<T>>) {
		Self::record_settlement(settlement)
	}
}

impl<T: Config> OnOrderPruned for Pallet<T> {
	/// The order is gone, and its rating window with it: the runtime keeps orders at least as
	/// long as [`Config::RatingWindow`], so the window has closed by now. One storage write.
	fn on_order_pruned(order: OrderId) {
		RatingWindows::<T>::remove(order);
	}
}

impl<T: Config> ReputationProvider<T::AccountId> for Pallet<T> {
	fn seller_score(who: &T::AccountId) -> Permill {
		scoring::score(&Standings::<T>::get(who).as_seller, T::PriorWeight::get())
	}

	fn buyer_score(who: &T::AccountId) -> Permill {
		scoring::score(&Standings::<T>::get(who).as_buyer, T::PriorWeight::get())
	}
}
