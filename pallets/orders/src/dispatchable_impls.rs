//! What each call does. The calls in `lib.rs` check the origin and come here.

use crate::{pallet::*, types::*, WeightInfo};
use bazaar_primitives::{Inventory, ListingId, OrderId, SettlementOutcome};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{InspectHold, MutateHold},
		fungibles::{InspectHold as _, MutateHold as _},
		tokens::{ConversionToAssetBalance, Precision},
		Get,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{
	traits::{CheckedAdd, CheckedMul, Saturating},
	Perbill,
};

impl<T: Config> Pallet<T> {
	/// The weight a successful `place_order` consumed: the benchmarked weight (an order with
	/// sealed delivery details and a delivery code), less the seller's key read and the
	/// details' write if not `sealed`, and less the code index's read and write if not `coded`:
	/// an order without them does not do those.
	pub fn place_order_weight(sealed: bool, coded: bool) -> Weight {
		let skipped = u64::from(!sealed) + u64::from(!coded);
		T::WeightInfo::place_order()
			.saturating_sub(T::DbWeight::get().reads_writes(skipped, skipped))
	}

	pub(crate) fn do_place_order(
		buyer: T::AccountId,
		listing: ListingId,
		quantity: u32,
		max_unit_price: BalanceOf<T>,
		delivery_code_hash: Option<H256>,
		sealed_delivery: Option<SealedToKeyOf<T>>,
	) -> DispatchResult {
		ensure!(quantity > 0, Error::<T>::ZeroQuantity);
		let quote = T::Inventory::quote(listing)?;
		ensure!(quote.seller != buyer, Error::<T>::BuyingOwnListing);
		ensure!(quote.accepts_orders, Error::<T>::ListingPaused);
		ensure!(quote.unit_price <= max_unit_price, Error::<T>::PriceAboveLimit);
		ensure!(quote.available >= quantity, Error::<T>::InsufficientStock);
		if let Some(hash) = &delivery_code_hash {
			ensure!(!DeliveryCodeOrders::<T>::contains_key(hash), Error::<T>::DeliveryCodeReused);
		}
		if let Some(SealedToKey { key, sealed }) = &sealed_delivery {
			let published =
				EncryptionKeys::<T>::get(&quote.seller).ok_or(Error::<T>::NoEncryptionKey)?;
			ensure!(&published.key == key, Error::<T>::EncryptionKeyChanged);
			ensure!(
				sealed.len() >= SealedDelivery::MIN_LEN as usize,
				Error::<T>::SealedDetailsTooShort
			);
		}

		let value = quote
			.unit_price
			.checked_mul(&BalanceOf::<T>::from(quantity))
			.ok_or(Error::<T>::Overflow)?;
		let fee = MarketFee::<T>::get().mul_floor(value);
		let escrow = value.checked_add(&fee).ok_or(Error::<T>::Overflow)?;

		let sealed_len = sealed_delivery.as_ref().map_or(0, |details| details.sealed.len() as u32);
		let asset = quote.price_asset;
		let deposit =
			T::NativeRate::to_asset_balance(Self::order_deposit(sealed_len), asset.clone())
				.map_err(|_| Error::<T>::AssetNotPriced)?;
		let total = escrow.checked_add(&deposit).ok_or(Error::<T>::Overflow)?;
		let reason = HoldReason::Escrow.into();
		// Both holds come out of the same free balance: check them together.
		T::Assets::ensure_can_hold(asset.clone(), &reason, &buyer, total)
			.map_err(|_| Error::<T>::InsufficientFunds)?;
		T::Assets::hold(asset.clone(), &reason, &buyer, escrow)?;
		T::Assets::hold(asset.clone(), &HoldReason::OrderDeposit.into(), &buyer, deposit)?;
		T::Inventory::reserve(listing, quantity)?;

		let id = NextOrderId::<T>::get();
		NextOrderId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		let now = Self::now();
		let ship_by = now.saturating_add(T::ShipWindow::get());
		let slot = Self::schedule(id, ship_by, now);
		let order = Order {
			buyer: buyer.clone(),
			seller: quote.seller.clone(),
			listing,
			quantity,
			asset: asset.clone(),
			unit_price: quote.unit_price,
			value,
			fee,
			placed_at: now,
			state: OrderState::Placed { ship_by },
			slot: Some(slot),
			delivery_code_hash,
			proposal: None,
			deposit,
		};
		Orders::<T>::insert(id, order);
		BuyerOrders::<T>::insert(&buyer, id, ());
		SellerOrders::<T>::insert(&quote.seller, id, ());
		if let Some(details) = sealed_delivery {
			SealedDeliveries::<T>::insert(id, details.sealed);
		}
		if let Some(hash) = delivery_code_hash {
			DeliveryCodeOrders::<T>::insert(hash, id);
		}
		Self::deposit_event(Event::OrderPlaced {
			order: id,
			buyer,
			seller: quote.seller,
			listing,
			quantity,
			asset,
			value,
			fee,
			ship_by,
		});
		Ok(())
	}

