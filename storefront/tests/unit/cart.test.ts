import { describe, expect, it } from 'vitest';

import { bySeller, CartItems, cartQuote, MAX_CART_ITEMS, validateCart } from '../../src/cart';
import { staffProxyType } from '../../src/chain';
import { type Listing, NATIVE, type SellerKey } from '../../src/decode';

const UNIT = 10n ** 12n;
const listing = (id: number, seller: string, unitPrice: bigint, stock = 5): Listing =>
  ({ id, seller, priceAsset: NATIVE, unitPrice, stock, category: 1, title: `Item ${id}`, active: true });
const key: SellerKey = { key: new Uint8Array(32), deposit: 0n } as unknown as SellerKey;

describe('cart', () => {
  it('adds a unit per click, up to the stock, at the price first seen', () => {
    const cart = new CartItems();
    const beans = listing(0, 'bob', 18n * UNIT, 2);
    expect(cart.add(beans)).toBeNull();
    expect(cart.add({ ...beans, unitPrice: 20n * UNIT })).toBeNull();
    expect(cart.add(beans)).toBe('Only 2 of Item 0 in stock, all in your cart.');
    expect(cart.list()).toEqual([{ listing: beans, seenPrice: 18n * UNIT, quantity: 2 }]);
    expect(cart.units).toBe(2);
    cart.remove(0);
    expect(cart.units).toBe(0);
  });

  it('refuses paused and sold-out listings, and more than the cart holds', () => {
    const cart = new CartItems();
    expect(cart.add({ ...listing(1, 'bob', UNIT), active: false })).toBe('Item 1 cannot be bought now.');
    expect(cart.add(listing(2, 'bob', UNIT, 0))).toBe('Item 2 cannot be bought now.');
    for (let id = 0; id < MAX_CART_ITEMS; id++) expect(cart.add(listing(100 + id, 'dave', UNIT))).toBeNull();
    expect(cart.add(listing(999, 'dave', UNIT))).toBe(`A cart holds at most ${MAX_CART_ITEMS} listings: check these out first.`);
  });

  it('groups the items by seller, in the order the sellers first appear', () => {
    const items = [listing(0, 'bob', UNIT), listing(7, 'dave', UNIT), listing(1, 'bob', UNIT)]
      .map((l) => ({ listing: l, seenPrice: l.unitPrice, quantity: 1 }));
    expect([...bySeller(items)].map(([seller, theirs]) => [seller, theirs.map((i) => i.listing.id)])).toEqual([['bob', [0, 1]], ['dave', [7]]]);
  });

  it('quotes each order as the runtime does, its fee rounded down on its own', () => {
    const item = (price: bigint) => ({ listing: listing(0, 'bob', price), seenPrice: price, quantity: 1 });
    // 1% of 99 plancks is 0 per order: two orders owe no fee, not 1 planck of 198.
    const cheap = cartQuote([{ item: item(99n), units: 1, detailsBytes: 0, sealed: false }, { item: item(99n), units: 1, detailsBytes: 0, sealed: false }], 10_000, { base: 0n, perByte: 0n });
    expect(cheap).toEqual({ value: 198n, fee: 0n, deposits: 0n, held: 198n });
    const quoted = cartQuote([
      { item: item(18n * UNIT), units: 2, detailsBytes: 28, sealed: true },
      { item: item(45n * UNIT), units: 1, detailsBytes: 0, sealed: false }
    ], 10_000, { base: 100n, perByte: 1n });
    // Deposits: 100 + (72-byte envelope + 28 bytes) for the sealed one, 100 for the other.
    expect(quoted).toEqual({ value: 81n * UNIT, fee: 81n * UNIT / 100n, deposits: 300n, held: 81n * UNIT + 81n * UNIT / 100n + 300n });
  });

  it('checks every item before signing: quantities, stock, and the address each keyed seller needs', () => {
    const items = [listing(0, 'bob', UNIT, 3), listing(7, 'dave', UNIT, 1)].map((l) => ({ listing: l, seenPrice: l.unitPrice, quantity: 1 }));
    const sellers = new Map([['bob', { key, details: 'Main Street 1' }], ['dave', { key: null, details: '' }]]);
    expect(validateCart(items, new Map([[0, '2'], [7, '1']]), sellers, 400)).toEqual({ units: new Map([[0, 2], [7, 1]]) });
    expect(validateCart(items, new Map([[0, '2'], [7, '2']]), sellers, 400)).toEqual({ problem: 'Item 7: Only 1 in stock: order 1 or fewer.' });
    const noAddress = new Map([['bob', { key, details: ' ' }], ['dave', { key: null, details: '' }]]);
    expect(validateCart(items, new Map(), noAddress, 400)).toEqual({ problem: 'Item 0: Enter where the seller should deliver (name and address): only the seller can read it.' });
    expect(validateCart([], new Map(), sellers, 400)).toEqual({ problem: 'The cart is empty.' });
  });
});

describe('shop staff', () => {
  const proxy = (delegate: string, proxyType: string, delay = 0) => ({ delegate, proxyType, delay });

  it('acts for a shop through the narrowest proxy that lets it run the shop at once', () => {
    expect(staffProxyType([proxy('ferdie', 'Any'), proxy('ferdie', 'ShopStaff')], 'ferdie')).toBe('ShopStaff');
    expect(staffProxyType([proxy('ferdie', 'NonTransfer')], 'ferdie')).toBe('NonTransfer');
  });

  it('does not act through a governance proxy, a delayed proxy, or somebody else\'s', () => {
    expect(staffProxyType([proxy('ferdie', 'Governance')], 'ferdie')).toBeNull();
    expect(staffProxyType([proxy('ferdie', 'ShopStaff', 10)], 'ferdie')).toBeNull();
    expect(staffProxyType([proxy('dave', 'ShopStaff')], 'ferdie')).toBeNull();
    expect(staffProxyType([], 'ferdie')).toBeNull();
  });
});
