//! Purchase histories: every completed order of a participant is recorded for the model.

use crate::{pallet::*, types::*};
use bazaar_inference::Purchase;
use bazaar_primitives::{OnOrderSettled, Settlement, SettlementOutcome};

impl<T: Config> OnOrderSettled<T::AccountId, BalanceOf<T>> for Pallet<T> {
	/// A completed order of a participant appends the listing to the buyer's history (the
	/// oldest purchase makes room when it is full), sets its nonce to 1 + the order's id (a
	/// value the nonce never had: order ids are never reused), records it in the buyer's taste
	/// under the active model and marks the buyer stale.
	/// Refunds, splits and rulings are not purchases the buyer kept, and are not recorded.
	fn on_order_settled(settlement: &Settlement<T::AccountId, BalanceOf<T>>) {
		if settlement.outcome != SettlementOutcome::Completed ||
			!Participants::<T>::contains_key(&settlement.buyer)
		{
			return;
		}
		let user = &settlement.buyer;
		let (nonce, basket, first) = Histories::<T>::mutate(user, |history| {
			let first = history.purchases.is_empty();
			let basket = history.next_basket;
			let purchase = Purchase { item: settlement.listing, basket };
			if history.purchases.is_full() && !history.purchases.is_empty() {
				history.purchases.remove(0);
			}
			// There is room now (`MaxHistory` is positive, see `integrity_test`).
			let _ = history.purchases.try_push(purchase);
			history.next_basket = history.next_basket.saturating_add(1);
			history.nonce = settlement.order.saturating_add(1);
			(history.nonce, basket, first)
		});
		Self::record_taste(user, settlement.listing, basket, first);
		Self::mark_stale(user);
		Self::deposit_event(Event::PurchaseRecorded {
			user: user.clone(),
			listing: settlement.listing,
			nonce,
		});
	}
}
