import { hexToU8a, u8aToHex } from '@polkadot/util';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';

import {
  generateDeliveryKeyPair,
  maxDetailsBytes,
  MIN_SEALED_LEN,
  NONCE_LEN,
  openDelivery,
  OpenError,
  PUBLIC_KEY_LEN,
  sealDelivery,
  sealWith,
  TAG_LEN
} from '../../src/seal';

// The XSalsa20-Poly1305 vector of the `crypto_box` crate (0.9.1, tests/lib.rs), the Rust
// implementation the orders pallet documents and tests with: Alice's secret key boxes PLAINTEXT
// to Bob's public key under NONCE, giving BOX (tag || ciphertext).
const ALICE_SECRET = hexToU8a('0x68f208412d8dd5db9d0c6d18512e86f0ec75665ab841372d57b042b27ef89d4c');
const ALICE_PUBLIC = hexToU8a('0xac3a70ba35df3c3fae427a7c72021d68f2c1e044040b75f17313c0c8b5d4241d');
const BOB_SECRET = hexToU8a('0xb581fb5ae182a16f603f39270d4e3b95bc008310b727a11dd4e784a0044d461b');
const BOB_PUBLIC = hexToU8a('0xe8980c86e032f1eb2975052e8d65bddd15c3b59641174ec9678a53789d92c754');
const NONCE = hexToU8a('0x69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37');
const PLAINTEXT = hexToU8a('0xbe075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705');
const BOX = hexToU8a('0xc03f27d188ef650cd12936913137bb17ed4c98c2648939e2e1d2e855470a7b8c632cabfd5ab3b3c2d313dc8c9ecf5da173e1f9c318cdef1dced6d2519e695085e6b5c401a2bd5331442986c7076d412625497c4cb2fd94c6f103961033b2c930d7e82e0341f29d3879bd6ab9d881ea3a1f365d634e653c6e171aac7fc1e76934d23be6f04a54010808dbf0f9bd30f63b68d026');

describe('sealed delivery details', () => {
  it('uses the lengths SealedDelivery documents in pallets/orders/src/types.rs', () => {
    expect([PUBLIC_KEY_LEN, NONCE_LEN, TAG_LEN, MIN_SEALED_LEN]).toEqual([32, 24, 16, 72]);
    // The dev runtime's MaxSealedDetailsLen is 512 bytes.
    expect(maxDetailsBytes(512)).toBe(440);
  });

  it('lays the bytes out as ephemeral public key || nonce || box, byte for byte as crypto_box', () => {
    const sealed = sealWith(PLAINTEXT, BOB_PUBLIC, ALICE_SECRET, NONCE);
    expect(sealed.length).toBe(PUBLIC_KEY_LEN + NONCE_LEN + TAG_LEN + PLAINTEXT.length);
    expect(u8aToHex(sealed.subarray(0, 32))).toBe(u8aToHex(ALICE_PUBLIC));
    expect(u8aToHex(sealed.subarray(32, 56))).toBe(u8aToHex(NONCE));
    expect(u8aToHex(sealed.subarray(56))).toBe(u8aToHex(BOX));
  });

  it('opens the crypto_box vector with the recipient key', () => {
    const sealed = new Uint8Array([...ALICE_PUBLIC, ...NONCE, ...BOX]);
    // The vector's plaintext is random bytes, not text: open the box itself.
    expect(u8aToHex(nacl.box.open(sealed.subarray(56), NONCE, sealed.subarray(0, 32), BOB_SECRET) ?? new Uint8Array())).toBe(u8aToHex(PLAINTEXT));
  });

  it('round-trips text through seal and open', () => {
    const seller = generateDeliveryKeyPair();
    const details = 'Charlie Example, 12 Market Street, Springfield 4242 — ring twice ☎';
    const sealed = sealDelivery(details, seller.publicKey);
    expect(sealed.length).toBe(MIN_SEALED_LEN + new TextEncoder().encode(details).length);
    expect(new TextDecoder().decode(sealed)).not.toContain('Market Street');
    expect(openDelivery(sealed, seller.secretKey)).toBe(details);
  });

  it('uses a fresh ephemeral key and nonce for every seal', () => {
    const seller = generateDeliveryKeyPair();
    const a = sealDelivery('same text', seller.publicKey);
    const b = sealDelivery('same text', seller.publicKey);
    expect(u8aToHex(a.subarray(0, 32))).not.toBe(u8aToHex(b.subarray(0, 32)));
    expect(u8aToHex(a.subarray(32, 56))).not.toBe(u8aToHex(b.subarray(32, 56)));
  });

  it('refuses to open with another key, altered bytes or too few bytes', () => {
    const seller = generateDeliveryKeyPair();
    const sealed = sealDelivery('secret address', seller.publicKey);
    expect(() => openDelivery(sealed, generateDeliveryKeyPair().secretKey)).toThrow(OpenError);
    const altered = sealed.slice();
    altered[altered.length - 1] ^= 1;
    expect(() => openDelivery(altered, seller.secretKey)).toThrow(/different key|altered/);
    expect(() => openDelivery(sealed.subarray(0, MIN_SEALED_LEN - 1), seller.secretKey)).toThrow(/fewer than the 72/);
  });

  it('checks the lengths of the seller key and the nonce', () => {
    expect(() => sealWith(PLAINTEXT, BOB_PUBLIC.subarray(1), ALICE_SECRET, NONCE)).toThrow(/32 bytes/);
    expect(() => sealWith(PLAINTEXT, BOB_PUBLIC, ALICE_SECRET, NONCE.subarray(1))).toThrow(/24 bytes/);
  });
});
