// The page: connects to the node, offers accounts, switches between the four views and
// refreshes the visible one on every new block.

import './style.css';

import { fetchAssetBalance } from './assets';
import { type Account, devAccounts, walletAccounts } from './accounts';
import { Activity } from './activity';
import { SellerAlerts } from './alerts';
import { CatalogView } from './catalog';
import { type Chain, connect, fetchBalance, fetchTimestampPace, rpcUrlFrom } from './chain';
import { CartView } from './cart';
import { Checkout } from './checkout';
import { h, setContent } from './dom';
import { formatBalance, PaceClock, shortAddress } from './format';
import { BuyerOrdersView } from './orders';
import { RecommendationsView } from './recommendations';
import { SellingView } from './selling';
import { Shop, type View } from './shop';

const TABS = ['catalog', 'recommended', 'orders', 'selling'] as const;
type Tab = typeof TABS[number];

function byId<T extends HTMLElement> (id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function showError (id: 'fatal' | 'view-error', text: string | null): void {
  const element = byId(id);
  setContent(element, text ?? '');
  element.hidden = text === null;
}

function tabFromHash (): Tab {
  const wanted = location.hash.slice(1);
  return (TABS as readonly string[]).includes(wanted) ? wanted as Tab : 'catalog';
}

/** Seconds between attempts to reach a node that did not answer. */
const RETRY_SECONDS = 5;

/**
 * Connects to the node, trying again every `RETRY_SECONDS` (or at once, with the button) until
 * it answers; the message says what is happening in plain words and how to point the page at
 * another node.
 */
async function connectWithRetry (rpcUrl: string, status: HTMLElement): Promise<Chain> {
  const fatal = byId('fatal');
  for (let attempt = 1; ; attempt++) {
    setContent(status, attempt === 1 ? 'Connecting…' : `Connecting (attempt ${attempt})…`);
    try {
      const chain = await connect(rpcUrl);
      showError('fatal', null);
      return chain;
    } catch (error) {
      setContent(status, 'Not connected');
      let retryNow: () => void = () => {};
      const waited = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, RETRY_SECONDS * 1000);
        retryNow = () => { clearTimeout(timer); resolve(); };
      });
      setContent(fatal,
        h('strong', {}, 'The shop cannot reach its node. '),
        `Trying again every ${RETRY_SECONDS} seconds. `,
        h('button', { type: 'button', class: 'retry', onclick: () => retryNow() }, 'Try again now'),
        h('details', {},
          h('summary', {}, 'Details'),
          h('p', {}, `No Bazaar node answered at ${rpcUrl} (${message(error)}). Start the dev chain with scripts/dev.sh, or open the page with ?rpc=ws://host:port to use another node.`)));
      fatal.hidden = false;
      await waited;
    }
  }
}