	pub(crate) fn do_set_encryption_key(
		seller: T::AccountId,
		key: EncryptionKey,
	) -> DispatchResult {
		ensure!(key != [0u8; 32], Error::<T>::InvalidEncryptionKey);
		let deposit = match EncryptionKeys::<T>::get(&seller) {
			Some(published) => published.deposit,
			None => {
				let deposit = T::EncryptionKeyDeposit::get();
				let reason = HoldReason::EncryptionKeyDeposit.into();
				T::Currency::ensure_can_hold(&reason, &seller, deposit)
					.map_err(|_| Error::<T>::InsufficientKeyDeposit)?;
				T::Currency::hold(&reason, &seller, deposit)?;
				deposit
			},
		};
		EncryptionKeys::<T>::insert(&seller, SellerKey { key, deposit });
		Self::deposit_event(Event::EncryptionKeySet { seller, key, deposit });
		Ok(())
	}

	pub(crate) fn do_clear_encryption_key(seller: T::AccountId) -> DispatchResult {
		let published = EncryptionKeys::<T>::take(&seller).ok_or(Error::<T>::NoEncryptionKey)?;
		T::Currency::release(
			&HoldReason::EncryptionKeyDeposit.into(),
			&seller,
			published.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::EncryptionKeyCleared { seller, deposit: published.deposit });
		Ok(())
	}

	pub(crate) fn do_ship(who: T::AccountId, id: OrderId, tracking_hash: H256) -> DispatchResult {
		let mut order = Self::order(id)?;
		ensure!(order.seller == who, Error::<T>::NotSeller);
		let OrderState::Placed { ship_by } = order.state else {
			return Err(Error::<T>::NotPlaced.into());
		};
		let now = Self::now();
		ensure!(now < ship_by, Error::<T>::ShipDeadlinePassed);
		let confirm_by = now.saturating_add(T::ConfirmWindow::get());
		Self::reschedule(id, &mut order, confirm_by, now);
		order.state = OrderState::Shipped { confirm_by, tracking_hash };
		order.proposal = None;
		Orders::<T>::insert(id, order);
		Self::deposit_event(Event::OrderShipped { order: id, tracking_hash, confirm_by });
		Ok(())
	}

	pub(crate) fn do_reject(who: T::AccountId, id: OrderId) -> DispatchResult {
		let order = Self::order(id)?;
		ensure!(order.seller == who, Error::<T>::NotSeller);
		ensure!(matches!(order.state, OrderState::Placed { .. }), Error::<T>::NotPlaced);
		Self::deposit_event(Event::OrderRejected { order: id });
		Self::settle(id, order, SettlementOutcome::Refunded);
		Ok(())
	}

	pub(crate) fn do_cancel(who: T::AccountId, id: OrderId) -> DispatchResult {
		let order = Self::order(id)?;
		ensure!(order.buyer == who, Error::<T>::NotBuyer);
		ensure!(matches!(order.state, OrderState::Placed { .. }), Error::<T>::NotPlaced);
		Self::deposit_event(Event::OrderCancelled { order: id });
		Self::settle(id, order, SettlementOutcome::Refunded);
		Ok(())
	}

