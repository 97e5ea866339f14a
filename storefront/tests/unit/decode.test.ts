// The JSON below is what `toJSON()` gave for the runtime API answers of a bazaar-node --dev
// (an order of demo listing 1, Charlie from Bob, through placed, shipped and completed).

import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';

import {
  decodeAttestation,
  decodeListing,
  decodeModelInfo,
  decodeOrder,
  decodeRatingWindow,
  decodeReputation,
  decodeSellerKey,
  metadataText
} from '../../src/decode';

const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const CHARLIE = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

const order = (state: unknown, extra: Record<string, unknown> = {}): unknown => ({
  id: 0,
  order: { buyer: CHARLIE, seller: BOB, listing: 1, quantity: 1, asset: { native: null }, unitPrice: 45000000000000, value: 45000000000000, fee: 450000000000, placedAt: 73, state, slot: 123, deliveryCodeHash: null, proposal: null, ...extra },
  sealedDelivery: `0x${'22'.repeat(80)}`
});

describe('decoding runtime API answers', () => {
  it('decodes a listing with its metadata as text', () => {
    const listing = decodeListing({ id: 1, seller: BOB, priceAsset: { native: null }, unitPrice: 45000000000000, stock: 999, category: 1, metadata: '0x48616e64206772696e6465722c20636572616d6963206275727273', status: 'Active', deposit: 82700000000, createdAt: 0 });
    expect(listing).toEqual({ id: 1, seller: BOB, priceAsset: { kind: 'native' }, unitPrice: 45_000_000_000_000n, stock: 999, category: 1, title: 'Hand grinder, ceramic burrs', active: true });
    expect(decodeListing({ id: 2, seller: BOB, priceAsset: { native: null }, unitPrice: 1, stock: 0, category: 9, metadata: '0x', status: 'Paused', deposit: 0, createdAt: 5 }).active).toBe(false);
  });

  it('decodes what a listing is priced in and an order paid in', () => {
    const usdt = decodeListing({ id: 3, seller: BOB, priceAsset: { withId: 1984 }, unitPrice: 25000000, stock: 1, category: 1, metadata: '0x', status: 'Active', deposit: 0, createdAt: 0 });
    expect(usdt.priceAsset).toEqual({ kind: 'foreign', id: 1984 });
    expect(decodeOrder(order({ placed: { shipBy: 1 } }, { asset: { withId: 1984 } })).asset).toEqual({ kind: 'foreign', id: 1984 });
    expect(() => decodeListing({ id: 4, seller: BOB, priceAsset: { other: 1 }, unitPrice: 1, stock: 1, category: 1, metadata: '0x', status: 'Active', deposit: 0, createdAt: 0 }))
      .toThrow('unknown payment asset other');
  });

  it('shows metadata that is not UTF-8 as hex', () => {
    expect(metadataText('0xff00')).toBe('0xff00');
  });

  it('decodes orders in each state', () => {
    const placed = decodeOrder(order({ placed: { shipBy: 123 } }));
    expect(placed.id).toBe(0n);
    expect(placed.value).toBe(45_000_000_000_000n);
    expect(placed.fee).toBe(450_000_000_000n);
    expect(placed.state).toEqual({ kind: 'placed', shipBy: 123 });
    expect(placed.sealedDelivery?.length).toBe(80);

    const shipped = decodeOrder(order({ shipped: { confirmBy: 124, trackingHash: `0x${'33'.repeat(32)}` } }));
    expect(shipped.state).toEqual({ kind: 'shipped', confirmBy: 124, trackingHash: `0x${'33'.repeat(32)}` });

    const disputed = decodeOrder(order({ disputed: { ruleBy: 200, reasonHash: `0x${'44'.repeat(32)}` } }, { proposal: { by: 'Seller', buyerShare: 300000000 } }));
    expect(disputed.state.kind).toBe('disputed');
    expect(disputed.proposal).toEqual({ by: 'Seller', buyerShare: 300_000_000 });

    expect(decodeOrder(order({ settled: { outcome: { completed: null }, at: 75 } })).state).toEqual({ kind: 'settled', outcome: { kind: 'completed' }, at: 75 });
    expect(decodeOrder(order({ settled: { outcome: { split: { buyerShare: 250000000 } }, at: 80 } })).state)
      .toEqual({ kind: 'settled', outcome: { kind: 'split', buyerShare: 250_000_000 }, at: 80 });
  });

  it('reads balances above 2^53 given as hex', () => {
    const big = decodeOrder(order({ placed: { shipBy: 1 } }, { value: '0x00000000000000000de08d10223b04e6' }));
    expect(big.value).toBe(0xde08d10223b04e6n);
  });

  it('refuses answers of another shape, saying what it expected', () => {
    expect(() => decodeOrder(order({ lost: {} }))).toThrow(/unknown order state lost/);
    expect(() => decodeListing({ id: '1' })).toThrow(/listing id as a number/);
  });

  it('decodes reputation, rating windows and seller keys', () => {
    const standing = { standing: { ratings: 1, ratedValue: '0x5', starValue: 20, completed: 1, completedValue: 0, refunded: 0, split: 0, ruled: 0, ruledAgainstValue: 0 }, score: 750000 };
    expect(decodeReputation({ asSeller: standing, asBuyer: standing }).asSeller).toEqual({ score: 750_000, ratings: 1, ratedValue: 5n, starValue: 20n, completed: 1, refunded: 0, split: 0, ruled: 0 });
    expect(decodeRatingWindow({ buyer: CHARLIE, seller: BOB, value: 45000000000000, closesAt: 175, buyerRated: false, sellerRated: true }))
      .toEqual({ closesAt: 175, buyerRated: false, sellerRated: true });
    const key = decodeSellerKey({ key: `0x${'11'.repeat(32)}`, deposit: 29600000000 });
    expect(u8aToHex(key.key)).toBe(`0x${'11'.repeat(32)}`);
    expect(key.deposit).toBe(29_600_000_000n);
  });

  it('decodes attested recommendations and the active model', () => {
    const attestation = decodeAttestation({ attester: ALICE, modelVersion: 0, historyNonce: 1, items: [{ item: 0, score: 7612599 }, { item: 5, score: -1031571 }], attestedAt: 76, challengeableUntil: 176 });
    expect(attestation).toEqual({ attester: ALICE, modelVersion: 0, historyNonce: 1n, items: [{ listing: 0, score: 7_612_599 }, { listing: 5, score: -1_031_571 }], attestedAt: 76, challengeableUntil: 176 });
    expect(decodeModelInfo({ version: 0, digest: '0x6087', header: { dim: 8 } })).toEqual({ version: 0, digest: '0x6087' });
  });
});
