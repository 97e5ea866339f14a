// Checkout: the quantity, the unit price the buyer saw (sent as `max_unit_price`, so a price
// rise between looking and buying is refused instead of charged), the total with the market
// fee, and delivery details sealed in the browser to the seller's published key.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { u8aToHex } from '@polkadot/util';

import { assetHubLocation, fetchAssetBalance, fetchAssetRate, feeInAsset, toAsset } from './assets';
import { type Badge, badgeElement, reputationBadge } from './catalog';
import { fetchBalance, fetchMarketFee, fetchSellerKey, tokenFor } from './chain';
import type { Listing, PaymentAsset, SellerKey } from './decode';
import { DELIVERY_CODE_ADVICE, deliveryCodeHash, formatDeliveryCode, newDeliveryCode } from './delivery-code';
import { field, h, keyOf, setContent } from './dom';
import { explainSubmitError } from './errors';
import { formatBalance, formatPermill, type Token } from './format';
import { MIN_SEALED_LEN, maxDetailsBytes, sealDelivery } from './seal';
import type { Shop } from './shop';

/** What an order costs: the goods value held for the seller, plus the market fee on it. */
export function quote (unitPrice: bigint, quantity: number, feePermill: number): { value: bigint, fee: bigint, total: bigint } {
  const value = unitPrice * BigInt(quantity);
  // `Permill` of the value, rounded down, as the runtime computes it.
  const fee = (value * BigInt(feePermill)) / 1_000_000n;
  return { value, fee, total: value + fee };
}

/**
 * The storage deposit an order holds until it is pruned, as the runtime computes it: the base,
 * plus the per-byte deposit for each byte of sealed details (the text's UTF-8 bytes and the
 * envelope), if details are sealed at all.
 */
export function orderDeposit (detailsBytes: number, sealed: boolean, base: bigint, perByte: bigint): bigint {
  const stored = sealed && detailsBytes > 0 ? MIN_SEALED_LEN + detailsBytes : 0;
  return base + perByte * BigInt(stored);
}

/** What the checkout knows of an order's limits, to refuse what the chain would refuse. */
export interface OrderLimits {
  /** Units the listing has left. */
  stock: number
  /** Bytes of delivery details that fit once sealed. */
  maxBytes: number
  /** The seller published an encryption key: it ships to the details, so they are required. */
  detailsRequired: boolean
}

/** The UTF-8 length of the details as they are sealed (without surrounding blanks). */
export function detailsBytes (details: string): number {
  return new TextEncoder().encode(details.trim()).length;
}

/**
 * The quantity typed, as a whole number of units the listing has in stock, or why it is not
 * one. Only digits pass: `1e3`, `1.5` or `-1` would mean something else to `Number`.
 */
export function parseQuantity (text: string, stock: number): { units: number } | { problem: string } {
  const digits = text.trim();
  if (!/^\d+$/.test(digits)) return { problem: 'Enter the quantity as a whole number of units, such as 1 or 2.' };
  // Compared as big integers: `99999999999` must not round or overflow on the way.
  const units = BigInt(digits);
  if (units < 1n) return { problem: 'Order at least one unit.' };
  if (stock === 0) return { problem: 'This listing is sold out.' };
  if (units > BigInt(stock)) return { problem: `Only ${stock} in stock: order ${stock} or fewer.` };
  return { units: Number(units) };
}

/** The order the form describes, or what is wrong with it: checked before anything is signed. */
export function validateOrder (quantity: string, details: string, limits: OrderLimits): { units: number } | { problem: string } {
  const parsed = parseQuantity(quantity, limits.stock);
  if ('problem' in parsed) return parsed;
  if (limits.detailsRequired && details.trim() === '') {
    return { problem: 'Enter where the seller should deliver (name and address): only the seller can read it.' };
  }
  const bytes = detailsBytes(details);
  if (bytes > limits.maxBytes) return { problem: `The delivery details take ${bytes} bytes; at most ${limits.maxBytes} fit once sealed. Shorten them.` };
  return parsed;
}

/** Checks the form before anything is signed; returns what is wrong, or `null`. */
export function checkOrderInput (quantity: string, details: string, limits: OrderLimits): string | null {
  const checked = validateOrder(quantity, details, limits);
  return 'problem' in checked ? checked.problem : null;
}

