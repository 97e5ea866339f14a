import { describe, expect, it } from 'vitest';

import { checkOrderInput, orderDeposit, parseQuantity, quote, shortfall } from '../../src/checkout';
import { challengeStatus, whyNoRecommendations } from '../../src/recommendations';

const UNIT = 10n ** 12n;

describe('checkout', () => {
  it('quotes value plus the market fee, rounded down as the runtime does', () => {
    expect(quote(45n * UNIT, 2, 10_000)).toEqual({ value: 90n * UNIT, fee: 9n * UNIT / 10n, total: 90n * UNIT + 9n * UNIT / 10n });
    expect(quote(99n, 1, 10_000)).toEqual({ value: 99n, fee: 0n, total: 99n });
  });

  it('computes the order deposit as the runtime does: base, plus each sealed byte', () => {
    const base = 160n * UNIT / 1000n;
    const perByte = UNIT / 10_000n;
    expect(orderDeposit(0, true, base, perByte)).toBe(base);
    expect(orderDeposit(100, false, base, perByte)).toBe(base);
    // 100 bytes of text in a 72-byte envelope (ephemeral key, nonce, tag).
    expect(orderDeposit(100, true, base, perByte)).toBe(base + 172n * perByte);
  });

  it('takes only a whole number of units the listing has in stock', () => {
    expect(parseQuantity(' 2 ', 5)).toEqual({ units: 2 });
    expect(parseQuantity('5', 5)).toEqual({ units: 5 });
    expect(parseQuantity('0', 5)).toEqual({ problem: 'Order at least one unit.' });
    expect(parseQuantity('6', 5)).toEqual({ problem: 'Only 5 in stock: order 5 or fewer.' });
    expect(parseQuantity('1', 0)).toEqual({ problem: 'This listing is sold out.' });
    // Beyond a u32 and beyond a double's exact integers: refused, not rounded or thrown.
    expect(parseQuantity('99999999999', 5)).toEqual({ problem: 'Only 5 in stock: order 5 or fewer.' });
    expect(parseQuantity('99999999999999999999999', 4294967295)).toEqual({ problem: 'Only 4294967295 in stock: order 4294967295 or fewer.' });
    // What `Number` would take as something else.
    for (const text of ['1e3', '1.5', '-1', '0x10', '', ' ', '2 3', '１']) {
      expect(parseQuantity(text, 5000)).toEqual({ problem: 'Enter the quantity as a whole number of units, such as 1 or 2.' });
    }
  });

  it('checks quantity, the required address and the size of the details before signing', () => {
    const limits = { stock: 10, maxBytes: 440, detailsRequired: true };
    expect(checkOrderInput('2', 'Main Street 1', limits)).toBeNull();
    expect(checkOrderInput('0', 'Main Street 1', limits)).toMatch(/at least one unit/);
    expect(checkOrderInput('1.5', 'Main Street 1', limits)).toMatch(/whole number/);
    expect(checkOrderInput('11', 'Main Street 1', limits)).toMatch(/Only 10 in stock/);
    // A seller with a key ships to the details: empty or blank is refused.
    expect(checkOrderInput('1', '', limits)).toMatch(/where the seller should deliver/);
    expect(checkOrderInput('1', ' \n\t ', limits)).toMatch(/where the seller should deliver/);
    expect(checkOrderInput('1', '', { ...limits, detailsRequired: false })).toBeNull();
    expect(checkOrderInput('1', 'é'.repeat(221), limits)).toMatch(/442 bytes; at most 440/);
    // Counted as sealed: without the blanks around the text.
    expect(checkOrderInput('1', `  ${'a'.repeat(440)}\n\n`, limits)).toBeNull();
  });

  it('finds what the free balance lacks for the holds, the fee and the existential deposit', () => {
    const order = { held: 100n, networkFee: 3n, existentialDeposit: 1n };
    expect(shortfall(104n, order)).toBe(0n);
    expect(shortfall(103n, order)).toBe(1n);
    expect(shortfall(0n, order)).toBe(104n);
  });
});

describe('challenge window', () => {
  const attestation = { attester: 'a', modelVersion: 0, historyNonce: 1n, items: [], attestedAt: 76, challengeableUntil: 176 };

  it('is open while a challenge sent now can land in its last block or before', () => {
    expect(challengeStatus(attestation, 100)).toEqual({ open: true, blocksLeft: 76 });
    expect(challengeStatus(attestation, 175)).toEqual({ open: true, blocksLeft: 1 });
    expect(challengeStatus(attestation, 176)).toEqual({ open: false, blocksLeft: 0 });
    expect(challengeStatus(attestation, 300)).toEqual({ open: false, blocksLeft: 0 });
  });
});

describe('no recommendations yet', () => {
  const state = { purchases: 2, queued: true, attesters: 1 };

  it('says what stands in the way, first things first', () => {
    expect(whyNoRecommendations(false, true, state)).toMatch(/^You have not turned recommendations on/);
    expect(whyNoRecommendations(true, false, state)).toMatch(/no recommendation model yet/);
    expect(whyNoRecommendations(true, true, { ...state, purchases: 0 })).toMatch(/^Recommendations start from your first completed purchase/);
    expect(whyNoRecommendations(true, true, { ...state, attesters: 0 })).toMatch(/no attester is registered/);
    expect(whyNoRecommendations(true, true, state)).toMatch(/waiting to be ranked/);
    expect(whyNoRecommendations(true, true, { ...state, queued: false })).toBe('Your picks are being updated.');
  });
});
