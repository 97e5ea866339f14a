// Turning chain numbers into text and back. Balances stay `bigint` in plancks (the smallest
// unit) everywhere; only these functions know about decimals.

/** The chain's token, from its properties (`tokenSymbol`, `tokenDecimals`). */
export interface Token {
  symbol: string
  decimals: number
}

/**
 * `value` plancks as `1,234.5 BZR`: thousands separated, trailing zeros dropped, the fraction
 * cut (not rounded) to `maxFraction` digits. Prices use every digit; balances fewer.
 */
export function formatBalance (value: bigint, token: Token, maxFraction = token.decimals): string {
  const [whole, fraction] = amountText(value, token).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cut = (fraction ?? '').slice(0, maxFraction).replace(/0+$/, '');
  return `${grouped}${cut ? `.${cut}` : ''} ${token.symbol}`;
}

/** `value` plancks as whole tokens in plain digits (`1234.5`), as `parseBalance` reads them. */
export function amountText (value: bigint, token: Token): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(token.decimals);
  const fraction = (abs % base).toString().padStart(token.decimals, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / base}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Parses an amount typed in whole tokens (`65`, `65.5`) into plancks. Throws an error that
 * says what is wrong with the text.
 */
export function parseBalance (text: string, token: Token): bigint {
  const trimmed = text.trim();
  const match = /^(\d+)(?:\.(\d*))?$/.exec(trimmed);
  if (!match) throw new Error(`"${trimmed}" is not an amount: use digits and at most one decimal point, e.g. 12.5`);
  const [, whole, fraction = ''] = match;
  if (fraction.length > token.decimals) {
    throw new Error(`${token.symbol} has ${token.decimals} decimals; "${trimmed}" has ${fraction.length}`);
  }
  return BigInt(whole) * 10n ** BigInt(token.decimals) + BigInt(fraction.padEnd(token.decimals, '0') || '0');
}

/** A `Permill` (parts per million) as a percentage: 750000 → `75%`, 625000 → `62.5%`. */
export function formatPermill (parts: number): string {
  return `${Number((parts / 10_000).toFixed(2))}%`;
}

/** A `Perbill` (parts per billion) as a percentage. */
export function formatPerbill (parts: number): string {
  return `${Number((parts / 10_000_000).toFixed(4))}%`;
}

/** A percentage typed by the user (0–100, decimals allowed) as a `Perbill`. */
export function parsePercentToPerbill (text: string): number {
  const percent = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new Error(`"${text.trim()}" is not a percentage from 0 to 100`);
  }
  return Math.round(percent * 10_000_000);
}

/** `5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty` → `5FHneW…694ty`. */
export function shortAddress (address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-5)}` : address;
}

/** Where the chain is in time: a block, when the page saw it, and the mean time per block. */
export interface BlockClock {
  block: number
  /** When the page received the block, in milliseconds since the epoch (the page's clock). */
  at: number
  msPerBlock: number
  /** Where the pace comes from: the chain's timestamps, or the blocks the page saw arrive. */
  source: 'timestamps' | 'observed'
}

/**
 * A block as a person reads a deadline: `about Tue 8 Dec, 14:05 (block #120)` when the clock is
 * known (an estimate at the recent pace, hence "about"); else `block #120`. `locale` and
 * `timeZone` default to the browser's.
 */
export function formatBlock (target: number, clock: BlockClock | undefined, locale?: string, timeZone?: string): string {
  if (!clock) return `block #${target}`;
  const when = new Date(clock.at + (target - clock.block) * clock.msPerBlock);
  const text = when.toLocaleString(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone });
  return `about ${text} (block #${target})`;
}

/** How many blocks the page must see arrive before it trusts its own measure of the pace. */
const OBSERVED_SPAN = 5;

/**
 * The chain's pace as the page sees it: when each new best block arrived (the last 50), anchored
 * at the page's clock. Until `OBSERVED_SPAN` blocks were seen, the chain's timestamps' pace
 * (`timestampPace`) serves, if known.
 */
export class PaceClock {
  timestampPace: number | undefined;
  private readonly seen: Array<{ block: number, at: number }> = [];

  saw (block: number, at = Date.now()): void {
    const last = this.seen[this.seen.length - 1];
    if (last && block <= last.block) return;
    this.seen.push({ block, at });
    if (this.seen.length > 50) this.seen.shift();
  }

  now (): BlockClock | undefined {
    const first = this.seen[0];
    const last = this.seen[this.seen.length - 1];
    if (!first || !last) return undefined;
    if (last.block - first.block >= OBSERVED_SPAN) {
      return { block: last.block, at: last.at, msPerBlock: (last.at - first.at) / (last.block - first.block), source: 'observed' };
    }
    if (this.timestampPace === undefined) return undefined;
    return { block: last.block, at: last.at, msPerBlock: this.timestampPace, source: 'timestamps' };
  }
}