async function main (): Promise<void> {
  const rpcUrl = rpcUrlFrom(location.search);
  const status = byId('chain-status');
  const loading = byId('loading');
  const chain = await connectWithRetry(rpcUrl, status);
  setContent(loading, 'Reading the catalog…');

  const shop = new Shop(chain, new Activity(byId('activity-list')), localStorage);
  const checkout = new Checkout(shop, byId<HTMLDialogElement>('checkout'));
  shop.openCheckout = (listing) => {
    checkout.open(listing).catch((error: unknown) => showError('view-error', `Cannot open the checkout: ${message(error)}`));
  };
  const cart = new CartView(shop, byId<HTMLDialogElement>('cart'), byId('cart-badge'));
  shop.addToCart = (listing) => cart.add(listing);
  const views: Record<Tab, View> = {
    catalog: new CatalogView(shop, byId('view-catalog'), byId<HTMLDialogElement>('product')),
    recommended: new RecommendationsView(shop, byId('view-recommended')),
    orders: new BuyerOrdersView(shop, byId('view-orders')),
    selling: new SellingView(shop, byId('view-selling'))
  };
  let active = tabFromHash();
  const alerts = new SellerAlerts(shop, byId('alerts'));
  const clock = new PaceClock();
  // The chain's pace by its timestamps serves until the page has seen blocks arrive.
  chain.api.rpc.chain.getHeader().then((header) => fetchTimestampPace(chain, header.number.toNumber()))
    .then((pace) => { clock.timestampPace = pace; }, () => {});

  const balance = byId('balance');
  const updateBalance = async (): Promise<void> => {
    const account = shop.account;
    if (!account) {
      setContent(balance);
      return;
    }
    const { free, held } = await fetchBalance(chain, account.address);
    // And what it holds of each foreign asset a price can be in (USDT), when it holds any.
    const foreign = await Promise.all([...chain.assets.values()].map(async (asset) =>
      ({ asset, amount: await fetchAssetBalance(chain.api, asset.id, account.address) })));
    const assets = foreign.filter(({ amount }) => amount > 0n).map(({ asset, amount }) => ` · ${formatBalance(amount, asset.token, 2)}`);
    setContent(balance, `${formatBalance(free, chain.token, 2)} free · ${formatBalance(held, chain.token, 2)} held${assets.join('')}`);
  };

  // One refresh at a time; a request while one runs makes one more run after it.
  let running = false;
  let pending = false;
  const refresh = async (): Promise<void> => {
    if (running) {
      pending = true;
      return;
    }
    running = true;
    try {
      do {
        pending = false;
        try {
          await Promise.all([views[active].refresh(), checkout.refresh(), updateBalance()]);
          showError('view-error', null);
          loading.hidden = true;
        } catch (error) {
          // What the page shows stays as last read; the raw error is for the console.
          console.warn('refresh failed', error);
          showError('view-error', chain.api.isConnected
            ? 'Could not read the latest state from the node; what you see may be a block old. Retrying at the next block.'
            : 'Lost the connection to the node; reconnecting. What you see is the last state read.');
        }
      } while (pending);
    } finally {
      running = false;
    }
  };
  shop.requestRefresh = () => { void refresh(); };

  // Accounts: the dev accounts on a development chain, plus any wallet accounts connected.
  const select = byId<HTMLSelectElement>('account');
  const renderAccounts = (): void => {
    select.replaceChildren(...(shop.accounts.length === 0
      ? [h('option', { value: '' }, 'Connect a wallet to choose an account')]
      : shop.accounts.map((a) => h('option', { value: a.address }, `${a.name} (${shortAddress(a.address)})${a.source === 'development' ? '' : ` · ${a.source}`}`))));
    select.disabled = shop.accounts.length === 0;
    if (shop.account) select.value = shop.account.address;
  };
  const choose = (account: Account | null): void => {
    shop.account = account;
    if (account) select.value = account.address;
    void refresh();
  };
  if (chain.hasDevAccounts) shop.accounts = devAccounts(chain.ss58Format);
  renderAccounts();
  const wanted = new URLSearchParams(location.search).get('account');
  choose(shop.accounts.find((a) => a.name === wanted || a.address === wanted) ?? shop.accounts[0] ?? null);
  select.addEventListener('change', () => choose(shop.accounts.find((a) => a.address === select.value) ?? null));

  const walletMessage = byId('wallet-message');
  byId('connect-wallet').addEventListener('click', () => {
    walletAccounts('Bazaar storefront', chain.ss58Format, chain.genesisHash).then((found) => {
      const known = new Set(shop.accounts.map((a) => a.address));
      const added = found.filter((a) => !known.has(a.address));
      shop.accounts = [...shop.accounts, ...added];
      renderAccounts();
      setContent(walletMessage, `${found.length} wallet account${found.length === 1 ? '' : 's'} connected.`);
      if (added.length > 0) choose(added[0]);
    }, (error: unknown) => setContent(walletMessage, message(error))).finally(() => { walletMessage.hidden = false; });
  });

  const activate = (tab: Tab): void => {
    active = tab;
    for (const name of TABS) {
      views[name].element.hidden = name !== tab;
      document.querySelector(`[data-tab="${name}"]`)?.setAttribute('aria-current', name === tab ? 'page' : 'false');
    }
    void refresh();
  };
  window.addEventListener('hashchange', () => activate(tabFromHash()));
  activate(active);

  const describe = (): string => `${chain.name} · ${chain.rpcUrl} · block #${shop.blockNumber}`;
  chain.api.on('disconnected', () => setContent(status, `Disconnected from ${chain.rpcUrl}; reconnecting…`));
  chain.api.on('connected', () => setContent(status, describe()));
  await chain.api.rpc.chain.subscribeNewHeads((header) => {
    shop.blockNumber = header.number.toNumber();
    setContent(status, describe());
    clock.saw(shop.blockNumber);
    shop.clock = clock.now();
    void refresh();
    // A failed read is tried again at the next block; the alert for it comes then.
    alerts.check().catch((error: unknown) => console.warn('seller alerts', error));
  });
}

main().catch((error: unknown) => showError('fatal', `The storefront failed to start: ${message(error)}`));
