//! The one settlement path every outcome goes through, expiry of deadlines and pruning.

use crate::{pallet::*, types::*, LOG_TARGET};
use bazaar_primitives::{
	Inventory, OnOrderPruned, OnOrderSettled, OrderId, Settlement, SettlementOutcome,
};
use frame_support::traits::{
	fungibles::MutateHold,
	tokens::{
		ConversionFromAssetBalance, ConversionToAssetBalance, Fortitude, Precision, Restriction,
	},
	Get,
};
use sp_runtime::traits::{Saturating, Zero};

/// What [`Pallet::settle`] paid out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Payout<Balance> {
	/// Released to the buyer.
	pub to_buyer: Balance,
	/// Paid to the seller.
	pub to_seller: Balance,
	/// Paid to the fee destination.
	pub fee: Balance,
}

impl<T: Config> Pallet<T> {
	/// Settle an open order: pay out its escrow by `outcome`, release the stock on a full refund
	/// before shipping, tell [`Config::OnOrderSettled`], mark the order terminal and schedule its
	/// pruning. The only place escrow leaves the hold.
	///
	/// Never fails: a payment that cannot be made stays with the buyer (see the pallet docs).
	pub(crate) fn settle(
		id: OrderId,
		mut order: OrderOf<T>,
		outcome: SettlementOutcome,
	) -> Payout<BalanceOf<T>> {
		let buyer_share = outcome.buyer_share();
		let shipped = !matches!(order.state, OrderState::Placed { .. });
		let refund_before_shipping = outcome == SettlementOutcome::Refunded && !shipped;

		// The buyer's part is rounded down; the seller gets the exact remainder.
		let buyer_goods = buyer_share.mul_floor(order.value);
		let seller_goods = order.value.saturating_sub(buyer_goods);
		let fee = if refund_before_shipping { Zero::zero() } else { order.fee };

		let to_seller = Self::pay_from_escrow(&order, &order.seller, seller_goods);
		let fee_paid = Self::pay_from_escrow(&order, &T::FeeDestination::get(), fee);
		let to_buyer = order.escrow().saturating_sub(to_seller).saturating_sub(fee_paid);
		Self::release_held(&HoldReason::Escrow.into(), &order, to_buyer);

		if refund_before_shipping {
			T::Inventory::release(order.listing, order.quantity);
		}
		if matches!(order.state, OrderState::Disputed { .. }) {
			Self::settle_dispute_deposit(id, &order, outcome);
		}

		let now = Self::now();
		if let Some(slot) = order.slot {
			Self::unschedule(id, slot);
		}
		let prune_at = now.saturating_add(T::RetentionPeriod::get());
		order.slot = Some(Self::schedule(id, prune_at, now));
		order.state = OrderState::Settled { outcome, at: now };
		order.proposal = None;

		T::OnOrderSettled::on_order_settled(&Settlement {
			order: id,
			buyer: order.buyer.clone(),
			seller: order.seller.clone(),
			listing: order.listing,
			quantity: order.quantity,
			value: T::NativeRate::from_asset_balance(order.value, order.asset.clone())
				.unwrap_or_else(|_| Zero::zero()),
			outcome,
			shipped,
		});
		Orders::<T>::insert(id, order);
		Self::deposit_event(Event::OrderSettled {
			order: id,
			outcome,
			buyer_share,
			to_buyer,
			to_seller,
			fee: fee_paid,
		});
		Payout { to_buyer, to_seller, fee: fee_paid }
	}

	/// The dispute deposit of an order worth `value` in `asset`: [`Config::DisputeDepositShare`]
	/// of it, rounded up, at least [`Config::MinDisputeDeposit`] converted to `asset` at its rate.
	/// If the asset has lost its rate, the share alone: a buyer must always be able to dispute.
	pub(crate) fn dispute_deposit(asset: &T::AssetKind, value: BalanceOf<T>) -> BalanceOf<T> {
		let share = T::DisputeDepositShare::get().mul_ceil(value);
		match T::NativeRate::to_asset_balance(T::MinDisputeDeposit::get(), asset.clone()) {
			Ok(min) => share.max(min),
			Err(_) => share,
		}
	}

