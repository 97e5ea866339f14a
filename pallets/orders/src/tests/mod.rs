//! Tests, one file per feature.

use crate::{mock::*, *};
use bazaar_primitives::{OrderId, SettlementOutcome};
use frame_support::assert_ok;
use sp_core::H256;
use sp_runtime::Perbill;

mod cancel_reject_refund;
mod deadlines;
mod delivery_code;
mod deposits;
mod disputes;
mod fees;
mod foreign_asset;
mod invariants;
mod placing;
mod pruning;
mod sealed_delivery;
mod shipping;

/// The value of `quantity` units of the default listing.
pub(crate) fn value(quantity: u32) -> Balance {
	PRICE * quantity as Balance
}

/// The default 2% fee on `quantity` units of the default listing.
pub(crate) fn fee(quantity: u32) -> Balance {
	value(quantity) * 2 / 100
}

/// `BUYER` orders `quantity` units of the default listing.
pub(crate) fn place(quantity: u32) -> OrderId {
	place_by(BUYER, quantity, None)
}

/// `buyer` orders `quantity` units of the default listing, with an optional delivery code.
pub(crate) fn place_by(buyer: AccountId, quantity: u32, code: Option<&[u8]>) -> OrderId {
	let id = NextOrderId::<Test>::get();
	let hash = code.map(|c| H256(sp_io::hashing::blake2_256(c)));
	assert_ok!(OrderBook::place_order(
		RuntimeOrigin::signed(buyer),
		LISTING,
		quantity,
		PRICE,
		hash,
		None
	));
	id
}

/// A placed and shipped order of one unit.
pub(crate) fn shipped() -> OrderId {
	let id = place(1);
	assert_ok!(OrderBook::ship(RuntimeOrigin::signed(SELLER), id, H256::repeat_byte(7)));
	id
}

/// A placed, shipped and disputed order of one unit.
pub(crate) fn disputed() -> OrderId {
	let id = shipped();
	assert_ok!(OrderBook::open_dispute(RuntimeOrigin::signed(BUYER), id, H256::repeat_byte(9)));
	id
}

/// The order's state.
pub(crate) fn state(id: OrderId) -> OrderState<u64> {
	crate::Orders::<Test>::get(id).expect("order exists").state
}

/// The outcome of a settled order.
pub(crate) fn outcome(id: OrderId) -> SettlementOutcome {
	match state(id) {
		OrderState::Settled { outcome, .. } => outcome,
		other => panic!("order {id} not settled: {other:?}"),
	}
}

/// The `OrderSettled` event of an order.
pub(crate) fn settled_event(id: OrderId) -> Event<Test> {
	orders_events()
		.into_iter()
		.find(|e| matches!(e, Event::OrderSettled { order, .. } if *order == id))
		.expect("order was settled")
}

/// Asserts the amounts of an order's `OrderSettled` event.
pub(crate) fn assert_paid(id: OrderId, buyer: Balance, seller: Balance, to_fee: Balance) {
	match settled_event(id) {
		Event::OrderSettled { to_buyer, to_seller, fee, .. } => {
			assert_eq!((to_buyer, to_seller, fee), (buyer, seller, to_fee), "payout of {id}");
		},
		_ => unreachable!(),
	}
}

/// Every `(block, order)` entry of the deadline index, sorted.
pub(crate) fn deadline_entries() -> Vec<(u64, OrderId)> {
	let mut entries: Vec<_> = DeadlineEntries::<Test>::iter_keys().collect();
	entries.sort();
	entries
}

/// A share in percent.
pub(crate) fn pct(p: u32) -> Perbill {
	Perbill::from_percent(p)
}
