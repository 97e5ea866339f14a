// Seller alerts: while the page is open, whatever tab shows, a new order for the account's
// listings, a dispute opened on one, or a buyer's offer to settle appears at the top of the page
// (and as a browser notification when the seller allowed them), so nothing waits for the seller
// to open Selling.

import type { Order } from './decode';
import { h } from './dom';
import { formatPerbill } from './format';
import type { Shop } from './shop';

/** What happened to one of the seller's orders that the seller must act on. */
export interface SellerEvent {
  kind: 'new-order' | 'disputed' | 'proposal'
  order: Order
}

/**
 * The events between two readings of the seller's orders. The first reading (`previous`
 * undefined, e.g. right after the account was chosen) has none: orders that were there before
 * the page looked are not news.
 */
export function sellerEvents (previous: ReadonlyMap<bigint, Order> | undefined, current: Order[]): SellerEvent[] {
  if (!previous) return [];
  const events: SellerEvent[] = [];
  for (const order of current) {
    const before = previous.get(order.id);
    if (!before) {
      if (order.state.kind === 'placed') events.push({ kind: 'new-order', order });
      continue;
    }
    if (order.state.kind === 'disputed' && before.state.kind !== 'disputed') events.push({ kind: 'disputed', order });
    if (order.proposal?.by === 'Buyer' && before.proposal?.by !== 'Buyer' && order.state.kind !== 'settled') {
      events.push({ kind: 'proposal', order });
    }
  }
  return events;
}

export class SellerAlerts {
  /** The seller's orders as last read, and for which account. */
  private known: { account: string, orders: Map<bigint, Order> } | undefined;

  constructor (private readonly shop: Shop, private readonly region: HTMLElement) {}

  /** Reads the chosen account's orders as seller and shows what changed since the last block. */
  async check (): Promise<void> {
    const account = this.shop.account;
    if (!account) return;
    const orders = await this.shop.orders(account.address, 'Seller');
    const previous = this.known?.account === account.address ? this.known.orders : undefined;
    this.known = { account: account.address, orders: new Map(orders.map((order) => [order.id, order])) };
    const events = sellerEvents(previous, orders);
    if (events.length === 0) return;
    const listings = await this.shop.listings();
    for (const event of events) this.show(this.describe(event, listings.get(event.order.listing)?.title));
  }

  private describe ({ kind, order }: SellerEvent, title: string | undefined): string {
    const item = title ?? `listing ${order.listing}`;
    const buyer = this.shop.nameOf(order.buyer);
    switch (kind) {
      case 'new-order':
        return `New order #${order.id}: ${order.quantity} × ${item} from ${buyer}. Ship it by ${this.shop.when(order.state.kind === 'placed' ? order.state.shipBy : order.placedAt)}.`;
      case 'disputed':
        return `Order #${order.id} (${item}) is disputed by ${buyer}. Settle with the buyer or wait for the arbitrator.`;
      case 'proposal':
        return `${buyer} offers to settle order #${order.id} (${item}) with ${formatPerbill(order.proposal?.buyerShare ?? 0)} of its value back.`;
    }
  }

  private show (text: string): void {
    const alert = h('p', { class: 'alert' },
      text, ' ',
      h('a', { href: '#selling' }, 'Open Selling'), ' ',
      h('button', { type: 'button', class: 'link', onclick: () => alert.remove() }, 'Dismiss'));
    this.region.prepend(alert);
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      // A notification is a courtesy: a browser that refuses it still shows the alert above.
      try {
        new Notification('Bazaar', { body: text, tag: text });
      } catch {}
    }
  }
}

/**
 * A button that asks the browser for permission to notify, while it has neither been given nor
 * refused; `null` when there is nothing to ask.
 */
export function notificationSwitch (): HTMLElement | null {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return null;
  const button = h('button', { type: 'button', class: 'link' }, 'Also notify me outside this tab');
  button.addEventListener('click', () => {
    void Notification.requestPermission().then(() => button.remove());
  });
  return button;
}
