// Selling: the seller's delivery encryption key, the inbox of orders (delivery details opened
// here, in the browser, with the secret key only this browser holds; ship, reject, refund,
// complete an order with the delivery code the buyer handed over, rate the buyer) and the
// seller's listings (create, reprice, restock). A shop's staff sell for the shop: every call
// goes through their proxy (`proxy.proxy`), and what staff may not do is not offered.

import { stringToU8a, u8aToHex } from '@polkadot/util';

import { notificationSwitch } from './alerts';
import { CATEGORIES, categoryName } from './catalog';
import { fetchProxies, fetchSellerKey, staffProxyType, tokenFor } from './chain';
import { type Listing, NATIVE, type Order, type PaymentAsset, type SellerKey } from './decode';
import { deliveryCodeHash, normalizeDeliveryCode } from './delivery-code';
import { listingMetadata } from './metadata';
import { h, keyOf, refreshLiveText, renderKeyed, setContent } from './dom';
import { amountText, formatBalance, formatPerbill, parseBalance, parsePercentToPerbill } from './format';
import { type OrderRow, confirmedTxButton, loadOrders, orderSummary, ratingControls, showInputError, textHash, txButton } from './orders';
import { generateDeliveryKeyPair, openDelivery } from './seal';
import type { Shop, View } from './shop';
import type { SubmittableExtrinsic } from '@polkadot/api/types';

/** What opening an order's sealed details gave. */
type Opened = { text: string } | { error: string };

export class SellingView implements View {
  readonly element: HTMLElement;
  private readonly keyPanel: HTMLElement;
  private readonly inbox: HTMLElement;
  private readonly inboxEmpty: HTMLElement;
  private readonly listingRows: HTMLElement;
  /** Opened delivery details by order id; kept in memory only, for this page's lifetime. */
  private readonly opened = new Map<string, Opened>();
  private keyShown: string | undefined;
  /** The shop this account sells for as its staff, or `null`: its own. */
  private actingFor: { shop: string, proxyType: string } | null = null;
  private readonly staffPanel: HTMLElement;

  constructor (private readonly shop: Shop, element: HTMLElement) {
    this.element = element;
    this.keyPanel = h('div', { class: 'card key-panel' });
    this.inbox = h('div', { class: 'orders' });
    this.inboxEmpty = h('p', { class: 'muted', hidden: true }, 'No orders for your listings yet.');
    this.listingRows = h('tbody');
    this.staffPanel = h('div', { class: 'card staff-panel' });
    setContent(element,
      h('h2', {}, 'Selling'),
      this.staffPanel,
      h('p', { class: 'muted' }, 'New orders, disputes and offers show at the top of the page while it is open, whatever tab you are on. ', notificationSwitch()),
      h('h3', {}, 'Delivery encryption key'),
      this.keyPanel,
      h('h3', {}, 'Inbox'),
      this.inboxEmpty,
      this.inbox,
      h('h3', {}, 'Your listings'),
      h('table', { class: 'listings' },
        h('thead', {}, h('tr', {}, ...['Listing', 'Category', 'Price', 'Stock', 'Status', ''].map((t) => h('th', {}, t)))),
        this.listingRows),
      this.newListingForm());
  }

  async refresh (): Promise<void> {
    const account = this.shop.account;
    if (!account) {
      setContent(this.keyPanel, 'Choose an account to sell with.');
      return;
    }
    if (this.actingFor && this.actingFor.shop === account.address) this.actingFor = null;
    const seller = this.seller(account.address);
    const [published, rows, listings] = await Promise.all([
      fetchSellerKey(this.shop.chain, seller),
      loadOrders(this.shop, seller, 'Seller'),
      this.shop.listings()
    ]);
    // Whose shop this is and its key change together, once the shop's state is read.
    this.renderStaffPanel(account.address);
    this.renderKeyPanel(seller, published);
    this.inboxEmpty.hidden = rows.length > 0;
    renderKeyed(this.inbox, rows.map((row) => {
      const listing = listings.get(row.order.listing);
      const opened = this.opened.get(row.order.id.toString());
      return { key: keyOf({ row, title: listing?.title, opened, actingFor: this.actingFor?.shop }), render: () => this.orderCard(row, listing, opened) };
    }));
    refreshLiveText(this.inbox);
    const own = [...listings.values()].filter((l) => l.seller === seller);
    renderKeyed(this.listingRows, own.map((listing) => ({ key: keyOf(listing), render: () => this.listingRow(listing) })));
  }

