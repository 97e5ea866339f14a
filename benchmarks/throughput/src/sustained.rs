//! The sustained workload: orders through their whole life, block after block, as a busy market
//! runs them. Every block offers the lifecycle steps the previous blocks made due (ships,
//! rejections, refunds, confirmations, ratings) and then new orders, and takes what fits; the
//! deadline hooks expire the orders nobody acted on, pay out those nobody confirmed, prune settled
//! orders after the retention period and close rating windows.
//!
//! Each order's fate is chosen by its id ([`Fate::of`]), so that some of everything is always in
//! flight. The runtime must be built with `fast-runtime` (windows of minutes, retention of ten
//! minutes), or no deadline would come due within a run: [`Sustained::new`] checks that the WASM
//! and this binary agree on the windows.

use crate::{
	block_limit,
	chain::{Chain, Error},
	normal_class_limit,
	workload::{sign_with_nonces, UNIT_PRICE},
};
use bazaar_primitives::{ListingId, OrderId};
use bazaar_runtime::{
	genesis_config_presets::{preset_genesis_config, DEMO_CATALOG},
	BlockNumber, Nonce, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, UNIT,
};
use codec::Encode;
use frame_support::dispatch::DispatchClass;
use sp_core::{sr25519, Pair, H256};
use sp_runtime::{BuildStorage, Perbill};
use std::time::Duration;

/// What each buyer and seller starts with: enough for every order a run gives it.
const FUNDS: u128 = 100_000 * UNIT;

/// Each seller's listing stock: more than a run sells.
const STOCK: u32 = 10_000_000;

/// The length of the sealed delivery details of every order (as `workload`'s sealed orders).
const SEALED_LEN: usize = crate::workload::SEALED_DETAILS_LEN;

/// The encryption key every seller publishes before the first order.
const SELLER_KEY: pallet_orders::EncryptionKey = [7; 32];

/// What happens to an order after it is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
	/// Never shipped: the deadline hook refunds it when the ship window ends.
	Expires,
	/// Rejected by the seller in the block after it is placed.
	Rejected,
	/// Shipped, then refunded in full by the seller.
	Refunded,
	/// Shipped and never confirmed: the deadline hook pays the seller when the confirm window
	/// ends.
	CompletedByDeadline,
	/// Shipped and confirmed; nobody rates.
	Confirmed,
	/// Shipped, confirmed and rated by the buyer.
	RatedByBuyer,
	/// Shipped, confirmed and rated by both parties.
	RatedByBoth,
}

impl Fate {
	/// The fate of order `id`: out of every 20 orders, one expires, one is rejected, one is
	/// refunded after shipping, one is completed by its deadline, two are confirmed without
	/// ratings, six are rated by the buyer and eight by both parties.
	pub fn of(id: OrderId) -> Self {
		match id % 20 {
			0 => Fate::Expires,
			1 => Fate::Rejected,
			2 => Fate::Refunded,
			3 => Fate::CompletedByDeadline,
			4 | 5 => Fate::Confirmed,
			6..=11 => Fate::RatedByBuyer,
			_ => Fate::RatedByBoth,
		}
	}
}

/// A transaction of the workload, before it is signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
	Place,
	Ship,
	Reject,
	Refund,
	Confirm,
	RateSeller,
	RateBuyer,
}

/// One step of one order: who signs it (an index into [`Sustained::accounts`]) and for which
/// order (unknown until a placement is included).
#[derive(Clone, Copy, Debug)]
struct Action {
	step: Step,
	buyer: usize,
	seller: usize,
	order: OrderId,
}

impl Action {
	fn signer(&self) -> usize {
		match self.step {
			Step::Place | Step::Confirm | Step::RateSeller => self.buyer,
			Step::Ship | Step::Reject | Step::Refund | Step::RateBuyer => self.seller,
		}
	}

