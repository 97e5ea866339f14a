// My orders, as buyer: where each order is, and what the buyer can do with it (cancel before
// shipping, confirm receipt, dispute, accept the seller's refund offer, rate the seller).
// The order card parts both sides share (summary, state, rating) live here too.

import { blake2AsHex } from '@polkadot/util-crypto';

import { fetchRatingWindow, inAsset, tokenFor } from './chain';
import type { Listing, Order, OrderState, RatingWindow, Role } from './decode';
import { DELIVERY_CODE_ADVICE, formatDeliveryCode } from './delivery-code';
import { h, keyOf, liveText, refreshLiveText, renderKeyed, setContent } from './dom';
import { formatBalance, formatPerbill } from './format';
import type { Shop, View } from './shop';

/** An order and its open rating window (settled, shipped orders only). */
export interface OrderRow {
  order: Order
  ratingWindow: RatingWindow | null
}

/** The account's orders on one side, with the rating windows of the settled ones. */
export async function loadOrders (shop: Shop, who: string, role: Role): Promise<OrderRow[]> {
  const orders = await shop.orders(who, role);
  return Promise.all(orders.map(async (order) => ({
    order,
    ratingWindow: order.state.kind === 'settled' ? await fetchRatingWindow(shop.chain, order.id) : null
  })));
}

/** Free text kept off-chain (tracking reference, dispute reason, review) as its on-chain hash. */
export function textHash (text: string): string {
  return blake2AsHex(text.trim(), 256);
}

/** The state's one-word label. */
export function stateLabel (state: OrderState): string {
  if (state.kind !== 'settled') return state.kind.charAt(0).toUpperCase() + state.kind.slice(1);
  return state.outcome.kind.charAt(0).toUpperCase() + state.outcome.kind.slice(1);
}

/**
 * The deposit `open_dispute` holds for goods worth `value`: `share` (per billion) of it, rounded
 * up, at least `minimum`; as the runtime computes it.
 */
export function disputeDeposit (value: bigint, share: number, minimum: bigint): bigint {
  const part = (value * BigInt(share) + 999_999_999n) / 1_000_000_000n;
  return part > minimum ? part : minimum;
}

/**
 * What the state means for `role`, and the deadline that applies; `fallbackShare` is the buyer's
 * share (per billion) when a dispute is not ruled on in time; `shopName` names the seller when
 * a staff member reads the shop's orders.
 */
export function describeState (state: OrderState, role: Role, fallbackShare = 0, when: (block: number) => string = (block) => `block #${block}`, shopName?: string): string {
  switch (state.kind) {
    case 'placed':
      return role === 'Buyer'
        ? `Waiting for the seller to ship, by ${when(state.shipBy)}; if not shipped by then, you are refunded in full.`
        : `Ship by ${when(state.shipBy)}, or the buyer is refunded in full.`;
    case 'shipped':
      return role === 'Buyer'
        ? `Shipped. Confirm receipt or open a dispute by ${when(state.confirmBy)}; after that the seller is paid.`
        : `Shipped. The buyer confirms or disputes by ${when(state.confirmBy)}; after that ${shopName ? `${shopName} is` : 'you are'} paid.`;
    case 'disputed': {
      const lapse = fallbackShare === 0
        ? 'the seller is paid in full and receives the dispute deposit'
        : `${formatPerbill(fallbackShare)} of the goods value and of the dispute deposit go back to the buyer, the rest to the seller`;
      return `Disputed. The parties may agree on a split, or the arbitrator rules by ${when(state.ruleBy)}; without either by then, ${lapse}.`;
    }
    case 'settled': {
      const { outcome, at } = state;
      switch (outcome.kind) {
        case 'completed': return `Completed at ${when(at)}: the seller was paid.`;
        case 'refunded': return `Refunded at ${when(at)}: the buyer got the escrow back.`;
        case 'split': return `Settled by agreement at ${when(at)}: ${formatPerbill(outcome.buyerShare)} of the goods value went back to the buyer.`;
        case 'ruled': return `Ruled at ${when(at)}: ${formatPerbill(outcome.buyerShare)} of the goods value went back to the buyer.`;
      }
    }
  }
}

