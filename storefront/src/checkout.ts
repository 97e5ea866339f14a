// Checkout: the quantity, the unit price the buyer saw (sent as `max_unit_price`, so a price
// rise between looking and buying is refused instead of charged), the total with the market
// fee, and delivery details sealed in the browser to the seller's published key.

import { u8aToHex } from '@polkadot/util';

import { type Badge, badgeElement, reputationBadge } from './catalog';
import { fetchMarketFee, fetchSellerKey } from './chain';
import type { Listing, SellerKey } from './decode';
import { DELIVERY_CODE_ADVICE, deliveryCodeHash, formatDeliveryCode, newDeliveryCode } from './delivery-code';
import { field, h, keyOf, setContent } from './dom';
import { formatBalance, formatPermill } from './format';
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

/** Checks the form before anything is signed; returns what is wrong, or `null`. */
export function checkOrderInput (quantity: string, details: string, maxBytes: number): string | null {
  if (!/^\d+$/.test(quantity.trim()) || Number(quantity) < 1) return 'Order at least one unit (a whole number).';
  const bytes = new TextEncoder().encode(details).length;
  if (bytes > maxBytes) return `The delivery details take ${bytes} bytes; at most ${maxBytes} fit once sealed. Shorten them.`;
  return null;
}

/** An open checkout: the listing as first seen, and what was read for it. */
interface Session {
  listing: Listing
  /** The unit price the buyer accepts; sent as `max_unit_price`. */
  seenPrice: bigint
  sellerKey: SellerKey | null
  feePermill: number
  /** Set once the order is placed: the form is done. */
  placed: boolean
  /** The order's delivery code: made here, only its hash is sent. */
  deliveryCode: string
}

export class Checkout {
  private session: Session | undefined;

  constructor (private readonly shop: Shop, private readonly dialog: HTMLDialogElement) {
    dialog.addEventListener('close', () => { this.session = undefined; });
  }

  async open (listing: Listing): Promise<void> {
    const { chain } = this.shop;
    const [sellerKey, feePermill, reputation] = await Promise.all([
      fetchSellerKey(chain, listing.seller),
      fetchMarketFee(chain),
      this.shop.reputation(listing.seller)
    ]);
    this.session = { listing, seenPrice: listing.unitPrice, sellerKey, feePermill, placed: false, deliveryCode: newDeliveryCode() };
    this.render(reputationBadge(reputation.asSeller));
    this.dialog.showModal();
  }

  /** Compares the open listing with the chain's: a changed price is pointed out. */
  async refresh (): Promise<void> {
    const session = this.session;
    if (!session || session.placed) return;
    const current = (await this.shop.listings()).get(session.listing.id);
    const notice = this.dialog.querySelector<HTMLElement>('.price-notice');
    // Rebuilt only when what it says changes: a button rebuilt every block is hard to click.
    const key = keyOf({ price: current?.unitPrice, seen: session.seenPrice });
    if (!notice || notice.dataset.key === key) return;
    notice.dataset.key = key;
    const { token } = this.shop.chain;
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
    if (shown) setContent(shown, formatBalance(price, this.shop.chain.token));
    this.updateTotal();
    void this.refresh();
  }

  private render (badge: Badge): void {
    const session = this.session;
    if (!session) return;
    const { listing, sellerKey } = session;
    const { token, constants } = this.shop.chain;
    const maxBytes = maxDetailsBytes(constants.maxSealedDetailsLen);
    const details = h('textarea', {
      name: 'details',
      rows: 4,
      disabled: sellerKey === null,
      placeholder: sellerKey ? 'Name, street, city, postcode, phone' : 'This seller has published no encryption key',
      oninput: () => this.updateTotal()
    });
    setContent(this.dialog, h('form', { method: 'dialog', class: 'checkout', onsubmit: (e: Event) => { e.preventDefault(); void this.place(); } },
      h('h2', {}, 'Checkout'),
      h('h3', { class: 'listing-title' }, listing.title),
      h('p', {}, 'Sold by ', this.shop.nameOf(listing.seller), ' ', badgeElement(badge)),
      h('p', {}, 'Unit price: ', h('strong', { class: 'seen-price' }, formatBalance(session.seenPrice, token)),
        h('span', { class: 'muted' }, ' — the price you see is the most you pay per unit: if it rises before your order is in a block, the order is refused.')),
      h('p', { class: 'notice price-notice', hidden: true }),
      h('label', {}, 'Quantity ', h('input', { name: 'quantity', type: 'number', min: 1, step: 1, value: '1', required: true, oninput: () => this.updateTotal() }),
        h('span', { class: 'muted' }, ` ${listing.stock} in stock`)),
      h('label', { class: 'block' }, 'Delivery details', details),
      sellerKey
        ? h('p', { class: 'muted' }, 'Sealed in this browser to the seller\'s key before sending: only the seller can read them. ', h('span', { class: 'byte-count' }), ` of ${maxBytes} bytes.`)
        : h('p', { class: 'notice' }, 'The seller has not published an encryption key, so delivery details cannot be sent privately. You can still order and arrange delivery with the seller.'),
      h('p', { class: 'total' }),
      h('p', { class: 'error form-error', hidden: true }),
      h('div', { class: 'tx-mirror', 'aria-live': 'polite' }),
      h('p', { class: 'success', hidden: true }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary place-order' }, 'Place order'),
        h('button', { type: 'button', onclick: () => this.dialog.close() }, 'Close'))
    ));
    this.updateTotal();
  }