  /** Whose shop the view runs: the shop this account is staff of, or the account's own. */
  private seller (account: string): string {
    return this.actingFor?.shop ?? account;
  }

  /** Sends `tx` as the seller: through the staff member's proxy when acting for a shop. */
  private send (label: string, tx: SubmittableExtrinsic<'promise'>): ReturnType<Shop['send']> {
    const acting = this.actingFor;
    if (!acting) return this.shop.send(label, tx);
    return this.shop.send(`${label} for ${this.shop.nameOf(acting.shop)}`, this.shop.chain.api.tx.proxy.proxy(acting.shop, null, tx));
  }

  /** Selling for a shop that made this account its staff, or for the account itself. */
  private renderStaffPanel (account: string): void {
    const panelKey = keyOf({ account, acting: this.actingFor });
    if (this.staffPanel.dataset.key === panelKey) return;
    this.staffPanel.dataset.key = panelKey;
    const acting = this.actingFor;
    if (acting) {
      this.staffPanel.classList.add('acting-for');
      setContent(this.staffPanel,
        h('p', { class: 'staff-status' }, `Selling for ${this.shop.nameOf(acting.shop)} as its staff (${acting.proxyType} proxy): listings, shipping, rejecting and refunding are signed by you and done as the shop. The shop's money and key stay the shop's.`),
        h('button', { type: 'button', onclick: () => { this.actingFor = null; this.shop.requestRefresh(); } }, 'Back to my own shop'));
      return;
    }
    this.staffPanel.classList.remove('acting-for');
    const input = h('input', { name: 'staff-of', 'aria-label': 'Address of the shop you are staff of', placeholder: 'Shop address (5…)' });
    const button = h('button', { type: 'submit' }, 'Sell for this shop');
    const form = h('form', { class: 'row' }, input, button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.actFor(account, input.value.trim(), form);
    });
    setContent(this.staffPanel, h('p', { class: 'muted' }, 'Staff of a shop? A shop makes you its staff with a ShopStaff proxy (polkadot.js apps: Accounts → Proxies); then sell for it here.'), form);
  }

  private async actFor (account: string, shop: string, form: HTMLElement): Promise<void> {
    let proxyType: string | null;
    try {
      proxyType = staffProxyType(await fetchProxies(this.shop.chain, shop), account);
    } catch {
      showInputError(form, 'That is not an account address.');
      return;
    }
    if (!proxyType) {
      showInputError(form, `${this.shop.nameOf(shop)} has not made you its staff: it needs to add your account as a ShopStaff proxy, with no delay.`);
      return;
    }
    this.actingFor = { shop: this.shop.chain.api.createType('AccountId', shop).toString(), proxyType };
    this.opened.clear();
    this.shop.requestRefresh();
  }

  private renderKeyPanel (address: string, published: SellerKey | null): void {
    const { token, constants, api } = this.shop.chain;
    const held = published ? this.shop.keys.find(address, published.key) : undefined;
    const state = published ? (held ? 'ready' : 'foreign') : 'none';
    const staff = this.actingFor !== null;
    const panelKey = keyOf({ address, published, state, shown: this.keyShown, staff });
    if (this.keyPanel.dataset.key === panelKey) return;
    this.keyPanel.dataset.key = panelKey;
    this.keyPanel.dataset.state = state;

    // The key is stored before it is published, so a published key is never one the browser
    // lost. A stored key that was never published (or whose publication failed) is reused.
    const publish = (label: string, fresh: boolean, className = 'primary publish-key'): HTMLButtonElement => txButton(label, async () => {
      const pair = (!fresh && this.shop.keys.all(address)[0]) || generateDeliveryKeyPair();
      this.shop.keys.add(address, pair);
      await this.send('Publish delivery encryption key', api.tx.orders.setEncryptionKey(u8aToHex(pair.publicKey)));
    }, className);
    const restoreInput = h('input', { name: 'key-backup', 'aria-label': 'Secret key backup', placeholder: '0x… (64 hex digits)' });
    const restore = h('span', { class: 'row' }, restoreInput, h('button', {
      type: 'button',
      onclick: () => {
        try {
          this.shop.keys.restore(address, restoreInput.value);
          this.keyPanel.dataset.key = '';
          this.shop.requestRefresh();
        } catch (error) {
          showInputError(this.keyPanel, (error as Error).message);
        }
      }
    }, 'Restore from backup'));
    if (staff) {
      // Staff may not set the shop's key (their proxy refuses it): the shop gives them its
      // secret key's backup, to open the delivery details buyers seal to it.
      setContent(this.keyPanel,
        h('p', { class: held ? 'key-status' : 'notice key-status' }, !published
          ? 'The shop has published no encryption key; only the shop can publish one.'
          : held
            ? '✓ This browser holds the shop\'s secret key: you can open the delivery details buyers seal to it.'
            : 'To open delivery details, restore the shop\'s secret key from the backup the shop gave you.'),
        !held && published && restore);
    } else if (!published) {
      setContent(this.keyPanel,
        h('p', {}, 'You have published no encryption key, so buyers cannot send you delivery details privately. ',
          `Publishing holds a deposit of ${formatBalance(constants.encryptionKeyDeposit, token)}; the secret key stays in this browser.`),
        h('div', { class: 'actions' }, publish('Publish encryption key', false), restore));
    } else if (!held) {
      setContent(this.keyPanel,
        h('p', { class: 'notice key-status' }, 'Your published key\'s secret is not in this browser, so delivery details sealed to it cannot be opened here. ',
          'Restore it from a backup, or publish a new key from this browser (details sealed to the old key stay unreadable here).'),
        h('div', { class: 'actions' }, publish('Publish a new key', true), restore));
    } else {
      const backup = this.keyShown === address
        ? h('p', {}, 'Secret key (keep it private; restore it in another browser to read your orders there): ', h('code', { class: 'backup' }, u8aToHex(held.secretKey)))
        : h('button', { type: 'button', onclick: () => { this.keyShown = address; this.keyPanel.dataset.key = ''; this.shop.requestRefresh(); } }, 'Show backup');
      setContent(this.keyPanel,
        h('p', { class: 'key-status' }, '✓ Published, and this browser holds its secret key: you can open the delivery details buyers seal to it.'),
        h('p', { class: 'muted' }, 'Public key ', h('code', {}, u8aToHex(published.key))),
        // Replacing a working key is the exception, not the next step: not the main button.
        h('div', { class: 'actions' }, backup, publish('Publish a new key', true, 'publish-key')));
    }
  }

  private open (order: Order): void {
    const sealed = order.sealedDelivery;
    const account = this.shop.account;
    if (!sealed || !account) return;
    const keys = this.shop.keys.all(this.seller(account.address));
    let opened: Opened = { error: 'This browser holds no delivery key for this account: restore your key from its backup.' };
    for (const pair of keys) {
      try {
        opened = { text: openDelivery(sealed, pair.secretKey) };
        break;
      } catch (error) {
        opened = { error: `Cannot open the details: ${(error as Error).message}.` };
      }
    }
    this.opened.set(order.id.toString(), opened);
    this.shop.requestRefresh();
  }

  private orderCard (row: OrderRow, listing: Listing | undefined, opened: Opened | undefined): HTMLElement {
    const { order } = row;
    const { api } = this.shop.chain;
    const { state } = order;
    const card = h('article', { class: 'card order', 'data-order-id': order.id.toString() }, ...orderSummary(this.shop, order, listing, 'Seller', this.actingFor ? this.shop.nameOf(this.actingFor.shop) : undefined));

    const delivery = h('div', { class: 'delivery' });
    if (!order.sealedDelivery) {
      delivery.append(h('p', { class: 'muted' }, 'No delivery details were given.'));
    } else if (!opened) {
      delivery.append(h('p', {}, `Delivery details: sealed (${order.sealedDelivery.length} bytes). `,
        h('button', { type: 'button', class: 'open-details', 'aria-label': `Open delivery details: order #${order.id}`, onclick: () => this.open(order) }, 'Open delivery details')));
    } else if ('text' in opened) {
      delivery.append(h('p', { class: 'muted' }, 'Delivery details, opened in this browser:'), h('pre', { class: 'delivery-details' }, opened.text));
    } else {
      delivery.append(h('p', { class: 'error' }, opened.error));
    }
    card.append(delivery);

    const actions = h('div', { class: 'actions' });
    if (state.kind === 'placed') {
      const tracking = h('input', { name: 'tracking', 'aria-label': `Tracking reference for order #${order.id}`, placeholder: 'Courier tracking reference (only its hash is stored)' });
      actions.append(h('span', { class: 'row' }, tracking, txButton('Mark shipped', async () => {
        if (!tracking.value.trim()) {
          showInputError(card, 'Enter the courier\'s tracking reference: its hash goes on-chain, the buyer gets the reference from you.');
          return;
        }
        await this.send(`Ship order #${order.id}`, api.tx.orders.ship(order.id, textHash(tracking.value)));
      }, 'primary', `Mark shipped: order #${order.id}`)));
      actions.append(confirmedTxButton('Reject order', 'Yes, reject', () => ({
        question: `Reject order #${order.id}? The buyer is refunded in full and the order ends; this cannot be undone.`,
        run: () => this.send(`Reject order #${order.id}`, api.tx.orders.reject(order.id))
      })));
    }
    if (state.kind === 'shipped' && order.deliveryCodeHash) {
      const expected = order.deliveryCodeHash;
      const typed = h('input', { name: 'delivery-code', 'aria-label': `Delivery code for order #${order.id}`, placeholder: 'Delivery code from the buyer, XXXX-XXXX-XXXX-XXXX', autocomplete: 'off' });
      actions.append(h('span', { class: 'row' }, typed, txButton('Complete with the code', async () => {
        const code = normalizeDeliveryCode(typed.value);
        if (code === null || deliveryCodeHash(code) !== expected) {
          showInputError(card, 'That is not this order\'s delivery code: it is 16 letters and digits the buyer hands over with the parcel.');
          return;
        }
        await this.send(`Complete order #${order.id} with its delivery code`, api.tx.orders.revealDeliveryCode(order.id, code));
      }, 'primary', `Complete with the code: order #${order.id}`)));
    }
    if (state.kind !== 'settled') {
      const percent = h('input', { name: 'refund-percent', type: 'number', min: 0, max: 100, step: 'any', value: '100', class: 'narrow' });
      actions.append(h('span', { class: 'row' }, h('label', {}, 'Refund ', percent, '% '), confirmedTxButton('Refund', 'Yes, refund', () => {
        let share: number;
        try {
          share = parsePercentToPerbill(percent.value);
        } catch (error) {
          showInputError(card, (error as Error).message);
          return null;
        }
        const question = share === 1_000_000_000
          ? `Refund all of order #${order.id}? The buyer gets the whole escrow back and the order ends; this cannot be undone.`
          : `Offer the buyer ${formatPerbill(share)} of order #${order.id}'s goods value back? It settles when the buyer accepts.`;
        return { question, run: () => this.send(`Refund order #${order.id}`, api.tx.orders.refund(order.id, share)) };
      }), h('span', { class: 'muted' }, '100% settles at once; less is an offer the buyer accepts.')));
    }
    // Accepting a settlement and rating are the shop's own: a staff proxy may not.
    if (order.proposal?.by === 'Buyer' && state.kind !== 'settled') {
      actions.append(this.actingFor
        ? h('p', { class: 'muted' }, 'The buyer proposed a settlement: only the shop can accept it. To agree, offer the same share with Refund.')
        : txButton('Accept the buyer\'s proposal', () => this.shop.send(`Accept the proposal on order #${order.id}`, api.tx.orders.acceptSettlement(order.id))));
    }
    const rating = this.actingFor ? null : ratingControls(this.shop, row, 'Seller');
    if (rating) actions.append(rating);
    card.append(actions);
    return card;
  }

  private listingRow (listing: Listing): HTMLElement {
    const { api } = this.shop.chain;
    // A price stays in the asset the listing was created in.
    const token = tokenFor(this.shop.chain, listing.priceAsset);
    const row = h('tr', { 'data-listing-id': listing.id });
    const price = h('input', { name: 'price', 'aria-label': `Price of ${listing.title} in ${token.symbol}`, value: amountText(listing.unitPrice, token), class: 'narrow' });
    const stock = h('input', { name: 'stock', 'aria-label': `Stock of ${listing.title}`, type: 'number', min: 0, step: 1, value: String(listing.stock), class: 'narrow' });
    const fail = (message: string): void => {
      const cell = row.querySelector('td:last-child');
      if (cell) showInputError(cell, message);
    };
    row.append(
      h('td', { class: 'listing-title', 'data-label': 'Listing' }, listing.title),
      h('td', { 'data-label': 'Category' }, categoryName(listing.category)),
      h('td', { 'data-label': 'Price' }, h('span', { class: 'row' }, price, token.symbol, txButton('Set price', async () => {
        let value: bigint;
        try {
          value = parseBalance(price.value, token);
        } catch (error) {
          fail((error as Error).message);
          return;
        }
        await this.send(`Set the price of ${listing.title}`, api.tx.listings.setPrice(listing.id, value));
      }, '', `Set price: ${listing.title}`))),
      h('td', { 'data-label': 'Stock' }, h('span', { class: 'row' }, stock, txButton('Set stock', async () => {
        if (!/^\d+$/.test(stock.value.trim())) {
          fail('Stock is a whole number of units.');
          return;
        }
        await this.send(`Set the stock of ${listing.title}`, api.tx.listings.setStock(listing.id, Number(stock.value)));
      }, '', `Set stock: ${listing.title}`))),
      h('td', { 'data-label': 'Status' }, listing.active ? 'Active' : 'Paused'),
      h('td', {})
    );
    return row;
  }

  private newListingForm (): HTMLElement {
    const { token, assets } = this.shop.chain;
    const form = h('form', { class: 'card new-listing' });
    // BZR, and every foreign asset the chain accepts prices in (registered, with a rate).
    const priced = [...assets.values()].filter((asset) => asset.rate !== null);
    const currency = h('select', { name: 'new-currency', 'aria-label': 'Currency of the new listing\'s price' },
      h('option', { value: 'native' }, token.symbol),
      ...priced.map((asset) => h('option', { value: String(asset.id) }, asset.token.symbol)));
    const title = h('input', { name: 'title', 'aria-label': 'Title of the new listing', placeholder: 'Title', required: true });
    const category = h('select', { name: 'new-category', 'aria-label': 'Category of the new listing' }, ...[...CATEGORIES].map(([id, name]) => h('option', { value: String(id) }, name)));
    const price = h('input', { name: 'new-price', 'aria-label': `Price of the new listing in ${token.symbol}`, placeholder: `Price in ${token.symbol}`, required: true, class: 'narrow' });
    const stock = h('input', { name: 'new-stock', 'aria-label': 'Stock of the new listing', type: 'number', min: 0, step: 1, value: '1', class: 'narrow' });
    const description = h('input', { name: 'new-description', 'aria-label': 'Description of the new listing (optional)', placeholder: 'Description (optional)' });
    const image = h('input', { name: 'new-image', type: 'url', 'aria-label': 'Image address of the new listing (optional, https)', placeholder: 'Image https:// address (optional)' });
    const create = h('button', { type: 'submit' }, 'Create listing');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.createListing(form, { title, description, image }, category, { price, currency }, stock, create);
    });
    form.append(h('strong', {}, 'New listing '), title, category, price, currency, stock, description, image, create);
    return form;
  }

  private async createListing (form: HTMLElement, text: { title: HTMLInputElement, description: HTMLInputElement, image: HTMLInputElement }, category: HTMLSelectElement, pricing: { price: HTMLInputElement, currency: HTMLSelectElement }, stock: HTMLInputElement, button: HTMLButtonElement): Promise<void> {
    const { api, constants } = this.shop.chain;
    const { title, description, image } = text;
    const { price, currency } = pricing;
    const asset: PaymentAsset = currency.value === 'native' ? NATIVE : { kind: 'foreign', id: Number(currency.value) };
    const token = tokenFor(this.shop.chain, asset);
    let unitPrice: bigint;
    let metadata: Uint8Array;
    try {
      unitPrice = parseBalance(price.value, token);
      metadata = stringToU8a(listingMetadata({ title: title.value, description: description.value, image: image.value }));
    } catch (error) {
      showInputError(form, (error as Error).message);
      return;
    }
    if (!title.value.trim()) {
      showInputError(form, 'Give the listing a title.');
      return;
    }
    if (metadata.length > constants.maxMetadataLen) {
      showInputError(form, `Title, description and image address take ${metadata.length} bytes together; at most ${constants.maxMetadataLen} fit. Shorten them.`);
      return;
    }
    if (!/^\d+$/.test(stock.value.trim())) {
      showInputError(form, 'Stock is a whole number of units.');
      return;
    }
    button.disabled = true;
    const result = await this.send(`List ${title.value.trim()}`,
      api.tx.listings.createListing(asset.kind === 'native' ? { Native: null } : { WithId: asset.id }, unitPrice, Number(stock.value), Number(category.value), u8aToHex(metadata)));
    button.disabled = false;
    if (result) {
      for (const input of [title, description, image]) input.value = '';
    }
  }
}