	/// Returns the deposit of the dispute `outcome` ended to the buyer and the seller: a ruling
	/// splits it as it split the escrow, an agreed split or a refund returns it to the buyer, a
	/// buyer's confirmation gives it to the seller (see the pallet docs). Whatever cannot be paid
	/// to the seller goes back to the buyer.
	fn settle_dispute_deposit(id: OrderId, order: &OrderOf<T>, outcome: SettlementOutcome) {
		let Some(deposit) = DisputeDeposits::<T>::take(id) else { return };
		let seller_part = match outcome {
			SettlementOutcome::Ruled { buyer_share } =>
				deposit.saturating_sub(buyer_share.mul_floor(deposit)),
			SettlementOutcome::Completed => deposit,
			SettlementOutcome::Split { .. } | SettlementOutcome::Refunded => Zero::zero(),
		};
		let reason = HoldReason::DisputeDeposit.into();
		let paid = Self::pay_from_hold(&reason, order, &order.seller, seller_part);
		let returned = deposit.saturating_sub(paid);
		Self::release_held(&reason, order, returned);
		Self::deposit_event(Event::DisputeDepositSettled {
			order: id,
			to_buyer: returned,
			to_seller: paid,
		});
	}

	/// Release `amount` of what this pallet holds from `order`'s buyer in its asset for `reason`
	/// (held for an order or a dispute that is settled now, and moved by nothing but this
	/// pallet).
	fn release_held(reason: &T::RuntimeHoldReason, order: &OrderOf<T>, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		let (asset, buyer) = (order.asset.clone(), &order.buyer);
		if let Err(e) = T::Assets::release(asset, reason, buyer, amount, Precision::Exact) {
			frame_support::defensive!("release of a hold failed", e);
		}
	}

	/// Move `amount` from the order's escrow hold to `dest`'s free balance. Returns what was
	/// paid: nothing if `dest` is the buyer or cannot receive it (the amount is then released to
	/// the buyer by the caller).
	fn pay_from_escrow(
		order: &OrderOf<T>,
		dest: &T::AccountId,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		Self::pay_from_hold(&HoldReason::Escrow.into(), order, dest, amount)
	}

	/// Move `amount` held from `order`'s buyer in its asset for `reason` to `dest`'s free
	/// balance. Returns what was paid: nothing if `dest` is the buyer or cannot receive it (say
	/// less than the asset's minimum balance to an account without one; the caller releases it).
	fn pay_from_hold(
		reason: &T::RuntimeHoldReason,
		order: &OrderOf<T>,
		dest: &T::AccountId,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		let buyer = &order.buyer;
		if amount.is_zero() || buyer == dest {
			return Zero::zero();
		}
		match T::Assets::transfer_on_hold(
			order.asset.clone(),
			reason,
			buyer,
			dest,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		) {
			Ok(paid) => paid,
			Err(e) => {
				log::warn!(
					target: LOG_TARGET,
					"payment from a hold failed ({e:?}); it stays with the buyer"
				);
				Zero::zero()
			},
		}
	}

	/// Apply the pending deadline of an open order whose deadline passed.
	pub(crate) fn expire(id: OrderId, order: OrderOf<T>) {
		let (deadline, outcome) = match order.state {
			OrderState::Placed { .. } => (DeadlineKind::ShipBy, SettlementOutcome::Refunded),
			OrderState::Shipped { .. } => (DeadlineKind::ConfirmBy, SettlementOutcome::Completed),
			OrderState::Disputed { .. } => (
				DeadlineKind::RuleBy,
				SettlementOutcome::Ruled { buyer_share: T::RulingFallbackBuyerShare::get() },
			),
			OrderState::Settled { .. } => return,
		};
		Self::deposit_event(Event::OrderExpired { order: id, deadline });
		Self::settle(id, order, outcome);
	}

	/// Remove a settled order and everything kept for it, tell [`Config::OnOrderPruned`], and
	/// pay its storage deposit to `deposit_to` (the buyer, or whoever pruned an overdue order).
	pub(crate) fn remove_order(id: OrderId, order: OrderOf<T>, deposit_to: &T::AccountId) {
		if let Some(slot) = order.slot {
			Self::unschedule(id, slot);
		}
		Orders::<T>::remove(id);
		SealedDeliveries::<T>::remove(id);
		if let Some(hash) = order.delivery_code_hash {
			DeliveryCodeOrders::<T>::remove(hash);
		}
		BuyerOrders::<T>::remove(&order.buyer, id);
		SellerOrders::<T>::remove(&order.seller, id);
		T::OnOrderPruned::on_order_pruned(id);
		let reason = HoldReason::OrderDeposit.into();
		let paid = Self::pay_from_hold(&reason, &order, deposit_to, order.deposit);
		Self::release_held(&reason, &order, order.deposit.saturating_sub(paid));
		let deposit_to = if paid.is_zero() { order.buyer } else { deposit_to.clone() };
		Self::deposit_event(Event::OrderPruned { order: id, deposit_to, deposit: order.deposit });
	}
}
