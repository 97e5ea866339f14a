// The runtime API's answers as plain TypeScript data.
//
// @polkadot/api decodes every value from the runtime's metadata (no custom types bundle); the
// views then work on `toJSON()` of those values, whose shape this module pins down: balances
// and u64 come as numbers or hex strings (both turn into `bigint`), enums as `"Variant"` or
// `{ variant: data }`, byte vectors as hex.

import { hexToU8a } from '@polkadot/util';

import { parseListingText } from './metadata';

type Json = unknown;

/**
 * What a price is in and an order is paid in (`PaymentAsset`): the chain's own token, or Asset
 * Hub's asset `id` (USDT is 1984) reserved there and held here as a foreign asset.
 */
export type PaymentAsset = { kind: 'native' } | { kind: 'foreign', id: number };

export const NATIVE: PaymentAsset = { kind: 'native' };

/** A key that tells payment assets apart (`native`, `foreign:1984`), for maps and totals. */
export function assetKey (asset: PaymentAsset): string {
  return asset.kind === 'native' ? 'native' : `foreign:${asset.id}`;
}

/** One catalog item (`pallet_listings::ListingDetails`). */
export interface Listing {
  id: number
  seller: string
  /** What the price is in; orders pay in it. */
  priceAsset: PaymentAsset
  /** Price of one unit, in the smallest unit of `priceAsset`. */
  unitPrice: bigint
  stock: number
  category: number
  /** From the metadata (`src/metadata.ts`): the title, and a description and image if given. */
  title: string
  description?: string
  /** An `https:` image URL. */
  image?: string
  /** Paused listings take no orders. */
  active: boolean
}

/** An account's record on one side of trade, with its score (`ScoredStanding`). */
export interface Standing {
  /** Parts per million; 500000 (50%) is the neutral score of an account with no history. */
  score: number
  ratings: number
  /** The value of the rated orders, in plancks: what the ratings weigh. */
  ratedValue: bigint
  /** Σ (stars − 1) × value over the ratings: the mean is 1 + starValue / ratedValue stars. */
  starValue: bigint
  completed: number
  refunded: number
  split: number
  ruled: number
}

/** `ReputationApi::reputation`. */
export interface Reputation {
  asSeller: Standing
  asBuyer: Standing
}

/** How an order ended (`SettlementOutcome`); shares are parts per billion. */
export type Outcome =
  | { kind: 'completed' }
  | { kind: 'refunded' }
  | { kind: 'split', buyerShare: number }
  | { kind: 'ruled', buyerShare: number };

/** Where an order is in its lifecycle (`OrderState`), with the block of its deadline. */
export type OrderState =
  | { kind: 'placed', shipBy: number }
  | { kind: 'shipped', confirmBy: number, trackingHash: string }
  | { kind: 'disputed', ruleBy: number, reasonHash: string }
  | { kind: 'settled', outcome: Outcome, at: number };

export type Role = 'Buyer' | 'Seller';

/** An order with its sealed delivery details (`OrdersApi::order`). */
export interface Order {
  id: bigint
  buyer: string
  seller: string
  listing: number
  quantity: number
  /** What the order is paid in: its value, fee and deposits are in this asset. */
  asset: PaymentAsset
  unitPrice: bigint
  /** Goods value held in escrow: unit price × quantity. */
  value: bigint
  /** Market fee held on top of the value. */
  fee: bigint
  placedAt: number
  state: OrderState
  /** A pending offer to split the escrow: who made it and the buyer's share (per billion). */
  proposal: { by: Role, buyerShare: number } | null
  /** The delivery details sealed to the seller's key, if the buyer gave any. */
  sealedDelivery: Uint8Array | null
  /** `blake2_256` of the delivery code that completes the order once shipped, if it has one. */
  deliveryCodeHash: string | null
}

/** An open rating window (`ReputationApi::rating_window`). */
export interface RatingWindow {
  closesAt: number
  buyerRated: boolean
  sellerRated: boolean
}

