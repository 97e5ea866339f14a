//! Reputation through the real runtime: settled orders open rating windows, ratings move scores
//! read through the runtime API, and faking a score costs the market fee on the fake volume.

// Test code: a failed `unwrap` is a failed test (clippy does not treat `tests/` helpers as tests).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	configs::commerce::{RatingFee, ReputationPriorWeight, RetentionPeriod, TreasuryAccount},
	AccountId, Balance, Balances, Block, BlockNumber, Reputation, Runtime, RuntimeCall, System,
	UNIT,
};
use bazaar_runtime_tests::*;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::fungible::Inspect};
use pallet_reputation::{
	runtime_api::runtime_decl_for_reputation_api::ReputationApiV1, scoring, ReputationSummary, Role,
};
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie, Dave, Eve};
use sp_runtime::Permill;

fn reputation_api(who: Sr25519Keyring) -> ReputationSummary<Balance> {
	<Runtime as ReputationApiV1<Block, AccountId, Balance, BlockNumber>>::reputation(account(who))
}

fn rate(who: Sr25519Keyring, order: u64, stars: u8) {
	assert_ok!(Reputation::rate(signed(who), order, stars, None));
}

#[test]
fn orders_then_ratings_then_scores_through_the_runtime_api() {
	dev_chain().execute_with(|| {
		let prior = ReputationPriorWeight::get();
		assert_eq!(reputation_api(Bob).as_seller.score, scoring::NEUTRAL);

		// Charlie buys 1,000 BZR of goods from Bob: the order settles, and both rate.
		let listing = list(Bob, 500 * UNIT, 10);
		let first = order(Charlie, listing, 2, 500 * UNIT);
		ship_and_confirm(Bob, Charlie, first);
		let window =
			<Runtime as ReputationApiV1<Block, AccountId, Balance, BlockNumber>>::rating_window(
				first,
			)
			.expect("a completed order can be rated");
		assert_eq!(window.closes_at, System::block_number() + RetentionPeriod::get());
		rate(Charlie, first, 5);
		rate(Bob, first, 4);

		// The prior weighs 1,000 BZR at 3 stars: (2·W + 4·1000) / (4·W + 4·1000) = 75%.
		assert_eq!(prior, 1_000 * UNIT);
		let bob = reputation_api(Bob);
		assert_eq!(bob.as_seller.standing.ratings, 1);
		assert_eq!(bob.as_seller.standing.completed_value, 1_000 * UNIT);
		assert_eq!(bob.as_seller.score, Permill::from_percent(75));
		assert_eq!(bob.as_buyer.score, scoring::NEUTRAL, "Bob only sold");
		// Charlie got 4 stars as a buyer: (2·W + 3·1000) / (8·W) = 62.5%.
		assert_eq!(reputation_api(Charlie).as_buyer.score, Permill::from_rational(5u32, 8u32));

		// The ratings are readable, and nobody rates twice.
		let received =
			<Runtime as ReputationApiV1<Block, AccountId, Balance, BlockNumber>>::ratings_received(
				account(Bob),
				None,
				10,
			);
		assert_eq!(received.len(), 1);
		assert_eq!(received[0].1.ratee_role, Role::Seller);
		assert_noop!(
			Reputation::rate(signed(Charlie), first, 1, None),
			pallet_reputation::Error::<Runtime>::NotRateable
		);

		// A ruling that gives Charlie everything back discounts Bob's score by the lost share.
		let second = order(Charlie, listing, 2, 500 * UNIT);
		assert_ok!(bazaar_runtime::Orders::ship(signed(Bob), second, Default::default()));
		assert_ok!(bazaar_runtime::Orders::open_dispute(
			signed(Charlie),
			second,
			Default::default()
		));
		let ruling = RuntimeCall::Orders(pallet_orders::Call::resolve {
			order: second,
			buyer_share: sp_runtime::Perbill::one(),
		});
		assert_ok!(sp_runtime::traits::Dispatchable::dispatch(
			ruling,
			bazaar_runtime::RuntimeOrigin::root()
		));
		let bob = reputation_api(Bob);
		assert_eq!(bob.as_seller.standing.ruled_against_value, 1_000 * UNIT);
		// trust = (W + 1000) / (W + 1000 + 1000) = 2/3.
		assert_eq!(
			bob.as_seller.score,
			Permill::from_percent(75) * Permill::from_rational(2u32, 3u32)
		);
	});
}

