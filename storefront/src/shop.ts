// What every view shares: the chain, the chosen account, per-block caches of the catalog and
// of reputations, the delivery key store, and sending transactions with visible progress.

import type { SubmittableExtrinsic } from '@polkadot/api/types';

import type { Account } from './accounts';
import type { Activity } from './activity';
import { type Chain, fetchListings, fetchOrders, fetchReputation } from './chain';
import type { Listing, Order, Reputation, Role } from './decode';
import { explainSubmitError, TxError } from './errors';
import { type BlockClock, formatBlock, shortAddress } from './format';
import { DeliveryCodeStore } from './delivery-code';
import { DeliveryKeyStore } from './keystore';
import { submit, type TxResult } from './tx';

/** A page section that reads the chain again on every block. */
export interface View {
  readonly element: HTMLElement
  /** Reads what the view shows and updates it; only touches elements whose data changed. */
  refresh: () => Promise<void>
}

/** A value read once per block, shared by the views that ask for it in that block. */
class PerBlock<T> {
  private cached: { block: number, value: Promise<T> } | undefined;

  get (block: number, read: () => Promise<T>): Promise<T> {
    if (this.cached?.block !== block) {
      const value = read();
      this.cached = { block, value };
      // A failed read is not kept: the next caller tries again.
      value.catch(() => { if (this.cached?.value === value) this.cached = undefined; });
    }
    return this.cached.value;
  }
}

export class Shop {
  /** Every account the page can sign with (dev accounts, then wallet accounts). */
  accounts: Account[] = [];
  /** The account the views act for; `null` until one is chosen. */
  account: Account | null = null;
  /** The best block number, updated by the block subscription. */
  blockNumber = 0;
  /** The chain's recent pace, for deadlines as dates; updated every few blocks. */
  clock: BlockClock | undefined;
  readonly keys: DeliveryKeyStore;
  /** The delivery codes of the orders placed in this browser. */
  readonly codes: DeliveryCodeStore;
  /** Opens the checkout for a listing (set by the app once the checkout exists). */
  openCheckout: (listing: Listing) => void = () => {};
  /** Puts a unit of a listing in the cart (set by the app once the cart exists). */
  addToCart: (listing: Listing) => void = () => {};
  /** Asks the app to refresh the visible view now rather than at the next block. */
  requestRefresh: () => void = () => {};

  private readonly listingsCache = new PerBlock<Map<number, Listing>>();
  private readonly reputationCache = new Map<string, PerBlock<Reputation>>();
  private readonly ordersCache = new Map<string, PerBlock<Order[]>>();

  constructor (readonly chain: Chain, private readonly activity: Activity, storage: Storage) {
    this.keys = new DeliveryKeyStore(storage, chain.genesisHash);
    this.codes = new DeliveryCodeStore(storage, chain.genesisHash);
  }

  /** The account's name if the page knows it (`Bob`), else its short address. */
  nameOf (address: string): string {
    return this.accounts.find((a) => a.address === address)?.name ?? shortAddress(address);
  }

  /** A block as a date and time (`about Tue 8 Dec, 14:05 (block #120)`), once the pace is known. */
  when (block: number): string {
    return formatBlock(block, this.clock);
  }

  /** The catalog by listing id, read at most once per block. */
  listings (): Promise<Map<number, Listing>> {
    return this.listingsCache.get(this.blockNumber, async () => new Map((await fetchListings(this.chain)).map((l) => [l.id, l])));
  }

  /**
   * An account's orders on one side, read at most once per block: the seller alerts and the
   * Selling view ask for the same ones every block.
   */
  orders (address: string, role: Role): Promise<Order[]> {
    const key = `${role}:${address}`;
    let cache = this.ordersCache.get(key);
    if (!cache) {
      cache = new PerBlock();
      this.ordersCache.set(key, cache);
    }
    return cache.get(this.blockNumber, () => fetchOrders(this.chain, address, role));
  }

  /** An account's reputation, read at most once per block. */
  reputation (address: string): Promise<Reputation> {
    let cache = this.reputationCache.get(address);
    if (!cache) {
      cache = new PerBlock();
      this.reputationCache.set(address, cache);
    }
    return cache.get(this.blockNumber, () => fetchReputation(this.chain, address));
  }

  /**
   * Signs `tx` with the chosen account and follows it in the transactions panel (and in
   * `mirror`, if given). Resolves with the result once finalized, or `null` if it failed:
   * the failure is shown, so callers only decide what to do next. `feeAsset` pays the network
   * fee in a foreign asset (its location) instead of the chain's token.
   */
  async send (label: string, tx: SubmittableExtrinsic<'promise'>, mirror?: HTMLElement, feeAsset?: object): Promise<TxResult | null> {
    const account = this.account;
    const tracker = this.activity.track(account ? `${label} (${account.name})` : label, mirror);
    if (!account) {
      tracker.failed({ title: 'No account', detail: 'Choose an account at the top of the page (or connect a wallet) first.' });
      return null;
    }
    try {
      return await submit(this.chain, account, tx, (progress) => tracker.progress(progress), feeAsset);
    } catch (error) {
      tracker.failed(error instanceof TxError ? error.explanation : explainSubmitError(error));
      return null;
    } finally {
      this.requestRefresh();
    }
  }
}