/** A user's attested recommendations (`RecommendationsApi::recommendations`). */
export interface Attestation {
  /** The attester's account, whose bond answers for the scores. */
  attester: string
  modelVersion: number
  /** The version of the user's purchase history the ranking was computed for. */
  historyNonce: bigint
  /** Best first. */
  items: Array<{ listing: number, score: number }>
  attestedAt: number
  /** The last block in which a challenge is accepted. */
  challengeableUntil: number
}

/** The active recommendation model (`RecommendationsApi::active_model`). */
export interface ModelInfo {
  version: number
  digest: string
}

/** A published seller key (`orders.encryptionKeys`). */
export interface SellerKey {
  key: Uint8Array
  deposit: bigint
}

function object (json: Json, what: string): Record<string, Json> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`expected ${what} as an object, got ${JSON.stringify(json)}`);
  }
  return json as Record<string, Json>;
}

function num (json: Json, what: string): number {
  if (typeof json !== 'number') throw new Error(`expected ${what} as a number, got ${JSON.stringify(json)}`);
  return json;
}

function big (json: Json, what: string): bigint {
  if (typeof json === 'number' || (typeof json === 'string' && /^(0x[0-9a-fA-F]*|\d+)$/.test(json))) {
    return BigInt(json);
  }
  throw new Error(`expected ${what} as an integer, got ${JSON.stringify(json)}`);
}

function str (json: Json, what: string): string {
  if (typeof json !== 'string') throw new Error(`expected ${what} as a string, got ${JSON.stringify(json)}`);
  return json;
}

function bool (json: Json, what: string): boolean {
  if (typeof json !== 'boolean') throw new Error(`expected ${what} as a boolean, got ${JSON.stringify(json)}`);
  return json;
}

/** An enum's variant name (first letter lower case, as in `toJSON`) and its data. */
function variant (json: Json, what: string): [string, Json] {
  if (typeof json === 'string') return [json.charAt(0).toLowerCase() + json.slice(1), null];
  const entries = Object.entries(object(json, what));
  if (entries.length !== 1) throw new Error(`expected ${what} as one enum variant, got ${JSON.stringify(json)}`);
  return entries[0];
}

/** Listing metadata as text; bytes that are not UTF-8 are shown as hex. */
export function metadataText (hex: string): string {
  const bytes = hexToU8a(hex);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return hex;
  }
}

export function decodePaymentAsset (json: Json): PaymentAsset {
  const [name, data] = variant(json, 'payment asset');
  switch (name) {
    case 'native':
      return NATIVE;
    case 'withId':
      return { kind: 'foreign', id: num(data, 'asset id') };
    default:
      throw new Error(`unknown payment asset ${name}`);
  }
}

export function decodeListing (json: Json): Listing {
  const l = object(json, 'listing');
  return {
    id: num(l.id, 'listing id'),
    seller: str(l.seller, 'seller'),
    priceAsset: decodePaymentAsset(l.priceAsset),
    unitPrice: big(l.unitPrice, 'unit price'),
    stock: num(l.stock, 'stock'),
    category: num(l.category, 'category'),
    ...parseListingText(metadataText(str(l.metadata, 'metadata'))),
    active: variant(l.status, 'listing status')[0] === 'active'
  };
}

function decodeStanding (json: Json): Standing {
  const scored = object(json, 'scored standing');
  const standing = object(scored.standing, 'standing');
  return {
    score: num(scored.score, 'score'),
    ratings: num(standing.ratings, 'ratings'),
    ratedValue: big(standing.ratedValue, 'rated value'),
    starValue: big(standing.starValue, 'star value'),
    completed: num(standing.completed, 'completed'),
    refunded: num(standing.refunded, 'refunded'),
    split: num(standing.split, 'split'),
    ruled: num(standing.ruled, 'ruled')
  };
}

export function decodeReputation (json: Json): Reputation {
  const r = object(json, 'reputation');
  return { asSeller: decodeStanding(r.asSeller), asBuyer: decodeStanding(r.asBuyer) };
}

