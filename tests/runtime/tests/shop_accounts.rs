//! Shop accounts through the real runtime: a shop's staff acting through a proxy, the other proxy
//! types, a cart of several sellers' items paid with one signature, and a 2-of-3 multisig shop.
//!
//! Every proxy type is tested both ways: what its filter lets through (the call takes effect as
//! the shop) and what it refuses (`CallFiltered`, and no money moves). The refusals of the
//! shop-staff type are attacks a dishonest staff member would try; the first three were run
//! against a filter that allowed every listing and order call but `place_order`
//! (`tests/runtime/attacks-before-the-fixes.md`, "A7"); the non-transfer type's refusals of the
//! recommendation stakes were run against the filter that allowed them ("A7b, A7c").

// Test code: a failed `unwrap` is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{
	configs::accounts::ProxyType, genesis_config_presets::DEMO_CATALOG, AccountId, Balance,
	Balances, Executive, Multisig, Orders, Proxy, Recommendations, Runtime, RuntimeCall, Utility,
	UNIT,
};
use bazaar_runtime_tests::*;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::fungible::{Inspect, InspectHold},
};
use pallet_orders::OrderState;
use pallet_recommendations::Claim;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{DispatchResult, Perbill};

/// The shop: Eve. Her staff member: Ferdie.
const SHOP: Sr25519Keyring = Eve;
const STAFF: Sr25519Keyring = Ferdie;
/// Demo listing 0: Ethiopian coffee beans, sold by Bob.
const COFFEE: u32 = 0;

/// Everything `who` has: free and on hold for any reason.
fn worth(who: &AccountId) -> Balance {
	<Balances as Inspect<AccountId>>::total_balance(who)
}

fn call_listing(price: Balance, stock: u32) -> RuntimeCall {
	RuntimeCall::Listings(pallet_listings::Call::create_listing {
		price_asset: PaymentAsset::Native,
		unit_price: price,
		stock,
		category: 1,
		metadata: Default::default(),
	})
}

fn call_transfer(to: Sr25519Keyring, amount: Balance) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: account(to).into(),
		value: amount,
	})
}

fn call_order(listing: u32, quantity: u32, price: Balance) -> RuntimeCall {
	RuntimeCall::Orders(pallet_orders::Call::place_order {
		listing,
		quantity,
		max_unit_price: price,
		delivery_code_hash: None,
		sealed_delivery: None,
	})
}

fn call_ship(order: u64) -> RuntimeCall {
	RuntimeCall::Orders(pallet_orders::Call::ship { order, tracking_hash: H256::repeat_byte(7) })
}

/// The error of a call the proxy's filter refused.
fn filtered() -> DispatchResult {
	Err(frame_system::Error::<Runtime>::CallFiltered.into())
}

/// Eve's shop with Ferdie as staff: a listing of 5 units at 10 BZR that Ferdie created for her.
fn shop_with_staff() -> u32 {
	add_proxy(SHOP, STAFF, ProxyType::ShopStaff);
	let listing = pallet_listings::NextListingId::<Runtime>::get();
	assert_ok!(as_proxy(STAFF, SHOP, call_listing(PRICE, 5)));
	listing
}

#[test]
fn shop_staff_list_ship_and_the_shop_is_paid() {
	dev_chain().execute_with(|| {
		let staff_before = free(&account(STAFF));
		let listing = shop_with_staff();
		let details = pallet_listings::Listings::<Runtime>::get(listing).unwrap();
		assert_eq!(details.seller, account(SHOP), "the listing is the shop's");
		assert_ok!(as_proxy(
			STAFF,
			SHOP,
			pallet_listings::Call::set_price { listing, unit_price: 2 * PRICE }.into()
		));
		assert_ok!(as_proxy(
			STAFF,
			SHOP,
			pallet_listings::Call::set_stock { listing, stock: 9 }.into()
		));
		assert_ok!(as_proxy(STAFF, SHOP, pallet_listings::Call::pause { listing }.into()));
		assert_ok!(as_proxy(STAFF, SHOP, pallet_listings::Call::resume { listing }.into()));

		let shop_before = free(&account(SHOP));
		let id = order(Charlie, listing, 1, 2 * PRICE);
		assert_ok!(as_proxy(STAFF, SHOP, call_ship(id)));
		assert!(matches!(
			pallet_orders::Orders::<Runtime>::get(id).unwrap().state,
			OrderState::Shipped { .. }
		));
		assert_ok!(Orders::confirm_receipt(signed(Charlie), id));
		assert_eq!(free(&account(SHOP)), shop_before + 2 * PRICE, "the shop is paid the price");
		assert_eq!(free(&account(STAFF)), staff_before, "the staff member paid nothing");
	});
}

