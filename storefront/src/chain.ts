// The connection to the node and every read the storefront makes. Catalog, orders, reputation
// and recommendations come from the runtime APIs (no indexer); keys, participation, fee and
// balances from storage; limits and windows from the metadata's constants.

import { ApiPromise, WsProvider } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { type ForeignAsset, fetchForeignAssets, toAsset, tokenOf } from './assets';
import {
  type Attestation,
  decodeAttestation,
  decodeListing,
  decodeModelInfo,
  decodeOrder,
  decodeRatingWindow,
  decodeReputation,
  decodeSellerKey,
  type Listing,
  type ModelInfo,
  type Order,
  type PaymentAsset,
  type RatingWindow,
  type Reputation,
  type Role,
  type SellerKey
} from './decode';
import type { Token } from './format';

/** Where `scripts/dev.sh` serves the dev chain's RPC. */
export const DEFAULT_RPC = 'ws://127.0.0.1:9944';

/** The node endpoint: `?rpc=ws://…` in the page address, else `DEFAULT_RPC`. */
export function rpcUrlFrom (search: string): string {
  return new URLSearchParams(search).get('rpc') ?? DEFAULT_RPC;
}

/** Limits and windows the runtime declares in its metadata. */
export interface ChainConstants {
  /** Blocks after an attestation during which anyone may challenge it. */
  challengeWindow: number
  /** Longest sealed delivery details, in bytes. */
  maxSealedDetailsLen: number
  /** Held from a seller while its encryption key is published. */
  encryptionKeyDeposit: bigint
  /** Longest listing metadata, in bytes. */
  maxMetadataLen: number
  /** Most listings one `ListingsApi::listings` call returns. */
  listingsPageSize: number
  /** Most order ids one `OrdersApi::orders_of` call returns. */
  ordersPageSize: number
  /** The dispute deposit's share of the goods value (per billion), and its minimum. */
  disputeDepositShare: number
  minDisputeDeposit: bigint
  /** The buyer's share of the goods value (per billion) when a dispute is not ruled on in time. */
  rulingFallbackBuyerShare: number
  /** An order's storage deposit: a base, plus this much per byte of sealed details. */
  orderDepositBase: bigint
  orderDepositPerByte: bigint
  /** Blocks a settled order stays stored (and its deposit held) before it is pruned. */
  retentionPeriod: number
  /** What a rating costs its rater, paid to the treasury for good (ratings are kept for good). */
  ratingFee: bigint
  /** The least an account must keep: escrow and deposits cannot be held out of it. */
  existentialDeposit: bigint
}

export interface Chain {
  api: ApiPromise
  rpcUrl: string
  /** `system_chain`, e.g. "Bazaar Development". */
  name: string
  genesisHash: string
  /** A development or local chain, whose genesis endows the well-known dev accounts. */
  hasDevAccounts: boolean
  ss58Format: number
  /** The chain's own token (BZR). */
  token: Token
  /** Asset Hub's assets registered here, by id: what else a price can be in. */
  assets: Map<number, ForeignAsset>
  constants: ChainConstants
}

/**
 * `native` plancks of the chain's token in `asset` at its rate, as the runtime converts deposits;
 * `null` for a foreign asset without a rate (the runtime then takes no order in it).
 */
export function inAsset (chain: Chain, asset: PaymentAsset, native: bigint): bigint | null {
  if (asset.kind === 'native') return native;
  const rate = chain.assets.get(asset.id)?.rate;
  return rate ? toAsset(native, rate) : null;
}

/** The token amounts of `asset` are shown in. */
export function tokenFor (chain: Chain, asset: PaymentAsset): Token {
  return tokenOf(chain.token, chain.assets, asset);
}

function constant (api: ApiPromise, pallet: string, name: string): Codec {
  const value = api.consts[pallet]?.[name];
  if (!value) throw new Error(`the runtime has no constant ${pallet}.${name}: is this a Bazaar node?`);
  return value;
}

const asNumber = (codec: Codec): number => Number(codec.toString());
const asBigInt = (codec: Codec): bigint => BigInt(codec.toString());

