import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';

import { DeliveryKeyStore, type KeyValueStorage } from '../../src/keystore';
import { generateDeliveryKeyPair } from '../../src/seal';

function memoryStorage (): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => { data.set(k, v); } };
}

const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

describe('DeliveryKeyStore', () => {
  it('keeps every key of an account, newest first, and finds one by its public key', () => {
    const store = new DeliveryKeyStore(memoryStorage(), '0xgenesis');
    const first = generateDeliveryKeyPair();
    const second = generateDeliveryKeyPair();
    store.add(BOB, first);
    store.add(BOB, second);
    store.add(BOB, second);
    expect(store.all(BOB).map((p) => u8aToHex(p.secretKey))).toEqual([u8aToHex(second.secretKey), u8aToHex(first.secretKey)]);
    expect(u8aToHex(store.find(BOB, first.publicKey)?.secretKey)).toBe(u8aToHex(first.secretKey));
    expect(store.find(BOB, generateDeliveryKeyPair().publicKey)).toBeUndefined();
  });

  it('keeps keys apart per chain', () => {
    const storage = memoryStorage();
    new DeliveryKeyStore(storage, '0xdev-one').add(BOB, generateDeliveryKeyPair());
    expect(new DeliveryKeyStore(storage, '0xdev-two').all(BOB)).toEqual([]);
  });

  it('restores a key from its backup and refuses text that is not one', () => {
    const store = new DeliveryKeyStore(memoryStorage(), '0xgenesis');
    const pair = generateDeliveryKeyPair();
    const restored = store.restore(BOB, ` ${u8aToHex(pair.secretKey)} `);
    expect(u8aToHex(restored.publicKey)).toBe(u8aToHex(pair.publicKey));
    expect(store.find(BOB, pair.publicKey)).toBeDefined();
    expect(() => store.restore(BOB, '0x1234')).toThrow(/64 hex digits/);
  });
});