#[test]
fn shop_staff_reject_refund_and_answer_a_dispute_with_an_offer() {
	dev_chain().execute_with(|| {
		let listing = shop_with_staff();
		let charlie_before = worth(&account(Charlie));

		// Rejected before shipping: Charlie is refunded in full (the order's storage deposit
		// stays held, still his, until the order is pruned).
		let rejected = order(Charlie, listing, 1, PRICE);
		assert_ok!(as_proxy(STAFF, SHOP, pallet_orders::Call::reject { order: rejected }.into()));
		assert_eq!(worth(&account(Charlie)), charlie_before);
		assert_eq!(escrow(&account(Charlie)), 0);

		// Disputed after shipping: the staff offer 40% back, Charlie accepts.
		let disputed = order(Charlie, listing, 1, PRICE);
		assert_ok!(as_proxy(STAFF, SHOP, call_ship(disputed)));
		assert_ok!(Orders::open_dispute(signed(Charlie), disputed, H256::repeat_byte(2)));
		let shop_before = free(&account(SHOP));
		assert_ok!(as_proxy(
			STAFF,
			SHOP,
			pallet_orders::Call::refund { order: disputed, buyer_share: Perbill::from_percent(40) }
				.into()
		));
		assert_ok!(Orders::accept_settlement(signed(Charlie), disputed));
		assert_eq!(free(&account(SHOP)), shop_before + PRICE * 60 / 100, "the shop keeps 60%");
		assert_eq!(escrow(&account(Charlie)), 0);
	});
}

#[test]
fn shop_staff_cannot_pay_out_of_the_shop() {
	dev_chain().execute_with(|| {
		let listing = shop_with_staff();
		// The staff member's own listing, for the attempt to buy from it with the shop's money.
		let own = list(STAFF, 1_000 * UNIT, 10);
		let shop = account(SHOP);
		let (shop_before, staff_before) = (worth(&shop), worth(&account(STAFF)));

		for (attempt, call) in [
			("a transfer to the staff member", call_transfer(STAFF, 100 * UNIT)),
			(
				"transfer_all",
				pallet_balances::Call::transfer_all {
					dest: account(STAFF).into(),
					keep_alive: true,
				}
				.into(),
			),
			("an order of the staff member's own listing", call_order(own, 1, 1_000 * UNIT)),
			("an order of a demo listing", call_order(COFFEE, 1, 100 * UNIT)),
			(
				"a batch hiding a transfer",
				pallet_utility::Call::batch_all {
					calls: vec![
						pallet_listings::Call::set_stock { listing, stock: 6 }.into(),
						call_transfer(STAFF, 100 * UNIT),
					],
				}
				.into(),
			),
			(
				"a transfer from the shop's derivative account",
				pallet_utility::Call::as_derivative {
					index: 0,
					call: Box::new(call_transfer(STAFF, 100 * UNIT)),
				}
				.into(),
			),
			(
				"an Any proxy for the staff member",
				pallet_proxy::Call::add_proxy {
					delegate: account(STAFF).into(),
					proxy_type: ProxyType::Any,
					delay: 0,
				}
				.into(),
			),
			(
				"a transfer as a 1-of-2 multisig with the shop",
				pallet_multisig::Call::as_multi_threshold_1 {
					other_signatories: vec![account(STAFF)],
					call: Box::new(call_transfer(STAFF, 100 * UNIT)),
				}
				.into(),
			),
			(
				"a new encryption key",
				pallet_orders::Call::set_encryption_key { key: [9; 32] }.into(),
			),
			("clearing the encryption key", pallet_orders::Call::clear_encryption_key {}.into()),
		] {
			assert_eq!(as_proxy(STAFF, SHOP, call), filtered(), "{attempt}");
		}
		assert_eq!(worth(&shop), shop_before, "the shop lost nothing");
		assert!(worth(&account(STAFF)) <= staff_before, "the staff member gained nothing");
		let stock = pallet_listings::Listings::<Runtime>::get(listing).unwrap().stock;
		assert_eq!(stock, 5, "the batch's allowed call was undone with the refused one");
	});
}