/** Connects to the node and reads what the page needs once. */
export async function connect (rpcUrl: string): Promise<Chain> {
  await cryptoWaitReady();
  const provider = new WsProvider(rpcUrl);
  let api: ApiPromise;
  try {
    api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  } catch (error) {
    // The provider would keep reconnecting in the background; the page asks for a reload.
    await provider.disconnect().catch(() => {});
    // A failed WebSocket rejects with an `Event`, which says nothing.
    throw new Error(error instanceof Error ? error.message : 'the WebSocket connection failed');
  }
  const [name, chainType] = await Promise.all([api.rpc.system.chain(), api.rpc.system.chainType()]);
  return {
    api,
    rpcUrl,
    name: name.toString(),
    genesisHash: api.genesisHash.toHex(),
    hasDevAccounts: chainType.isDevelopment || chainType.isLocal,
    ss58Format: api.registry.chainSS58 ?? 42,
    token: { symbol: api.registry.chainTokens[0], decimals: api.registry.chainDecimals[0] },
    assets: await fetchForeignAssets(api),
    constants: {
      challengeWindow: asNumber(constant(api, 'recommendations', 'challengeWindow')),
      maxSealedDetailsLen: asNumber(constant(api, 'orders', 'maxSealedDetailsLen')),
      encryptionKeyDeposit: asBigInt(constant(api, 'orders', 'encryptionKeyDeposit')),
      maxMetadataLen: asNumber(constant(api, 'listings', 'maxMetadataLen')),
      listingsPageSize: asNumber(constant(api, 'listings', 'maxPageSize')),
      ordersPageSize: asNumber(constant(api, 'orders', 'maxOrdersPerPage')),
      disputeDepositShare: asNumber(constant(api, 'orders', 'disputeDepositShare')),
      minDisputeDeposit: asBigInt(constant(api, 'orders', 'minDisputeDeposit')),
      rulingFallbackBuyerShare: asNumber(constant(api, 'orders', 'rulingFallbackBuyerShare')),
      orderDepositBase: asBigInt(constant(api, 'orders', 'orderDepositBase')),
      orderDepositPerByte: asBigInt(constant(api, 'orders', 'orderDepositPerByte')),
      retentionPeriod: asNumber(constant(api, 'orders', 'retentionPeriod')),
      ratingFee: asBigInt(constant(api, 'reputation', 'ratingFee')),
      existentialDeposit: asBigInt(constant(api, 'balances', 'existentialDeposit'))
    }
  };
}

/** Every listing, in id order (the runtime pages in storage order; the cursor is the last id). */
export async function fetchListings (chain: Chain): Promise<Listing[]> {
  const all: Listing[] = [];
  let startAfter: number | null = null;
  for (;;) {
    const page = (await chain.api.call.listingsApi.listings(startAfter, chain.constants.listingsPageSize)).toJSON();
    const listings: Listing[] = (page as unknown[]).map(decodeListing);
    all.push(...listings);
    if (listings.length < chain.constants.listingsPageSize) break;
    startAfter = listings[listings.length - 1].id;
  }
  return all.sort((a, b) => a.id - b.id);
}

export async function fetchReputation (chain: Chain, who: string): Promise<Reputation> {
  return decodeReputation((await chain.api.call.reputationApi.reputation(who)).toJSON());
}

