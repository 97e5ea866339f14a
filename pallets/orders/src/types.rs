//! The data types of the orders pallet.

use crate::Config;
pub use bazaar_primitives::Role;
use bazaar_primitives::{ListingId, SettlementOutcome};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::fungible, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::Perbill;

/// The account id type of the runtime.
pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
/// The balance type of [`Config::Currency`].
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<AccountIdOf<T>>>::Balance;
/// An order as stored by the pallet.
pub type OrderOf<T> =
	Order<AccountIdOf<T>, <T as Config>::AssetKind, BalanceOf<T>, BlockNumberFor<T>>;
/// An order with its sealed delivery details, as the runtime API returns it.
pub type OrderDetailsOf<T> =
	OrderDetails<AccountIdOf<T>, <T as Config>::AssetKind, BalanceOf<T>, BlockNumberFor<T>>;
/// The buyer's delivery details, sealed to the seller's encryption key (see [`SealedDelivery`]).
pub type SealedDeliveryOf<T> = BoundedVec<u8, <T as Config>::MaxSealedDetailsLen>;
/// Sealed delivery details as `place_order` takes them: with the key they were sealed to.
pub type SealedToKeyOf<T> = SealedToKey<SealedDeliveryOf<T>>;
/// The preimage of a delivery code hash, revealed by the courier.
pub type DeliveryCodeOf<T> = BoundedVec<u8, <T as Config>::MaxDeliveryCodeLen>;

/// An x25519 (Curve25519 Montgomery) public key, as used by NaCl `crypto_box`.
pub type EncryptionKey = [u8; 32];
/// A seller's published key as stored by the pallet.
pub type SellerKeyOf<T> = SellerKey<BalanceOf<T>>;

/// A seller's published encryption key and the storage deposit held for it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct SellerKey<Balance> {
	/// The x25519 public key buyers seal their delivery details to.
	pub key: EncryptionKey,
	/// Held from the seller under [`crate::HoldReason::EncryptionKeyDeposit`] while the key is
	/// published; released by [`crate::Pallet::clear_encryption_key`]. Zero for a key published
	/// before deposits existed whose seller could not pay it when the storage was migrated (see
	/// [`crate::migrations::v1`]).
	pub deposit: Balance,
}

/// The byte layout of sealed delivery details.
///
/// The buyer makes a fresh (ephemeral) x25519 key pair for every order and seals the delivery
/// details with NaCl `crypto_box` (x25519 + XSalsa20-Poly1305: `crypto_box::SalsaBox` in Rust,
/// `naclSeal` / `nacl.box` in `@polkadot/util-crypto` / tweetnacl) from the ephemeral secret key
/// to the seller's published [`EncryptionKey`]. The bytes submitted are
///
/// ```text
/// ephemeral public key (32) || nonce (24) || NaCl box: Poly1305 tag (16) || ciphertext
/// ```
///
/// The seller opens them with `naclOpen(sealed, nonce, ephemeralPublic, sellerSecret)` or
/// `SalsaBox::new(&ephemeral_public, &seller_secret).decrypt(nonce, sealed)`.
pub struct SealedDelivery;

impl SealedDelivery {
	/// Length of the ephemeral public key at the start of the sealed bytes.
	pub const PUBLIC_KEY_LEN: u32 = 32;
	/// Length of the nonce that follows the public key.
	pub const NONCE_LEN: u32 = 24;
	/// Length of the Poly1305 tag at the start of the box.
	pub const TAG_LEN: u32 = 16;
	/// The shortest valid sealed message: key, nonce and tag around an empty plaintext.
	pub const MIN_LEN: u32 = Self::PUBLIC_KEY_LEN + Self::NONCE_LEN + Self::TAG_LEN;
}

/// Delivery details sealed to a seller's key, and that key, as the buyer sends them with an
/// order. The seller may replace its key between the buyer reading it and the order reaching a
/// block; the order then fails instead of storing details the seller cannot open.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct SealedToKey<Sealed> {
	/// The seller's key the details were sealed to: it must be the one published now.
	pub key: EncryptionKey,
	/// The sealed bytes (layout in [`SealedDelivery`]).
	pub sealed: Sealed,
}

/// A proposal to split the escrow, waiting for the other party to accept it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Proposal {
	/// Who proposed it; only the other party may accept it.
	pub by: Role,
	/// The part of the goods value that would go back to the buyer.
	pub buyer_share: Perbill,
}