	fn call(&self, sellers_first_listing: ListingId, buyers: usize) -> RuntimeCall {
		let order = self.order;
		match self.step {
			Step::Place => pallet_orders::Call::place_order {
				listing: sellers_first_listing + (self.seller - buyers) as ListingId,
				quantity: 1,
				max_unit_price: UNIT_PRICE,
				delivery_code_hash: None,
				sealed_delivery: Some(pallet_orders::SealedToKey {
					key: SELLER_KEY,
					sealed: frame_support::BoundedVec::truncate_from(vec![0x5e; SEALED_LEN]),
				}),
			}
			.into(),
			Step::Ship =>
				pallet_orders::Call::ship { order, tracking_hash: H256::repeat_byte(1) }.into(),
			Step::Reject => pallet_orders::Call::reject { order }.into(),
			Step::Refund =>
				pallet_orders::Call::refund { order, buyer_share: Perbill::one() }.into(),
			Step::Confirm => pallet_orders::Call::confirm_receipt { order }.into(),
			Step::RateSeller | Step::RateBuyer =>
				pallet_reputation::Call::rate { order, stars: 5, review: None }.into(),
		}
	}

	/// The steps due in the next block once this one is included.
	fn next(&self) -> Vec<Action> {
		let fate = Fate::of(self.order);
		let then = |step| Action { step, ..*self };
		match (self.step, fate) {
			(Step::Place, Fate::Expires) => vec![],
			(Step::Place, Fate::Rejected) => vec![then(Step::Reject)],
			(Step::Place, _) => vec![then(Step::Ship)],
			(Step::Ship, Fate::Refunded) => vec![then(Step::Refund)],
			(Step::Ship, Fate::CompletedByDeadline) => vec![],
			(Step::Ship, _) => vec![then(Step::Confirm)],
			(Step::Confirm, Fate::RatedByBuyer) => vec![then(Step::RateSeller)],
			(Step::Confirm, Fate::RatedByBoth) =>
				vec![then(Step::RateSeller), then(Step::RateBuyer)],
			_ => vec![],
		}
	}
}

/// What one block of the run held and did, and the state it left.
#[derive(Clone, Debug, Default)]
pub struct BlockRecord {
	/// The block's number.
	pub number: BlockNumber,
	/// Orders placed.
	pub placed: u32,
	/// Lifecycle transactions included: ships, rejections, refunds, confirmations, ratings.
	pub lifecycle: u32,
	/// Lifecycle transactions offered but left for the next block (the block was full).
	pub carried: u32,
	/// Orders the hooks expired (refunded before shipping or paid out after it).
	pub expired: u32,
	/// Settled orders the hooks pruned.
	pub pruned: u32,
	/// Entries in the orders' deadline index after the block.
	pub deadline_entries: u32,
	/// Of those, entries whose block has come (they are late).
	pub deadline_overdue: u32,
	/// How many blocks the oldest overdue deadline entry is late by (0: none is).
	pub deadline_lateness: BlockNumber,
	/// Of the late entries, those of open orders: a refund or a payout that is late (the others
	/// are settled orders waiting to be pruned).
	pub open_overdue: u32,
	/// How many blocks the oldest late entry of an open order is late by (0: none is).
	pub open_lateness: BlockNumber,
	/// Rating windows stored after the block (each goes when both parties rated or with its
	/// pruned order).
	pub rating_windows: u32,
	/// Of those, windows that have closed but are still stored (their order not yet pruned).
	pub windows_overdue: u32,
	/// Orders kept in storage after the block (open, or settled and not yet pruned).
	pub orders_stored: u32,
	/// The block's weight: the normal class (transactions) and all classes (with the hooks).
	pub normal_weight: sp_runtime::Weight,
	/// The whole block's weight, every class.
	pub total_weight: sp_runtime::Weight,
	/// The storage proof the collator sends, compacted, in bytes.
	pub proof_size: usize,
	/// Building the block.
	pub build_time: Duration,
	/// Importing it.
	pub import_time: Duration,
}

/// The run's parameters.
#[derive(Clone, Copy, Debug)]
pub struct Params {
	/// New orders offered in every block, after the lifecycle steps due.
	pub orders_per_block: usize,
	/// Accounts that place orders (each order's buyer is the next, in turn).
	pub buyers: usize,
	/// Sellers, each with one listing.
	pub sellers: usize,
}

/// A chain running the sustained workload.
pub struct Sustained {
	params: Params,
	chain: Chain,
	/// Buyers first, then sellers.
	accounts: Vec<sr25519::Pair>,
	/// Each account's next nonce, counting only included transactions.
	nonces: Vec<Nonce>,
	/// The first seller's listing; seller `i`'s is `first_listing + i`.
	first_listing: ListingId,
	/// Steps due, oldest first (carried ones before those the last block made due).
	due: Vec<Action>,
	/// Orders placed so far: the next placement's buyer and seller rotate with it.
	placements: usize,
	/// Whether the WASM's windows were found to be this binary's.
	windows_checked: bool,
}

