//! Reading ratings page by page, as the runtime API does.

use super::*;
use bazaar_primitives::SettlementOutcome::Completed;

#[test]
fn ratings_are_paged_and_capped() {
	build_and_execute(|| {
		let count = MAX_RATINGS_PER_PAGE as u64 + 3;
		for order in 0..count {
			settle(order, 100, Completed);
			rate(BUYER, order, 4);
		}
		let first = Reputation::ratings_page(&SELLER, None, u32::MAX);
		assert_eq!(first.len(), MAX_RATINGS_PER_PAGE as usize, "capped by the runtime");
		let last = first.last().map(|(order, _)| *order);
		let rest = Reputation::ratings_page(&SELLER, last, u32::MAX);
		assert_eq!(rest.len(), 3);
		let mut seen: Vec<OrderId> = first.iter().chain(&rest).map(|(order, _)| *order).collect();
		seen.sort();
		assert_eq!(seen, (0..count).collect::<Vec<_>>(), "every rating, once");
		assert!(first.iter().chain(&rest).all(|(_, rating)| rating.rater == BUYER));
		assert!(Reputation::ratings_page(&BUYER, None, 10).is_empty(), "the buyer was not rated");
		assert!(Reputation::ratings_page(&SELLER, None, 0).is_empty());
	});
}