#[test]
fn shop_staff_cannot_settle_a_dispute_of_an_order_the_shop_bought() {
	dev_chain().execute_with(|| {
		shop_with_staff();
		// The shop buys coffee from Bob, who ships; the shop disputes. Bob proposes to keep
		// everything: a staff member in league with Bob would accept for the shop.
		let bought = order(SHOP, COFFEE, 1, 100 * UNIT);
		assert_ok!(Orders::ship(signed(Bob), bought, H256::repeat_byte(3)));
		assert_ok!(Orders::open_dispute(signed(SHOP), bought, H256::repeat_byte(4)));
		assert_ok!(Orders::propose_settlement(signed(Bob), bought, Perbill::zero()));
		let held = escrow(&account(SHOP));

		let accept = pallet_orders::Call::accept_settlement { order: bought };
		assert_eq!(as_proxy(STAFF, SHOP, accept.into()), filtered());
		let propose =
			pallet_orders::Call::propose_settlement { order: bought, buyer_share: Perbill::zero() };
		assert_eq!(as_proxy(STAFF, SHOP, propose.into()), filtered());
		let confirm = pallet_orders::Call::confirm_receipt { order: bought };
		assert_eq!(as_proxy(STAFF, SHOP, confirm.into()), filtered());
		assert_eq!(escrow(&account(SHOP)), held, "the shop's escrow stays held");
		assert!(matches!(
			pallet_orders::Orders::<Runtime>::get(bought).unwrap().state,
			OrderState::Disputed { .. }
		));
	});
}