impl Sustained {
	/// A chain running `code`, with the development genesis plus the workload's funded buyers
	/// and sellers (one listing each), after a setup block in which every seller publishes an
	/// encryption key.
	pub fn new(code: &[u8], params: Params) -> Result<Self, Error> {
		if params.buyers == 0 || params.sellers == 0 {
			return Err("a run needs buyers and sellers".into());
		}
		let accounts: Vec<sr25519::Pair> = (0..params.buyers + params.sellers)
			.map(|index| {
				let seed =
					sp_io::hashing::blake2_256(&(b"bazaar/sustained", index as u64).encode());
				sr25519::Pair::from_seed(&seed)
			})
			.collect();
		let first_listing = DEMO_CATALOG.len() as ListingId;
		let mut config: RuntimeGenesisConfig =
			preset_genesis_config(&sp_genesis_builder::DEV_RUNTIME_PRESET.into())?;
		config
			.balances
			.balances
			.extend(accounts.iter().map(|pair| (pair.public().into(), FUNDS)));
		config.listings.listings.extend(accounts[params.buyers..].iter().map(|pair| {
			let item = b"Sustained benchmark item".to_vec();
			(
				pair.public().into(),
				bazaar_primitives::PaymentAsset::Native,
				UNIT_PRICE,
				STOCK,
				1,
				item,
			)
		}));
		let chain = Chain::new(code.to_vec(), config.build_storage()?)?;
		let nonces = vec![0; accounts.len()];
		let mut run = Self {
			params,
			chain,
			accounts,
			nonces,
			first_listing,
			due: Vec::new(),
			placements: 0,
			windows_checked: false,
		};
		run.check_windows()?;
		let keys: Vec<_> = (params.buyers..run.accounts.len())
			.map(|seller| {
				let call = pallet_orders::Call::set_encryption_key { key: SELLER_KEY }.into();
				(&run.accounts[seller], call, 0)
			})
			.collect();
		let setup = sign_with_nonces(keys, run.chain.genesis_hash())?;
		let block = run.chain.build_block(setup)?;
		if block.included != params.sellers {
			return Err(format!("the setup block refused a key: {:?}", block.full));
		}
		run.chain.append(&block.block)?;
		run.nonces[params.buyers..].iter_mut().for_each(|nonce| *nonce = 1);
		Ok(run)
	}

	/// The run only means something if deadlines come due within it: this binary must be built
	/// with `fast-runtime` (and the WASM too, which the first order placed shows).
	fn check_windows(&self) -> Result<(), Error> {
		let ship_window: BlockNumber = <Runtime as pallet_orders::Config>::ShipWindow::get();
		if ship_window > 1_000 {
			return Err(format!(
				"this binary was built without fast-runtime (ship window {ship_window} blocks): \
				 no deadline would come due in a run"
			));
		}
		Ok(())
	}

