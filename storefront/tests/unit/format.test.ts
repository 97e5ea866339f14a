import { describe, expect, it } from 'vitest';

import { amountText, formatBalance, formatBlock, PaceClock, formatPerbill, formatPermill, parseBalance, parsePercentToPerbill, shortAddress } from '../../src/format';

const BZR = { symbol: 'BZR', decimals: 12 };
const UNIT = 10n ** 12n;

describe('balances', () => {
  it('formats plancks as tokens with separators and without trailing zeros', () => {
    expect(formatBalance(45n * UNIT, BZR)).toBe('45 BZR');
    expect(formatBalance(1_000_000n * UNIT, BZR)).toBe('1,000,000 BZR');
    expect(formatBalance(29_600_000_000n, BZR)).toBe('0.0296 BZR');
    expect(formatBalance(999_954_449_870_373_000n, BZR, 2)).toBe('999,954.44 BZR');
    expect(formatBalance(1n, BZR)).toBe('0.000000000001 BZR');
  });

  it('writes and reads plain amounts', () => {
    expect(amountText(65n * UNIT + UNIT / 2n, BZR)).toBe('65.5');
    expect(parseBalance('65.5', BZR)).toBe(65n * UNIT + UNIT / 2n);
    expect(parseBalance(' 18 ', BZR)).toBe(18n * UNIT);
    expect(parseBalance('0.000000000001', BZR)).toBe(1n);
  });

  it('explains amounts it cannot read', () => {
    expect(() => parseBalance('12,5', BZR)).toThrow(/not an amount/);
    expect(() => parseBalance('-1', BZR)).toThrow(/not an amount/);
    expect(() => parseBalance('0.0000000000001', BZR)).toThrow(/12 decimals/);
  });
});

describe('shares and addresses', () => {
  it('formats per-million and per-billion shares as percentages', () => {
    expect(formatPermill(750_000)).toBe('75%');
    expect(formatPermill(625_000)).toBe('62.5%');
    expect(formatPerbill(300_000_000)).toBe('30%');
  });

  it('reads percentages as Perbill and refuses anything outside 0–100', () => {
    expect(parsePercentToPerbill('100')).toBe(1_000_000_000);
    expect(parsePercentToPerbill('12.5')).toBe(125_000_000);
    expect(() => parsePercentToPerbill('101')).toThrow(/0 to 100/);
    expect(() => parsePercentToPerbill('')).toThrow(/0 to 100/);
  });

  it('shortens addresses', () => {
    expect(shortAddress('5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty')).toBe('5FHneW…694ty');
  });
});

describe('blocks as dates', () => {
  // Block 100 arrived at 2026-12-07 14:00:00 UTC; blocks come every 6 s.
  const clock = { block: 100, at: Date.UTC(2026, 11, 7, 14, 0, 0), msPerBlock: 6_000, source: 'observed' } as const;

  it('writes a deadline as the date and time it is expected, with its block', () => {
    expect(formatBlock(700, clock, 'en-GB', 'UTC')).toBe('about Mon 7 Dec, 15:00 (block #700)');
    expect(formatBlock(100 + 14_400, clock, 'en-GB', 'UTC')).toBe('about Tue 8 Dec, 14:00 (block #14500)');
    expect(formatBlock(90, clock, 'en-GB', 'UTC')).toBe('about Mon 7 Dec, 13:59 (block #90)');
  });

  it('falls back to the block number while the pace is unknown', () => {
    expect(formatBlock(700, undefined)).toBe('block #700');
  });
});

describe('the pace clock', () => {
  it('uses the timestamps\' pace until it has seen five blocks arrive, then its own', () => {
    const clock = new PaceClock();
    expect(clock.now()).toBeUndefined();
    clock.saw(10, 1_000);
    expect(clock.now()).toBeUndefined();
    // A dev chain whose timestamps step 6 s a block, sealing one a second.
    clock.timestampPace = 6_000;
    expect(clock.now()).toEqual({ block: 10, at: 1_000, msPerBlock: 6_000, source: 'timestamps' });
    for (let block = 11; block <= 15; block++) clock.saw(block, 1_000 + (block - 10) * 1_000);
    expect(clock.now()).toEqual({ block: 15, at: 6_000, msPerBlock: 1_000, source: 'observed' });
    // A block seen twice (or an older one after a reorg) does not count.
    clock.saw(15, 60_000);
    clock.saw(12, 70_000);
    expect(clock.now()?.msPerBlock).toBe(1_000);
  });
});
