import { describe, expect, it } from 'vitest';

import { CODE_LENGTH, DeliveryCodeStore, deliveryCodeHash, formatDeliveryCode, newDeliveryCode, normalizeDeliveryCode } from '../../src/delivery-code';

describe('delivery codes', () => {
  it('are 16 characters of the alphabet, at least the runtime minimum of 16 bytes', () => {
    const code = newDeliveryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(new TextEncoder().encode(code).length).toBeGreaterThanOrEqual(16);
    expect(newDeliveryCode()).not.toBe(code);
  });

  it('use the low five bits of each random byte', () => {
    const bytes = Uint8Array.from({ length: CODE_LENGTH }, (_, i) => i * 2 + 0xe0);
    expect(newDeliveryCode(() => bytes)).toBe('02468ACEGJMPRTWY');
  });

  it('read back as typed: groups, case, and the look-alike letters', () => {
    expect(formatDeliveryCode('02468ACEGJMPRTWY')).toBe('0246-8ACE-GJMP-RTWY');
    expect(normalizeDeliveryCode(' 0246-8ace gjmp-rtwy ')).toBe('02468ACEGJMPRTWY');
    expect(normalizeDeliveryCode('O246-8ACE-GJMP-RTWY')).toBe('02468ACEGJMPRTWY');
    expect(normalizeDeliveryCode('1111-IIII-LLLL-iiii')).toBe('1111111111111111');
    expect(normalizeDeliveryCode('0246-8ACE-GJMP')).toBeNull();
    expect(normalizeDeliveryCode('0246-8ACE-GJMP-RTWU')).toBeNull();
  });

  it('hash as the runtime checks them: blake2_256 of the bytes', () => {
    // blake2_256("abc")
    expect(deliveryCodeHash('abc')).toBe('0xbddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319');
  });

  it('are kept per chain and order, and only returned if they match the order', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => { map.set(k, v); } };
    const store = new DeliveryCodeStore(storage, '0xgenesis');
    store.save(7n, '02468ACEGJMPRTWY');
    expect(store.find(7n, deliveryCodeHash('02468ACEGJMPRTWY'))).toBe('02468ACEGJMPRTWY');
    expect(store.find(7n, deliveryCodeHash('other'))).toBeUndefined();
    expect(store.find(8n, deliveryCodeHash('02468ACEGJMPRTWY'))).toBeUndefined();
    expect(new DeliveryCodeStore(storage, '0xother').find(7n, deliveryCodeHash('02468ACEGJMPRTWY'))).toBeUndefined();
  });
});
