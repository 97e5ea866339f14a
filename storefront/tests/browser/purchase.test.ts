// A full purchase between two dev accounts, in two tabs of one browser, against a fresh
// bazaar-node --dev: Bob (seller of the coffee listings) publishes his delivery key; Charlie
// filters and searches the catalog, is refused with the runtime's own explanation when Bob
// raises a price under his open checkout, is refused before signing what the chain would refuse
// (no address, more units than in stock, details too long), then buys with sealed delivery
// details and is charged no more than the checkout showed with the network fee; Bob opens
// them in his inbox and ships; the courier hands Charlie the parcel, Charlie hands over his
// delivery code and Bob completes the order with it (alerted to the new order on another tab); Charlie rates; Alice's off-chain worker attests
// recommendations for Charlie, which his "Recommended for you" shows; every view meets WCAG 2 AA
// (axe-core) and fits a 390 px phone; Charlie buys again with the keyboard alone, then from Bob
// and Dave at once with the cart (one signature); Ferdie ships Dave's order as Dave's staff.
//
// Screenshots of each step go to test-artifacts/, with the node's log and the pages' console.

import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ARTIFACTS, type DevNode, launchChromium, serveStorefront, startDevNode } from './harness';

const DETAILS = 'Charlie Example\n12 Market Street\nSpringfield 4242\nRing twice ☎';
/** axe-core, the accessibility checker run in the pages. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** How long a transaction may take from click to finality on a 1-second-block dev chain. */
const TX_TIMEOUT = 60_000;

