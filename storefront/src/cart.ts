// The cart: items from any sellers, bought with one signature. The checkout sends one
// `utility.batch_all` of one `place_order` per item, each with its own price witness, delivery
// code and details sealed to its seller's key: if any order fails (a price rose, the stock ran
// out), the chain places none of them and holds nothing. A cart is in one asset: the items of
// a cart are all priced in BZR, or all in the same foreign asset (USDT), whose network fee it
// then pays in that asset too.

import type { SubmittableExtrinsic } from '@polkadot/api/types';

import { assetHubLocation, fetchAssetBalance, fetchAssetRate, feeInAsset, toAsset } from './assets';
import { fetchBalance, fetchMarketFee, fetchSellerKey, tokenFor } from './chain';
import { detailsBytes, orderDeposit, placeOrderTx, quote, shortfall, showFormProblem, validateOrder } from './checkout';
import { assetKey, type Listing, NATIVE, type PaymentAsset, type SellerKey } from './decode';
import { DELIVERY_CODE_ADVICE, formatDeliveryCode, newDeliveryCode } from './delivery-code';
import { h, setContent } from './dom';
import { explainSubmitError } from './errors';
import { formatBalance, formatPermill } from './format';
import { maxDetailsBytes } from './seal';
import type { Shop } from './shop';

/**
 * The most listings one cart holds. The chain bounds a batch only by the block's weight (over
 * 800 orders); a cart is one person's shopping, and a failed item sends the whole batch back.
 */
export const MAX_CART_ITEMS = 20;

/** One listing in the cart, at the price the buyer saw when adding it. */
export interface CartItem {
  listing: Listing
  /** Sent as the order's `max_unit_price`: a price rise refuses the cart instead of charging it. */
  seenPrice: bigint
  quantity: number
}

/** What is in the cart, in the order added; one entry per listing. */
export class CartItems {
  private readonly items = new Map<number, CartItem>();

  /** The items, in the order they were first added. */
  list (): CartItem[] {
    return [...this.items.values()];
  }

  /** Units across all items. */
  get units (): number {
    return this.list().reduce((sum, item) => sum + item.quantity, 0);
  }

  /** What the cart's items are priced in (the chain's token while it is empty). */
  get asset (): PaymentAsset {
    return this.list()[0]?.listing.priceAsset ?? NATIVE;
  }

  /**
   * Adds one unit of `listing` (a second listing of the same id adds to the first, at the price
   * first seen). Returns why it cannot, or `null`.
   */
  add (listing: Listing): string | null {
    const held = this.items.get(listing.id);
    if (held) {
      if (held.quantity >= listing.stock) return `Only ${listing.stock} of ${listing.title} in stock, all in your cart.`;
      held.quantity += 1;
      return null;
    }
    if (!listing.active || listing.stock === 0) return `${listing.title} cannot be bought now.`;
    if (this.items.size > 0 && assetKey(listing.priceAsset) !== assetKey(this.asset)) {
      return `${listing.title} is priced in another currency than your cart: check the cart out first, or buy it on its own.`;
    }
    if (this.items.size >= MAX_CART_ITEMS) return `A cart holds at most ${MAX_CART_ITEMS} listings: check these out first.`;
    this.items.set(listing.id, { listing, seenPrice: listing.unitPrice, quantity: 1 });
    return null;
  }

  remove (listingId: number): void {
    this.items.delete(listingId);
  }

  clear (): void {
    this.items.clear();
  }
}

/** The sellers of `items`, each with their items, in the order the sellers first appear. */
export function bySeller (items: CartItem[]): Map<string, CartItem[]> {
  const sellers = new Map<string, CartItem[]>();
  for (const item of items) {
    const theirs = sellers.get(item.listing.seller) ?? [];
    theirs.push(item);
    sellers.set(item.listing.seller, theirs);
  }
  return sellers;
}

/** What the cart's orders hold, item by item and in all: goods, market fees, deposits. */
export function cartQuote (
  items: Array<{ item: CartItem, units: number, detailsBytes: number, sealed: boolean }>,
  feePermill: number,
  deposit: { base: bigint, perByte: bigint }
): { value: bigint, fee: bigint, deposits: bigint, held: bigint } {
  let value = 0n;
  let fee = 0n;
  let deposits = 0n;
  for (const { item, units, detailsBytes: bytes, sealed } of items) {
    // Each order's fee is rounded down on its own, as the runtime computes it per order.
    const one = quote(item.seenPrice, units, feePermill);
    value += one.value;
    fee += one.fee;
    deposits += orderDeposit(bytes, sealed, deposit.base, deposit.perByte);
  }
  return { value, fee, deposits, held: value + fee + deposits };
}

