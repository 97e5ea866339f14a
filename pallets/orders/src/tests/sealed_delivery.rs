//! `set_encryption_key` and sealed delivery details, with a real NaCl box round trip.

use super::*;
use crypto_box::{
	aead::{Aead, AeadCore, OsRng},
	Nonce, PublicKey, SalsaBox, SecretKey,
};
use frame_support::assert_noop;

/// `bytes` as sealed to `key`.
fn sealed_to(key: EncryptionKey, bytes: Vec<u8>) -> SealedToKeyOf<Test> {
	SealedToKey { key, sealed: bytes.try_into().unwrap() }
}

/// `bytes` as sealed to the key `[1; 32]`, the one most tests publish.
fn sealed(bytes: Vec<u8>) -> SealedToKeyOf<Test> {
	sealed_to([1; 32], bytes)
}

/// What a buyer's client does: seal `details` to the seller's key with a fresh ephemeral key
/// pair, laid out as ephemeral public key (32) || nonce (24) || box (tag 16 || ciphertext).
fn seal(seller: &PublicKey, details: &[u8]) -> Vec<u8> {
	let ephemeral = SecretKey::generate(&mut OsRng);
	let nonce = SalsaBox::generate_nonce(&mut OsRng);
	let boxed = SalsaBox::new(seller, &ephemeral).encrypt(&nonce, details).unwrap();
	let mut out = ephemeral.public_key().as_bytes().to_vec();
	out.extend_from_slice(&nonce);
	out.extend_from_slice(&boxed);
	out
}

/// What the seller's client does with the bytes read from the chain.
fn open(seller: &SecretKey, bytes: &[u8]) -> Vec<u8> {
	let (key, rest) = bytes.split_at(SealedDelivery::PUBLIC_KEY_LEN as usize);
	let (nonce, boxed) = rest.split_at(SealedDelivery::NONCE_LEN as usize);
	let ephemeral = PublicKey::from(<[u8; 32]>::try_from(key).unwrap());
	SalsaBox::new(&ephemeral, seller)
		.decrypt(Nonce::from_slice(nonce), boxed)
		.unwrap()
}

#[test]
fn set_encryption_key_publishes_and_replaces() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), [1; 32]));
		assert_eq!(
			EncryptionKeys::<Test>::get(SELLER),
			Some(SellerKey { key: [1; 32], deposit: KEY_DEPOSIT })
		);
		assert_eq!(key_deposit_held(SELLER), KEY_DEPOSIT);
		// Replacing keeps the deposit already held.
		assert_ok!(OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), [2; 32]));
		assert_eq!(
			EncryptionKeys::<Test>::get(SELLER),
			Some(SellerKey { key: [2; 32], deposit: KEY_DEPOSIT })
		);
		assert_eq!(key_deposit_held(SELLER), KEY_DEPOSIT);
		assert_eq!(Balances::free_balance(SELLER), INITIAL_BALANCE - KEY_DEPOSIT);
		assert_eq!(
			orders_events().last(),
			Some(&Event::EncryptionKeySet { seller: SELLER, key: [2; 32], deposit: KEY_DEPOSIT })
		);
		assert_noop!(
			OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), [0; 32]),
			Error::<Test>::InvalidEncryptionKey
		);
	});
}

#[test]
fn set_encryption_key_needs_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		// POOR has 50, less than the deposit.
		assert_noop!(
			OrderBook::set_encryption_key(RuntimeOrigin::signed(POOR), [1; 32]),
			Error::<Test>::InsufficientKeyDeposit
		);
		assert_eq!(EncryptionKeys::<Test>::get(POOR), None);
	});
}

#[test]
fn clear_encryption_key_releases_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), [1; 32]));
		assert_ok!(OrderBook::clear_encryption_key(RuntimeOrigin::signed(SELLER)));
		assert_eq!(EncryptionKeys::<Test>::get(SELLER), None);
		assert_eq!(key_deposit_held(SELLER), 0);
		assert_eq!(Balances::free_balance(SELLER), INITIAL_BALANCE);
		assert_eq!(
			orders_events().last(),
			Some(&Event::EncryptionKeyCleared { seller: SELLER, deposit: KEY_DEPOSIT })
		);
		// Without a key, buyers can no longer seal details to the seller.
		assert_noop!(
			OrderBook::place_order(
				RuntimeOrigin::signed(BUYER),
				LISTING,
				1,
				PRICE,
				None,
				Some(sealed(vec![1; 80]))
			),
			Error::<Test>::NoEncryptionKey
		);
	});
}

#[test]
fn clear_encryption_key_needs_a_published_key() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			OrderBook::clear_encryption_key(RuntimeOrigin::signed(SELLER)),
			Error::<Test>::NoEncryptionKey
		);
	});
}