#[test]
fn non_transfer_proxies_run_the_shop_but_never_pay() {
	dev_chain().execute_with(|| {
		add_proxy(SHOP, STAFF, ProxyType::NonTransfer);
		let shop_before = worth(&account(SHOP));
		assert_ok!(as_proxy(STAFF, SHOP, call_listing(PRICE, 3)));
		assert_ok!(as_proxy(
			STAFF,
			SHOP,
			pallet_orders::Call::set_encryption_key { key: [5; 32] }.into()
		));
		// It may hand out narrower proxies, not wider ones.
		let staff_proxy = |proxy_type| {
			RuntimeCall::from(pallet_proxy::Call::add_proxy {
				delegate: account(Dave).into(),
				proxy_type,
				delay: 0,
			})
		};
		assert_ok!(as_proxy(STAFF, SHOP, staff_proxy(ProxyType::ShopStaff)));
		assert_eq!(
			as_proxy(STAFF, SHOP, staff_proxy(ProxyType::Any)),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
		let bought = order(SHOP, COFFEE, 1, 100 * UNIT);
		assert_ok!(Orders::ship(signed(Bob), bought, H256::repeat_byte(3)));
		for call in [
			call_transfer(STAFF, UNIT),
			call_order(COFFEE, 1, 100 * UNIT),
			pallet_orders::Call::confirm_receipt { order: bought }.into(),
			pallet_orders::Call::open_dispute { order: bought, reason_hash: H256::zero() }.into(),
			pallet_multisig::Call::as_multi_threshold_1 {
				other_signatories: vec![account(STAFF)],
				call: Box::new(call_transfer(STAFF, UNIT)),
			}
			.into(),
		] {
			assert_eq!(as_proxy(STAFF, SHOP, call), filtered());
		}
		// Deposits and the shop's own escrow are still the shop's: nothing left it.
		assert_eq!(worth(&account(SHOP)), shop_before, "the shop lost nothing");
	});
}

/// A7b: a non-transfer proxy bonds the shop as an attester under a `reco` key the proxy holds,
/// signs a wrong list with it, and challenges that list from its own account. The challenger's
/// reward is paid out of the shop's bond, the rest of the bond goes to the treasury.
#[test]
fn non_transfer_proxies_cannot_bond_the_shop_as_an_attester_under_their_own_key() {
	dev_chain().execute_with(|| {
		charlie_buys_the_grinder();
		add_proxy(SHOP, STAFF, ProxyType::NonTransfer);
		let (shop_before, staff_before) = (worth(&account(SHOP)), worth(&account(STAFF)));

		let register = pallet_recommendations::Call::register_attester {
			key: pallet_recommendations::crypto::AttesterId::from(STAFF.public()),
			proof: key_proof(STAFF, SHOP),
		};
		let registered = as_proxy(STAFF, SHOP, register.into());
		// Had the filter let the bond through, this is what the key's holder could do with it.
		if registered.is_ok() {
			let top_11 = honest_top(Charlie, 11);
			let wrong = attestation(STAFF, Charlie, top_11[1..].to_vec());
			assert_ok!(Executive::apply_extrinsic(authorized_attest(wrong.0, wrong.1)).unwrap());
			assert_ok!(Recommendations::challenge(
				signed(STAFF),
				account(Charlie),
				Claim::MissedItem(top_11[0].item)
			));
		}
		eprintln!(
			"A7b: Ferdie registers Eve as an attester under his key: {registered:?}; Eve {:+} \
			 planck, Ferdie {:+} planck",
			worth(&account(SHOP)) as i128 - shop_before as i128,
			worth(&account(STAFF)) as i128 - staff_before as i128,
		);
		assert_eq!(registered, filtered());
		assert_eq!(worth(&account(SHOP)), shop_before, "the shop lost nothing");
		assert_eq!(worth(&account(STAFF)), staff_before, "the proxy gained nothing");
	});
}

/// A7c: a non-transfer proxy challenges an honest attestation as the shop: the challenge fails and
/// the shop's deposit is forfeited to the treasury.
#[test]
fn non_transfer_proxies_cannot_stake_the_shops_challenge_deposit() {
	dev_chain().execute_with(|| {
		charlie_buys_the_grinder();
		let honest = honest_top(Charlie, 10);
		let (listed, signature) = attestation(Alice, Charlie, honest.clone());
		assert_ok!(Executive::apply_extrinsic(authorized_attest(listed, signature)).unwrap());
		add_proxy(SHOP, STAFF, ProxyType::NonTransfer);
		let shop_before = worth(&account(SHOP));

		let left_out = (0..DEMO_CATALOG.len() as u32)
			.find(|item| !honest.iter().any(|r| r.item == *item))
			.unwrap();
		let challenge = pallet_recommendations::Call::challenge {
			user: account(Charlie),
			claim: Claim::MissedItem(left_out),
		};
		let challenged = as_proxy(STAFF, SHOP, challenge.into());
		eprintln!(
			"A7c: Ferdie challenges Alice's honest list as Eve: {challenged:?}; Eve {:+} planck",
			worth(&account(SHOP)) as i128 - shop_before as i128,
		);
		assert_eq!(challenged, filtered());
		assert_eq!(worth(&account(SHOP)), shop_before, "the shop lost nothing");
	});
}

#[test]
fn governance_proxies_vote_and_nothing_else() {
	dev_chain().execute_with(|| {
		add_proxy(Alice, STAFF, ProxyType::Governance);
		let note = pallet_preimage::Call::note_preimage { bytes: b"a proposal".to_vec() };
		assert_ok!(as_proxy(STAFF, Alice, note.into()));
		assert_eq!(as_proxy(STAFF, Alice, call_listing(PRICE, 1)), filtered());
		assert_eq!(as_proxy(STAFF, Alice, call_transfer(STAFF, UNIT)), filtered());
		assert_eq!(as_proxy(STAFF, Alice, call_order(COFFEE, 1, 100 * UNIT)), filtered());
	});
}

#[test]
fn any_proxies_may_transfer() {
	dev_chain().execute_with(|| {
		add_proxy(SHOP, STAFF, ProxyType::Any);
		let before = free(&account(Dave));
		assert_ok!(as_proxy(STAFF, SHOP, call_transfer(Dave, 7 * UNIT)));
		assert_eq!(free(&account(Dave)), before + 7 * UNIT);
	});
}

#[test]
fn a_proxy_acts_for_nobody_else() {
	dev_chain().execute_with(|| {
		add_proxy(SHOP, STAFF, ProxyType::ShopStaff);
		assert_noop!(
			Proxy::proxy(signed(STAFF), account(Dave).into(), None, Box::new(call_ship(0))),
			pallet_proxy::Error::<Runtime>::NotProxy
		);
		assert_noop!(
			Proxy::proxy(
				signed(STAFF),
				account(SHOP).into(),
				Some(ProxyType::Any),
				Box::new(call_ship(0))
			),
			pallet_proxy::Error::<Runtime>::NotProxy
		);
	});
}

/// Bob's and Dave's listings in Charlie's cart: coffee (Bob) and the first listing of Dave's.
fn cart() -> [(u32, Balance); 2] {
	let daves = pallet_listings::Listings::<Runtime>::iter()
		.filter(|(_, l)| l.seller == account(Dave))
		.map(|(id, l)| (id, l.unit_price))
		.min()
		.unwrap();
	let coffee = pallet_listings::Listings::<Runtime>::get(COFFEE).unwrap().unit_price;
	[(COFFEE, coffee), daves]
}

#[test]
fn a_cart_from_two_sellers_is_paid_with_one_signature() {
	dev_chain().execute_with(|| {
		let items = cart();
		let first = pallet_orders::NextOrderId::<Runtime>::get();
		let calls = items.iter().map(|&(listing, price)| call_order(listing, 1, price)).collect();
		assert_ok!(Utility::batch_all(signed(Charlie), calls));
		let value: Balance = items.iter().map(|(_, price)| price).sum();
		let fees: Balance = items.iter().map(|(_, price)| fee_of(*price)).sum();
		assert_eq!(escrow(&account(Charlie)), value + fees, "both items are in escrow");
		for (offset, (listing, _)) in items.iter().enumerate() {
			let placed = pallet_orders::Orders::<Runtime>::get(first + offset as u64).unwrap();
			assert_eq!((placed.listing, placed.buyer.clone()), (*listing, account(Charlie)));
		}
	});
}

#[test]
fn a_cart_with_an_item_out_of_stock_charges_nothing() {
	dev_chain().execute_with(|| {
		let [(coffee, coffee_price), (daves, _)] = cart();
		let stock = pallet_listings::Listings::<Runtime>::get(daves).unwrap().stock;
		let (charlie_before, next) =
			(free(&account(Charlie)), pallet_orders::NextOrderId::<Runtime>::get());
		let calls =
			vec![call_order(coffee, 1, coffee_price), call_order(daves, stock + 1, 1_000 * UNIT)];
		assert!(Utility::batch_all(signed(Charlie), calls).is_err());
		assert_eq!(free(&account(Charlie)), charlie_before, "nothing is charged");
		assert_eq!(escrow(&account(Charlie)), 0);
		assert_eq!(pallet_orders::NextOrderId::<Runtime>::get(), next, "no order was placed");
		assert!(pallet_orders::Orders::<Runtime>::get(next).is_none());
	});
}

/// `signer` approves `call` for the 2-of-3 multisig of `signatories`; the second approval runs it.
fn multisig_approve(signer: Sr25519Keyring, signatories: &[Sr25519Keyring], call: RuntimeCall) {
	let multi = multisig_account(signatories);
	let others: Vec<AccountId> = {
		let mut others: Vec<_> =
			signatories.iter().filter(|k| **k != signer).map(|k| account(*k)).collect();
		others.sort();
		others
	};
	let hash = sp_io::hashing::blake2_256(&codec::Encode::encode(&call));
	let timepoint = pallet_multisig::Multisigs::<Runtime>::get(&multi, hash).map(|m| m.when);
	let max_weight = call.get_dispatch_info().call_weight;
	assert_ok!(Multisig::as_multi(
		signed(signer),
		2,
		others,
		timepoint,
		Box::new(call),
		max_weight
	));
}

fn multisig_account(signatories: &[Sr25519Keyring]) -> AccountId {
	let mut who: Vec<AccountId> = signatories.iter().map(|k| account(*k)).collect();
	who.sort();
	Multisig::multi_account_id(&who, 2)
}

#[test]
fn a_two_of_three_multisig_shop_lists_sells_and_is_paid() {
	dev_chain().execute_with(|| {
		let partners = [Dave, Eve, Ferdie];
		let shop = multisig_account(&partners);
		assert_ok!(Balances::transfer_keep_alive(signed(Alice), shop.clone().into(), 50 * UNIT));

		// Eve proposes a listing: one approval lists nothing.
		let listing = pallet_listings::NextListingId::<Runtime>::get();
		multisig_approve(Eve, &partners, call_listing(PRICE, 4));
		assert!(pallet_listings::Listings::<Runtime>::get(listing).is_none());
		// Ferdie's approval lists it, as the shop.
		multisig_approve(Ferdie, &partners, call_listing(PRICE, 4));
		assert_eq!(pallet_listings::Listings::<Runtime>::get(listing).unwrap().seller, shop);
		let listing_deposit = 50 * UNIT - free(&shop);

		let id = order(Charlie, listing, 2, PRICE);
		multisig_approve(Dave, &partners, call_ship(id));
		multisig_approve(Eve, &partners, call_ship(id));
		assert_ok!(Orders::confirm_receipt(signed(Charlie), id));
		assert_eq!(free(&shop), 50 * UNIT - listing_deposit + 2 * PRICE, "paid for two units");

		// One partner alone cannot take the money: the transfer waits for a second approval.
		let before = free(&shop);
		multisig_approve(Eve, &partners, call_transfer(Eve, 2 * PRICE));
		assert_eq!(free(&shop), before);
		assert_eq!(Balances::balance_on_hold(&pallet_orders::HoldReason::Escrow.into(), &shop), 0);
	});
}
