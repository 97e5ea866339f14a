//! Rating: each party of a settled, shipped order rates the other once, in the window.

use super::*;
use bazaar_primitives::SettlementOutcome::{self, Completed};
use frame_support::assert_noop;
use sp_core::H256;
use sp_runtime::DispatchError;

#[test]
fn the_buyer_rates_the_seller_weighted_by_the_order_value() {
	build_and_execute(|| {
		settle(0, 300, Completed);
		let review = Some(H256::repeat_byte(9));
		assert_ok!(Reputation::rate(RuntimeOrigin::signed(BUYER), 0, 4, review));

		let seller = as_seller(SELLER);
		assert_eq!((seller.ratings, seller.rated_value, seller.star_value), (1, 300, 900));
		assert_eq!(as_buyer(SELLER), Standing::default());
		assert_eq!(as_buyer(BUYER).ratings, 0, "the buyer was not rated");
		assert_eq!(
			Ratings::<Test>::get(SELLER, 0),
			Some(Rating {
				rater: BUYER,
				ratee_role: Role::Seller,
				stars: 4,
				review,
				value: 300,
				at: 1
			})
		);
		assert!(reputation_events().contains(&Event::Rated {
			order: 0,
			rater: BUYER,
			ratee: SELLER,
			ratee_role: Role::Seller,
			stars: 4,
			review,
		}));
		let window = RatingWindows::<Test>::get(0).unwrap();
		assert!(window.buyer_rated && !window.seller_rated);
	});
}

#[test]
fn the_seller_rates_the_buyer_and_the_window_closes_when_both_rated() {
	build_and_execute(|| {
		settle(0, 300, Completed);
		rate(SELLER, 0, 2);
		assert_eq!(as_buyer(BUYER).star_value, 300);
		assert!(RatingWindows::<Test>::contains_key(0));
		rate(BUYER, 0, 5);
		assert!(!RatingWindows::<Test>::contains_key(0), "nothing is left to rate");
		assert_eq!(as_seller(SELLER).star_value, 4 * 300);
	});
}

#[test]
fn stars_must_be_from_one_to_five() {
	build_and_execute(|| {
		settle(0, 300, Completed);
		for stars in [0, 6, u8::MAX] {
			assert_noop!(
				Reputation::rate(RuntimeOrigin::signed(BUYER), 0, stars, None),
				Error::<Test>::InvalidStars
			);
		}
		rate(BUYER, 0, 1);
		rate(SELLER, 0, 5);
	});
}

#[test]
fn only_settled_shipped_orders_can_be_rated() {
	build_and_execute(|| {
		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(BUYER), 0, 5, None),
			Error::<Test>::NotRateable
		);
		// Cancelled before shipping: no trade, no market fee, no rating.
		settle_between(1, BUYER, SELLER, 300, SettlementOutcome::Refunded, false);
		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(BUYER), 1, 1, None),
			Error::<Test>::NotRateable
		);
		assert!(reputation_events().is_empty());
	});
}

#[test]
fn only_the_parties_may_rate() {
	build_and_execute(|| {
		settle(0, 300, Completed);
		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(OTHER), 0, 5, None),
			Error::<Test>::NotParty
		);
		assert_noop!(Reputation::rate(RuntimeOrigin::root(), 0, 5, None), DispatchError::BadOrigin);
		assert_noop!(Reputation::rate(RuntimeOrigin::none(), 0, 5, None), DispatchError::BadOrigin);
	});
}

#[test]
fn each_party_rates_once() {
	build_and_execute(|| {
		settle(0, 300, Completed);
		rate(BUYER, 0, 5);
		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(BUYER), 0, 1, None),
			Error::<Test>::AlreadyRated
		);
		rate(SELLER, 0, 5);
		// Both rated: the window is gone, so any further rating finds nothing to rate.
		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(SELLER), 0, 5, None),
			Error::<Test>::NotRateable
		);
	});
}

#[test]
fn ratings_are_accepted_only_before_the_window_closes() {
	build_and_execute(|| {
		settle(0, 300, Completed);
		settle(1, 300, Completed);
		System::set_block_number(1 + RATING_WINDOW - 1);
		rate(BUYER, 0, 5);
		// At the closing block, before the orders were pruned.
		System::set_block_number(1 + RATING_WINDOW);
		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(BUYER), 1, 5, None),
			Error::<Test>::RatingWindowClosed
		);
		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(SELLER), 0, 5, None),
			Error::<Test>::RatingWindowClosed
		);
		// Pruned with its order: the window is gone.
		<Reputation as bazaar_primitives::OnOrderPruned>::on_order_pruned(1);
		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(BUYER), 1, 5, None),
			Error::<Test>::NotRateable
		);
	});
}

#[test]
fn a_party_rates_each_of_its_orders() {
	build_and_execute(|| {
		settle(0, 100, Completed);
		settle(1, 200, Completed);
		rate(BUYER, 0, 5);
		rate(BUYER, 1, 3);
		let seller = as_seller(SELLER);
		assert_eq!((seller.ratings, seller.rated_value, seller.star_value), (2, 300, 400 + 400));
	});
}

#[test]
fn each_rating_costs_its_rater_the_rating_fee_paid_to_the_treasury() {
	build_and_execute(|| {
		settle(0, 300, Completed);
		rate(BUYER, 0, 5);
		rate(SELLER, 0, 4);

		let fee = RatingFee::get();
		assert_eq!(Balances::free_balance(BUYER), ENDOWMENT - fee);
		assert_eq!(Balances::free_balance(SELLER), ENDOWMENT - fee);
		assert_eq!(Balances::free_balance(TREASURY), 2 * fee);
	});
}

#[test]
fn a_rater_who_cannot_pay_the_fee_and_stay_alive_cannot_rate() {
	build_and_execute(|| {
		let fee = RatingFee::get();
		// The buyer keeps less than the fee above the existential deposit (1 here).
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(BUYER),
			OTHER,
			ENDOWMENT - fee
		));
		settle(0, 300, Completed);

		assert_noop!(
			Reputation::rate(RuntimeOrigin::signed(BUYER), 0, 5, None),
			Error::<Test>::CannotPayRatingFee
		);
		assert_eq!(as_seller(SELLER).ratings, 0);
		assert!(!Ratings::<Test>::contains_key(SELLER, 0));
	});
}

#[test]
fn with_a_zero_fee_rating_moves_no_money() {
	build_and_execute(|| {
		RatingFee::set(0);
		settle(0, 300, Completed);
		rate(BUYER, 0, 5);
		assert_eq!(Balances::free_balance(BUYER), ENDOWMENT);
		assert_eq!(Balances::free_balance(TREASURY), 0);
		assert_eq!(as_seller(SELLER).ratings, 1);
	});
}