	pub(crate) fn do_refund(
		who: T::AccountId,
		id: OrderId,
		buyer_share: Perbill,
	) -> DispatchResult {
		let mut order = Self::order(id)?;
		ensure!(order.seller == who, Error::<T>::NotSeller);
		ensure!(!order.state.is_terminal(), Error::<T>::AlreadySettled);
		ensure!(!buyer_share.is_zero(), Error::<T>::ZeroRefund);
		if buyer_share.is_one() {
			Self::deposit_event(Event::OrderRefunded { order: id });
			Self::settle(id, order, SettlementOutcome::Refunded);
		} else {
			order.proposal = Some(Proposal { by: Role::Seller, buyer_share });
			Orders::<T>::insert(id, order);
			Self::deposit_event(Event::SettlementProposed {
				order: id,
				by: Role::Seller,
				buyer_share,
			});
		}
		Ok(())
	}

	pub(crate) fn do_confirm_receipt(who: T::AccountId, id: OrderId) -> DispatchResult {
		let order = Self::order(id)?;
		ensure!(order.buyer == who, Error::<T>::NotBuyer);
		ensure!(
			matches!(order.state, OrderState::Shipped { .. } | OrderState::Disputed { .. }),
			Error::<T>::NotShipped
		);
		Self::deposit_event(Event::ReceiptConfirmed { order: id });
		Self::settle(id, order, SettlementOutcome::Completed);
		Ok(())
	}

	pub(crate) fn do_open_dispute(
		who: T::AccountId,
		id: OrderId,
		reason_hash: H256,
	) -> DispatchResult {
		let mut order = Self::order(id)?;
		ensure!(order.buyer == who, Error::<T>::NotBuyer);
		let OrderState::Shipped { confirm_by, .. } = order.state else {
			return Err(Error::<T>::NotShipped.into());
		};
		let now = Self::now();
		ensure!(now < confirm_by, Error::<T>::DisputeWindowClosed);
		let deposit = Self::dispute_deposit(&order.asset, order.value);
		T::Assets::hold(order.asset.clone(), &HoldReason::DisputeDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::InsufficientDisputeDeposit)?;
		DisputeDeposits::<T>::insert(id, deposit);
		let rule_by = now.saturating_add(T::RulingWindow::get());
		Self::reschedule(id, &mut order, rule_by, now);
		order.state = OrderState::Disputed { rule_by, reason_hash };
		order.proposal = None;
		Orders::<T>::insert(id, order);
		Self::deposit_event(Event::DisputeOpened { order: id, reason_hash, rule_by, deposit });
		Ok(())
	}

	pub(crate) fn do_propose_settlement(
		who: T::AccountId,
		id: OrderId,
		buyer_share: Perbill,
	) -> DispatchResult {
		let mut order = Self::order(id)?;
		let by = Self::party(&order, &who)?;
		ensure!(matches!(order.state, OrderState::Disputed { .. }), Error::<T>::NotDisputed);
		order.proposal = Some(Proposal { by, buyer_share });
		Orders::<T>::insert(id, order);
		Self::deposit_event(Event::SettlementProposed { order: id, by, buyer_share });
		Ok(())
	}

	pub(crate) fn do_accept_settlement(who: T::AccountId, id: OrderId) -> DispatchResult {
		let order = Self::order(id)?;
		let by = Self::party(&order, &who)?;
		ensure!(!order.state.is_terminal(), Error::<T>::AlreadySettled);
		let proposal = order.proposal.ok_or(Error::<T>::NoProposal)?;
		ensure!(proposal.by != by, Error::<T>::OwnProposal);
		Self::ensure_before_deadline(&order)?;
		let buyer_share = proposal.buyer_share;
		Self::deposit_event(Event::SettlementAccepted { order: id, by, buyer_share });
		Self::settle(id, order, SettlementOutcome::Split { buyer_share });
		Ok(())
	}