	/// Builds, imports and keeps the next block; returns what it held and did.
	pub fn next_block(&mut self) -> Result<BlockRecord, Error> {
		let buyers = self.params.buyers;
		let mut offered = std::mem::take(&mut self.due);
		let lifecycle_offered = offered.len();
		for _ in 0..self.params.orders_per_block {
			let turn = self.placements + offered.len() - lifecycle_offered;
			offered.push(Action {
				step: Step::Place,
				buyer: turn % buyers,
				seller: buyers + turn % self.params.sellers,
				order: 0,
			});
		}
		// Nonces in the order offered: the block takes a prefix, so whatever it leaves out has
		// the highest nonces of its signer and nothing later depends on it.
		let mut nonces = self.nonces.clone();
		let calls = offered.iter().map(|action| {
			let signer = action.signer();
			let nonce = nonces[signer];
			nonces[signer] += 1;
			(&self.accounts[signer], action.call(self.first_listing, buyers), nonce)
		});
		let transactions = sign_with_nonces(calls, self.chain.genesis_hash())?;
		let mut next_id = self.chain.read(pallet_orders::NextOrderId::<Runtime>::get);
		let built = self.chain.build_block(transactions)?;
		let import_time = self.chain.append(&built.block)?;

		let mut record = BlockRecord {
			number: self.chain.head_number(),
			normal_weight: *built.weight.get(DispatchClass::Normal),
			total_weight: built.weight.total(),
			proof_size: built.proof_size,
			build_time: built.build_time,
			import_time,
			..Default::default()
		};
		// Steps left out of this block go first in the next, then those this block made due.
		let mut carried = Vec::new();
		let mut due = Vec::new();
		for (position, action) in offered.into_iter().enumerate() {
			let included = position < built.included;
			match (action.step, included) {
				// The market offers new orders again in the next block.
				(Step::Place, false) => (),
				(_, false) => {
					record.carried += 1;
					carried.push(action);
				},
				(Step::Place, true) => {
					let placed = Action { order: next_id, ..action };
					next_id += 1;
					record.placed += 1;
					self.placements += 1;
					self.nonces[action.signer()] += 1;
					due.extend(placed.next());
				},
				(_, true) => {
					record.lifecycle += 1;
					self.nonces[action.signer()] += 1;
					due.extend(action.next());
				},
			}
		}
		carried.extend(due);
		self.due = carried;
		if !self.windows_checked && record.placed > 0 {
			self.check_wasm_windows(next_id - 1)?;
		}
		self.chain.read(|| record_state(&mut record));
		Ok(record)
	}

	/// The WASM's ship window, as order `id` (placed in the latest block) shows it, is the one
	/// this binary was built with: both are `fast-runtime`'s.
	fn check_wasm_windows(&mut self, id: OrderId) -> Result<(), Error> {
		let order = self
			.chain
			.read(|| pallet_orders::Orders::<Runtime>::get(id))
			.ok_or("the order just placed is not stored")?;
		let pallet_orders::OrderState::Placed { ship_by } = order.state else {
			return Err("the order just placed is not in the placed state".into());
		};
		let native: BlockNumber = <Runtime as pallet_orders::Config>::ShipWindow::get();
		if ship_by - order.placed_at != native {
			return Err(format!(
				"the WASM's ship window is {} blocks, this binary's {native}: build both with \
				 or both without fast-runtime",
				ship_by - order.placed_at
			));
		}
		self.windows_checked = true;
		Ok(())
	}
}

/// Counts what the block's hooks did (from its events) and the indexes it left.
fn record_state(record: &mut BlockRecord) {
	let now = record.number;
	for event in frame_system::Pallet::<Runtime>::read_events_no_consensus() {
		match event.event {
			RuntimeEvent::Orders(pallet_orders::Event::OrderExpired { .. }) => record.expired += 1,
			RuntimeEvent::Orders(pallet_orders::Event::OrderPruned { .. }) => record.pruned += 1,
			_ => (),
		}
	}
	let (mut oldest, mut oldest_open) = (now, now);
	for (block, id) in pallet_orders::DeadlineEntries::<Runtime>::iter_keys() {
		record.deadline_entries += 1;
		if block > now {
			continue;
		}
		record.deadline_overdue += 1;
		oldest = oldest.min(block);
		let open = pallet_orders::Orders::<Runtime>::get(id)
			.is_some_and(|order| !order.state.is_terminal());
		if open {
			record.open_overdue += 1;
			oldest_open = oldest_open.min(block);
		}
	}
	// An entry under block `now` that `now` did not handle is one block late already.
	let late_by = |oldest: BlockNumber, any: bool| if any { now + 1 - oldest } else { 0 };
	record.deadline_lateness = late_by(oldest, record.deadline_overdue > 0);
	record.open_lateness = late_by(oldest_open, record.open_overdue > 0);
	for window in pallet_reputation::RatingWindows::<Runtime>::iter_values() {
		record.rating_windows += 1;
		if window.closes_at <= now {
			record.windows_overdue += 1;
		}
	}
	record.orders_stored = pallet_orders::Orders::<Runtime>::iter_keys().count() as u32;
}

impl BlockRecord {
	/// Whether the block stayed within the whole block's weight (both dimensions), the normal
	/// class's share, and a proof the size of the block's proof limit.
	pub fn within_limits(&self) -> bool {
		let proof_limit = block_limit().proof_size();
		self.total_weight.all_lte(block_limit()) &&
			self.normal_weight.all_lte(normal_class_limit()) &&
			(self.proof_size as u64) <= proof_limit
	}
}
