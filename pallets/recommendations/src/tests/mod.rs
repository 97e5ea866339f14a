//! Unit tests of the recommendations pallet, one file per part of it.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};

mod attestations;
mod attesters;
mod challenges;
mod histories;
mod migrations;
mod model_registry;
mod offchain_worker;
mod runtime_api;
mod tastes;

/// `USER` bought listing 10: the honest top 3 is then 11, 14, 15.
fn user_bought_10() {
	buy(USER, 10);
	let items: Vec<u32> = honest_top_k(USER).iter().map(|r| r.item).collect();
	assert_eq!(items, vec![11, 14, 15]);
}

/// `USER` bought listing 10 and the registered attester attested the honest top 3 as
/// `tamper` changed it.
fn attested(
	tamper: impl FnOnce(Vec<bazaar_inference::Recommendation>) -> Vec<bazaar_inference::Recommendation>,
) {
	user_bought_10();
	assert_ok!(attest(USER, tamper(honest_top_k(USER))));
}

/// `items` with the score of the one at `index` changed by `delta`.
fn with_score_off(
	mut items: Vec<bazaar_inference::Recommendation>,
	index: usize,
	delta: i32,
) -> Vec<bazaar_inference::Recommendation> {
	items[index].score += delta;
	items
}