	pub(crate) fn do_resolve(id: OrderId, buyer_share: Perbill) -> DispatchResult {
		let order = Self::order(id)?;
		ensure!(matches!(order.state, OrderState::Disputed { .. }), Error::<T>::NotDisputed);
		Self::ensure_before_deadline(&order)?;
		Self::deposit_event(Event::DisputeResolved { order: id, buyer_share });
		Self::settle(id, order, SettlementOutcome::Ruled { buyer_share });
		Ok(())
	}

	/// The order's pending deadline has not passed: what the parties or the arbitrator settle
	/// must not race the outcome the deadline already fixed (the hook or `process_expired`
	/// applies it).
	fn ensure_before_deadline(order: &OrderOf<T>) -> DispatchResult {
		if let Some(deadline) = order.state.deadline() {
			ensure!(Self::now() < deadline, Error::<T>::DeadlinePassed);
		}
		Ok(())
	}

	pub(crate) fn do_reveal_delivery_code(
		who: T::AccountId,
		id: OrderId,
		code: DeliveryCodeOf<T>,
	) -> DispatchResult {
		let order = Self::order(id)?;
		ensure!(matches!(order.state, OrderState::Shipped { .. }), Error::<T>::CodeNotAccepted);
		let hash = order.delivery_code_hash.ok_or(Error::<T>::NoDeliveryCode)?;
		ensure!(
			code.len() >= T::MinDeliveryCodeLen::get() as usize,
			Error::<T>::DeliveryCodeTooShort
		);
		ensure!(H256(sp_io::hashing::blake2_256(&code)) == hash, Error::<T>::WrongDeliveryCode);
		Self::deposit_event(Event::DeliveryCodeRevealed { order: id, by: who });
		Self::settle(id, order, SettlementOutcome::Completed);
		Ok(())
	}

	pub(crate) fn do_process_expired(id: OrderId) -> DispatchResult {
		let order = Self::order(id)?;
		let deadline = order.state.deadline().ok_or(Error::<T>::AlreadySettled)?;
		ensure!(deadline <= Self::now(), Error::<T>::DeadlineNotReached);
		Self::expire(id, order);
		Ok(())
	}

	/// The storage deposit of an order with `sealed_len` bytes of sealed delivery details, in
	/// the native currency; an order in a foreign asset holds it converted at the asset's rate.
	pub fn order_deposit(sealed_len: u32) -> BalanceOf<T> {
		T::OrderDepositPerByte::get()
			.saturating_mul(sealed_len.into())
			.saturating_add(T::OrderDepositBase::get())
	}

	pub(crate) fn do_prune_call(who: T::AccountId, id: OrderId) -> DispatchResult {
		let order = Self::order(id)?;
		let OrderState::Settled { at, .. } = order.state else {
			return Err(Error::<T>::NotSettled.into());
		};
		let prune_at = at.saturating_add(T::RetentionPeriod::get());
		let now = Self::now();
		ensure!(prune_at <= now, Error::<T>::RetentionNotElapsed);
		// The hooks prune an order in its pruning block (its slot) when they keep up. Pruning an
		// order they left behind does their work: the deposit pays whoever does it. Before that,
		// the deposit goes back to the buyer whoever prunes.
		let overdue = order.slot.unwrap_or(prune_at) < now;
		let deposit_to = if overdue { who } else { order.buyer.clone() };
		Self::remove_order(id, order, &deposit_to);
		Ok(())
	}

	/// The order, or [`Error::UnknownOrder`].
	pub(crate) fn order(id: OrderId) -> Result<OrderOf<T>, DispatchError> {
		Orders::<T>::get(id).ok_or_else(|| Error::<T>::UnknownOrder.into())
	}

	/// Which side of the order `who` is on, or [`Error::NotParty`].
	fn party(order: &OrderOf<T>, who: &T::AccountId) -> Result<Role, DispatchError> {
		if &order.buyer == who {
			Ok(Role::Buyer)
		} else if &order.seller == who {
			Ok(Role::Seller)
		} else {
			Err(Error::<T>::NotParty.into())
		}
	}

	/// The current block number.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}
}
