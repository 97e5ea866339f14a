import { describe, expect, it } from 'vitest';

import { assetHubId, assetHubLocation, feeInAsset, fromAsset, toAsset, tokenOf } from '../../src/assets';
import { CartItems } from '../../src/cart';
import type { Listing, PaymentAsset } from '../../src/decode';

const BZR = { symbol: 'BZR', decimals: 12 };
const USDT = { symbol: 'USDT', decimals: 6 };
/** 1 USDT (10^6) worth 10 BZR (10^13 planck): 10^7 planck a unit, as a FixedU128. */
const TEN_BZR_A_USDT = 10_000_000n * 10n ** 18n;

describe('foreign assets', () => {
  it('converts as pallet-asset-rate does, rounding down', () => {
    // An order deposit of 0.16 BZR is 0.016 USDT.
    expect(toAsset(160_000_000_000n, TEN_BZR_A_USDT)).toBe(16_000n);
    expect(fromAsset(16_000n, TEN_BZR_A_USDT)).toBe(160_000_000_000n);
    // Less than one unit rounds to nothing; a fee still costs one unit.
    expect(toAsset(9_999_999n, TEN_BZR_A_USDT)).toBe(0n);
    expect(feeInAsset(9_999_999n, TEN_BZR_A_USDT)).toBe(1n);
    expect(feeInAsset(0n, TEN_BZR_A_USDT)).toBe(0n);
    // A rate that is not a round number: 3 planck a unit; the reciprocal is rounded down first.
    expect(toAsset(10n, 3n * 10n ** 18n)).toBe(3n);
    expect(() => toAsset(1n, 0n)).toThrow('positive');
  });

  it('reads Asset Hub asset ids from locations as polkadot.js gives them, and nothing else', () => {
    expect(assetHubId({ parents: 1, interior: { x3: [{ parachain: 1000 }, { palletInstance: 50 }, { generalIndex: 1984 }] } })).toBe(1984);
    expect(assetHubId({ parents: 1, interior: { x3: [{ parachain: 2000 }, { palletInstance: 50 }, { generalIndex: 1984 }] } })).toBeNull();
    expect(assetHubId({ parents: 0, interior: { here: null } })).toBeNull();
    expect(assetHubLocation(1337)).toEqual({ parents: 1, interior: { X3: [{ Parachain: 1000 }, { PalletInstance: 50 }, { GeneralIndex: 1337 }] } });
  });

  it('shows each price in its own token', () => {
    const assets = new Map([[1984, { id: 1984, token: USDT, minBalance: 10_000n, rate: TEN_BZR_A_USDT }]]);
    expect(tokenOf(BZR, assets, { kind: 'native' })).toBe(BZR);
    expect(tokenOf(BZR, assets, { kind: 'foreign', id: 1984 })).toBe(USDT);
    expect(tokenOf(BZR, assets, { kind: 'foreign', id: 7 }).symbol).toBe('asset #7');
  });

  it('keeps a cart in one currency', () => {
    const listing = (id: number, priceAsset: PaymentAsset): Listing =>
      ({ id, seller: 'seller', priceAsset, unitPrice: 1n, stock: 5, category: 1, title: `Item ${id}`, active: true });
    const cart = new CartItems();
    expect(cart.add(listing(1, { kind: 'foreign', id: 1984 }))).toBeNull();
    expect(cart.asset).toEqual({ kind: 'foreign', id: 1984 });
    expect(cart.add(listing(2, { kind: 'native' }))).toContain('another currency');
    expect(cart.add(listing(3, { kind: 'foreign', id: 1984 }))).toBeNull();
    cart.clear();
    expect(cart.add(listing(2, { kind: 'native' }))).toBeNull();
  });
});
