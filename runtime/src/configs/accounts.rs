//! Accounts that act together: batches of calls (utility), accounts that act for others (proxy)
//! and accounts of several owners (multisig), configured as the Polkadot system chains configure
//! them, plus the proxy types of a shop.
//!
//! # Proxy types
//!
//! A proxy of type `T` may dispatch, as the account that added it, the calls `T`'s filter lets
//! through. The filter applies to every call a proxied call dispatches in turn (the calls in a
//! `utility` batch or `as_derivative`), because `pallet-proxy` puts it on the origin.
//!
//! | type | may | may not |
//! |---|---|---|
//! | [`ProxyType::Any`] | everything | |
//! | [`ProxyType::NonTransfer`] | everything that does not pay out of the account | balances, foreign assets, XCM, multisig, sudo; a buyer's `place_order`, `confirm_receipt`, `open_dispute` and settlements; an attester's bond (`register_attester`) and a challenge's deposit (`challenge`) |
//! | [`ProxyType::Governance`] | referenda, votes, preimages, treasury payouts, whitelist | anything else |
//! | [`ProxyType::ShopStaff`] | manage listings; ship, reject, refund (also as a counter-offer in a dispute); settle passed deadlines; reveal delivery codes | pay, buy, settle disputes with the other party's proposal, change the shop's encryption key, proxies, multisig |
//!
//! Why the shop-staff type leaves out what it leaves out:
//! - `place_order` pays from the shop's balance, to any seller: the staff member's own listing too.
//!   Buying is a transfer.
//! - `propose_settlement` and `accept_settlement` are open to either party of an order, and the
//!   filter cannot see which side the shop is on. On an order the shop *bought*, a staff member
//!   could settle the dispute in the seller's favour: an accomplice seller would be paid the shop's
//!   escrow. Staff answer a dispute on the shop's sales with `refund`, which only the seller can
//!   call: a full refund, or a partial one that stands as the shop's offer until the buyer accepts
//!   it.
//! - The encryption key decides who can read the buyers' delivery details; a staff member who set
//!   it could read (or lose) every new buyer's address. The shop shares its secret key with the
//!   staff who need to read the details, out of band.
//! - Multisig: a shop that is one signatory of a multisig would let its staff approve the
//!   multisig's payments. Proxies: a staff member could add other proxies.
//!
//! There is no buyer-side type: an account that may place orders spends the principal's money
//! with any seller, its own listings included; that is a transfer proxy by another name. A buyer
//! who lets someone shop for them gives that person a funded account of their own, or makes the
//! purchase a 2-of-n multisig.

use crate::{
	deposit, Balance, Balances, BlakeTwo256, OriginCaller, Runtime, RuntimeCall, RuntimeEvent,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{parameter_types, traits::InstanceFilter};
use scale_info::TypeInfo;

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::WeightInfo<Runtime>;
}

parameter_types! {
	/// A multisig operation: one entry of its account and call hash (88 bytes).
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	/// Each signatory's approval: 32 bytes more in the operation's entry.
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	/// As on the system chains.
	type MaxSignatories = frame_support::traits::ConstU32<100>;
	type WeightInfo = crate::weights::pallet_multisig::WeightInfo<Runtime>;
	/// Bazaar's own blocks, like every deadline of this runtime (orders, governance).
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}

parameter_types! {
	/// An account's proxy list: one entry keyed by the account (32 bytes), with its deposit
	/// (8 bytes).
	pub const ProxyDepositBase: Balance = deposit(1, 40);
	/// Each proxy: its account and type (33 bytes) more in the list.
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	/// An account's announcement list: one entry (32-byte key, 16-byte deposit).
	pub const AnnouncementDepositBase: Balance = deposit(1, 48);
	/// Each announcement: the real account, the call hash and a block number (68 bytes).
	pub const AnnouncementDepositFactor: Balance = deposit(0, 68);
}