/**
 * The order's header lines: item, amounts, counterpart and state (its deadlines as live text);
 * `shopName` when a staff member reads the shop's orders.
 */
export function orderSummary (shop: Shop, order: Order, listing: Listing | undefined, role: Role, shopName?: string): HTMLElement[] {
  const token = tokenFor(shop.chain, order.asset);
  const counterpart = role === 'Buyer' ? `from ${shop.nameOf(order.seller)}` : `to ${shop.nameOf(order.buyer)}`;
  return [
    h('h3', {}, `#${order.id} · `, h('span', { class: 'listing-title' }, listing?.title ?? `Listing ${order.listing} (closed)`),
      ' ', h('span', { class: `state state-${stateLabel(order.state).toLowerCase()}` }, stateLabel(order.state))),
    h('p', {}, `${order.quantity} × ${formatBalance(order.unitPrice, token)} = ${formatBalance(order.value, token)} + ${formatBalance(order.fee, token)} fee · ${counterpart} · placed in block #${order.placedAt}`),
    liveText('p', { class: 'state-text' }, () => describeState(order.state, role, shop.chain.constants.rulingFallbackBuyerShare, (block) => shop.when(block), shopName))
  ];
}

/**
 * A button that sends a transaction and stays disabled while it runs. `ariaLabel` names what it
 * acts on for screen readers when the same label repeats on a page ("Set price: Kettle").
 */
export function txButton (label: string, run: () => Promise<unknown>, className = '', ariaLabel?: string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: className, 'aria-label': ariaLabel }, label);
  button.addEventListener('click', () => {
    button.disabled = true;
    run().finally(() => { button.disabled = false; });
  });
  return button;
}

/**
 * A button for what cannot be undone: the first click asks `prepare`'s question beside a button
 * that sends (`Yes, …`) and one that takes the question back. `prepare` returns `null` when what
 * was typed is wrong (it has said so), and nothing is asked.
 */
export function confirmedTxButton (label: string, confirmLabel: string, prepare: () => { question: string, run: () => Promise<unknown> } | null, className = ''): HTMLElement {
  const holder = h('span', { class: 'row confirm' });
  const ask = (): void => {
    const prepared = prepare();
    if (!prepared) return;
    setContent(holder,
      h('span', { class: 'confirm-question', role: 'alert' }, prepared.question),
      txButton(confirmLabel, prepared.run, 'danger'),
      h('button', { type: 'button', onclick: reset }, 'Keep the order'));
  };
  const start = h('button', { type: 'button', class: className, onclick: ask }, label);
  const reset = (): void => { setContent(holder, start); };
  holder.append(start);
  return holder;
}

/** Shows a problem with what was typed in a card, before anything is signed. */
export function showInputError (card: Element, message: string): void {
  let error = card.querySelector<HTMLElement>('.input-error');
  if (!error) {
    error = h('p', { class: 'error input-error' });
    card.append(error);
  }
  setContent(error, message);
}

/** Rating the other party of a settled, shipped order, while its window is open. */
export function ratingControls (shop: Shop, row: OrderRow, role: Role): HTMLElement | null {
  const { order, ratingWindow } = row;
  if (order.state.kind !== 'settled') return null;
  const other = role === 'Buyer' ? 'seller' : 'buyer';
  if (!ratingWindow) return h('p', { class: 'muted' }, 'No rating is open for this order.');
  if (role === 'Buyer' ? ratingWindow.buyerRated : ratingWindow.sellerRated) {
    return h('p', { class: 'muted rated' }, `You rated the ${other}.`);
  }
  const stars = h('select', { name: 'stars' }, ...[5, 4, 3, 2, 1].map((n) => h('option', { value: String(n) }, `${'★'.repeat(n)} ${n}`)));
  const review = h('input', { name: 'review', 'aria-label': `Review of the ${other}`, placeholder: 'A few words (kept off-chain; only their hash is stored)' });
  return h('div', { class: 'row rating' },
    h('label', {}, `Rate the ${other} `, stars),
    review,
    txButton(`Rate the ${other}`, () => shop.send(
      `Rate order #${order.id}`,
      shop.chain.api.tx.reputation.rate(order.id, Number(stars.value), review.value.trim() ? textHash(review.value) : null)
    ), '', `Rate the ${other}: order #${order.id}`),
    liveText('span', { class: 'muted' }, () => `until ${shop.when(ratingWindow.closesAt)}`),
    h('span', { class: 'muted rating-fee' }, `A rating is kept for good: it costs ${formatBalance(shop.chain.constants.ratingFee, shop.chain.token)}, paid to the treasury.`));
}

