//! # Orders pallet
//!
//! Escrowed orders for the Bazaar marketplace: a buyer pays into escrow when placing an order,
//! the runtime holds the money until the goods are delivered, and one settlement path pays it out
//! for every way an order can end.
//!
//! ## Overview
//!
//! - [`Pallet::place_order`] quotes the listing through [`Config::Inventory`], reserves the stock
//!   and holds `unit_price × quantity` plus the market fee from the buyer under
//!   [`HoldReason::Escrow`]. The buyer passes the highest unit price it accepts, so a price change
//!   between viewing and buying can never overcharge.
//! - The seller ships ([`Pallet::ship`]), rejects ([`Pallet::reject`]) or refunds
//!   ([`Pallet::refund`]); the buyer cancels ([`Pallet::cancel`]), confirms receipt
//!   ([`Pallet::confirm_receipt`]) or opens a dispute ([`Pallet::open_dispute`]); in a dispute the
//!   parties may agree on a split ([`Pallet::propose_settlement`], [`Pallet::accept_settlement`])
//!   or [`Config::ArbitratorOrigin`] rules ([`Pallet::resolve`]). A courier who reveals the
//!   delivery code whose hash the buyer stored completes the order
//!   ([`Pallet::reveal_delivery_code`]).
//! - Nothing personal goes on-chain in clear: a seller publishes an x25519 key
//!   ([`Pallet::set_encryption_key`]) and the buyer's delivery details travel sealed to it (see
//!   [`SealedDelivery`] for the byte layout).
//!
//! ## Lifecycle
//!
//! ```text
//!            ship                 confirm_receipt / delivery code / confirm-by passes
//!   Placed ------> Shipped ---------------------------------------------------> Completed
//!     |               |
//!     |               | open_dispute        resolve / accepted proposal / rule-by passes
//!     |               +-------------> Disputed --------------------------------> Ruled / Split
//!     |
//!     | cancel (buyer) / reject (seller) / ship-by passes
//!     +--------------------------------------------------> Refunded
//!
//! refund (seller): a full refund settles any open order at once (Refunded); a partial refund
//! is an offer that the buyer accepts with accept_settlement (Split)
//! every settled order is pruned RetentionPeriod blocks after settlement
//! ```
//!
//! ## Money
//!
//! All escrow is a `fungible` hold ([`HoldReason::Escrow`]) on the buyer's account; the pallet has
//! no pot. Every outcome goes through one internal function, `settle(order, outcome)`:
//!
//! - `to_seller = value - buyer_share × value` (the buyer's part is rounded down with
//!   [`Perbill`](sp_runtime::Perbill), the remainder goes to the seller) is transferred from the
//!   hold to the seller;
//! - the market fee is transferred from the hold to [`Config::FeeDestination`], **except** on a
//!   full refund ([`Refunded`](bazaar_primitives::SettlementOutcome::Refunded)) before shipping
//!   (cancel, reject, ship-by deadline, full refund of an unshipped order): then the buyer gets the
//!   fee back, since the market served no sale. Once shipped the fee is kept, whatever the split;
//! - whatever is left of the order's escrow is released to the buyer. If a payment cannot be made
//!   (e.g. less than the existential deposit to an account that does not exist) it stays with the
//!   buyer, so no funds are ever created or lost;
//! - on a full refund before shipping the units go back to the listing
//!   ([`Inventory::release`](bazaar_primitives::Inventory::release));
//! - a disputed order's dispute deposit ([`HoldReason::DisputeDeposit`], see below) goes back to
//!   the buyer or to the seller by how the dispute ended;
//! - [`Config::OnOrderSettled`] is told, and [`Event::OrderSettled`] reports the amounts.
//!
//! The market fee ([`MarketFee`], `Permill` of the goods value, rounded down) is set by
//! [`Config::AdminOrigin`] up to [`Config::MaxMarketFee`], and fixed per order when it is placed.
//!
//! ## Deadlines
//!
//! Each open order has one pending deadline, the first block at which it expires:
//!
//! - **ship-by** ([`Config::ShipWindow`] after placing): unshipped, the buyer is refunded in full
//!   (fee included) and the stock released;
//! - **confirm-by** ([`Config::ConfirmWindow`] after shipping): the buyer neither confirmed nor
//!   disputed, the seller is paid in full. A silent buyer never locks the seller's money. This is
//!   also the end of the dispute window;
//! - **rule-by** ([`Config::RulingWindow`] after the dispute opened): no ruling and no agreement,
//!   the escrow is split by [`Config::RulingFallbackBuyerShare`].
//!
//! ## Disputes cost a deposit
//!
//! Opening a dispute holds a deposit from the buyer: [`Config::DisputeDepositShare`] of the goods
//! value, at least [`Config::MinDisputeDeposit`] ([`DisputeDeposits`]). A ruling (or the fallback
//! at rule-by) splits the deposit as it splits the escrow: the buyer gets back their share of it,
//! the seller the rest. An agreed split or a refund by the seller returns it to the buyer; a
//! buyer who confirms receipt after all gives it to the seller. A dispute nobody pursues must
//! not pay whoever opened it: with a fallback share of zero (the runtime's), a lapsed dispute
//! leaves the sale as it was and compensates the seller for the wait.
//!
//! Deadlines are kept in an index with one storage entry per order, keyed by block and order id
//! ([`DeadlineEntries`]): the order's `slot`, the block its deadline passes in (never earlier than
//! the next block). Placing an order writes its entry; moving its deadline and settling it
//! (which schedules its pruning) remove the old entry and write the new one; pruning removes it.
//! None of this reads or depends on the other orders due in the same block, so a block holds any
//! number of deadlines and scheduling never fails.
//!
//! `on_initialize` walks the blocks from [`DeadlineCursor`] up to the current one. For the
//! cursor's block it reads at most the entries it has budget left for (at most
//! [`Config::MaxExpiriesPerBlock`] entries and as many blocks per call), removes and handles
//! them, and moves the cursor on only once that block has no entries left: a busy block is
//! drained over as many blocks as it needs, in the index's storage order. Anyone may also call
//! [`Pallet::process_expired`] for an order whose deadline passed. The same index holds the
//! pruning block of settled orders: they are removed [`Config::RetentionPeriod`] blocks after
//! settlement, by the hook or by anyone through [`Pallet::prune`].
//!
//! `on_initialize` handles a fixed share of the index every block; `on_idle` goes on with the
//! weight the block has left after its transactions, as far as the weight allows. Normal
//! transactions may fill only their class's share of a block (75% in the runtime), so the hooks'
//! capacity grows with the block: a block full of orders leaves room to handle the deadlines of
//! about as many orders (see the sustained-throughput benchmark for the figures).
//!
//! ## Orders pay for their storage
//!
//! Placing an order holds a storage deposit from the buyer ([`HoldReason::OrderDeposit`]):
//! [`Config::OrderDepositBase`] plus [`Config::OrderDepositPerByte`] per byte of sealed delivery
//! details. It is held until the order is pruned and then goes back to the buyer, or to whoever
//! pruned the order with [`Pallet::prune`] after its pruning block had passed: if the hooks fall
//! behind, anyone is paid to catch up. Spamming orders (say of a 1-planck listing) costs their
//! fees and ties up a deposit per order for the order's whole life.
//!
//! ## Reading orders
//!
//! [`BuyerOrders`] and [`SellerOrders`] index each account's orders; the runtime API
//! [`runtime_api::OrdersApi`] pages through them and returns an order's details.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod dispatchable_impls;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(feature = "runtime-api")]
pub mod runtime_api;
mod settlement;
#[cfg(test)]
mod tests;
mod tick_impls;
pub mod types;
mod utility_impls;
pub mod weights;

