//! The deadline index, the account indexes for the runtime API, and the state checks.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use bazaar_primitives::OrderId;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
	/// Enter `id` in the deadline index under `at`, or under `now + 1` if `at` is earlier (the
	/// hook of the current block may have run already). One storage write, whatever else is due
	/// in that block. Returns the block chosen, the order's new `slot`.
	pub(crate) fn schedule(
		id: OrderId,
		at: BlockNumberFor<T>,
		now: BlockNumberFor<T>,
	) -> BlockNumberFor<T> {
		let block = at.max(now.saturating_add(One::one()));
		DeadlineEntries::<T>::insert(block, id, ());
		block
	}

	/// Take `id`'s entry under `slot` out of the deadline index. One storage write.
	pub(crate) fn unschedule(id: OrderId, slot: BlockNumberFor<T>) {
		DeadlineEntries::<T>::remove(slot, id);
	}

	/// Move an open order's deadline to `at`: its old entry is removed and the new one entered
	/// (see [`Self::schedule`]).
	pub(crate) fn reschedule(
		id: OrderId,
		order: &mut OrderOf<T>,
		at: BlockNumberFor<T>,
		now: BlockNumberFor<T>,
	) {
		if let Some(slot) = order.slot {
			Self::unschedule(id, slot);
		}
		order.slot = Some(Self::schedule(id, at, now));
	}

	/// The ids of `who`'s orders in `role`, after `start_after` (in storage order; pass the
	/// last id of a page to get the next), at most `max_count` (capped by
	/// [`Config::MaxOrdersPerPage`]).
	pub fn orders_of(
		who: T::AccountId,
		role: Role,
		start_after: Option<OrderId>,
		max_count: u32,
	) -> Vec<OrderId> {
		let max = max_count.min(T::MaxOrdersPerPage::get()) as usize;
		match (role, start_after) {
			(Role::Buyer, None) => BuyerOrders::<T>::iter_key_prefix(&who).take(max).collect(),
			(Role::Buyer, Some(after)) => {
				let raw = BuyerOrders::<T>::hashed_key_for(&who, after);
				BuyerOrders::<T>::iter_key_prefix_from(&who, raw).take(max).collect()
			},
			(Role::Seller, None) => SellerOrders::<T>::iter_key_prefix(&who).take(max).collect(),
			(Role::Seller, Some(after)) => {
				let raw = SellerOrders::<T>::hashed_key_for(&who, after);
				SellerOrders::<T>::iter_key_prefix_from(&who, raw).take(max).collect()
			},
		}
	}

	/// An order with its sealed delivery details.
	pub fn order_details(id: OrderId) -> Option<OrderDetailsOf<T>> {
		let order = Orders::<T>::get(id)?;
		let sealed_delivery = SealedDeliveries::<T>::get(id).map(|s| s.into_inner());
		Some(OrderDetails { id, order, sealed_delivery })
	}

	/// Checks the pallet's invariants:
	///
	/// - every buyer's [`HoldReason::OrderDeposit`] balance in each asset equals the deposits of
	///   its stored orders in that asset (found the same way);
	/// - every account's [`HoldReason::Escrow`] balance in each asset equals the escrow of its open
	///   orders in that asset. Accounts are found through the orders kept in storage: a pallet
	///   cannot list the accounts that hold for its reasons, so an escrow hold left on an account
	///   none of whose orders is kept any more would go unseen here (settlement releases an order's
	///   whole escrow before it can be pruned). The runtime fuzzer sums every account's holds after
	///   every block and compares them with the stored orders;
	/// - every open order has a slot, no earlier than its deadline; every order with a slot has its
	///   entry in [`DeadlineEntries`] under that block; every entry belongs to an order whose slot
	///   is that block (so an order has no other entry); no entry is under a block before the
	///   [`DeadlineCursor`];
	/// - the account indexes match the orders; ids are below [`NextOrderId`];
	/// - every published encryption key's deposit is held from its seller.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::{
			ensure,
			traits::{fungible::InspectHold, fungibles::InspectHold as _},
		};
		use sp_runtime::traits::Zero;

		// Holds are per account and asset.
		type PerHolder<T> = BTreeMap<(AccountIdOf<T>, <T as Config>::AssetKind), BalanceOf<T>>;
		let next_id = NextOrderId::<T>::get();
		let mut escrow: PerHolder<T> = BTreeMap::new();
		let mut codes = 0usize;
		let mut disputes: PerHolder<T> = BTreeMap::new();
		let mut deposits: PerHolder<T> = BTreeMap::new();
		for (id, order) in Orders::<T>::iter() {
			let holder = (order.buyer.clone(), order.asset.clone());
			let deposit = deposits.entry(holder.clone()).or_insert_with(Zero::zero);
			*deposit = deposit.saturating_add(order.deposit);
			ensure!(id < next_id, "order id not below NextOrderId");
			let entry = escrow.entry(holder.clone()).or_insert_with(Zero::zero);
			if !order.state.is_terminal() {
				*entry = entry.saturating_add(order.escrow());
				ensure!(order.slot.is_some(), "open order without a deadline slot");
				ensure!(order.slot >= order.state.deadline(), "deadline slot before the deadline");
			}
			if let Some(slot) = order.slot {
				ensure!(
					DeadlineEntries::<T>::contains_key(slot, id),
					"order missing from the deadline index under its slot"
				);
			}
			ensure!(
				BuyerOrders::<T>::contains_key(&order.buyer, id),
				"order missing in BuyerOrders"
			);
			ensure!(
				SellerOrders::<T>::contains_key(&order.seller, id),
				"order missing in SellerOrders"
			);
			let deposit = DisputeDeposits::<T>::get(id);
			ensure!(
				deposit.is_some() == matches!(order.state, OrderState::Disputed { .. }),
				"a dispute deposit is stored exactly for the disputed orders"
			);
			if let Some(deposit) = deposit {
				let entry = disputes.entry(holder).or_insert_with(Zero::zero);
				*entry = entry.saturating_add(deposit);
			}
			if let Some(hash) = order.delivery_code_hash {
				ensure!(
					DeliveryCodeOrders::<T>::get(hash) == Some(id),
					"order's delivery code hash not indexed to it"
				);
				codes = codes.saturating_add(1);
			}
		}
		ensure!(
			DeliveryCodeOrders::<T>::iter_keys().count() == codes,
			"delivery code index holds hashes of no stored order"
		);
		for ((who, asset), expected) in escrow {
			let held = T::Assets::balance_on_hold(asset, &HoldReason::Escrow.into(), &who);
			ensure!(held == expected, "escrow held differs from the open orders' escrow");
		}
		ensure!(
			DisputeDeposits::<T>::iter_keys().all(Orders::<T>::contains_key),
			"dispute deposit of an unknown order"
		);
		for ((who, asset), expected) in deposits {
			let held = T::Assets::balance_on_hold(asset, &HoldReason::OrderDeposit.into(), &who);
			ensure!(held == expected, "order deposits held differ from the stored orders'");
		}
		for ((who, asset), expected) in disputes {
			let held = T::Assets::balance_on_hold(asset, &HoldReason::DisputeDeposit.into(), &who);
			ensure!(held == expected, "dispute deposits held differ from the open disputes'");
		}
		let cursor = DeadlineCursor::<T>::get();
		for (block, id, ()) in DeadlineEntries::<T>::iter() {
			ensure!(cursor.is_none_or(|c| block >= c), "deadline entry before the cursor");
			let order = Orders::<T>::get(id).ok_or("deadline entry for an unknown order")?;
			ensure!(order.slot == Some(block), "deadline entry under a block not its slot");
		}
		for (_, id, ()) in BuyerOrders::<T>::iter() {
			ensure!(Orders::<T>::contains_key(id), "BuyerOrders entry for an unknown order");
		}
		for (_, id, ()) in SellerOrders::<T>::iter() {
			ensure!(Orders::<T>::contains_key(id), "SellerOrders entry for an unknown order");
		}
		for (id, _) in SealedDeliveries::<T>::iter() {
			ensure!(Orders::<T>::contains_key(id), "sealed details of an unknown order");
		}
		for (seller, published) in EncryptionKeys::<T>::iter() {
			let held =
				T::Currency::balance_on_hold(&HoldReason::EncryptionKeyDeposit.into(), &seller);
			ensure!(held == published.deposit, "encryption key deposit differs from the hold");
		}
		Ok(())
	}
}
