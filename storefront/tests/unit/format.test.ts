import { describe, expect, it } from 'vitest';

import { amountText, formatBalance, formatPerbill, formatPermill, parseBalance, parsePercentToPerbill, shortAddress } from '../../src/format';

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