describe('storefront in Chromium against bazaar-node --dev', () => {
  let node: DevNode;
  let api: ApiPromise;
  let site: Awaited<ReturnType<typeof serveStorefront>>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let bob: Page;
  let charlie: Page;
  const consoleLines: string[] = [];
  const pageErrors: string[] = [];
  let orderId: string;
  let deliveryCode: string;
  /** Dave's order from Charlie's cart, which Ferdie ships as Dave's staff. */
  let daveOrder: string;

  /** A balance as the page writes it ("90.9 BZR") in BZR. */
  const parseBzr = (text: string): number => Number(/^([\d.,]+) BZR$/.exec(text.trim())?.[1].replace(/,/g, '') ?? NaN);

  /** An account's free balance in plancks, read from the node, not from the page. */
  async function freeBalance (address: string): Promise<bigint> {
    const account = (await api.query.system.account(address)).toJSON() as { data: { free: number | string } };
    return BigInt(account.data.free);
  }

  /** Searches the catalog for the one listing `query` finds and opens its checkout at `price`. */
  async function openCheckout (page: Page, query: string, price: string): Promise<Locator> {
    await page.click('a[data-tab="catalog"]');
    await page.fill('input[name="search"]', query);
    await page.getByText('1 of 12 listings').waitFor();
    await page.locator('.listing').getByRole('button', { name: 'Buy' }).click();
    const dialog = page.locator('dialog#checkout');
    await dialog.locator('.seen-price', { hasText: price }).waitFor();
    return dialog;
  }

  /** What axe-core finds against WCAG 2 A and AA in the page as it is now, one line per rule. */
  async function accessibilityViolations (page: Page): Promise<string[]> {
    await page.addScriptTag({ path: AXE });
    return page.evaluate(async () => {
      interface Violation { id: string, help: string, nodes: Array<{ target: string[] }> }
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
      const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
      return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
    });
  }

  const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  async function openAs (name: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('console', (message) => consoleLines.push(`[${name}] ${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => pageErrors.push(`[${name}] ${error.message}`));
    await page.goto(`${site.url}/?rpc=${encodeURIComponent(node.rpcUrl)}#catalog`);
    await page.locator('.listing').first().waitFor();
    const option = page.locator('#account option', { hasText: `${name} (` });
    await page.selectOption('#account', (await option.getAttribute('value')) ?? '');
    return page;
  }

  /** Waits for the newest transaction entry labelled `label` to finalize; throws its error if it failed. */
  async function finalized (page: Page, label: string): Promise<void> {
    const entry = page.locator('#activity-list > li.tx', { hasText: label }).first();
    await entry.and(page.locator('[data-state="finalized"], [data-state="failed"]')).waitFor({ timeout: TX_TIMEOUT });
    if ((await entry.getAttribute('data-state')) !== 'finalized') {
      throw new Error(`${label} failed: ${await entry.innerText()}`);
    }
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [node, site, browser] = await Promise.all([startDevNode(), serveStorefront(), launchChromium()]);
    api = await ApiPromise.create({ provider: new WsProvider(node.rpcUrl), noInitWarn: true });
    bob = await openAs('Bob');
    charlie = await openAs('Charlie');
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [name, page] of [['bob', bob], ['charlie', charlie]] as const) {
      await page?.screenshot({ path: join(ARTIFACTS, `failed-${context.task.name.replace(/\W+/g, '-')}-${name}.png`), fullPage: true }).catch(() => {});
      // A dialog left open would block every later test's clicks: one failure, not a cascade.
      await page?.evaluate(() => { document.querySelector<HTMLDialogElement>('dialog[open]')?.close(); }).catch(() => {});
    }
  });

  afterAll(async () => {
    writeFileSync(join(ARTIFACTS, 'browser-console.log'), consoleLines.join('\n'));
    if (node) writeFileSync(join(ARTIFACTS, 'bazaar-node.log'), node.logs());
    await api?.disconnect();
    await browser?.close();
    await site?.close();
    await node?.stop();
  });

  it('lets Bob publish his delivery encryption key', async () => {
    await bob.click('a[data-tab="selling"]');
    const panel = bob.locator('.key-panel');
    await panel.and(bob.locator('[data-state="none"]')).waitFor();
    await panel.getByRole('button', { name: 'Publish encryption key' }).click();
    await finalized(bob, 'Publish delivery encryption key (Bob)');
    await panel.and(bob.locator('[data-state="ready"]')).waitFor();
    await expect(panel.locator('.key-status').innerText()).resolves.toMatch(/this browser holds its secret key/);
    await shot(bob, '01-seller-key-published');
  });

  it('lets Charlie filter the catalog by category and search it', async () => {
    await charlie.selectOption('select[name="category"]', { label: 'Coffee' });
    await charlie.getByText('4 of 12 listings').waitFor();
    await expect(charlie.locator('.listing .chip').allTextContents()).resolves.toEqual(['Coffee', 'Coffee', 'Coffee', 'Coffee']);
    await charlie.fill('input[name="search"]', 'grinder');
    await charlie.getByText('1 of 12 listings').waitFor();
    const card = charlie.locator('.listing');
    await expect(card.locator('.listing-title').innerText()).resolves.toBe('Hand grinder, ceramic burrs');
    await expect(card.locator('.price').innerText()).resolves.toBe('45 BZR');
    await expect(card.locator('.seller').innerText()).resolves.toMatch(/Sold by Bob\s+New seller/);
    await shot(charlie, '02-catalog-filtered');
  });

  it('shows the runtime\'s explanation when the price rose under an open checkout', async () => {
    const dialog = await openCheckout(charlie, 'kettle', '60 BZR');

    // Bob raises the price while Charlie's checkout is open.
    const kettle = bob.locator('tr[data-listing-id="3"]');
    await kettle.locator('input[name="price"]').fill('65');
    await kettle.getByRole('button', { name: 'Set price' }).click();
    await finalized(bob, 'Set the price of Gooseneck kettle (Bob)');

    await dialog.locator('.price-notice', { hasText: 'The price is now 65 BZR (you saw 60 BZR)' }).waitFor();
    await dialog.locator('textarea[name="details"]').fill(DETAILS);
    await dialog.getByRole('button', { name: 'Place order' }).click();
    const mirror = dialog.locator('.tx-mirror');
    await mirror.and(charlie.locator('[data-state="failed"]')).waitFor({ timeout: TX_TIMEOUT });
    // Included (the fee is paid), then refused by the runtime.
    await expect(mirror.locator('.steps').innerText()).resolves.toMatch(/In block #\d+/);
    // The docs of the error, as the runtime's metadata has them, in plain words first; the
    // error's name beside them.
    await expect(mirror.locator('.error-title').innerText()).resolves.toBe('The unit price is above max_unit_price (it rose since you looked).');
    await expect(mirror.locator('.error-detail').innerText()).resolves.toMatch(/^Review the new price/);
    await expect(mirror.locator('.error-code').innerText()).resolves.toBe('(orders.PriceAboveLimit)');
    await shot(charlie, '03-checkout-price-rose-error');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('refuses before signing what the chain would refuse: no address, too many units, too long details', async () => {
    const dialog = await openCheckout(charlie, 'grinder', '45 BZR');
    const transactions = await charlie.locator('#activity-list > li.tx').count();
    const quantity = dialog.locator('input[name="quantity"]');
    const stock = Number(/(\d+) in stock/.exec(await dialog.locator('.stock').innerText())?.[1]);

    // Said as it is typed, and never priced: no 25,000 BZR total for "1e3".
    for (const [typed, problem] of [
      ['99999999999', `Only ${stock} in stock: order ${stock} or fewer.`],
      [String(stock + 1), `Only ${stock} in stock: order ${stock} or fewer.`],
      ['1e3', 'Enter the quantity as a whole number of units, such as 1 or 2.'],
      ['0', 'Order at least one unit.']
    ]) {
      await quantity.fill(typed);
      await expect(dialog.locator('.total').innerText()).resolves.toBe(problem);
      await dialog.getByRole('button', { name: 'Place order' }).click();
      await expect(dialog.locator('.form-error').innerText()).resolves.toBe(problem);
      // The form stays usable.
      await expect(dialog.getByRole('button', { name: 'Place order' }).isEnabled()).resolves.toBe(true);
    }

    // Bob published a key, so he ships to the details: an empty or blank address is refused.
    await quantity.fill('1');
    await dialog.locator('textarea[name="details"]').fill('   \n  ');
    await dialog.getByRole('button', { name: 'Place order' }).click();
    await expect(dialog.locator('.form-error').innerText()).resolves.toMatch(/^Enter where the seller should deliver/);

    // Over the limit, the byte counter turns red and the order is refused.
    await dialog.locator('textarea[name="details"]').fill('x'.repeat(2880));
    await dialog.locator('.byte-count.error', { hasText: '2880' }).waitFor();
    await dialog.getByRole('button', { name: 'Place order' }).click();
    await expect(dialog.locator('.form-error').innerText()).resolves.toMatch(/^The delivery details take 2880 bytes; at most \d+ fit once sealed/);

    // Nothing was signed.
    await expect(charlie.locator('#activity-list > li.tx').count()).resolves.toBe(transactions);
    await shot(charlie, '04a-checkout-refused-before-signing');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('lets Charlie check out a Bob listing with delivery details sealed to Bob\'s key, charged what it showed', async () => {
    const dialog = await openCheckout(charlie, 'grinder', '45 BZR');
    await dialog.locator('input[name="quantity"]').fill('2');
    await dialog.locator('textarea[name="details"]').fill(DETAILS);
    await expect(dialog.locator('.total').innerText()).resolves.toMatch(/^Total: 90\.9 BZR = 90 BZR \+ 0\.9 BZR market fee \(1%\)/);
    // The node's fee for this very order, and what leaves the free balance with it.
    await dialog.locator('.network-fee .fee-amount').waitFor();
    const networkFee = parseBzr(await dialog.locator('.network-fee .fee-amount').innerText());
    const charged = parseBzr(await dialog.locator('.network-fee .charged').innerText());
    const deposit = parseBzr(/storage deposit of ([\d.]+ BZR)/.exec(await dialog.locator('.order-deposit').innerText())?.[1] ?? '');
    expect(networkFee).toBeGreaterThan(0);
    expect(charged).toBeCloseTo(90.9 + deposit + networkFee, 9);
    const charlieAddress = await charlie.locator('#account').inputValue();
    const before = await freeBalance(charlieAddress);
    await shot(charlie, '04-checkout');
    await dialog.getByRole('button', { name: 'Place order' }).click();
    const success = dialog.locator('.success');
    await success.waitFor({ timeout: TX_TIMEOUT });
    orderId = /Order #(\d+) placed/.exec(await success.innerText())?.[1] ?? '';
    expect(orderId).toMatch(/^\d+$/);
    // At most what was shown left the free balance (weight the order did not use may be
    // refunded), and at least everything but the network fee.
    const spent = Number(before - await freeBalance(charlieAddress)) / 1e12;
    expect(spent).toBeLessThanOrEqual(charged + 1e-12);
    expect(spent).toBeGreaterThanOrEqual(90.9 + deposit);
    // The storefront made the order's delivery code; only its hash went on chain.
    deliveryCode = await success.locator('.delivery-code').innerText();
    expect(deliveryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    await expect(dialog.locator('.tx-mirror .steps').innerText()).resolves.toMatch(/Signed\s+Sent\s+In block #\d+\s+Confirmed/);
    await shot(charlie, '05-order-placed');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('alerts Bob to the new order while he is on another tab', async () => {
    await bob.click('a[data-tab="catalog"]');
    const alert = bob.locator('#alerts .alert', { hasText: `New order #${orderId}: 2 × Hand grinder, ceramic burrs from Charlie. Ship it by` });
    await alert.waitFor({ timeout: TX_TIMEOUT });
    await shot(bob, '05a-seller-alert');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(bob.locator('#alerts .alert').count()).resolves.toBe(0);
    await bob.click('a[data-tab="selling"]');
  });

  it('lets Bob open the sealed details in his inbox and ship', async () => {
    const order = bob.locator(`#view-selling .order[data-order-id="${orderId}"]`);
    await order.waitFor({ timeout: TX_TIMEOUT });
    await expect(order.innerText()).resolves.toMatch(/2 × 45 BZR = 90 BZR \+ 0\.9 BZR fee · to Charlie/);
    // The deadline as a date and time, with its block.
    await order.locator('.state-text', { hasText: /^Ship by about .+ \(block #\d+\), or the buyer is refunded in full\.$/ }).waitFor();
    // Rejecting cannot be undone: it asks first, and "Keep the order" takes the question back.
    await order.getByRole('button', { name: 'Reject order' }).click();
    await order.locator('.confirm-question', { hasText: `Reject order #${orderId}? The buyer is refunded in full` }).waitFor();
    await order.getByRole('button', { name: 'Keep the order' }).click();
    await order.getByRole('button', { name: 'Reject order' }).waitFor();
    await order.getByRole('button', { name: 'Open delivery details' }).click();
    await expect(order.locator('.delivery-details').innerText()).resolves.toBe(DETAILS);
    await shot(bob, '06-inbox-details-opened');
    await order.locator('input[name="tracking"]').fill('COURIER-0042');
    await order.getByRole('button', { name: 'Mark shipped' }).click();
    await finalized(bob, `Ship order #${orderId} (Bob)`);
    await bob.locator(`#view-selling .order[data-order-id="${orderId}"] .state-shipped`).waitFor();
  });

  it('lets Bob complete the order with the delivery code Charlie handed over, and Charlie rate Bob', async () => {
    await charlie.click('a[data-tab="orders"]');
    const order = charlie.locator(`#view-orders .order[data-order-id="${orderId}"]`);
    await order.locator('.state-shipped').waitFor({ timeout: TX_TIMEOUT });
    await expect(order.locator('.delivery-code').innerText()).resolves.toBe(deliveryCode);

    const inbox = bob.locator(`#view-selling .order[data-order-id="${orderId}"]`);
    // A wrong code is refused before anything is signed.
    await inbox.locator('input[name="delivery-code"]').fill('0000-0000-0000-0000');
    await inbox.getByRole('button', { name: 'Complete with the code' }).click();
    await inbox.locator('.input-error', { hasText: 'not this order\'s delivery code' }).waitFor();
    // As read out at the door: lower case, spaces.
    await inbox.locator('input[name="delivery-code"]').fill(deliveryCode.toLowerCase().replace(/-/g, ' '));
    await inbox.getByRole('button', { name: 'Complete with the code' }).click();
    await finalized(bob, `Complete order #${orderId} with its delivery code (Bob)`);
    await order.locator('.state-completed').waitFor({ timeout: TX_TIMEOUT });
    await expect(order.locator('.rating-fee').innerText()).resolves.toContain('0.0351 BZR');
    await order.locator('select[name="stars"]').selectOption('5');
    await order.locator('input[name="review"]').fill('Fast shipping, great grinder.');
    await order.getByRole('button', { name: 'Rate the seller' }).click();
    await finalized(charlie, `Rate order #${orderId} (Charlie)`);
    await order.locator('.rated', { hasText: 'You rated the seller.' }).waitFor({ timeout: TX_TIMEOUT });
    await shot(charlie, '07-orders-completed-rated');

    // Bob's badge shows the stars, not the score (still near the neutral 50% after one rating).
    await charlie.click('a[data-tab="catalog"]');
    await charlie.locator('.listing .badge', { hasText: '★ 5.0 · 1 rating · 90 BZR' }).first().waitFor({ timeout: TX_TIMEOUT });
  });

  it('shows Charlie the recommendations Alice attested after the purchase', async () => {
    await charlie.click('a[data-tab="recommended"]');
    await expect(charlie.locator('input[name="participate"]').isChecked()).resolves.toBe(true);
    // Alice's off-chain worker attests a few blocks after the order completes.
    await charlie.locator('.attester-name', { hasText: 'Alice' }).waitFor({ timeout: 90_000 });
    // How the picks are checked is there on request, not in the way.
    await charlie.getByText('How these picks are checked').click();
    await expect(charlie.locator('.model-version').innerText()).resolves.toBe('v0');
    await expect(charlie.locator('.challenge').innerText()).resolves.toMatch(/^Challenge window open until block #\d+ \(\d+ blocks left\)\.$/);
    const items = charlie.locator('.recommended-item');
    expect(await items.count()).toBe(10);
    expect(await items.locator('.score.verified').count()).toBe(10);
    await shot(charlie, '08-recommended-for-you');
  });

  it('meets WCAG 2 AA in every view (axe-core): labelled controls, named buttons, contrast', async () => {
    const found: string[] = [];
    for (const [name, page] of [['Charlie', charlie], ['Bob', bob]] as const) {
      for (const tab of ['catalog', 'recommended', 'orders', 'selling']) {
        await page.click(`a[data-tab="${tab}"]`);
        await page.locator(`#view-${tab}:not([hidden])`).waitFor();
        found.push(...(await accessibilityViolations(page)).map((line) => `${name}, ${tab}: ${line}`));
      }
    }
    await openCheckout(charlie, 'kettle', 'BZR');
    found.push(...(await accessibilityViolations(charlie)).map((line) => `Charlie, checkout: ${line}`));
    await charlie.locator('dialog#checkout').getByRole('button', { name: 'Close' }).click();
    expect(found).toEqual([]);
  });

  it('fits a 390 px phone: no sideways scrolling, every tab reachable, dialogs inside the screen', async () => {
    const width = 390;
    for (const page of [charlie, bob]) {
      await page.setViewportSize({ width, height: 844 });
      for (const tab of ['catalog', 'recommended', 'orders', 'selling']) {
        const link = page.locator(`a[data-tab="${tab}"]`);
        const box = await link.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width, `the ${tab} tab is on screen`).toBe(true);
        await link.click();
        await page.locator(`#view-${tab}:not([hidden])`).waitFor();
        const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(pageWidth, `the ${tab} view is ${pageWidth} px wide`).toBeLessThanOrEqual(width);
      }
    }
    // The seller's listings table reads as cards.
    const row = bob.locator('tr[data-listing-id="3"]');
    await expect(row.evaluate((element) => getComputedStyle(element).display)).resolves.toBe('block');
    await shot(bob, '09-phone-selling');

    const dialog = await openCheckout(charlie, 'kettle', 'BZR');
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= width, 'the checkout is inside the screen').toBe(true);
    await expect(charlie.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);
    await shot(charlie, '10-phone-checkout');
    await dialog.getByRole('button', { name: 'Close' }).click();
    for (const page of [charlie, bob]) await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('lets Charlie buy with the keyboard alone', async () => {
    await charlie.click('a[data-tab="catalog"]');
    await charlie.locator('input[name="search"]').focus();
    // Over what an earlier search left.
    await charlie.keyboard.press('Control+A');
    await charlie.keyboard.type('dripper');
    await charlie.getByText('1 of 12 listings').waitFor();
    // Search, then the sort order, the listing's title (its product page), then its Buy button.
    for (let i = 0; i < 3; i++) await charlie.keyboard.press('Tab');
    await expect(charlie.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Buy: Pour-over dripper');
    await charlie.keyboard.press('Enter');
    const dialog = charlie.locator('dialog#checkout');
    await dialog.locator('.seen-price', { hasText: '25 BZR' }).waitFor();
    // The dialog takes the focus at the quantity; the details follow, then "Place order".
    await expect(charlie.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('quantity');
    await charlie.keyboard.press('Tab');
    await charlie.keyboard.type(DETAILS);
    await charlie.keyboard.press('Tab');
    await expect(charlie.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Place order');
    await charlie.keyboard.press('Enter');
    await dialog.locator('.success').waitFor({ timeout: TX_TIMEOUT });
    await charlie.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(false);
  });

  it('lets Bob list an item with a description and image, and Charlie read its product page', async () => {
    await bob.click('a[data-tab="selling"]');
    const form = bob.locator('form.new-listing');
    await form.locator('input[name="title"]').fill('Moka pot, 6 cups');
    await form.locator('input[name="new-price"]').fill('32');
    await form.locator('input[name="new-description"]').fill('Aluminium, for gas and electric hobs.');
    // Refused before signing: only https images.
    await form.locator('input[name="new-image"]').fill('http://img.example/moka.png');
    await form.getByRole('button', { name: 'Create listing' }).click();
    await form.locator('.input-error', { hasText: 'The image must be an https:// address' }).waitFor();
    await form.locator('input[name="new-image"]').fill('https://img.example/moka.png');
    await form.getByRole('button', { name: 'Create listing' }).click();
    await finalized(bob, 'List Moka pot, 6 cups (Bob)');

    // Found by a word of its description only.
    await charlie.click('a[data-tab="catalog"]');
    await charlie.fill('input[name="search"]', 'hobs');
    await charlie.getByText('1 of 13 listings').waitFor({ timeout: TX_TIMEOUT });
    const card = charlie.locator('.listing');
    await expect(card.locator('img.listing-image').getAttribute('src')).resolves.toBe('https://img.example/moka.png');
    await expect(card.locator('img.listing-image').getAttribute('referrerpolicy')).resolves.toBe('no-referrer');
    await card.getByRole('button', { name: 'About Moka pot, 6 cups' }).click();
    const product = charlie.locator('dialog#product');
    await expect(product.locator('.description').innerText()).resolves.toBe('Aluminium, for gas and electric hobs.');
    await expect(product.locator('.price').innerText()).resolves.toMatch(/^32 BZR · 1 in stock$/);
    await expect(accessibilityViolations(charlie)).resolves.toEqual([]);
    await shot(charlie, '12-product-page');
    // Buy from the product page opens the checkout for it.
    await product.getByRole('button', { name: 'Buy' }).click();
    await charlie.locator('dialog#checkout .listing-title', { hasText: 'Moka pot, 6 cups' }).waitFor();
    await charlie.locator('dialog#checkout').getByRole('button', { name: 'Close' }).click();
  });

  it('lets Charlie buy from Bob and Dave with one signature, from the cart', async () => {
    await charlie.click('a[data-tab="catalog"]');
    // Dave's seeds are in Garden: an earlier test left the catalog on Coffee.
    await charlie.selectOption('select[name="category"]', { label: 'All categories' });
    for (const query of ['beans', 'tomato', 'tomato']) {
      await charlie.fill('input[name="search"]', query);
      await charlie.getByText('1 of 13 listings').waitFor();
      await charlie.locator('.listing').getByRole('button', { name: /^Add to cart/ }).click();
    }
    await charlie.getByRole('button', { name: 'Cart (3)' }).click();
    const cart = charlie.locator('dialog#cart');
    await cart.locator('.cart-seller', { hasText: 'From Bob' }).locator('textarea').fill(DETAILS);
    // Dave published no key: there is nothing to seal to, and no address is asked for.
    await expect(cart.locator('.cart-seller', { hasText: 'From Dave' }).locator('textarea').isDisabled()).resolves.toBe(true);
    // 18 BZR of beans and 2 × 6 BZR of seeds, 1% fee on each order.
    await expect(cart.locator('.total').innerText()).resolves.toMatch(/^Total: 30\.3 BZR = 30 BZR \+ 0\.3 BZR market fee \(1%\)/);
    await expect(accessibilityViolations(charlie)).resolves.toEqual([]);
    await shot(charlie, '13-cart');
    const transactions = await charlie.locator('#activity-list > li.tx').count();
    await cart.getByRole('button', { name: 'Place all orders' }).click();
    const success = cart.locator('.success');
    await success.waitFor({ timeout: TX_TIMEOUT });
    // One signature: one transaction entry for both orders.
    await expect(charlie.locator('#activity-list > li.tx').count()).resolves.toBe(transactions + 1);
    const placed = [...(await success.innerText()).matchAll(/#(\d+) ([^(]+) \(code/g)].map((m) => ({ id: m[1], title: m[2].trim() }));
    expect(placed.map((p) => p.title)).toEqual(['Ethiopian coffee beans, 500 g', 'Heirloom tomato seeds']);
    const charlieAddress = await charlie.locator('#account').inputValue();
    for (const { id } of placed) {
      const order = (await api.query.orders.orders(id)).toJSON() as { buyer: string, quantity: number } | null;
      expect(order?.buyer).toBe(charlieAddress);
    }
    daveOrder = placed[1].id;
    await shot(charlie, '14-cart-placed');
    await cart.getByRole('button', { name: 'Close' }).click();
  });

  it('lets Ferdie, Dave\'s staff, ship Dave\'s order through a ShopStaff proxy, and nothing more', async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    const [dave, ferdie] = ['//Dave', '//Ferdie'].map((uri) => keyring.addFromUri(uri));
    await new Promise<void>((resolve, reject) => {
      api.tx.proxy.addProxy(ferdie.address, 'ShopStaff', 0).signAndSend(dave, ({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        else if (status.isFinalized) resolve();
      }).catch(reject);
    });
    const staff = await openAs('Ferdie');
    // A new page dates deadlines by the chain's timestamps until it has seen five blocks, then by
    // its own pace: the dates change in place, and what Ferdie typed before stays.
    const paceSwitched = (await api.rpc.chain.getHeader()).number.toNumber() + 6;
    await staff.click('a[data-tab="selling"]');
    // Bob never made Ferdie his staff.
    const bobAddress = await bob.locator('#account').inputValue();
    await staff.fill('input[name="staff-of"]', bobAddress);
    await staff.getByRole('button', { name: 'Sell for this shop' }).click();
    await staff.locator('.staff-panel .input-error', { hasText: 'Bob has not made you its staff' }).waitFor();
    await staff.fill('input[name="staff-of"]', dave.address);
    await staff.getByRole('button', { name: 'Sell for this shop' }).click();
    await staff.locator('.staff-status', { hasText: 'Selling for Dave as its staff (ShopStaff proxy)' }).waitFor();
    // The shop's key is the shop's: staff are not offered to publish one.
    await staff.locator('.key-panel .key-status', { hasText: 'only the shop can publish one' }).waitFor();
    await expect(staff.locator('.key-panel button', { hasText: 'Publish' }).count()).resolves.toBe(0);
    const order = staff.locator(`#view-selling .order[data-order-id="${daveOrder}"]`);
    await order.waitFor({ timeout: TX_TIMEOUT });
    const daveFree = async (): Promise<bigint> => freeBalance(dave.address);
    const daveBefore = await daveFree();
    await order.locator('input[name="tracking"]').fill('COURIER-0099');
    await staff.waitForFunction((block) => Number(/block #(\d+)/.exec(document.getElementById('chain-status')?.textContent ?? '')?.[1] ?? 0) >= block, paceSwitched, { timeout: TX_TIMEOUT });
    await expect(order.locator('input[name="tracking"]').inputValue()).resolves.toBe('COURIER-0099');
    await order.getByRole('button', { name: 'Mark shipped' }).click();
    await finalized(staff, `Ship order #${daveOrder} for Dave (Ferdie)`);
    await staff.locator(`#view-selling .order[data-order-id="${daveOrder}"] .state-shipped`).waitFor({ timeout: TX_TIMEOUT });
    // Staff read whose money it is.
    await staff.locator(`#view-selling .order[data-order-id="${daveOrder}"] .state-text`, { hasText: 'after that Dave is paid' }).waitFor();
    const shipped = (await api.query.orders.orders(daveOrder)).toJSON() as { seller: string, state: Record<string, unknown> };
    expect(Object.keys(shipped.state)).toEqual(['shipped']);
    expect(shipped.seller).toBe(dave.address);
    // Dave signed nothing and paid nothing: Ferdie paid the network fee.
    await expect(daveFree()).resolves.toBe(daveBefore);
    await expect(accessibilityViolations(staff)).resolves.toEqual([]);
    await shot(staff, '15-staff-shipped');
    await staff.close();
  });

  it('says what to do when no wallet extension is installed', async () => {
    await charlie.getByRole('button', { name: 'Connect wallet' }).click();
    await charlie.locator('#wallet-message', { hasText: 'No wallet extension answered' }).waitFor();
    // The dev account stays chosen.
    await expect(charlie.locator('#account option:checked').innerText()).resolves.toMatch(/^Charlie /);
  });

  it('says plainly when the node cannot be reached, and keeps trying', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`[unreachable] ${error.message}`));
    // A port nothing listens on.
    await page.goto(`${site.url}/?rpc=${encodeURIComponent('ws://127.0.0.1:9')}#catalog`);
    const fatal = page.locator('#fatal');
    await fatal.locator('strong', { hasText: 'The shop cannot reach its node.' }).waitFor();
    await expect(fatal.innerText()).resolves.toMatch(/Trying again every 5 seconds/);
    await fatal.getByRole('button', { name: 'Try again now' }).click();
    await page.locator('#chain-status', { hasText: /Not connected|Connecting \(attempt [2-9]\)/ }).waitFor();
    await shot(page, '11-node-unreachable');
    await page.close();
  });

  it('raised no error in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