#[test]
fn a_rating_window_closes_on_time_and_goes_with_its_pruned_order() {
	dev_chain().execute_with(|| {
		let listing = list(Bob, PRICE, 10);
		let id = order(Charlie, listing, 1, PRICE);
		ship_and_confirm(Bob, Charlie, id);
		// The window lasts exactly as long as the order is kept.
		let closes_at = System::block_number() + RetentionPeriod::get();
		assert_eq!(
			pallet_reputation::RatingWindows::<Runtime>::get(id).unwrap().closes_at,
			closes_at
		);
		assert_eq!(pallet_reputation::WindowQueue::<Runtime>::iter().count(), 0, "nothing queued");

		// Closed on time even while nobody has pruned the order yet.
		System::set_block_number(closes_at);
		assert_noop!(
			Reputation::rate(signed(Charlie), id, 5, None),
			pallet_reputation::Error::<Runtime>::RatingWindowClosed
		);
		let api_window =
			<Runtime as ReputationApiV1<Block, AccountId, Balance, BlockNumber>>::rating_window;
		assert_eq!(api_window(id), None, "the API shows open windows only");
		// Pruning the order (here by anyone, as the deadline hook would) removes the window.
		assert_ok!(bazaar_runtime::Orders::prune(signed(Dave), id));
		assert!(pallet_reputation::RatingWindows::<Runtime>::get(id).is_none());
		assert_noop!(
			Reputation::rate(signed(Charlie), id, 5, None),
			pallet_reputation::Error::<Runtime>::NotRateable
		);
	});
}

/// Dave fakes a seller score by buying from himself (his second account, Eve): list, order,
/// ship, confirm and rate 5 stars. Returns the score reached and what the scheme cost him
/// (his two accounts' total balances before minus after).
fn self_deal(units: u32, unit_price: Balance) -> (Permill, Balance) {
	let (dave, eve) = (account(Dave), account(Eve));
	let total = || Balances::total_balance(&dave) + Balances::total_balance(&eve);
	let before = total();
	let listing = list(Dave, unit_price, units);
	let id = order(Eve, listing, units, unit_price);
	ship_and_confirm(Dave, Eve, id);
	rate(Eve, id, 5);
	(reputation_api(Dave).as_seller.score, before - total())
}

#[test]
fn a_fake_score_costs_the_market_fee_on_the_fake_volume() {
	let prior = ReputationPriorWeight::get();
	let target = Permill::from_percent(90);
	let needed = scoring::value_to_reach(target, prior).unwrap();
	// The pallet docs' figure: 4,000 BZR of fake volume for a 90% score.
	assert_eq!(needed, 4_000 * UNIT);

	dev_chain().execute_with(|| {
		let treasury_before = Balances::balance(&TreasuryAccount::get());
		let (score, cost) = self_deal(4, needed / 4);
		assert!(score >= target, "{score:?}");
		// Dave's accounts lost exactly the market fee and Eve's rating fee (the listing deposit
		// stays his, held).
		assert_eq!(cost, fee_of(needed) + RatingFee::get());
		assert_eq!(fee_of(needed), 40 * UNIT);
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury_before + cost);

		// On a live chain each step is a signed transaction as well: its fee adds to the cost.
		let calls = [
			RuntimeCall::Orders(pallet_orders::Call::place_order {
				listing: 0,
				quantity: 4,
				max_unit_price: needed / 4,
				delivery_code_hash: None,
				sealed_delivery: None,
			}),
			RuntimeCall::Orders(pallet_orders::Call::ship {
				order: 0,
				tracking_hash: [0; 32].into(),
			}),
			RuntimeCall::Orders(pallet_orders::Call::confirm_receipt { order: 0 }),
			RuntimeCall::Reputation(pallet_reputation::Call::rate {
				order: 0,
				stars: 5,
				review: None,
			}),
		];
		for call in calls {
			let length = codec::Encode::encoded_size(&call) as u32;
			let fee = pallet_transaction_payment::Pallet::<Runtime>::compute_fee(
				length,
				&call.get_dispatch_info(),
				0,
			);
			assert!(fee > 0, "every step of the scheme pays a transaction fee");
		}
	});

	// With a quarter less fake volume, the same scheme falls short.
	dev_chain().execute_with(|| {
		let (score, cost) = self_deal(3, needed / 4);
		assert!(score < target, "{score:?}");
		assert_eq!(cost, fee_of(needed / 4 * 3) + RatingFee::get());
	});
}
