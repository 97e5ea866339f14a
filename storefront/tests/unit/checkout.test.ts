import { describe, expect, it } from 'vitest';

import { checkOrderInput, orderDeposit, quote } from '../../src/checkout';
import { challengeStatus } from '../../src/recommendations';

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

  it('checks quantity and the size of the details before signing', () => {
    expect(checkOrderInput('2', 'Main Street 1', 440)).toBeNull();
    expect(checkOrderInput('0', '', 440)).toMatch(/at least one unit/);
    expect(checkOrderInput('1.5', '', 440)).toMatch(/whole number/);
    expect(checkOrderInput('1', 'é'.repeat(221), 440)).toMatch(/442 bytes; at most 440/);
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