/** What a seller of the cart needs to be sent: their key, if published, and the details typed. */
interface SellerPart {
  key: SellerKey | null
  details: string
}

/** The cart's orders, as the form describes them, or the first problem with them. */
export function validateCart (
  items: CartItem[],
  quantities: Map<number, string>,
  sellers: Map<string, SellerPart>,
  maxBytes: number
): { units: Map<number, number> } | { problem: string } {
  if (items.length === 0) return { problem: 'The cart is empty.' };
  const units = new Map<number, number>();
  for (const item of items) {
    const seller = sellers.get(item.listing.seller);
    const checked = validateOrder(quantities.get(item.listing.id) ?? String(item.quantity), seller?.details ?? '', {
      stock: item.listing.stock,
      maxBytes,
      detailsRequired: seller?.key != null
    });
    if ('problem' in checked) return { problem: `${item.listing.title}: ${checked.problem}` };
    units.set(item.listing.id, checked.units);
  }
  return { units };
}

/** The cart's dialog: items, delivery details per seller, the totals, one signature. */
export class CartView {
  readonly items = new CartItems();
  /** The published keys and the details typed, per seller, while the dialog is open. */
  private sellers = new Map<string, SellerPart>();
  private feePermill = 0;
  /** The cart's foreign asset's rate when it was opened (unused for the chain's token). */
  private rate: bigint | null = null;
  private placing = false;

  constructor (private readonly shop: Shop, private readonly dialog: HTMLDialogElement, private readonly badge: HTMLElement) {
    this.renderBadge();
  }

  /** Adds a unit of `listing`; says so, or why not, in the cart button's status line. */
  add (listing: Listing): void {
    const problem = this.items.add(listing);
    this.renderBadge(problem ?? `${listing.title} added to your cart.`);
  }

  private renderBadge (status?: string): void {
    const units = this.items.units;
    setContent(this.badge,
      h('button', { type: 'button', class: 'open-cart', onclick: () => { void this.open(); } }, `Cart (${units})`),
      status && h('span', { class: 'muted cart-status', role: 'status' }, ` ${status}`));
  }

  async open (): Promise<void> {
    const items = this.items.list();
    const sellerIds = [...bySeller(items).keys()];
    const [feePermill, ...keys] = await Promise.all([
      fetchMarketFee(this.shop.chain),
      ...sellerIds.map((seller) => fetchSellerKey(this.shop.chain, seller))
    ]);
    this.feePermill = feePermill;
    const asset = this.items.asset;
    this.rate = asset.kind === 'foreign' ? await fetchAssetRate(this.shop.chain.api, asset.id) : null;
    this.sellers = new Map(sellerIds.map((seller, i) => [seller, { key: keys[i], details: this.sellers.get(seller)?.details ?? '' }]));
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
  }

  private get maxBytes (): number {
    return maxDetailsBytes(this.shop.chain.constants.maxSealedDetailsLen);
  }

  private get token (): ReturnType<typeof tokenFor> {
    return tokenFor(this.shop.chain, this.items.asset);
  }

