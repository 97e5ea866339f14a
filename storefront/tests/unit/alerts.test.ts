import { describe, expect, it } from 'vitest';

import { sellerEvents } from '../../src/alerts';
import { NATIVE, type Order, type OrderState } from '../../src/decode';

const order = (id: bigint, state: OrderState, proposal: Order['proposal'] = null): Order => ({
  id, buyer: 'buyer', seller: 'seller', listing: 1, quantity: 1, asset: NATIVE, unitPrice: 1n, value: 1n, fee: 0n, placedAt: 1, state, proposal, sealedDelivery: null, deliveryCodeHash: null
});
const placed = (id: bigint): Order => order(id, { kind: 'placed', shipBy: 60 });
const byId = (orders: Order[]): Map<bigint, Order> => new Map(orders.map((o) => [o.id, o]));

describe('seller alerts', () => {
  it('says nothing about the orders that were there when the page first looked', () => {
    expect(sellerEvents(undefined, [placed(1n), placed(2n)])).toEqual([]);
  });

  it('tells a new order, a dispute opened and a buyer\'s offer, once each', () => {
    const before = [placed(1n), order(2n, { kind: 'shipped', confirmBy: 80, trackingHash: '0x' })];
    const disputed = order(2n, { kind: 'disputed', ruleBy: 120, reasonHash: '0x' }, { by: 'Buyer', buyerShare: 500_000_000 });
    const now = [placed(3n), placed(1n), disputed];
    expect(sellerEvents(byId(before), now).map((e) => [e.kind, e.order.id])).toEqual([
      ['new-order', 3n], ['disputed', 2n], ['proposal', 2n]
    ]);
    // Read again with nothing new: no alert repeats.
    expect(sellerEvents(byId(now), now)).toEqual([]);
  });

  it('does not call an order new that was settled before it was first seen', () => {
    expect(sellerEvents(byId([]), [order(4n, { kind: 'settled', outcome: { kind: 'refunded' }, at: 9 })])).toEqual([]);
  });
});
