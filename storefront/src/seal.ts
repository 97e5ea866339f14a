// Sealing delivery details to a seller's x25519 key, and opening them again, in the browser.
//
// The byte layout is the one `SealedDelivery` in pallets/orders/src/types.rs documents:
//
//   ephemeral public key (32) || nonce (24) || NaCl box: Poly1305 tag (16) || ciphertext
//
// The box is NaCl `crypto_box` (x25519 + XSalsa20-Poly1305), which tweetnacl's `nacl.box`
// implements byte for byte like the Rust `crypto_box::SalsaBox` the pallet's tests use. Every
// order gets a fresh ephemeral key pair, so the buyer keeps no key and two orders' details
// cannot be linked by their sender key.

import nacl from 'tweetnacl';

/** Length of the ephemeral public key at the start of the sealed bytes. */
export const PUBLIC_KEY_LEN = 32;
/** Length of the nonce that follows it. */
export const NONCE_LEN = 24;
/** Length of the Poly1305 tag at the start of the box. */
export const TAG_LEN = 16;
/** Sealed bytes around an empty plaintext; the runtime refuses anything shorter. */
export const MIN_SEALED_LEN = PUBLIC_KEY_LEN + NONCE_LEN + TAG_LEN;

/** An x25519 key pair for `crypto_box`. */
export interface DeliveryKeyPair {
  publicKey: Uint8Array
  secretKey: Uint8Array
}

/** Why sealed details could not be opened. */
export class OpenError extends Error {
  override name = 'OpenError';
}

/** A new random key pair (the seller's, or a buyer's ephemeral one). */
export function generateDeliveryKeyPair (): DeliveryKeyPair {
  return nacl.box.keyPair();
}

/** The key pair of a 32-byte x25519 secret key (e.g. one restored from a backup). */
export function deliveryKeyPairFromSecret (secretKey: Uint8Array): DeliveryKeyPair {
  if (secretKey.length !== nacl.box.secretKeyLength) {
    throw new OpenError(`a delivery secret key has ${nacl.box.secretKeyLength} bytes, not ${secretKey.length}`);
  }
  return nacl.box.keyPair.fromSecretKey(secretKey);
}

/** The longest plaintext (in UTF-8 bytes) that fits the runtime's `MaxSealedDetailsLen`. */
export function maxDetailsBytes (maxSealedLen: number): number {
  return maxSealedLen - MIN_SEALED_LEN;
}

/** Seals `details` (UTF-8 text) to the seller's published key with fresh randomness. */
export function sealDelivery (details: string, sellerKey: Uint8Array): Uint8Array {
  const ephemeral = nacl.box.keyPair();
  return sealWith(new TextEncoder().encode(details), sellerKey, ephemeral.secretKey, nacl.randomBytes(NONCE_LEN));
}

/**
 * The sealing itself, with the ephemeral secret key and nonce given: `sealDelivery` passes
 * fresh random ones; tests pass fixed ones to compare with known vectors.
 */
export function sealWith (plaintext: Uint8Array, sellerKey: Uint8Array, ephemeralSecret: Uint8Array, nonce: Uint8Array): Uint8Array {
  if (sellerKey.length !== PUBLIC_KEY_LEN) throw new Error(`a seller key has ${PUBLIC_KEY_LEN} bytes, not ${sellerKey.length}`);
  if (nonce.length !== NONCE_LEN) throw new Error(`a nonce has ${NONCE_LEN} bytes, not ${nonce.length}`);
  const ephemeralPublic = nacl.box.keyPair.fromSecretKey(ephemeralSecret).publicKey;
  const boxed = nacl.box(plaintext, nonce, sellerKey, ephemeralSecret);
  const sealed = new Uint8Array(PUBLIC_KEY_LEN + NONCE_LEN + boxed.length);
  sealed.set(ephemeralPublic, 0);
  sealed.set(nonce, PUBLIC_KEY_LEN);
  sealed.set(boxed, PUBLIC_KEY_LEN + NONCE_LEN);
  return sealed;
}

/** Opens sealed bytes with the seller's secret key; throws an `OpenError` saying why not. */
export function openDelivery (sealed: Uint8Array, secretKey: Uint8Array): string {
  if (sealed.length < MIN_SEALED_LEN) {
    throw new OpenError(`the sealed details have ${sealed.length} bytes, fewer than the ${MIN_SEALED_LEN} of key, nonce and tag`);
  }
  const ephemeralPublic = sealed.subarray(0, PUBLIC_KEY_LEN);
  const nonce = sealed.subarray(PUBLIC_KEY_LEN, PUBLIC_KEY_LEN + NONCE_LEN);
  const boxed = sealed.subarray(PUBLIC_KEY_LEN + NONCE_LEN);
  const plaintext = nacl.box.open(boxed, nonce, ephemeralPublic, secretKey);
  if (!plaintext) {
    throw new OpenError('they were sealed to a different key than the one this browser holds (or were altered)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw new OpenError('they opened, but are not UTF-8 text');
  }
}