function decodeOutcome (json: Json): Outcome {
  const [name, data] = variant(json, 'settlement outcome');
  switch (name) {
    case 'completed':
    case 'refunded':
      return { kind: name };
    case 'split':
    case 'ruled':
      return { kind: name, buyerShare: num(object(data, name).buyerShare, 'buyer share') };
    default:
      throw new Error(`unknown settlement outcome ${name}`);
  }
}

function decodeState (json: Json): OrderState {
  const [name, data] = variant(json, 'order state');
  const fields = object(data, `${name} state`);
  switch (name) {
    case 'placed':
      return { kind: 'placed', shipBy: num(fields.shipBy, 'ship-by block') };
    case 'shipped':
      return { kind: 'shipped', confirmBy: num(fields.confirmBy, 'confirm-by block'), trackingHash: str(fields.trackingHash, 'tracking hash') };
    case 'disputed':
      return { kind: 'disputed', ruleBy: num(fields.ruleBy, 'rule-by block'), reasonHash: str(fields.reasonHash, 'reason hash') };
    case 'settled':
      return { kind: 'settled', outcome: decodeOutcome(fields.outcome), at: num(fields.at, 'settlement block') };
    default:
      throw new Error(`unknown order state ${name}`);
  }
}

function decodeRole (json: Json): Role {
  const role = str(json, 'role');
  if (role !== 'Buyer' && role !== 'Seller') throw new Error(`unknown role ${role}`);
  return role;
}

export function decodeOrder (json: Json): Order {
  const details = object(json, 'order details');
  const o = object(details.order, 'order');
  const proposal = o.proposal === null ? null : object(o.proposal, 'proposal');
  return {
    id: big(details.id, 'order id'),
    buyer: str(o.buyer, 'buyer'),
    seller: str(o.seller, 'seller'),
    listing: num(o.listing, 'listing'),
    quantity: num(o.quantity, 'quantity'),
    asset: decodePaymentAsset(o.asset),
    unitPrice: big(o.unitPrice, 'unit price'),
    value: big(o.value, 'value'),
    fee: big(o.fee, 'fee'),
    placedAt: num(o.placedAt, 'placed-at block'),
    state: decodeState(o.state),
    proposal: proposal && { by: decodeRole(proposal.by), buyerShare: num(proposal.buyerShare, 'buyer share') },
    sealedDelivery: details.sealedDelivery === null ? null : hexToU8a(str(details.sealedDelivery, 'sealed delivery')),
    deliveryCodeHash: o.deliveryCodeHash === null || o.deliveryCodeHash === undefined ? null : str(o.deliveryCodeHash, 'delivery code hash')
  };
}

export function decodeRatingWindow (json: Json): RatingWindow {
  const w = object(json, 'rating window');
  return {
    closesAt: num(w.closesAt, 'closes-at block'),
    buyerRated: bool(w.buyerRated, 'buyer rated'),
    sellerRated: bool(w.sellerRated, 'seller rated')
  };
}

export function decodeAttestation (json: Json): Attestation {
  const a = object(json, 'attested recommendations');
  if (!Array.isArray(a.items)) throw new Error(`expected recommendation items as a list, got ${JSON.stringify(a.items)}`);
  return {
    attester: str(a.attester, 'attester'),
    modelVersion: num(a.modelVersion, 'model version'),
    historyNonce: big(a.historyNonce, 'history nonce'),
    items: a.items.map((item: Json) => {
      const i = object(item, 'recommendation');
      return { listing: num(i.item, 'recommended item'), score: num(i.score, 'score') };
    }),
    attestedAt: num(a.attestedAt, 'attested-at block'),
    challengeableUntil: num(a.challengeableUntil, 'challengeable-until block')
  };
}

export function decodeModelInfo (json: Json): ModelInfo {
  const m = object(json, 'model info');
  return { version: num(m.version, 'model version'), digest: str(m.digest, 'model digest') };
}

export function decodeSellerKey (json: Json): SellerKey {
  const k = object(json, 'seller key');
  return { key: hexToU8a(str(k.key, 'encryption key')), deposit: big(k.deposit, 'key deposit') };
}