  private updateTotal (): void {
    const session = this.session;
    if (!session) return;
    const form = this.dialog.querySelector('form');
    if (!form) return;
    const { token, constants } = this.shop.chain;
    const quantity = Number(field<HTMLInputElement>(form, 'quantity').value);
    const total = form.querySelector('.total');
    if (total) {
      if (Number.isInteger(quantity) && quantity > 0) {
        const { value, fee } = quote(session.seenPrice, quantity, session.feePermill);
        const detailsBytes = new TextEncoder().encode(field(form, 'details').value.trim()).length;
        const deposit = orderDeposit(detailsBytes, session.sellerKey !== null, constants.orderDepositBase, constants.orderDepositPerByte);
        setContent(total, `Total: ${formatBalance(value + fee, token)} = ${formatBalance(value, token)} + ${formatBalance(fee, token)} market fee (${formatPermill(session.feePermill)}), held in escrow until you confirm receipt. `,
          h('span', { class: 'order-deposit' }, `A storage deposit of ${formatBalance(deposit, token)} is held too while the order is stored, and comes back ${constants.retentionPeriod} blocks after it ends.`));
      } else {
        setContent(total);
      }
    }
    const count = form.querySelector('.byte-count');
    if (count) setContent(count, new TextEncoder().encode(field(form, 'details').value).length);
  }

  private async place (): Promise<void> {
    const session = this.session;
    const form = this.dialog.querySelector('form');
    if (!session || !form || session.placed) return;
    const { api, constants } = this.shop.chain;
    const quantityText = field<HTMLInputElement>(form, 'quantity').value;
    const details = field<HTMLTextAreaElement>(form, 'details').value.trim();
    const formError = form.querySelector<HTMLElement>('.form-error');
    const problem = checkOrderInput(quantityText, details, maxDetailsBytes(constants.maxSealedDetailsLen));
    if (formError) {
      setContent(formError, problem ?? '');
      formError.hidden = problem === null;
    }
    if (problem) return;

    // Sealed to the key read at checkout, and sent with it: if the seller replaces its key before
    // the order is in a block, the order is refused (EncryptionKeyChanged) rather than storing
    // details the seller cannot open.
    const sealed = details && session.sellerKey
      ? { key: u8aToHex(session.sellerKey.key), sealed: u8aToHex(sealDelivery(details, session.sellerKey.key)) }
      : null;
    const quantity = Number(quantityText);
    const button = form.querySelector<HTMLButtonElement>('.place-order');
    if (button) button.disabled = true;
    const mirror = form.querySelector<HTMLElement>('.tx-mirror') ?? undefined;
    const result = await this.shop.send(
      `Buy ${quantity} × ${session.listing.title}`,
      api.tx.orders.placeOrder(session.listing.id, quantity, session.seenPrice, deliveryCodeHash(session.deliveryCode), sealed),
      mirror
    );
    if (button) button.disabled = false;
    if (!result) return;
    session.placed = true;
    if (button) button.disabled = true;
    const placed = result.events.find(({ event }) => api.events.orders.OrderPlaced.is(event));
    const order = placed && (placed.event.data as unknown as { order: { toString: () => string } }).order.toString();
    if (order) this.shop.codes.save(BigInt(order), session.deliveryCode);
    const success = form.querySelector<HTMLElement>('.success');
    if (success) {
      setContent(success, order ? `Order #${order} placed. ` : 'Order placed. ', 'Follow it under ', h('a', { href: '#orders', onclick: () => this.dialog.close() }, 'My orders'), '. ',
        h('br'), 'Delivery code: ', h('strong', { class: 'delivery-code' }, formatDeliveryCode(session.deliveryCode)), ' (also under My orders). ',
        DELIVERY_CODE_ADVICE);
      success.hidden = false;
    }
  }
}
