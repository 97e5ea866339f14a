// Where a seller's delivery secret keys live: the browser's localStorage, never the chain.
//
// Why stored and not derived from the account: a key derived by signing a fixed message would
// need a deterministic signature, but sr25519 (what polkadot wallets use) signs with fresh
// randomness, and a wallet will not hand out its seed. So the storefront makes a random x25519
// key pair, keeps the secret here, and publishes the public half with
// `orders.setEncryptionKey`. The cost: clearing site data loses the key, so the selling page
// offers a backup (the secret as hex) and a restore.
//
// Each account keeps every key it ever had, newest first: orders sealed to a key the seller
// replaced since stay readable.

import { hexToU8a, isHex, u8aToHex } from '@polkadot/util';

import { type DeliveryKeyPair, deliveryKeyPairFromSecret } from './seal';

/** The part of the Web Storage API the store needs (localStorage, or a map in tests). */
export interface KeyValueStorage {
  getItem: (key: string) => string | null
  setItem: (key: string, value: string) => void
}

export class DeliveryKeyStore {
  /**
   * Keys are kept per chain (genesis hash) and account: the same dev account on two dev chains
   * has two different published keys.
   */
  constructor (private readonly storage: KeyValueStorage, private readonly genesisHash: string) {}

  private slot (address: string): string {
    return `bazaar.delivery-keys.${this.genesisHash}.${address}`;
  }

  /** Every key pair of the account, newest first. */
  all (address: string): DeliveryKeyPair[] {
    const stored = this.storage.getItem(this.slot(address));
    if (stored === null) return [];
    const secrets: unknown = JSON.parse(stored);
    if (!Array.isArray(secrets)) return [];
    return secrets.filter((s): s is string => typeof s === 'string' && isHex(s, 256)).map((s) => deliveryKeyPairFromSecret(hexToU8a(s)));
  }

  /** The key pair whose public key is `publicKey`, if this browser holds it. */
  find (address: string, publicKey: Uint8Array): DeliveryKeyPair | undefined {
    const wanted = u8aToHex(publicKey);
    return this.all(address).find((pair) => u8aToHex(pair.publicKey) === wanted);
  }

  /** Keeps a key pair as the account's newest. */
  add (address: string, pair: DeliveryKeyPair): void {
    const secret = u8aToHex(pair.secretKey);
    const others = this.all(address).map((p) => u8aToHex(p.secretKey)).filter((s) => s !== secret);
    this.storage.setItem(this.slot(address), JSON.stringify([secret, ...others]));
  }

  /** Adds the key of a backup (the secret key as 0x-prefixed hex); throws if it is not one. */
  restore (address: string, backup: string): DeliveryKeyPair {
    const text = backup.trim();
    if (!isHex(text, 256)) throw new Error('a key backup is 0x followed by 64 hex digits');
    const pair = deliveryKeyPairFromSecret(hexToU8a(text));
    this.add(address, pair);
    return pair;
  }
}