/// Where an order is in its lifecycle. See the pallet docs for the diagram.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum OrderState<BlockNumber> {
	/// Paid into escrow, waiting for the seller to ship by `ship_by`.
	Placed {
		/// When this block passes unshipped, the buyer is refunded in full.
		ship_by: BlockNumber,
	},
	/// Shipped; the buyer may confirm or dispute until `confirm_by`.
	Shipped {
		/// When this block passes without a dispute, the seller is paid in full.
		confirm_by: BlockNumber,
		/// The hash of the courier's tracking reference, given by the seller.
		tracking_hash: H256,
	},
	/// The buyer disputed the delivery; the parties may agree on a split, else the arbitrator
	/// rules by `rule_by`.
	Disputed {
		/// When this block passes without a ruling or agreement, the escrow is split by
		/// [`Config::RulingFallbackBuyerShare`].
		rule_by: BlockNumber,
		/// The hash of the buyer's reason (the text itself is kept off-chain).
		reason_hash: H256,
	},
	/// Terminal: the escrow was paid out. The order is pruned after
	/// [`Config::RetentionPeriod`].
	Settled {
		/// How it ended.
		outcome: SettlementOutcome,
		/// The block it was settled in.
		at: BlockNumber,
	},
}

impl<BlockNumber: Copy> OrderState<BlockNumber> {
	/// Whether the escrow was paid out already.
	pub fn is_terminal(&self) -> bool {
		matches!(self, Self::Settled { .. })
	}

	/// The block after which the pending deadline passes, if the order is still open.
	pub fn deadline(&self) -> Option<BlockNumber> {
		match self {
			Self::Placed { ship_by } => Some(*ship_by),
			Self::Shipped { confirm_by, .. } => Some(*confirm_by),
			Self::Disputed { rule_by, .. } => Some(*rule_by),
			Self::Settled { .. } => None,
		}
	}
}

/// Which deadline passed.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum DeadlineKind {
	/// The seller did not ship in time: the buyer was refunded in full and the stock released.
	ShipBy,
	/// The buyer neither confirmed nor disputed in time: the seller was paid in full.
	ConfirmBy,
	/// The dispute was not ruled on in time: the fallback split was applied.
	RuleBy,
}

/// An escrowed order.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Order<AccountId, AssetKind, Balance, BlockNumber> {
	/// Who pays, and holds the escrow.
	pub buyer: AccountId,
	/// Who sells, and is paid on completion.
	pub seller: AccountId,
	/// What is bought.
	pub listing: ListingId,
	/// How many units.
	pub quantity: u32,
	/// What the order is paid in: the listing's price asset. The escrow, the market fee, the
	/// storage deposit and a dispute deposit are all held in it.
	pub asset: AssetKind,
	/// The unit price when the order was placed.
	pub unit_price: Balance,
	/// The goods value held in escrow: `unit_price × quantity`.
	pub value: Balance,
	/// The market fee held in escrow on top of `value`.
	pub fee: Balance,
	/// The block the order was placed in.
	pub placed_at: BlockNumber,
	/// Where the order is in its lifecycle.
	pub state: OrderState<BlockNumber>,
	/// The block under which the deadline index ([`crate::DeadlineEntries`]) holds this order:
	/// the pending deadline while open (the next block if the deadline is already due), the
	/// pruning block once settled. `None` only for a settled order that storage version 1's
	/// bounded index had no room for: it is pruned through [`crate::Pallet::prune`].
	pub slot: Option<BlockNumber>,
	/// `blake2_256` of a delivery code: whoever reveals the code completes the order.
	pub delivery_code_hash: Option<H256>,
	/// A pending proposal to split the escrow.
	pub proposal: Option<Proposal>,
	/// The storage deposit held from the buyer until the order is pruned
	/// ([`crate::HoldReason::OrderDeposit`]), in `asset`. Zero for orders placed before deposits
	/// (storage version 4).
	pub deposit: Balance,
}

impl<AccountId, AssetKind, Balance: Copy + sp_runtime::traits::Saturating, BlockNumber: Copy>
	Order<AccountId, AssetKind, Balance, BlockNumber>
{
	/// The amount this order holds from the buyer while it is open.
	pub fn escrow(&self) -> Balance {
		self.value.saturating_add(self.fee)
	}
}

/// An order with its sealed delivery details, as returned by the runtime API.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct OrderDetails<AccountId, AssetKind, Balance, BlockNumber> {
	/// The order id.
	pub id: bazaar_primitives::OrderId,
	/// The order.
	pub order: Order<AccountId, AssetKind, Balance, BlockNumber>,
	/// The sealed delivery details (see [`SealedDelivery`]), if the buyer gave any.
	pub sealed_delivery: Option<alloc::vec::Vec<u8>>,
}