const LOG_TARGET: &str = "runtime::orders";

// The FRAME macros expand to `expect`s with proofs (pallet index and name in the runtime); our
// own code in this module is the thin call wrappers and has none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use bazaar_primitives::{Inventory, ListingId, OnOrderPruned, OnOrderSettled, OrderId};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			fungibles,
			tokens::{ConversionFromAssetBalance, ConversionToAssetBalance},
			BuildGenesisConfig,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{Perbill, Permill};

	/// The in-code storage version.
	///
	/// - 0: `EncryptionKeys` held bare keys.
	/// - 1: `EncryptionKeys` hold a [`SellerKey`] with its deposit ([`migrations::v1`]).
	/// - 2: the deadline index keeps one entry per order ([`DeadlineEntries`]) instead of one
	///   bounded bucket per block ([`migrations::v2`]).
	/// - 3: a delivery code hash completes one order only ([`migrations::v3`]).
	/// - 4: orders pay a storage deposit ([`migrations::v4`]).
	/// - 5: every order names the asset it is paid in ([`migrations::v5`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(5);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The native currency: sellers' encryption key deposits are held in it.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// What an order may be paid in: the native currency or a foreign asset (the runtime's
		/// [`PaymentAsset`](bazaar_primitives::PaymentAsset)).
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord;

		/// Every asset an order may be paid in, native currency included: an order's escrow,
		/// storage deposit and dispute deposit are held in its asset (the runtime's
		/// `fungible::UnionOf` of balances and the foreign assets' holder).
		type Assets: fungibles::Inspect<
				Self::AccountId,
				AssetId = Self::AssetKind,
				Balance = BalanceOf<Self>,
			> + fungibles::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// Converts between the native currency and each asset at governed rates (the runtime's
		/// `pallet-asset-rate`, the native currency at par): the deposits, set in the native
		/// currency, are held in an order's asset at its rate, and a settled order's value is
		/// told to [`Config::OnOrderSettled`] in the native currency.
		type NativeRate: ConversionToAssetBalance<BalanceOf<Self>, Self::AssetKind, BalanceOf<Self>>
			+ ConversionFromAssetBalance<BalanceOf<Self>, Self::AssetKind, BalanceOf<Self>>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The catalog: quotes prices and stock, reserves and releases units.
		type Inventory: Inventory<Self::AccountId, Self::AssetKind, BalanceOf<Self>>;

		/// Told about every settled order (reputation, recommendations).
		type OnOrderSettled: OnOrderSettled<Self::AccountId, BalanceOf<Self>>;

		/// Told about every pruned order (reputation, whose rating windows close with it).
		type OnOrderPruned: OnOrderPruned;

		/// The account market fees are paid to (the treasury).
		type FeeDestination: Get<Self::AccountId>;

		/// May change the market fee.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Rules on disputes.
		type ArbitratorOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The highest market fee [`Pallet::set_market_fee`] accepts.
		#[pallet::constant]
		type MaxMarketFee: Get<Permill>;

		/// Blocks the seller has to ship after an order is placed.
		#[pallet::constant]
		type ShipWindow: Get<BlockNumberFor<Self>>;

		/// Blocks the buyer has to confirm receipt or open a dispute after shipping.
		#[pallet::constant]
		type ConfirmWindow: Get<BlockNumberFor<Self>>;

		/// Blocks the arbitrator has to rule after a dispute is opened.
		#[pallet::constant]
		type RulingWindow: Get<BlockNumberFor<Self>>;

		/// The buyer's share of the goods value when a dispute is not ruled on in time.
		#[pallet::constant]
		type RulingFallbackBuyerShare: Get<Perbill>;

		/// The dispute deposit as a share of the goods value (rounded up).
		#[pallet::constant]
		type DisputeDepositShare: Get<Perbill>;

		/// The smallest dispute deposit, whatever the goods value.
		#[pallet::constant]
		type MinDisputeDeposit: Get<BalanceOf<Self>>;

		/// Blocks a settled order is kept before it is pruned.
		#[pallet::constant]
		type RetentionPeriod: Get<BlockNumberFor<Self>>;

		/// The deposit held from a seller while its encryption key is published: the key pays
		/// for the storage it takes.
		#[pallet::constant]
		type EncryptionKeyDeposit: Get<BalanceOf<Self>>;

		/// The longest sealed delivery details, in bytes (see [`SealedDelivery`]).
		#[pallet::constant]
		type MaxSealedDetailsLen: Get<u32>;

		/// The longest delivery code, in bytes.
		#[pallet::constant]
		type MaxDeliveryCodeLen: Get<u32>;

		/// The shortest delivery code accepted, in bytes: the hash of a short code (a PIN) is
		/// guessed offline by trying every code, so a seller could complete an order it never
		/// delivered. Codes shorter than this are refused when revealed.
		#[pallet::constant]
		type MinDeliveryCodeLen: Get<u32>;

		/// The storage deposit of an order, held from the buyer from placing until the order is
		/// pruned: its record, its two account index entries, its deadline entry and its
		/// delivery code entry.
		#[pallet::constant]
		type OrderDepositBase: Get<BalanceOf<Self>>;

		/// The storage deposit per byte of an order's sealed delivery details, on top of
		/// [`Config::OrderDepositBase`].
		#[pallet::constant]
		type OrderDepositPerByte: Get<BalanceOf<Self>>;

		/// How many deadline entries (expiries and prunings) `on_initialize` handles per block
		/// whatever the block holds; `on_idle` handles more with the weight the block has left.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// The most order ids the runtime API returns in one page.
		#[pallet::constant]
		type MaxOrdersPerPage: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Creates listings and funds accounts for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<
			Self::AccountId,
			Self::AssetKind,
			BalanceOf<Self>,
		>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The price and market fee of the buyer's open orders.
		#[codec(index = 0)]
		Escrow,
		/// The storage deposit of a seller's published encryption key.
		#[codec(index = 1)]
		EncryptionKeyDeposit,
		/// The deposit of a buyer's open dispute.
		#[codec(index = 2)]
		DisputeDeposit,
		/// The storage deposit of the buyer's orders, until each is pruned.
		#[codec(index = 3)]
		OrderDeposit,
	}

	/// The id the next order gets.
	///
	/// Whitelisted for the benchmarks, with [`MarketFee`]: every order reads both and writes the
	/// counter, but a block reads each from the database once and writes the counter back once,
	/// however many orders it holds; later accesses hit the block's overlay. So the calls' weights
	/// leave them out, and `on_initialize` charges the one read and write of each per block
	/// ([`Pallet::whitelisted_storage_weight`]).
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type NextOrderId<T> = StorageValue<_, OrderId, ValueQuery>;

	/// Orders, open and settled (until pruned).
	#[pallet::storage]
	pub type Orders<T: Config> = StorageMap<_, Twox64Concat, OrderId, OrderOf<T>, OptionQuery>;

	/// The buyer's delivery details sealed to the seller's key (see [`SealedDelivery`]).
	#[pallet::storage]
	pub type SealedDeliveries<T: Config> =
		StorageMap<_, Twox64Concat, OrderId, SealedDeliveryOf<T>, OptionQuery>;

	/// The order that committed to each delivery code hash, until it is pruned. A code revealed
	/// on chain is public: no other stored order may commit to the same hash, so a code
	/// completes one order only.
	#[pallet::storage]
	pub type DeliveryCodeOrders<T: Config> =
		StorageMap<_, Blake2_128Concat, H256, OrderId, OptionQuery>;

	/// The deposit held from the buyer of each disputed order, until the order settles.
	#[pallet::storage]
	pub type DisputeDeposits<T: Config> =
		StorageMap<_, Twox64Concat, OrderId, BalanceOf<T>, OptionQuery>;

	/// The orders each account placed, until they are pruned.
	#[pallet::storage]
	pub type BuyerOrders<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, OrderId, (), OptionQuery>;

	/// The orders placed with each account as seller, until they are pruned.
	#[pallet::storage]
	pub type SellerOrders<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, OrderId, (), OptionQuery>;

	/// The deadline index: the orders whose deadline (or pruning) falls in a block, one entry per
	/// order, under the block its `slot` names.
	///
	/// Bounded by the orders kept in [`Orders`]: every entry belongs to one of them, and each has
	/// at most one entry.
	#[pallet::storage]
	pub type DeadlineEntries<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		OrderId,
		(),
		OptionQuery,
	>;

	/// The earliest block that may still hold entries in [`DeadlineEntries`]; unset until the
	/// hook first runs.
	#[pallet::storage]
	pub type DeadlineCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// The market fee: a part of the goods value the buyer pays on top of it.
	///
	/// Whitelisted for the benchmarks: see [`NextOrderId`].
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type MarketFee<T> = StorageValue<_, Permill, ValueQuery>;

	/// Sellers' x25519 public keys, to which buyers seal their delivery details, with the
	/// deposits held for them.
	#[pallet::storage]
	pub type EncryptionKeys<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, SellerKeyOf<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial market fee; at most [`Config::MaxMarketFee`].
		pub market_fee: Permill,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(
				self.market_fee <= T::MaxMarketFee::get(),
				"genesis market fee is above MaxMarketFee"
			);
			MarketFee::<T>::put(self.market_fee);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An order was placed and its price and fee are held in escrow.
		OrderPlaced {
			/// The new order.
			order: OrderId,
			/// Who placed and pays for it.
			buyer: T::AccountId,
			/// Who sells.
			seller: T::AccountId,
			/// What was ordered.
			listing: ListingId,
			/// How many units.
			quantity: u32,
			/// What the order is paid in: `value`, `fee` and the deposits are in this asset.
			asset: T::AssetKind,
			/// The goods value held: unit price × quantity.
			value: BalanceOf<T>,
			/// The market fee held on top of `value`.
			fee: BalanceOf<T>,
			/// The seller must ship before this block.
			ship_by: BlockNumberFor<T>,
		},
		/// The seller shipped the order.
		OrderShipped {
			/// The order.
			order: OrderId,
			/// Hash of the courier's tracking reference.
			tracking_hash: H256,
			/// The buyer may confirm or dispute before this block; then the seller is paid.
			confirm_by: BlockNumberFor<T>,
		},
		/// The buyer cancelled the order before it was shipped; it was refunded in full.
		OrderCancelled {
			/// The order.
			order: OrderId,
		},
		/// The seller rejected the order before shipping it; it was refunded in full.
		OrderRejected {
			/// The order.
			order: OrderId,
		},
		/// The seller refunded the order in full.
		OrderRefunded {
			/// The order.
			order: OrderId,
		},
		/// The buyer confirmed receipt; the seller was paid.
		ReceiptConfirmed {
			/// The order.
			order: OrderId,
		},
		/// The delivery code was revealed; the seller was paid.
		DeliveryCodeRevealed {
			/// The order.
			order: OrderId,
			/// Who revealed it (usually the courier).
			by: T::AccountId,
		},
		/// The buyer disputed the delivery.
		DisputeOpened {
			/// The order.
			order: OrderId,
			/// Hash of the buyer's reason, kept off-chain.
			reason_hash: H256,
			/// The fallback split applies from this block unless ruled or agreed before.
			rule_by: BlockNumberFor<T>,
			/// Held from the buyer until the dispute ends.
			deposit: BalanceOf<T>,
		},
		/// A dispute ended and its deposit went back to the buyer or to the seller.
		DisputeDepositSettled {
			/// The order.
			order: OrderId,
			/// Released to the buyer.
			to_buyer: BalanceOf<T>,
			/// Paid to the seller.
			to_seller: BalanceOf<T>,
		},
		/// A party proposed a split of the escrow (a partial refund by the seller is one too).
		SettlementProposed {
			/// The order.
			order: OrderId,
			/// Who proposed it; the other party may accept it.
			by: Role,
			/// The part of the goods value proposed for the buyer.
			buyer_share: Perbill,
		},
		/// A party accepted the other's proposal; the order was settled by it.
		SettlementAccepted {
			/// The order.
			order: OrderId,
			/// Who accepted it.
			by: Role,
			/// The agreed part of the goods value for the buyer.
			buyer_share: Perbill,
		},
		/// The arbitrator ruled on a dispute.
		DisputeResolved {
			/// The order.
			order: OrderId,
			/// The part of the goods value given to the buyer.
			buyer_share: Perbill,
		},
		/// An order's deadline passed and the order was settled accordingly.
		OrderExpired {
			/// The order.
			order: OrderId,
			/// Which deadline passed.
			deadline: DeadlineKind,
		},
		/// The escrow of an order was paid out; the order is terminal.
		OrderSettled {
			/// The order.
			order: OrderId,
			/// How it ended.
			outcome: bazaar_primitives::SettlementOutcome,
			/// The buyer's part of the goods value.
			buyer_share: Perbill,
			/// Released to the buyer (its part of the value, the fee if refunded, and any payment
			/// that could not be made).
			to_buyer: BalanceOf<T>,
			/// Paid to the seller.
			to_seller: BalanceOf<T>,
			/// Paid to the fee destination.
			fee: BalanceOf<T>,
		},
		/// A settled order was removed from storage and its storage deposit paid out.
		OrderPruned {
			/// The order.
			order: OrderId,
			/// Who received the order's storage deposit: the buyer, or whoever pruned the order
			/// with [`Pallet::prune`] after its pruning block had passed.
			deposit_to: T::AccountId,
			/// The storage deposit paid out.
			deposit: BalanceOf<T>,
		},
		/// The market fee was changed.
		MarketFeeSet {
			/// The new fee, applying to orders placed from now on.
			fee: Permill,
		},
		/// A seller published (or replaced) its encryption key.
		EncryptionKeySet {
			/// The seller.
			seller: T::AccountId,
			/// The x25519 public key.
			key: EncryptionKey,
			/// The deposit now held for it (held on first publication, kept on replacement).
			deposit: BalanceOf<T>,
		},
		/// A seller withdrew its encryption key and its deposit was released.
		EncryptionKeyCleared {
			/// The seller.
			seller: T::AccountId,
			/// The deposit released.
			deposit: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// There is no such order (it never existed or was pruned). Check the order id.
		UnknownOrder,
		/// The quantity is zero. Order at least one unit.
		ZeroQuantity,
		/// The listing is paused and takes no orders. Wait for the seller to resume it.
		ListingPaused,
		/// The listing has fewer units available than ordered. Order fewer units.
		InsufficientStock,
		/// The unit price is above `max_unit_price` (it rose since you looked). Review the new
		/// price and pass a higher `max_unit_price` if you accept it.
		PriceAboveLimit,
		/// You are the listing's seller. Sellers cannot buy their own listings.
		BuyingOwnListing,
		/// Price × quantity plus the fee overflows, or order ids ran out. Order fewer units.
		Overflow,
		/// The buyer cannot hold the price plus the market fee and the order's storage deposit
		/// (`OrderDepositBase`, plus `OrderDepositPerByte` per byte of sealed details) in the
		/// listing's asset, besides what an account in that asset must keep (the existential
		/// deposit in BZR, the minimum balance in a foreign asset). Top up in that asset or order
		/// fewer units.
		InsufficientFunds,
		/// The seller has published no encryption key: delivery details cannot be sealed to it,
		/// and there is no key to clear. Ask the seller to call `set_encryption_key`, or send no
		/// sealed details.
		NoEncryptionKey,
		/// The sealed delivery details are shorter than key, nonce and tag (72 bytes). Seal them
		/// as documented in `SealedDelivery`.
		SealedDetailsTooShort,
		/// The encryption key is all zeros. Publish a real x25519 public key.
		InvalidEncryptionKey,
		/// The seller cannot hold the deposit of an encryption key (`EncryptionKeyDeposit`) on
		/// top of its existential deposit. Top up before publishing a key.
		InsufficientKeyDeposit,
		/// Only the order's buyer may do this.
		NotBuyer,
		/// Only the order's seller may do this.
		NotSeller,
		/// Only the order's buyer or seller may do this.
		NotParty,
		/// The order was shipped (or settled) already; this is only possible before shipping.
		NotPlaced,
		/// The order is not awaiting delivery as this call needs: it was not shipped yet, is
		/// disputed already (for `open_dispute`) or was settled. Ship it first.
		NotShipped,
		/// The order is not disputed. Open a dispute first (buyer, after shipping).
		NotDisputed,
		/// The order was settled already; nothing can change it any more.
		AlreadySettled,
		/// The order is still open; only settled orders can be pruned.
		NotSettled,
		/// The ship-by deadline passed; the order is refunded to the buyer.
		ShipDeadlinePassed,
		/// The confirm-by deadline passed, which ends the dispute window; the seller is paid.
		DisputeWindowClosed,
		/// The order's deadline has not passed yet. Try again from the deadline block.
		DeadlineNotReached,
		/// The order is settled, but its retention period has not passed. Try later.
		RetentionNotElapsed,
		/// The buyer set no delivery code for this order; it cannot be completed by a code.
		NoDeliveryCode,
		/// The code does not hash to the order's delivery code hash. Check the code.
		WrongDeliveryCode,
		/// The delivery code is revealed only while the order is shipped: before shipping, nothing
		/// was delivered; after a dispute or settlement, the code decides nothing.
		CodeNotAccepted,
		/// There is no proposal to accept. Ask the other party to propose a split.
		NoProposal,
		/// You made this proposal; only the other party can accept it.
		OwnProposal,
		/// A refund of nothing. Refund a non-zero share.
		ZeroRefund,
		/// The fee is above `MaxMarketFee`. Choose a lower fee.
		FeeAboveMaximum,
		/// Another stored order committed to this delivery code hash: a code completes one
		/// order only (once revealed, anyone can read it). Generate a new random code.
		DeliveryCodeReused,
		/// The revealed code is shorter than `MinDeliveryCodeLen`: short codes can be guessed
		/// from their hash. Complete the order with `confirm_receipt` instead, and use long
		/// random codes (the storefront generates them).
		DeliveryCodeTooShort,
		/// The order's deadline has passed: its outcome is fixed (the deadline hook applies it,
		/// or anyone with `process_expired`). Settle or rule before the deadline.
		DeadlinePassed,
		/// The buyer cannot hold the dispute deposit (`DisputeDepositShare` of the goods value, at
		/// least `MinDisputeDeposit`, in the order's asset) besides what an account in that asset
		/// must keep. Top up in the order's asset.
		InsufficientDisputeDeposit,
		/// The delivery details were sealed to a key the seller no longer publishes (it replaced
		/// the key after you read it): the seller could not open them. Seal them again to the
		/// seller's current key.
		EncryptionKeyChanged,
		/// The listing is priced in a foreign asset that no longer has a rate (governance
		/// removed it), so the order's storage deposit, set in the native currency, cannot be
		/// priced in it. Ask governance to set the asset's rate again.
		AssetNotPriced,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::process_deadlines(now, Self::initialize_budget())
				.saturating_add(Self::whitelisted_storage_weight())
		}

		fn on_idle(now: BlockNumberFor<T>, remaining_weight: Weight) -> Weight {
			Self::idle(now, remaining_weight)
		}

		fn integrity_test() {
			assert!(T::MaxExpiriesPerBlock::get() > 0, "MaxExpiriesPerBlock must be positive");
			assert!(
				T::MaxSealedDetailsLen::get() >= SealedDelivery::MIN_LEN,
				"MaxSealedDetailsLen is shorter than an empty sealed message"
			);
			let min_code = T::MinDeliveryCodeLen::get();
			assert!(
				min_code > 0 && min_code <= T::MaxDeliveryCodeLen::get(),
				"MinDeliveryCodeLen not in 1..=MaxDeliveryCodeLen"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_now: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Place an order: reserve `quantity` units of `listing` and hold the price plus the
		/// market fee from the caller in escrow, in the asset the listing is priced in, with the
		/// order's storage deposit (converted to that asset at its rate).
		///
		/// `max_unit_price` is the highest unit price the buyer accepts. `delivery_code_hash`
		/// (`blake2_256` of a code the buyer gives the courier at hand-over) lets whoever reveals
		/// the code complete the order once it is shipped; the code must be at least
		/// [`Config::MinDeliveryCodeLen`] random bytes, and no other stored order may use the same
		/// hash. `sealed_delivery` holds the delivery details sealed to the seller's encryption
		/// key (layout in [`SealedDelivery`]), with that key: it must still be the seller's.
		///
		/// ## Dispatch Origin
		/// Signed by the buyer.
		///
		/// ## Errors
		/// - [`Error::ZeroQuantity`], [`Error::ListingPaused`], [`Error::InsufficientStock`],
		///   [`Error::PriceAboveLimit`], [`Error::BuyingOwnListing`], [`Error::Overflow`],
		///   [`Error::AssetNotPriced`], [`Error::InsufficientFunds`], [`Error::NoEncryptionKey`],
		///   [`Error::EncryptionKeyChanged`], [`Error::SealedDetailsTooShort`],
		///   [`Error::DeliveryCodeReused`]; the inventory's error if the listing does not exist.
		///
		/// ## Events
		/// - [`Event::OrderPlaced`]
		///
		/// ## Weight
		/// Charged for an order with sealed delivery details and a delivery code (the benchmarked
		/// case). An order without details neither reads the seller's key nor stores them, and
		/// one without a code neither checks nor writes the code index; those reads and writes
		/// are refunded ([`Pallet::place_order_weight`]), which also frees the block space they
		/// took.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::place_order())]
		pub fn place_order(
			origin: OriginFor<T>,
			listing: ListingId,
			quantity: u32,
			max_unit_price: BalanceOf<T>,
			delivery_code_hash: Option<H256>,
			sealed_delivery: Option<SealedToKeyOf<T>>,
		) -> DispatchResultWithPostInfo {
			let buyer = ensure_signed(origin)?;
			let (sealed, coded) = (sealed_delivery.is_some(), delivery_code_hash.is_some());
			Self::do_place_order(
				buyer,
				listing,
				quantity,
				max_unit_price,
				delivery_code_hash,
				sealed_delivery,
			)?;
			Ok(Some(Self::place_order_weight(sealed, coded)).into())
		}

		/// Publish (or replace) the caller's x25519 public key, to which buyers seal their
		/// delivery details. The first publication holds [`Config::EncryptionKeyDeposit`] from
		/// the caller; replacing the key keeps the deposit already held.
		///
		/// ## Dispatch Origin
		/// Signed by the seller.
		///
		/// ## Errors
		/// - [`Error::InvalidEncryptionKey`] if the key is all zeros.
		/// - [`Error::InsufficientKeyDeposit`] if the caller cannot hold the deposit.
		///
		/// ## Events
		/// - [`Event::EncryptionKeySet`]
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_encryption_key())]
		pub fn set_encryption_key(origin: OriginFor<T>, key: EncryptionKey) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_set_encryption_key(seller, key)
		}

		/// Withdraw the caller's encryption key and release its deposit. Orders placed already
		/// keep their sealed details; new orders can no longer carry any until a key is
		/// published again.
		///
		/// ## Dispatch Origin
		/// Signed by the seller.
		///
		/// ## Errors
		/// - [`Error::NoEncryptionKey`] if the caller has no key published.
		///
		/// ## Events
		/// - [`Event::EncryptionKeyCleared`]
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::clear_encryption_key())]
		pub fn clear_encryption_key(origin: OriginFor<T>) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_clear_encryption_key(seller)
		}

		/// Mark an order shipped, before its ship-by deadline; the confirm-by deadline starts.
		///
		/// ## Dispatch Origin
		/// Signed by the order's seller.
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::NotSeller`], [`Error::NotPlaced`],
		///   [`Error::ShipDeadlinePassed`].
		///
		/// ## Events
		/// - [`Event::OrderShipped`]
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::ship())]
		pub fn ship(origin: OriginFor<T>, order: OrderId, tracking_hash: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_ship(who, order, tracking_hash)
		}

		/// Reject an order before shipping it: the buyer is refunded in full (fee included) and
		/// the units go back to the listing.
		///
		/// ## Dispatch Origin
		/// Signed by the order's seller.
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::NotSeller`], [`Error::NotPlaced`].
		///
		/// ## Events
		/// - [`Event::OrderRejected`], [`Event::OrderSettled`]
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reject(who, order)
		}

		/// Cancel an order before it is shipped: the buyer is refunded in full (fee included)
		/// and the units go back to the listing.
		///
		/// ## Dispatch Origin
		/// Signed by the order's buyer.
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::NotBuyer`], [`Error::NotPlaced`].
		///
		/// ## Events
		/// - [`Event::OrderCancelled`], [`Event::OrderSettled`]
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, order)
		}

		/// Refund the buyer, any time before the order is settled.
		///
		/// A full refund (`buyer_share` = 100%) settles the order at once; the fee is refunded
		/// too if the order was not shipped. A partial refund is an offer, recorded as the
		/// seller's proposal: it settles the order when the buyer accepts it with
		/// [`Pallet::accept_settlement`] (a unilateral partial refund would let a seller take
		/// most of the escrow without delivering and cut the buyer's dispute short).
		///
		/// ## Dispatch Origin
		/// Signed by the order's seller.
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::NotSeller`], [`Error::AlreadySettled`],
		///   [`Error::ZeroRefund`].
		///
		/// ## Events
		/// - Full: [`Event::OrderRefunded`], [`Event::OrderSettled`]
		/// - Partial: [`Event::SettlementProposed`]
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::refund())]
		pub fn refund(
			origin: OriginFor<T>,
			order: OrderId,
			buyer_share: Perbill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_refund(who, order, buyer_share)
		}

		/// Confirm the goods arrived: the seller is paid in full. Also possible during a
		/// dispute, which it ends in the seller's favour.
		///
		/// ## Dispatch Origin
		/// Signed by the order's buyer.
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::NotBuyer`], [`Error::NotShipped`].
		///
		/// ## Events
		/// - [`Event::ReceiptConfirmed`], [`Event::OrderSettled`]
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::confirm_receipt())]
		pub fn confirm_receipt(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm_receipt(who, order)
		}

		/// Dispute a shipped order, before its confirm-by deadline; the rule-by deadline starts.
		/// Holds the dispute deposit from the buyer (see "Disputes cost a deposit" in the pallet
		/// docs).
		///
		/// ## Dispatch Origin
		/// Signed by the order's buyer.
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::NotBuyer`], [`Error::NotShipped`],
		///   [`Error::DisputeWindowClosed`], [`Error::InsufficientDisputeDeposit`].
		///
		/// ## Events
		/// - [`Event::DisputeOpened`]
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::open_dispute())]
		pub fn open_dispute(
			origin: OriginFor<T>,
			order: OrderId,
			reason_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_open_dispute(who, order, reason_hash)
		}

		/// Propose to settle a dispute by giving `buyer_share` of the goods value to the buyer.
		/// Replaces any earlier proposal.
		///
		/// ## Dispatch Origin
		/// Signed by the order's buyer or seller.
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::NotParty`], [`Error::NotDisputed`].
		///
		/// ## Events
		/// - [`Event::SettlementProposed`]
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::propose_settlement())]
		pub fn propose_settlement(
			origin: OriginFor<T>,
			order: OrderId,
			buyer_share: Perbill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose_settlement(who, order, buyer_share)
		}

		/// Accept the other party's proposal (or the seller's partial refund offer): the order
		/// is settled by it.
		///
		/// ## Dispatch Origin
		/// Signed by the order's buyer or seller, not the proposer.
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::NotParty`], [`Error::AlreadySettled`],
		///   [`Error::NoProposal`], [`Error::OwnProposal`], [`Error::DeadlinePassed`].
		///
		/// ## Events
		/// - [`Event::SettlementAccepted`], [`Event::OrderSettled`]
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::accept_settlement())]
		pub fn accept_settlement(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_settlement(who, order)
		}

		/// Rule on a dispute: `buyer_share` of the goods value goes to the buyer, the rest to
		/// the seller; the fee is kept.
		///
		/// ## Dispatch Origin
		/// [`Config::ArbitratorOrigin`].
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::NotDisputed`], [`Error::DeadlinePassed`].
		///
		/// ## Events
		/// - [`Event::DisputeResolved`], [`Event::OrderSettled`]
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::resolve())]
		pub fn resolve(
			origin: OriginFor<T>,
			order: OrderId,
			buyer_share: Perbill,
		) -> DispatchResult {
			T::ArbitratorOrigin::ensure_origin(origin)?;
			Self::do_resolve(order, buyer_share)
		}

		/// Reveal the delivery code of a shipped order: if it is at least
		/// [`Config::MinDeliveryCodeLen`] bytes and hashes (`blake2_256`) to the stored hash, the
		/// order is complete and the seller paid.
		///
		/// ## Dispatch Origin
		/// Signed by anyone (usually the courier, who got the code from the buyer).
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::CodeNotAccepted`], [`Error::NoDeliveryCode`],
		///   [`Error::DeliveryCodeTooShort`], [`Error::WrongDeliveryCode`].
		///
		/// ## Events
		/// - [`Event::DeliveryCodeRevealed`], [`Event::OrderSettled`]
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::reveal_delivery_code())]
		pub fn reveal_delivery_code(
			origin: OriginFor<T>,
			order: OrderId,
			code: DeliveryCodeOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal_delivery_code(who, order, code)
		}

		/// Apply an open order's passed deadline now (ship-by: refund; confirm-by: pay the
		/// seller; rule-by: fallback split), without waiting for the hook.
		///
		/// ## Dispatch Origin
		/// Signed by anyone.
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::AlreadySettled`], [`Error::DeadlineNotReached`].
		///
		/// ## Events
		/// - [`Event::OrderExpired`], [`Event::OrderSettled`]
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::process_expired().max(T::WeightInfo::process_expired_completed())
		)]
		pub fn process_expired(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_process_expired(order)
		}

		/// Remove a settled order whose retention period passed, without waiting for the hooks.
		///
		/// The order's storage deposit goes back to its buyer, or to the caller if the order's
		/// pruning block has passed (the hooks fell behind and the caller does their work).
		///
		/// ## Dispatch Origin
		/// Signed by anyone.
		///
		/// ## Errors
		/// - [`Error::UnknownOrder`], [`Error::NotSettled`], [`Error::RetentionNotElapsed`].
		///
		/// ## Events
		/// - [`Event::OrderPruned`]
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::prune())]
		pub fn prune(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_prune_call(who, order)
		}

		/// Set the market fee for orders placed from now on.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Errors
		/// - [`Error::FeeAboveMaximum`] if `fee` is above [`Config::MaxMarketFee`].
		///
		/// ## Events
		/// - [`Event::MarketFeeSet`]
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::set_market_fee())]
		pub fn set_market_fee(origin: OriginFor<T>, fee: Permill) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(fee <= T::MaxMarketFee::get(), Error::<T>::FeeAboveMaximum);
			MarketFee::<T>::put(fee);
			Self::deposit_event(Event::MarketFeeSet { fee });
			Ok(())
		}
	}
}
