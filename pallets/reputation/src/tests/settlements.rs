//! How settled orders change both parties' standings.

use super::*;
use bazaar_primitives::SettlementOutcome::{self, *};
use sp_runtime::Perbill;

#[test]
fn a_completed_order_adds_volume_to_both_parties_and_opens_a_window() {
	build_and_execute(|| {
		settle(0, 500, Completed);
		assert_eq!((as_seller(SELLER).completed, as_seller(SELLER).completed_value), (1, 500));
		assert_eq!((as_buyer(BUYER).completed, as_buyer(BUYER).completed_value), (1, 500));
		assert_eq!(as_buyer(SELLER), Standing::default());
		assert_eq!(as_seller(BUYER), Standing::default());
		assert_eq!(
			RatingWindows::<Test>::get(0),
			Some(RatingWindow {
				buyer: BUYER,
				seller: SELLER,
				value: 500,
				closes_at: 1 + RATING_WINDOW,
				buyer_rated: false,
				seller_rated: false,
			})
		);
		assert_eq!(
			reputation_events(),
			vec![Event::RatingWindowOpened { order: 0, closes_at: 1 + RATING_WINDOW }]
		);
		assert_eq!(WindowQueue::<Test>::iter().count(), 0, "the window needs no queue");
	});
}

#[test]
fn refunds_and_splits_after_shipping_are_counted() {
	build_and_execute(|| {
		settle(0, 500, Refunded);
		settle(1, 500, Split { buyer_share: Perbill::from_percent(30) });
		for standing in [as_seller(SELLER), as_buyer(BUYER)] {
			assert_eq!((standing.refunded, standing.split, standing.completed), (1, 1, 0));
			assert_eq!(standing.ruled_against_value, 0, "agreements are nobody's loss");
		}
		assert!(RatingWindows::<Test>::contains_key(0) && RatingWindows::<Test>::contains_key(1));
	});
}

#[test]
fn a_ruling_counts_against_each_party_by_the_share_the_other_got() {
	build_and_execute(|| {
		settle(0, 1_000, Ruled { buyer_share: Perbill::from_percent(70) });
		assert_eq!((as_seller(SELLER).ruled, as_seller(SELLER).ruled_against_value), (1, 700));
		assert_eq!((as_buyer(BUYER).ruled, as_buyer(BUYER).ruled_against_value), (1, 300));
	});
}

#[test]
fn orders_ended_before_shipping_change_nothing() {
	build_and_execute(|| {
		settle_between(0, BUYER, SELLER, 500, Refunded, false);
		assert_eq!(Standings::<Test>::iter().count(), 0);
		assert_eq!(RatingWindows::<Test>::iter().count(), 0);
		assert_eq!(WindowQueueTail::<Test>::get(), 0);
	});
}

#[test]
fn an_order_with_oneself_is_ignored() {
	build_and_execute(|| {
		settle_between(0, SELLER, SELLER, 500, Completed, true);
		assert_eq!(Standings::<Test>::iter().count(), 0);
		assert!(!RatingWindows::<Test>::contains_key(0));
	});
}

#[test]
fn every_outcome_of_a_shipped_order_opens_a_window() {
	build_and_execute(|| {
		let outcomes: [SettlementOutcome; 4] = [
			Completed,
			Refunded,
			Split { buyer_share: Perbill::from_percent(50) },
			Ruled { buyer_share: Perbill::from_percent(50) },
		];
		for (order, outcome) in outcomes.into_iter().enumerate() {
			settle(order as OrderId, 100, outcome);
			rate(BUYER, order as OrderId, 3);
		}
		assert_eq!(as_seller(SELLER).ratings, 4);
	});
}