/**
 * How much the buyer's free balance lacks for the order (0 if nothing): the escrow and the
 * deposit are held and the network fee paid from it, and the existential deposit must stay, or
 * the runtime refuses the hold (`InsufficientFunds`) after the fee is already paid.
 */
export function shortfall (free: bigint, order: { held: bigint, networkFee: bigint, existentialDeposit: bigint }): bigint {
  const needed = order.held + order.networkFee + order.existentialDeposit;
  return needed > free ? needed - free : 0n;
}

/** Shows `problem` in the `.form-error` under `root` (hidden when `null`). */
export function showFormProblem (root: ParentNode, problem: string | null): void {
  const formError = root.querySelector<HTMLElement>('.form-error');
  if (!formError) return;
  setContent(formError, problem ?? '');
  formError.hidden = problem === null;
}

/**
 * One `place_order`: `units` of `listing` at most at `seenPrice` a unit (its `max_unit_price`),
 * the hash of `deliveryCode`, and `details`, if any and if the seller has a key, sealed to it.
 * The key is sent with the details: if the seller replaces it before the order is in a block,
 * the order is refused (EncryptionKeyChanged) rather than storing details the seller cannot open.
 */
export function placeOrderTx (api: ApiPromise, order: { listing: number, units: number, seenPrice: bigint, deliveryCode: string, details: string, sellerKey: SellerKey | null }): SubmittableExtrinsic<'promise'> {
  const { sellerKey, details } = order;
  const sealed = details && sellerKey
    ? { key: u8aToHex(sellerKey.key), sealed: u8aToHex(sealDelivery(details, sellerKey.key)) }
    : null;
  return api.tx.orders.placeOrder(order.listing, order.units, order.seenPrice, deliveryCodeHash(order.deliveryCode), sealed);
}

/**
 * What an order in `asset` is priced in: its token, and for a foreign asset its rate to the
 * chain's token now (`null` if it has none: the chain takes no order in it) and the balance a
 * holder of it keeps.
 */
interface Pricing {
  asset: PaymentAsset
  token: Token
  rate: bigint | null
  /** What the buyer's account must keep in the asset while it holds escrow in it. */
  keep: bigint
}

/** An open checkout: the listing as first seen, and what was read for it. */
interface Session {
  listing: Listing
  pricing: Pricing
  /** The network fee is paid in the order's foreign asset, not in the chain's token. */
  feeInAsset: boolean
  /** The unit price the buyer accepts; sent as `max_unit_price`. */
  seenPrice: bigint
  sellerKey: SellerKey | null
  feePermill: number
  /** Set once the order is placed: the form is done. */
  placed: boolean
  /** The order's delivery code: made here, only its hash is sent. */
  deliveryCode: string
  /** The node's estimate of the network fee for the order as the form stands, once known. */
  networkFee?: bigint
}

/** The order the form describes, once it passes `validateOrder`. */
interface OrderForm {
  units: number
  details: string
}

/** How long typing must pause before the network fee is asked for again. */
const FEE_DELAY_MS = 300;

export class Checkout {
  private session: Session | undefined;
  private feeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Numbers fee requests: only the newest one's answer is shown. */
  private feeRequest = 0;

  constructor (private readonly shop: Shop, private readonly dialog: HTMLDialogElement) {
    dialog.addEventListener('close', () => {
      clearTimeout(this.feeTimer);
      this.session = undefined;
    });
  }

  async open (listing: Listing): Promise<void> {
    const { chain } = this.shop;
    const [sellerKey, feePermill, reputation] = await Promise.all([
      fetchSellerKey(chain, listing.seller),
      fetchMarketFee(chain),
      this.shop.reputation(listing.seller)
    ]);
    const asset = listing.priceAsset;
    const pricing: Pricing = asset.kind === 'native'
      ? { asset, token: chain.token, rate: null, keep: chain.constants.existentialDeposit }
      : { asset, token: tokenFor(chain, asset), rate: await fetchAssetRate(chain.api, asset.id), keep: chain.assets.get(asset.id)?.minBalance ?? 0n };
    this.session = { listing, pricing, feeInAsset: asset.kind === 'foreign', seenPrice: listing.unitPrice, sellerKey, feePermill, placed: false, deliveryCode: newDeliveryCode() };
    this.render(reputationBadge(reputation.asSeller, chain.token));
    this.dialog.showModal();
  }