/** `who`'s orders on one side, newest first. */
export async function fetchOrders (chain: Chain, who: string, role: Role): Promise<Order[]> {
  const ids: Array<number | string> = [];
  let startAfter: number | string | null = null;
  for (;;) {
    const page = (await chain.api.call.ordersApi.ordersOf(who, role, startAfter, chain.constants.ordersPageSize)).toJSON() as Array<number | string>;
    ids.push(...page);
    if (page.length < chain.constants.ordersPageSize) break;
    startAfter = page[page.length - 1];
  }
  const orders = await Promise.all(ids.map(async (id) => (await chain.api.call.ordersApi.order(id)).toJSON()));
  return orders
    .filter((json) => json !== null)
    .map(decodeOrder)
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

export async function fetchRatingWindow (chain: Chain, order: bigint): Promise<RatingWindow | null> {
  const json = (await chain.api.call.reputationApi.ratingWindow(order)).toJSON();
  return json === null ? null : decodeRatingWindow(json);
}

/** The seller's published encryption key, if any. */
export async function fetchSellerKey (chain: Chain, seller: string): Promise<SellerKey | null> {
  const json = (await chain.api.query.orders.encryptionKeys(seller)).toJSON();
  return json === null ? null : decodeSellerKey(json);
}

/** A proxy an account added: who may act for it, as which type, after how many blocks' notice. */
export interface ProxyDefinition {
  delegate: string
  proxyType: string
  delay: number
}

/** The proxies `real` added (`proxy.proxies`). */
export async function fetchProxies (chain: Chain, real: string): Promise<ProxyDefinition[]> {
  // `(Vec<ProxyDefinition>, deposit)`.
  const [definitions] = (await chain.api.query.proxy.proxies(real)) as unknown as [unknown, unknown];
  return (definitions as Array<{ delegate: { toString: () => string }, proxyType: { toString: () => string }, delay: { toNumber: () => number } }>)
    .map((definition) => ({ delegate: definition.delegate.toString(), proxyType: definition.proxyType.toString(), delay: definition.delay.toNumber() }));
}

/**
 * The proxy type that lets `delegate` run `real`'s shop at once: `ShopStaff`, or a wider type
 * that allows everything staff do (`NonTransfer`, `Any`), with no announcement delay (the
 * storefront sends proxied calls directly). `null` if `real` gave `delegate` none of them.
 */
export function staffProxyType (proxies: ProxyDefinition[], delegate: string): string | null {
  const usable = ['ShopStaff', 'NonTransfer', 'Any'];
  const found = proxies.filter((p) => p.delegate === delegate && p.delay === 0 && usable.includes(p.proxyType));
  // The narrowest that does the job: the storefront asks for no more than staff need.
  found.sort((a, b) => usable.indexOf(a.proxyType) - usable.indexOf(b.proxyType));
  return found[0]?.proxyType ?? null;
}

/** Whether the account takes part in recommendations (`recommendations.participants`). */
export async function fetchParticipation (chain: Chain, who: string): Promise<boolean> {
  // An `Option<()>`: its JSON is `null` either way, so ask the option itself.
  const entry = await chain.api.query.recommendations.participants(who);
  return (entry as unknown as { isSome: boolean }).isSome;
}

export async function fetchAttestation (chain: Chain, who: string): Promise<Attestation | null> {
  const json = (await chain.api.call.recommendationsApi.recommendations(who)).toJSON();
  return json === null ? null : decodeAttestation(json);
}

/** The runtime's own score of `listing` for `who` under the active model. */
export async function fetchScore (chain: Chain, who: string, listing: number): Promise<number | null> {
  const json = (await chain.api.call.recommendationsApi.score(who, listing)).toJSON();
  return typeof json === 'number' ? json : null;
}

export async function fetchActiveModel (chain: Chain): Promise<ModelInfo | null> {
  const json = (await chain.api.call.recommendationsApi.activeModel()).toJSON();
  return json === null ? null : decodeModelInfo(json);
}

/** The market fee in parts per million of the goods value. */
export async function fetchMarketFee (chain: Chain): Promise<number> {
  return asNumber(await chain.api.query.orders.marketFee());
}

/** Free balance and the amount held (escrow, deposits). */
export async function fetchBalance (chain: Chain, who: string): Promise<{ free: bigint, held: bigint }> {
  const { data } = (await chain.api.query.system.account(who)).toJSON() as { data: { free: number | string, reserved: number | string } };
  return { free: BigInt(data.free), held: BigInt(data.reserved) };
}

/** How many recent blocks the block time is averaged over. */
const CLOCK_SPAN = 50;

/**
 * The mean time between the last `CLOCK_SPAN` blocks (fewer on a young chain) by their
 * timestamps, for deadlines as dates until the page has seen enough blocks arrive to measure
 * the pace itself; `undefined` until two blocks have timestamps. A dev chain's timestamps may
 * run at its slot duration rather than its real pace, which is why the page's own observation
 * takes over.
 */
export async function fetchTimestampPace (chain: Chain, best: number): Promise<number | undefined> {
  // Block 0 has no timestamp: the first one is set in block 1.
  const from = Math.max(best - CLOCK_SPAN, 1);
  if (best <= from) return undefined;
  const stamp = async (block: number): Promise<number> => {
    const at = await chain.api.at(await chain.api.rpc.chain.getBlockHash(block));
    return asNumber(await at.query.timestamp.now());
  };
  const [then, now] = await Promise.all([stamp(from), stamp(best)]);
  return (now - then) / (best - from);
}

/** What the chain says about an account that has no attested recommendations, to say why. */
export interface RecommendationState {
  /** Purchases in the account's recommendation history. */
  purchases: number
  /** Waiting for an attester: its history changed since its last attestation. */
  queued: boolean
  /** Registered attesters (bonded accounts whose off-chain workers rank the catalog). */
  attesters: number
}

export async function fetchRecommendationState (chain: Chain, who: string): Promise<RecommendationState> {
  const { recommendations } = chain.api.query;
  const [history, stale, attesters] = await Promise.all([
    recommendations.histories(who),
    recommendations.staleUsers(who),
    recommendations.attesters.keys()
  ]);
  const { purchases } = history.toJSON() as { purchases: unknown[] };
  return { purchases: purchases.length, queued: (stale as unknown as { isSome: boolean }).isSome, attesters: attesters.length };
}