#[test]
fn an_order_is_refunded_the_reads_and_writes_of_what_it_left_out() {
	ExtBuilder::default().build_and_execute(|| {
		let benchmarked = <() as crate::WeightInfo>::place_order();
		let one = <Test as frame_system::Config>::DbWeight::get().reads_writes(1, 1);
		assert!(one.ref_time() > 0);
		let code = |byte: u8| Some(H256::repeat_byte(byte));

		// Neither details nor a code: the key read and the details write, the code index's
		// read and write.
		let plain =
			OrderBook::place_order(RuntimeOrigin::signed(BUYER), LISTING, 1, PRICE, None, None)
				.unwrap();
		assert_eq!(plain.actual_weight, Some(benchmarked - one - one));
		let coded =
			OrderBook::place_order(RuntimeOrigin::signed(BUYER), LISTING, 1, PRICE, code(1), None)
				.unwrap();
		assert_eq!(coded.actual_weight, Some(benchmarked - one));

		assert_ok!(OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), [1; 32]));
		let with_details = |code| {
			OrderBook::place_order(
				RuntimeOrigin::signed(BUYER),
				LISTING,
				1,
				PRICE,
				code,
				Some(sealed(vec![1; 80])),
			)
			.unwrap()
		};
		assert_eq!(with_details(None).actual_weight, Some(benchmarked - one));
		// Both: the benchmarked case.
		assert_eq!(with_details(code(2)).actual_weight, Some(benchmarked));
	});
}

#[test]
fn sealed_details_need_a_published_key() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			OrderBook::place_order(
				RuntimeOrigin::signed(BUYER),
				LISTING,
				1,
				PRICE,
				None,
				Some(sealed(vec![1; 80]))
			),
			Error::<Test>::NoEncryptionKey
		);
	});
}

#[test]
fn details_sealed_to_a_key_the_seller_replaced_fail() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), [1; 32]));
		// The buyer sealed to [1; 32]; the seller replaced it before the order got in.
		assert_ok!(OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), [2; 32]));
		assert_noop!(
			OrderBook::place_order(
				RuntimeOrigin::signed(BUYER),
				LISTING,
				1,
				PRICE,
				None,
				Some(sealed(vec![1; 80]))
			),
			Error::<Test>::EncryptionKeyChanged
		);
		// Sealed again to the current key, the order goes in.
		assert_ok!(OrderBook::place_order(
			RuntimeOrigin::signed(BUYER),
			LISTING,
			1,
			PRICE,
			None,
			Some(sealed_to([2; 32], vec![1; 80]))
		));
	});
}

#[test]
fn sealed_details_shorter_than_key_nonce_and_tag_fail() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), [1; 32]));
		assert_noop!(
			OrderBook::place_order(
				RuntimeOrigin::signed(BUYER),
				LISTING,
				1,
				PRICE,
				None,
				Some(sealed(vec![1; SealedDelivery::MIN_LEN as usize - 1]))
			),
			Error::<Test>::SealedDetailsTooShort
		);
	});
}

#[test]
fn seal_place_read_open_round_trip() {
	ExtBuilder::default().build_and_execute(|| {
		let seller_secret = SecretKey::generate(&mut OsRng);
		let seller_public = *seller_secret.public_key().as_bytes();
		assert_ok!(OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), seller_public));

		// The buyer's client reads the key from the chain and seals the details to it.
		let key = PublicKey::from(EncryptionKeys::<Test>::get(SELLER).unwrap().key);
		let details = b"Ada Lovelace, 12 St James's Square, London SW1Y 4JH".to_vec();
		let bytes = seal(&key, &details);
		assert_eq!(bytes.len(), details.len() + SealedDelivery::MIN_LEN as usize);

		let id = NextOrderId::<Test>::get();
		assert_ok!(OrderBook::place_order(
			RuntimeOrigin::signed(BUYER),
			LISTING,
			1,
			PRICE,
			None,
			Some(sealed_to(seller_public, bytes.clone()))
		));

		// Nothing readable is stored.
		let stored = SealedDeliveries::<Test>::get(id).unwrap().into_inner();
		assert_eq!(stored, bytes);
		assert!(!stored.windows(details.len()).any(|w| w == &details[..]));

		// The seller reads them through the runtime API helper and opens them.
		let from_api = OrderBook::order_details(id).unwrap().sealed_delivery.unwrap();
		assert_eq!(open(&seller_secret, &from_api), details);

		// Anyone else cannot.
		let stranger = SecretKey::generate(&mut OsRng);
		let (k, rest) = from_api.split_at(32);
		let (nonce, boxed) = rest.split_at(24);
		let ephemeral = PublicKey::from(<[u8; 32]>::try_from(k).unwrap());
		assert!(SalsaBox::new(&ephemeral, &stranger)
			.decrypt(Nonce::from_slice(nonce), boxed)
			.is_err());
	});
}

#[test]
fn sealed_details_are_pruned_with_the_order() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(OrderBook::set_encryption_key(RuntimeOrigin::signed(SELLER), [5; 32]));
		let id = NextOrderId::<Test>::get();
		assert_ok!(OrderBook::place_order(
			RuntimeOrigin::signed(BUYER),
			LISTING,
			1,
			PRICE,
			None,
			Some(sealed_to([5; 32], vec![7; 100]))
		));
		assert_ok!(OrderBook::cancel(RuntimeOrigin::signed(BUYER), id));
		run_to_block(1 + RETENTION);
		assert!(!SealedDeliveries::<Test>::contains_key(id));
	});
}