export class BuyerOrdersView implements View {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;

  constructor (private readonly shop: Shop, element: HTMLElement) {
    this.element = element;
    this.list = h('div', { class: 'orders' });
    this.empty = h('p', { class: 'muted', hidden: true }, 'No orders yet. Buy something in the catalog.');
    setContent(element, h('h2', {}, 'My orders'), this.empty, this.list);
  }

  async refresh (): Promise<void> {
    const account = this.shop.account;
    const rows = account ? await loadOrders(this.shop, account.address, 'Buyer') : [];
    const listings = await this.shop.listings();
    this.empty.hidden = rows.length > 0;
    renderKeyed(this.list, rows.map((row) => {
      const listing = listings.get(row.order.listing);
      return { key: keyOf({ row, title: listing?.title }), render: () => this.card(row, listing) };
    }));
    refreshLiveText(this.list);
  }

  private card (row: OrderRow, listing: Listing | undefined): HTMLElement {
    const { order } = row;
    const { api } = this.shop.chain;
    const card = h('article', { class: 'card order', 'data-order-id': order.id.toString() }, ...orderSummary(this.shop, order, listing, 'Buyer'));
    const actions = h('div', { class: 'actions' });
    const { state, proposal } = order;
    if (order.deliveryCodeHash && (state.kind === 'placed' || state.kind === 'shipped')) {
      const code = this.shop.codes.find(order.id, order.deliveryCodeHash);
      card.append(code
        ? h('p', { class: 'delivery-code-line' }, 'Delivery code: ', h('strong', { class: 'delivery-code' }, formatDeliveryCode(code)), '. ', DELIVERY_CODE_ADVICE)
        : h('p', { class: 'muted' }, 'This order has a delivery code, made in another browser.'));
    }
    if (state.kind === 'placed') {
      actions.append(txButton('Cancel order', () => this.shop.send(`Cancel order #${order.id}`, api.tx.orders.cancel(order.id)), '', `Cancel order #${order.id}`));
    }
    if (state.kind === 'shipped' || state.kind === 'disputed') {
      actions.append(txButton('Confirm receipt', () => this.shop.send(`Confirm receipt of order #${order.id}`, api.tx.orders.confirmReceipt(order.id)), 'primary', `Confirm receipt: order #${order.id}`));
    }
    if (state.kind === 'shipped') {
      const reason = h('input', { name: 'reason', 'aria-label': `Why you dispute order #${order.id}`, placeholder: 'What went wrong (kept off-chain; only its hash is stored)' });
      const { disputeDepositShare, minDisputeDeposit } = this.shop.chain.constants;
      const deposit = disputeDeposit(order.value, disputeDepositShare, inAsset(this.shop.chain, order.asset, minDisputeDeposit) ?? 0n);
      actions.append(h('span', { class: 'row' }, reason, txButton('Open dispute', async () => {
        if (!reason.value.trim()) {
          showInputError(card, 'Say what went wrong first: the arbitrator reads your reason off-chain.');
          return;
        }
        await this.shop.send(`Dispute order #${order.id}`, api.tx.orders.openDispute(order.id, textHash(reason.value)));
      }), h('span', { class: 'muted dispute-deposit' }, `Holds a deposit of ${formatBalance(deposit, tokenFor(this.shop.chain, order.asset))}: you get it back as far as the ruling goes your way.`)));
    }
    if (proposal?.by === 'Seller' && state.kind !== 'settled') {
      actions.append(h('span', { class: 'row' },
        `The seller offers to refund ${formatPerbill(proposal.buyerShare)} of the goods value. `,
        txButton('Accept offer', () => this.shop.send(`Accept the offer on order #${order.id}`, api.tx.orders.acceptSettlement(order.id)))));
    }
    const rating = ratingControls(this.shop, row, 'Buyer');
    if (rating) actions.append(rating);
    card.append(actions);
    return card;
  }
}