  /** Compares the open listing with the chain's: a changed price is pointed out. */
  async refresh (): Promise<void> {
    const session = this.session;
    if (!session || session.placed) return;
    const current = (await this.shop.listings()).get(session.listing.id);
    // The quantity is checked against the stock the chain has now.
    if (current && current.stock !== session.listing.stock) {
      session.listing = { ...session.listing, stock: current.stock };
      this.updateTotal();
    }
    const notice = this.dialog.querySelector<HTMLElement>('.price-notice');
    // Rebuilt only when what it says changes: a button rebuilt every block is hard to click.
    const key = keyOf({ price: current?.unitPrice, seen: session.seenPrice });
    if (!notice || notice.dataset.key === key) return;
    notice.dataset.key = key;
    const { token } = session.pricing;
    if (!current) {
      setContent(notice, 'The seller closed this listing; an order would be refused.');
    } else if (current.unitPrice > session.seenPrice) {
      setContent(notice,
        `The price is now ${formatBalance(current.unitPrice, token)} (you saw ${formatBalance(session.seenPrice, token)}). `,
        'Your order carries the price you saw as its maximum, so it would be refused. ',
        h('button', { type: 'button', class: 'link', onclick: () => this.acceptPrice(current.unitPrice) }, `Accept ${formatBalance(current.unitPrice, token)}`));
    } else if (current.unitPrice < session.seenPrice) {
      setContent(notice, `The price dropped to ${formatBalance(current.unitPrice, token)} (you saw ${formatBalance(session.seenPrice, token)}): you pay the lower price.`);
    } else {
      setContent(notice);
    }
    notice.hidden = notice.childNodes.length === 0;
  }

  private acceptPrice (price: bigint): void {
    if (!this.session) return;
    this.session.seenPrice = price;
    const shown = this.dialog.querySelector('.seen-price');
    if (shown) setContent(shown, formatBalance(price, this.session.pricing.token));
    this.updateTotal();
    void this.refresh();
  }

  private limits (session: Session): OrderLimits {
    return {
      stock: session.listing.stock,
      maxBytes: maxDetailsBytes(this.shop.chain.constants.maxSealedDetailsLen),
      detailsRequired: session.sellerKey !== null
    };
  }

