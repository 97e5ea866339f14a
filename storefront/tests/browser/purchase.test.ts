// A full purchase between two dev accounts, in two tabs of one browser, against a fresh
// bazaar-node --dev: Bob (seller of the coffee listings) publishes his delivery key; Charlie
// filters and searches the catalog, is refused with the runtime's own explanation when Bob
// raises a price under his open checkout, then buys with sealed delivery details; Bob opens
// them in his inbox and ships; the courier hands Charlie the parcel, Charlie hands over his
// delivery code and Bob completes the order with it; Charlie rates; Alice's off-chain worker attests
// recommendations for Charlie, which his "Recommended for you" shows.
//
// Screenshots of each step go to test-artifacts/, with the node's log and the pages' console.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ARTIFACTS, type DevNode, launchChromium, serveStorefront, startDevNode } from './harness';

const DETAILS = 'Charlie Example\n12 Market Street\nSpringfield 4242\nRing twice ☎';
/** How long a transaction may take from click to finality on a 1-second-block dev chain. */
const TX_TIMEOUT = 60_000;

describe('storefront in Chromium against bazaar-node --dev', () => {
  let node: DevNode;
  let site: Awaited<ReturnType<typeof serveStorefront>>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let bob: Page;
  let charlie: Page;
  const consoleLines: string[] = [];
  const pageErrors: string[] = [];
  let orderId: string;
  let deliveryCode: string;

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
    bob = await openAs('Bob');
    charlie = await openAs('Charlie');
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [name, page] of [['bob', bob], ['charlie', charlie]] as const) {
      await page?.screenshot({ path: join(ARTIFACTS, `failed-${context.task.name.replace(/\W+/g, '-')}-${name}.png`), fullPage: true }).catch(() => {});
    }
  });

  afterAll(async () => {
    writeFileSync(join(ARTIFACTS, 'browser-console.log'), consoleLines.join('\n'));
    if (node) writeFileSync(join(ARTIFACTS, 'bazaar-node.log'), node.logs());
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
    await charlie.fill('input[name="search"]', 'kettle');
    await charlie.getByText('1 of 12 listings').waitFor();
    await charlie.locator('.listing').getByRole('button', { name: 'Buy' }).click();
    const dialog = charlie.locator('dialog#checkout');
    await dialog.locator('.seen-price', { hasText: '60 BZR' }).waitFor();

    // Bob raises the price while Charlie's checkout is open.
    const kettle = bob.locator('tr[data-listing-id="3"]');
    await kettle.locator('input[name="price"]').fill('65');
    await kettle.getByRole('button', { name: 'Set price' }).click();
    await finalized(bob, 'Set the price of Gooseneck kettle (Bob)');

    await dialog.locator('.price-notice', { hasText: 'The price is now 65 BZR (you saw 60 BZR)' }).waitFor();
    await dialog.getByRole('button', { name: 'Place order' }).click();
    const mirror = dialog.locator('.tx-mirror');
    await mirror.and(charlie.locator('[data-state="failed"]')).waitFor({ timeout: TX_TIMEOUT });
    // Included (the fee is paid), then refused by the runtime.
    await expect(mirror.locator('.steps').innerText()).resolves.toMatch(/In block #\d+/);
    await expect(mirror.locator('.error-title').innerText()).resolves.toBe('orders.PriceAboveLimit');
    // The docs of the error, as the runtime's metadata has them.
    await expect(mirror.locator('.error-detail').innerText()).resolves.toMatch(/The unit price is above `max_unit_price` \(it rose since you looked\)\. Review the new price/);
    await shot(charlie, '03-checkout-price-rose-error');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('lets Charlie check out a Bob listing with delivery details sealed to Bob\'s key', async () => {
    await charlie.fill('input[name="search"]', 'grinder');
    await charlie.getByText('1 of 12 listings').waitFor();
    await charlie.locator('.listing').getByRole('button', { name: 'Buy' }).click();
    const dialog = charlie.locator('dialog#checkout');
    await dialog.locator('.seen-price', { hasText: '45 BZR' }).waitFor();
    await dialog.locator('input[name="quantity"]').fill('2');
    await dialog.locator('textarea[name="details"]').fill(DETAILS);
    await expect(dialog.locator('.total').innerText()).resolves.toMatch(/^Total: 90\.9 BZR = 90 BZR \+ 0\.9 BZR market fee \(1%\)/);
    await shot(charlie, '04-checkout');
    await dialog.getByRole('button', { name: 'Place order' }).click();
    const success = dialog.locator('.success');
    await success.waitFor({ timeout: TX_TIMEOUT });
    orderId = /Order #(\d+) placed/.exec(await success.innerText())?.[1] ?? '';
    expect(orderId).toMatch(/^\d+$/);
    // The storefront made the order's delivery code; only its hash went on chain.
    deliveryCode = await success.locator('.delivery-code').innerText();
    expect(deliveryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    await expect(dialog.locator('.tx-mirror .steps').innerText()).resolves.toMatch(/Signed\s+In the pool\s+In block #\d+\s+Finalized #\d+/);
    await shot(charlie, '05-order-placed');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('lets Bob open the sealed details in his inbox and ship', async () => {
    const order = bob.locator(`#view-selling .order[data-order-id="${orderId}"]`);
    await order.waitFor({ timeout: TX_TIMEOUT });
    await expect(order.innerText()).resolves.toMatch(/2 × 45 BZR = 90 BZR \+ 0\.9 BZR fee · to Charlie/);
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

    // 90 BZR rated 5 stars raises Bob's seller score from the neutral 50%.
    await charlie.click('a[data-tab="catalog"]');
    await charlie.locator('.listing .badge', { hasText: '· 1 rating' }).waitFor({ timeout: TX_TIMEOUT });
  });

  it('shows Charlie the recommendations Alice attested after the purchase', async () => {
    await charlie.click('a[data-tab="recommended"]');
    await expect(charlie.locator('input[name="participate"]').isChecked()).resolves.toBe(true);
    // Alice's off-chain worker attests a few blocks after the order completes.
    await charlie.locator('.attester-name', { hasText: 'Alice' }).waitFor({ timeout: 90_000 });
    await expect(charlie.locator('.model-version').innerText()).resolves.toBe('v0');
    await expect(charlie.locator('.challenge').innerText()).resolves.toMatch(/^Challenge window open until block #\d+ \(\d+ blocks left\)\.$/);
    const items = charlie.locator('.recommended-item');
    expect(await items.count()).toBe(10);
    expect(await items.locator('.score.verified').count()).toBe(10);
    await shot(charlie, '08-recommended-for-you');
  });

  it('says what to do when no wallet extension is installed', async () => {
    await charlie.getByRole('button', { name: 'Connect wallet' }).click();
    await charlie.locator('#wallet-message', { hasText: 'No wallet extension answered' }).waitFor();
    // The dev account stays chosen.
    await expect(charlie.locator('#account option:checked').innerText()).resolves.toMatch(/^Charlie /);
  });

  it('raised no error in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