  private render (): void {
    const items = this.items.list();
    const token = this.token;
    const groups = [...bySeller(items)].map(([seller, theirs]) => {
      const part = this.sellers.get(seller);
      const name = this.shop.nameOf(seller);
      const details = h('textarea', {
        name: `details-${seller}`,
        rows: 3,
        'aria-label': `Delivery details for ${name}`,
        disabled: !part?.key,
        placeholder: part?.key ? 'Name, street, city, postcode, phone' : 'This seller has published no encryption key',
        value: part?.details ?? '',
        oninput: (event: Event) => {
          const entry = this.sellers.get(seller);
          if (entry) entry.details = (event.target as HTMLTextAreaElement).value;
          this.updateTotal();
        }
      });
      return h('fieldset', { class: 'cart-seller' },
        h('legend', {}, `From ${name}`),
        ...theirs.map((item) => h('div', { class: 'row cart-item', 'data-listing-id': item.listing.id },
          h('span', { class: 'listing-title' }, item.listing.title),
          h('span', { class: 'muted' }, ` ${formatBalance(item.seenPrice, token)} each · ${item.listing.stock} in stock `),
          h('label', {}, 'Quantity ', h('input', { name: `quantity-${item.listing.id}`, type: 'text', inputmode: 'numeric', class: 'narrow', value: String(item.quantity), oninput: () => this.updateTotal() })),
          h('button', { type: 'button', 'aria-label': `Remove ${item.listing.title}`, onclick: () => { this.items.remove(item.listing.id); this.renderBadge(); this.render(); } }, 'Remove'))),
        h('label', { class: 'block' }, 'Delivery details', details),
        h('p', { class: 'muted' }, part?.key
          ? 'Required. Sealed in this browser to this seller\'s key: only they can read them.'
          : 'No encryption key published: arrange delivery with the seller.'));
    });
    setContent(this.dialog, h('form', { method: 'dialog', class: 'cart', novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); void this.place(); } },
      h('h2', {}, 'Cart'),
      items.length === 0
        ? h('p', { class: 'muted' }, 'Your cart is empty: add items from the catalog.')
        : h('p', { class: 'muted' }, 'One signature places one order per item. If any of them would fail (a price rose, the stock ran out), none is placed and nothing is charged but the network fee.'),
      ...groups,
      h('p', { class: 'total' }),
      h('p', { class: 'error form-error', hidden: true, role: 'alert' }),
      h('div', { class: 'tx-mirror', 'aria-live': 'polite' }),
      h('div', { class: 'success', hidden: true }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary place-cart', disabled: items.length === 0 }, 'Place all orders'),
        h('button', { type: 'button', onclick: () => this.dialog.close() }, 'Close'))));
    this.updateTotal();
  }

  private quantities (): Map<number, string> {
    const typed = new Map<number, string>();
    for (const item of this.items.list()) {
      const input = this.dialog.querySelector<HTMLInputElement>(`input[name="quantity-${item.listing.id}"]`);
      typed.set(item.listing.id, input?.value ?? String(item.quantity));
    }
    return typed;
  }

  private checked (): { units: Map<number, number> } | { problem: string } {
    return validateCart(this.items.list(), this.quantities(), this.sellers, this.maxBytes);
  }

  /** What the cart's orders hold, in the cart's asset (deposits converted at its rate). */
  private quoteFor (units: Map<number, number>): ReturnType<typeof cartQuote> {
    const { constants } = this.shop.chain;
    const quoted = cartQuote(this.items.list().map((item) => {
      const part = this.sellers.get(item.listing.seller);
      return { item, units: units.get(item.listing.id) ?? 0, detailsBytes: detailsBytes(part?.details ?? ''), sealed: part?.key != null };
    }), this.feePermill, { base: constants.orderDepositBase, perByte: constants.orderDepositPerByte });
    if (this.items.asset.kind === 'native') return quoted;
    // Each order's deposit is converted on its own, as the runtime does.
    const deposits = this.items.list().reduce((sum, item) => {
      const part = this.sellers.get(item.listing.seller);
      const native = orderDeposit(detailsBytes(part?.details ?? ''), part?.key != null, constants.orderDepositBase, constants.orderDepositPerByte);
      return sum + (this.rate ? toAsset(native, this.rate) : 0n);
    }, 0n);
    return { ...quoted, deposits, held: quoted.value + quoted.fee + deposits };
  }

  private updateTotal (): void {
    const total = this.dialog.querySelector('.total');
    if (!total) return;
    const checked = this.checked();
    if ('problem' in checked) {
      setContent(total, this.items.list().length === 0 ? '' : h('span', { class: 'muted' }, checked.problem));
      return;
    }
    const token = this.token;
    const { value, fee, deposits } = this.quoteFor(checked.units);
    setContent(total, `Total: ${formatBalance(value + fee, token)} = ${formatBalance(value, token)} + ${formatBalance(fee, token)} market fee (${formatPermill(this.feePermill)}), held in escrow per order until you confirm receipt. `,
      h('span', { class: 'muted' }, `Storage deposits of ${formatBalance(deposits, token)} are held too, and come back when the orders are pruned.`));
  }

  /** The batch of orders, each with a fresh delivery code; the codes in the items' order. */
  private batch (units: Map<number, number>): { tx: SubmittableExtrinsic<'promise'>, codes: string[] } {
    const { api } = this.shop.chain;
    const codes: string[] = [];
    const calls = this.items.list().map((item) => {
      const part = this.sellers.get(item.listing.seller);
      const deliveryCode = newDeliveryCode();
      codes.push(deliveryCode);
      return placeOrderTx(api, {
        listing: item.listing.id,
        units: units.get(item.listing.id) ?? 0,
        seenPrice: item.seenPrice,
        deliveryCode,
        details: part?.details.trim() ?? '',
        sellerKey: part?.key ?? null
      });
    });
    return { tx: api.tx.utility.batchAll(calls), codes };
  }

  private showProblem (problem: string | null): void {
    showFormProblem(this.dialog, problem);
  }

  /** Why `free` (in the cart's asset, which also pays `networkFee`) cannot pay for the cart. */
  private shortOf (free: bigint, networkFee: bigint, keep: bigint, units: Map<number, number>): string | null {
    const token = this.token;
    const lacking = shortfall(free, { held: this.quoteFor(units).held, networkFee, existentialDeposit: keep });
    return lacking > 0n
      ? `Your free balance is ${formatBalance(free, token)}: ${formatBalance(lacking, token)} short of these orders, their deposits and the network fee, and the ${formatBalance(keep, token)} an account must keep. Remove an item or top up.`
      : null;
  }

  private async place (): Promise<void> {
    if (this.placing) return;
    const checked = this.checked();
    if ('problem' in checked) {
      this.showProblem(checked.problem);
      return;
    }
    this.showProblem(null);
    const button = this.dialog.querySelector<HTMLButtonElement>('.place-cart');
    if (button) button.disabled = true;
    this.placing = true;
    const placed = this.items.list();
    try {
      const { tx, codes } = this.batch(checked.units);
      const account = this.shop.account;
      const { chain } = this.shop;
      const asset = this.items.asset;
      if (asset.kind === 'foreign' && this.rate === null) {
        this.showProblem(`The chain takes no orders in ${this.token.symbol} now: governance has set it no rate.`);
        return;
      }
      if (account) {
        const [info, balance] = await Promise.all([tx.paymentInfo(account.address), fetchBalance(chain, account.address)]);
        const networkFee = info.partialFee.toBigInt();
        const problem = asset.kind === 'native'
          ? this.shortOf(balance.free, networkFee, chain.constants.existentialDeposit, checked.units)
          : this.shortOf(await fetchAssetBalance(chain.api, asset.id, account.address), feeInAsset(networkFee, this.rate ?? 1n), chain.assets.get(asset.id)?.minBalance ?? 0n, checked.units);
        if (problem) {
          this.showProblem(problem);
          return;
        }
      }
      const mirror = this.dialog.querySelector<HTMLElement>('.tx-mirror') ?? undefined;
      const feeAsset = asset.kind === 'foreign' ? assetHubLocation(asset.id) : undefined;
      const result = await this.shop.send(`Buy ${placed.length} items in one batch`, tx, mirror, feeAsset);
      if (!result) return;
      // One OrderPlaced per item, in the batch's order.
      const ids = result.events
        .filter(({ event }) => chain.api.events.orders.OrderPlaced.is(event))
        .map(({ event }) => (event.data as unknown as { order: { toString: () => string } }).order.toString());
      ids.forEach((id, i) => this.shop.codes.save(BigInt(id), codes[i]));
      this.items.clear();
      this.renderBadge();
      const success = this.dialog.querySelector<HTMLElement>('.success');
      if (success) {
        setContent(success,
          h('p', {}, `${ids.length} orders placed: `, ...ids.map((id, i) => h('span', { class: 'placed-order' }, `#${id} ${placed[i].listing.title} (code `, h('strong', { class: 'delivery-code' }, formatDeliveryCode(codes[i])), ') '))),
          h('p', {}, 'Follow them under ', h('a', { href: '#orders', onclick: () => this.dialog.close() }, 'My orders'), '. ', DELIVERY_CODE_ADVICE));
        success.hidden = false;
      }
    } catch (error) {
      const { title, detail } = explainSubmitError(error);
      this.showProblem(`${title}: ${detail}`);
    } finally {
      this.placing = false;
      if (button) button.disabled = this.items.list().length === 0;
    }
  }
}