  private render (badge: Badge): void {
    const session = this.session;
    if (!session) return;
    const { listing, sellerKey, pricing } = session;
    const { token } = pricing;
    const { maxBytes } = this.limits(session);
    const foreign = pricing.asset.kind === 'foreign';
    const details = h('textarea', {
      name: 'details',
      rows: 4,
      disabled: sellerKey === null,
      required: sellerKey !== null,
      'aria-describedby': 'checkout-details-help',
      placeholder: sellerKey ? 'Name, street, city, postcode, phone' : 'This seller has published no encryption key',
      oninput: () => this.updateTotal()
    });
    setContent(this.dialog, h('form', { method: 'dialog', class: 'checkout', novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); void this.place(); } },
      h('h2', {}, 'Checkout'),
      h('h3', { class: 'listing-title' }, listing.title),
      h('p', {}, 'Sold by ', this.shop.nameOf(listing.seller), ' ', badgeElement(badge)),
      h('p', {}, 'Unit price: ', h('strong', { class: 'seen-price' }, formatBalance(session.seenPrice, token)),
        h('span', { class: 'muted' }, ' — the price you see is the most you pay per unit: if it rises before your order is in a block, the order is refused.')),
      h('p', { class: 'notice price-notice', hidden: true }),
      foreign && pricing.rate === null && h('p', { class: 'error no-rate' }, `The chain takes no orders in ${token.symbol} now: governance has set it no rate.`),
      foreign && h('label', {}, 'Pay the network fee in ', h('select', {
        name: 'fee-asset',
        onchange: (event: Event) => {
          session.feeInAsset = (event.target as HTMLSelectElement).value === 'asset';
          this.renderNetworkFee();
        }
      }, h('option', { value: 'asset', selected: true }, token.symbol), h('option', { value: 'native' }, this.shop.chain.token.symbol))),
      h('label', {}, 'Quantity ', h('input', { name: 'quantity', type: 'text', inputmode: 'numeric', autocomplete: 'off', value: '1', required: true, oninput: () => this.updateTotal() }),
        h('span', { class: 'muted stock' }, ` ${listing.stock} in stock`)),
      h('label', { class: 'block' }, 'Delivery details', details),
      sellerKey
        ? h('p', { class: 'muted', id: 'checkout-details-help' }, 'Required. Sealed in this browser to the seller\'s key before sending: only the seller can read them. ', h('span', { class: 'byte-count' }), ` of ${maxBytes} bytes.`)
        : h('p', { class: 'notice', id: 'checkout-details-help' }, 'The seller has not published an encryption key, so delivery details cannot be sent privately. You can still order and arrange delivery with the seller.'),
      h('p', { class: 'total' }),
      h('p', { class: 'network-fee' }),
      h('p', { class: 'error form-error', hidden: true, role: 'alert' }),
      h('div', { class: 'tx-mirror', 'aria-live': 'polite' }),
      h('p', { class: 'success', hidden: true }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary place-order' }, 'Place order'),
        h('button', { type: 'button', onclick: () => this.dialog.close() }, 'Close'))
    ));
    this.updateTotal();
  }

  /** The form's order if it passes the checks, else `null` and the problem shown (if `show`). */
  private readForm (session: Session, form: HTMLFormElement, show: boolean): OrderForm | null {
    const quantityText = field<HTMLInputElement>(form, 'quantity').value;
    const details = field<HTMLTextAreaElement>(form, 'details').value.trim();
    const checked = validateOrder(quantityText, details, this.limits(session));
    const problem = 'problem' in checked ? checked.problem : null;
    if (show) this.showProblem(form, problem);
    return 'units' in checked ? { units: checked.units, details } : null;
  }

  private showProblem (form: HTMLFormElement, problem: string | null): void {
    showFormProblem(form, problem);
  }

  /** The `place_order` the form describes, with the details sealed to the seller's key. */
  private orderTx (session: Session, order: OrderForm): SubmittableExtrinsic<'promise'> {
    const { listing, seenPrice, deliveryCode, sellerKey } = session;
    return placeOrderTx(this.shop.chain.api, { listing: listing.id, units: order.units, seenPrice, deliveryCode, details: order.details, sellerKey });
  }

  /**
   * What the order holds from the buyer, in the order's asset: the escrow (value and market fee)
   * and the deposit (set in the chain's token, converted at the asset's rate).
   */
  private held (session: Session, order: OrderForm): { escrow: bigint, deposit: bigint, value: bigint, fee: bigint } {
    const { constants } = this.shop.chain;
    const { value, fee, total } = quote(session.seenPrice, order.units, session.feePermill);
    const native = orderDeposit(detailsBytes(order.details), session.sellerKey !== null, constants.orderDepositBase, constants.orderDepositPerByte);
    const { asset, rate } = session.pricing;
    const deposit = asset.kind === 'native' ? native : rate ? toAsset(native, rate) : 0n;
    return { escrow: total, deposit, value, fee };
  }

  /** The network fee of `native` plancks in what it is paid in: its amount and token. */
  private networkFeeIn (session: Session, native: bigint): { amount: bigint, token: Token } {
    const { rate, token } = session.pricing;
    return session.feeInAsset && rate
      ? { amount: feeInAsset(native, rate), token }
      : { amount: native, token: this.shop.chain.token };
  }

  private updateTotal (): void {
    const session = this.session;
    if (!session) return;
    const form = this.dialog.querySelector('form');
    if (!form) return;
    const { constants } = this.shop.chain;
    const { token } = session.pricing;
    const details = field<HTMLTextAreaElement>(form, 'details').value;
    const count = form.querySelector<HTMLElement>('.byte-count');
    if (count) {
      const { maxBytes } = this.limits(session);
      const bytes = detailsBytes(details);
      setContent(count, bytes);
      count.classList.toggle('error', bytes > maxBytes);
      field<HTMLTextAreaElement>(form, 'details').setAttribute('aria-invalid', String(bytes > maxBytes));
    }
    const stock = form.querySelector('.stock');
    if (stock) setContent(stock, ` ${session.listing.stock} in stock`);
    const total = form.querySelector('.total');
    const parsed = parseQuantity(field<HTMLInputElement>(form, 'quantity').value, session.listing.stock);
    session.networkFee = undefined;
    if ('problem' in parsed) {
      // Said as soon as it is typed: an impossible quantity is never priced or signed.
      if (total) setContent(total, h('span', { class: 'error' }, parsed.problem));
      this.renderNetworkFee();
      return;
    }
    if (total) {
      const { value, fee, deposit } = this.held(session, { units: parsed.units, details: details.trim() });
      setContent(total, `Total: ${formatBalance(value + fee, token)} = ${formatBalance(value, token)} + ${formatBalance(fee, token)} market fee (${formatPermill(session.feePermill)}), held in escrow until you confirm receipt. `,
        h('span', { class: 'order-deposit' }, `A storage deposit of ${formatBalance(deposit, token)} is held too while the order is stored, and comes back ${constants.retentionPeriod} blocks after it ends.`));
    }
    this.renderNetworkFee();
    clearTimeout(this.feeTimer);
    this.feeTimer = setTimeout(() => { void this.estimateNetworkFee(); }, FEE_DELAY_MS);
  }

  /** Asks the node what the order as the form stands would pay to be included. */
  private async estimateNetworkFee (): Promise<bigint | undefined> {
    const session = this.session;
    const form = this.dialog.querySelector('form');
    const account = this.shop.account;
    if (!session || !form || !account || session.placed) return undefined;
    const order = this.readForm(session, form, false);
    if (!order) return undefined;
    const request = ++this.feeRequest;
    try {
      const info = await this.orderTx(session, order).paymentInfo(account.address);
      if (request !== this.feeRequest || this.session !== session) return undefined;
      session.networkFee = info.partialFee.toBigInt();
    } catch {
      // Shown as not known; placing the order asks again and says why if it still fails.
      if (request === this.feeRequest) session.networkFee = undefined;
    }
    this.renderNetworkFee();
    return session.networkFee;
  }

  private renderNetworkFee (): void {
    const session = this.session;
    const line = this.dialog.querySelector('.network-fee');
    if (!session || !line) return;
    const form = this.dialog.querySelector('form');
    const order = form ? this.readForm(session, form, false) : null;
    if (!order) {
      setContent(line);
      return;
    }
    if (session.networkFee === undefined) {
      setContent(line, h('span', { class: 'muted' }, 'Network fee: asking the node…'));
      return;
    }
    const { escrow, deposit } = this.held(session, order);
    const { token } = session.pricing;
    const networkFee = this.networkFeeIn(session, session.networkFee);
    const sameToken = networkFee.token === token;
    setContent(line,
      'Network fee: ', h('strong', { class: 'fee-amount' }, formatBalance(networkFee.amount, networkFee.token)),
      h('span', { class: 'muted' }, ' (paid to the collator that includes the order, even if the chain then refuses it). '),
      sameToken
        ? h('span', {}, 'Your balance goes down by ', h('strong', { class: 'charged' }, formatBalance(escrow + deposit + networkFee.amount, token)),
          ' now: the escrow and the deposit are held, the network fee is spent.')
        : h('span', {}, 'Your balances go down by ', h('strong', { class: 'charged' }, formatBalance(escrow + deposit, token)),
          ' (held: the escrow and the deposit) and ', h('strong', {}, formatBalance(networkFee.amount, networkFee.token)), ' (the network fee, spent).'));
  }

  /**
   * What the chain would refuse after taking the fee, said before signing: a free balance that
   * cannot cover the holds (in the order's asset) and the network fee (in what it is paid in)
   * while keeping what an account must keep.
   */
  private async balanceProblem (session: Session, order: OrderForm, address: string): Promise<string | null> {
    const { chain } = this.shop;
    const { pricing } = session;
    const { escrow, deposit } = this.held(session, order);
    const [networkFee, native] = await Promise.all([this.estimateNetworkFee(), fetchBalance(chain, address)]);
    const fee = this.networkFeeIn(session, networkFee ?? 0n);
    const nativeToken = chain.token;
    const ed = chain.constants.existentialDeposit;
    if (pricing.asset.kind === 'native') {
      const lacking = shortfall(native.free, { held: escrow + deposit, networkFee: fee.amount, existentialDeposit: ed });
      return lacking > 0n
        ? `Your free balance is ${formatBalance(native.free, nativeToken)}: ${formatBalance(lacking, nativeToken)} short of this order, its deposit and fee, and the ${formatBalance(ed, nativeToken)} an account must keep. Order fewer units or top up.`
        : null;
    }
    const { token } = pricing;
    const free = await fetchAssetBalance(chain.api, pricing.asset.id, address);
    const feeInIt = fee.token === token ? fee.amount : 0n;
    const lacking = shortfall(free, { held: escrow + deposit, networkFee: feeInIt, existentialDeposit: pricing.keep });
    if (lacking > 0n) {
      return `Your ${token.symbol} balance is ${formatBalance(free, token)}: ${formatBalance(lacking, token)} short of this order, its deposit${feeInIt > 0n ? ' and fee' : ''}, and the ${formatBalance(pricing.keep, token)} an account holding ${token.symbol} must keep. Order fewer units or top up.`;
    }
    if (fee.token !== token) {
      const lackingNative = shortfall(native.free, { held: 0n, networkFee: fee.amount, existentialDeposit: 0n });
      if (lackingNative > 0n) return `Your ${nativeToken.symbol} balance cannot pay the ${formatBalance(fee.amount, nativeToken)} network fee: pay it in ${token.symbol} instead.`;
    }
    return null;
  }

  private async place (): Promise<void> {
    const session = this.session;
    const form = this.dialog.querySelector('form');
    if (!session || !form || session.placed) return;
    const order = this.readForm(session, form, true);
    if (!order) return;
    const button = form.querySelector<HTMLButtonElement>('.place-order');
    if (button) button.disabled = true;
    try {
      const account = this.shop.account;
      const { pricing } = session;
      if (pricing.asset.kind === 'foreign' && pricing.rate === null) {
        this.showProblem(form, `The chain takes no orders in ${pricing.token.symbol} now: governance has set it no rate.`);
        return;
      }
      if (account) {
        const problem = await this.balanceProblem(session, order, account.address);
        if (problem) {
          this.showProblem(form, problem);
          return;
        }
      }
      const mirror = form.querySelector<HTMLElement>('.tx-mirror') ?? undefined;
      const feeAsset = session.feeInAsset && pricing.asset.kind === 'foreign' ? assetHubLocation(pricing.asset.id) : undefined;
      const result = await this.shop.send(`Buy ${order.units} × ${session.listing.title}`, this.orderTx(session, order), mirror, feeAsset);
      if (!result) return;
      session.placed = true;
      const { api } = this.shop.chain;
      const placed = result.events.find(({ event }) => api.events.orders.OrderPlaced.is(event));
      const id = placed && (placed.event.data as unknown as { order: { toString: () => string } }).order.toString();
      if (id) this.shop.codes.save(BigInt(id), session.deliveryCode);
      const success = form.querySelector<HTMLElement>('.success');
      if (success) {
        setContent(success, id ? `Order #${id} placed. ` : 'Order placed. ', 'Follow it under ', h('a', { href: '#orders', onclick: () => this.dialog.close() }, 'My orders'), '. ',
          h('br'), 'Delivery code: ', h('strong', { class: 'delivery-code' }, formatDeliveryCode(session.deliveryCode)), ' (also under My orders). ',
          DELIVERY_CODE_ADVICE);
        success.hidden = false;
      }
    } catch (error) {
      // Whatever went wrong before the transaction was sent (a read that failed, a value the
      // encoder refused) is said here, and the form stays usable.
      const { title, detail } = explainSubmitError(error);
      this.showProblem(form, `${title}: ${detail}`);
    } finally {
      if (button) button.disabled = session.placed;
    }
  }
}
