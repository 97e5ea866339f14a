// Delivery codes: the buyer's proof of hand-over. At checkout the storefront makes a random
// code and sends only its hash with the order; the buyer gives the code to the courier when the
// parcel is in their hands, and whoever reveals it on chain (`orders.revealDeliveryCode`)
// completes the order and pays the seller, without waiting for the buyer to confirm.
//
// The code is what protects the escrow, so it must not be guessable from its public hash: 16
// characters of Crockford's base32 alphabet (no I, L, O, U), 80 random bits, above the
// runtime's minimum of 16 bytes. A new code for every order: a code revealed once is public, and
// the chain refuses a second order with the same hash while the first is stored.

import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

import type { KeyValueStorage } from './keystore';

/** Crockford's base32: digits and letters without I, L, O and U, which read as others. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** What the buyer is told about the delivery code. */
export const DELIVERY_CODE_ADVICE = 'Give it to the courier only once the parcel is in your hands: whoever enters it completes the order and pays the seller.';

/** Characters in a code: 16 of 32 symbols, 80 bits. */
export const CODE_LENGTH = 16;

/** A new random code (16 characters; `random` is for tests). */
export function newDeliveryCode (random: (bytes: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  // 256 is a multiple of 32: the low five bits of a uniform byte are uniform.
  return Array.from(random(CODE_LENGTH), (byte) => ALPHABET[byte & 31]).join('');
}

/** The code as people read and type it: four groups of four. */
export function formatDeliveryCode (code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * The code as typed by a person (any case, with spaces or dashes, O for 0, I or L for 1), back in
 * the form that was hashed; `null` if it is not 16 characters of the alphabet.
 */
export function normalizeDeliveryCode (typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return null;
  return code;
}

/** What the order stores: `blake2_256` of the code's bytes, as `place_order` takes it. */
export function deliveryCodeHash (code: string): string {
  return u8aToHex(blake2AsU8a(new TextEncoder().encode(code), 256));
}

/** The codes of this browser's orders, per chain (genesis hash): only the buyer keeps them. */
export class DeliveryCodeStore {
  constructor (private readonly storage: KeyValueStorage, private readonly genesisHash: string) {}

  private slot (order: bigint): string {
    return `bazaar.delivery-codes.${this.genesisHash}.${order}`;
  }

  save (order: bigint, code: string): void {
    this.storage.setItem(this.slot(order), code);
  }

  /** The code of `order` if this browser made it and it still hashes to `hash`. */
  find (order: bigint, hash: string): string | undefined {
    const code = this.storage.getItem(this.slot(order));
    return code !== null && deliveryCodeHash(code) === hash ? code : undefined;
  }
}