/// What a proxy may do for the account that added it; see the module documentation.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Every call.
	#[default]
	#[codec(index = 0)]
	Any,
	/// Every call that does not pay out of the account.
	#[codec(index = 1)]
	NonTransfer,
	/// Governance: referenda, votes, preimages, treasury payouts and the whitelist.
	#[codec(index = 2)]
	Governance,
	/// A shop's staff: listings, and the seller's side of orders short of settling disputes.
	#[codec(index = 3)]
	ShopStaff,
}

impl ProxyType {
	/// Whether a shop's staff may dispatch `call` for the shop.
	fn allows_shop_staff(call: &RuntimeCall) -> bool {
		use pallet_orders::Call as Orders;
		match call {
			// Every listing call acts on the caller's own listings.
			RuntimeCall::Listings(..) => true,
			RuntimeCall::Orders(
				Orders::ship { .. } |
				Orders::reject { .. } |
				Orders::refund { .. } |
				Orders::reveal_delivery_code { .. } |
				Orders::process_expired { .. } |
				Orders::prune { .. },
			) => true,
			RuntimeCall::Utility(call) => Self::allows_batch(call),
			_ => false,
		}
	}

	/// Whether a governance proxy may dispatch `call`.
	fn allows_governance(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Referenda(..) |
			RuntimeCall::ConvictionVoting(..) |
			RuntimeCall::Preimage(..) |
			RuntimeCall::Whitelist(..) |
			RuntimeCall::Treasury(..) => true,
			RuntimeCall::Utility(call) => Self::allows_batch(call),
			_ => false,
		}
	}

	/// Whether a proxy that may not pay out of the account may dispatch `call`: everything but
	/// transfers, the buyer's calls that pay a seller or risk a deposit, and the recommendation
	/// calls that stake the account's money on a claim: an attester's bond under a `reco` key the
	/// proxy may hold (it could sign a wrong list and challenge it itself for the reward), and a
	/// challenge's deposit (forfeited if the challenge fails).
	fn allows_non_transfer(call: &RuntimeCall) -> bool {
		use pallet_orders::Call as Orders;
		use pallet_recommendations::Call as Recommendations;
		!matches!(
			call,
			RuntimeCall::Balances(..) |
				RuntimeCall::ForeignAssets(..) |
				RuntimeCall::PolkadotXcm(..) |
				RuntimeCall::Recommendations(
					Recommendations::register_attester { .. } | Recommendations::challenge { .. }
				) | RuntimeCall::Orders(
				Orders::place_order { .. } |
					Orders::confirm_receipt { .. } |
					Orders::open_dispute { .. } |
					Orders::propose_settlement { .. } |
					Orders::accept_settlement { .. }
			) | RuntimeCall::Multisig(..) |
				RuntimeCall::Sudo(..)
		)
	}

	/// The utility calls the narrow types allow: batches, whose calls the filter checks one by
	/// one. `as_derivative` would act as another account of the shop's; the root-only calls
	/// are refused anyway.
	fn allows_batch(call: &pallet_utility::Call<Runtime>) -> bool {
		matches!(
			call,
			pallet_utility::Call::batch { .. } |
				pallet_utility::Call::batch_all { .. } |
				pallet_utility::Call::force_batch { .. }
		)
	}
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => Self::allows_non_transfer(call),
			ProxyType::Governance => Self::allows_governance(call),
			ProxyType::ShopStaff => Self::allows_shop_staff(call),
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			// Governance and shop-staff calls pay nothing out of the account.
			(ProxyType::NonTransfer, _) => true,
			_ => false,
		}
	}
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	/// As on the system chains.
	type MaxProxies = frame_support::traits::ConstU32<32>;
	type WeightInfo = crate::weights::pallet_proxy::WeightInfo<Runtime>;
	type MaxPending = frame_support::traits::ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	/// Bazaar's own blocks, like every deadline of this runtime (orders, governance).
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}
