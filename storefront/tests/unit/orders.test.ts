import { blake2AsHex } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';

import { describeState, disputeDeposit, stateLabel, textHash } from '../../src/orders';

describe('order states', () => {
  it('labels each state, and settled orders by their outcome', () => {
    expect(stateLabel({ kind: 'placed', shipBy: 60 })).toBe('Placed');
    expect(stateLabel({ kind: 'settled', outcome: { kind: 'completed' }, at: 9 })).toBe('Completed');
    expect(stateLabel({ kind: 'settled', outcome: { kind: 'split', buyerShare: 1 }, at: 9 })).toBe('Split');
  });

  it('tells each side its deadline', () => {
    expect(describeState({ kind: 'placed', shipBy: 60 }, 'Buyer')).toMatch(/by block #60; if not shipped by then, you are refunded/);
    expect(describeState({ kind: 'placed', shipBy: 60 }, 'Seller')).toBe('Ship by block #60, or the buyer is refunded in full.');
    expect(describeState({ kind: 'shipped', confirmBy: 80, trackingHash: '0x' }, 'Buyer')).toMatch(/open a dispute by block #80/);
    expect(describeState({ kind: 'shipped', confirmBy: 80, trackingHash: '0x' }, 'Seller')).toMatch(/by block #80; after that you are paid\.$/);
    // A staff member reads the shop's orders: the shop is paid, not the staff.
    expect(describeState({ kind: 'shipped', confirmBy: 80, trackingHash: '0x' }, 'Seller', 0, undefined, 'Dave')).toMatch(/after that Dave is paid\.$/);
    expect(describeState({ kind: 'settled', outcome: { kind: 'ruled', buyerShare: 300_000_000 }, at: 90 }, 'Seller'))
      .toBe('Ruled at block #90: 30% of the goods value went back to the buyer.');
    const disputed = { kind: 'disputed', ruleBy: 120, reasonHash: '0x' } as const;
    expect(describeState(disputed, 'Buyer')).toMatch(/rules by block #120; without either by then, the seller is paid in full and receives the dispute deposit\.$/);
    expect(describeState(disputed, 'Seller', 500_000_000)).toMatch(/50% of the goods value and of the dispute deposit go back to the buyer/);
  });

  it('computes the dispute deposit as the runtime: a share rounded up, with a minimum', () => {
    const UNIT = 10n ** 12n;
    expect(disputeDeposit(90n * UNIT, 100_000_000, UNIT)).toBe(9n * UNIT);
    expect(disputeDeposit(101n, 100_000_000, 1n)).toBe(11n);
    expect(disputeDeposit(5n * UNIT, 100_000_000, UNIT)).toBe(UNIT);
  });

  it('stores only the blake2-256 hash of text kept off-chain', () => {
    expect(textHash('  COURIER-0042 ')).toBe(blake2AsHex('COURIER-0042', 256));
  });
});
