// What a price can be in besides the chain's own token: Asset Hub's assets (USDT, USDC), held
// here as foreign assets keyed by their location, with their symbol and decimals, minimum
// balance and the rate governance set to the chain's token (`AssetRate`), and what an account
// holds of them. Conversions follow the runtime's arithmetic to the unit.

import type { ApiPromise } from '@polkadot/api';

import { type PaymentAsset } from './decode';
import type { Token } from './format';

/** Asset Hub's parachain id and the index of its assets pallet: where the assets come from. */
const ASSET_HUB = 1000;
const ASSETS_PALLET = 50;

/** A foreign asset as the storefront shows and prices it. */
export interface ForeignAsset {
  /** Its id on Asset Hub (USDT: 1984). */
  id: number
  token: Token
  /** An account in it must keep this much; one that holds some on hold keeps it free. */
  minBalance: bigint
  /** Plancks of the chain's token per smallest unit, as a `FixedU128` (× 10^18); `null` without one. */
  rate: bigint | null
}

/** Asset Hub's asset `id` as this chain locates it (the key of `foreignAssets`). */
export function assetHubLocation (id: number): object {
  return { parents: 1, interior: { X3: [{ Parachain: ASSET_HUB }, { PalletInstance: ASSETS_PALLET }, { GeneralIndex: id }] } };
}

/** The Asset Hub asset id of a location (as `toJSON` gives it), or `null` if it is not one. */
export function assetHubId (json: unknown): number | null {
  const location = json as { parents?: number, interior?: Record<string, unknown> } | null;
  if (location?.parents !== 1 || !location.interior) return null;
  const junctions = Object.values(location.interior)[0];
  if (!Array.isArray(junctions) || junctions.length !== 3) return null;
  const [para, pallet, index] = junctions as Array<Record<string, unknown>>;
  if (Number(para.parachain) !== ASSET_HUB || Number(pallet.palletInstance) !== ASSETS_PALLET) return null;
  const id = Number(index.generalIndex);
  return Number.isSafeInteger(id) ? id : null;
}

const ONE = 10n ** 18n;

/**
 * `native` plancks of the chain's token in the asset at `rate`, as `pallet-asset-rate` converts
 * (the rate's reciprocal rounded down, then the product rounded down): how the runtime prices an
 * order's deposits and a fee paid in the asset.
 */
export function toAsset (native: bigint, rate: bigint): bigint {
  if (rate <= 0n) throw new Error('an asset rate must be positive');
  const reciprocal = (ONE * ONE) / rate;
  return (native * reciprocal) / ONE;
}

/** `amount` of the asset in plancks of the chain's token at `rate`, rounded down. */
export function fromAsset (amount: bigint, rate: bigint): bigint {
  return (amount * rate) / ONE;
}

/**
 * A network fee of `native` plancks paid in the asset: converted, and at least one unit, as
 * `pallet-asset-tx-payment` charges it.
 */
export function feeInAsset (native: bigint, rate: bigint): bigint {
  const converted = toAsset(native, rate);
  return native > 0n && converted === 0n ? 1n : converted;
}

/** Every foreign asset of Asset Hub registered here, with its metadata and rate, by id. */
export async function fetchForeignAssets (api: ApiPromise): Promise<Map<number, ForeignAsset>> {
  const assets = new Map<number, ForeignAsset>();
  const foreign = api.query.foreignAssets;
  if (!foreign) return assets;
  const entries = await foreign.asset.entries();
  for (const [key, details] of entries) {
    const id = assetHubId(key.args[0].toJSON());
    if (id === null) continue;
    const location = assetHubLocation(id);
    const [metadata, rate] = await Promise.all([
      foreign.metadata(location),
      api.query.assetRate?.conversionRateToNative(location)
    ]);
    const meta = metadata.toJSON() as { symbol?: string, decimals?: number } | null;
    const symbol = meta?.symbol ? new TextDecoder().decode(hexBytes(meta.symbol)) : `#${id}`;
    const detailsJson = (details.toJSON() ?? {}) as { minBalance?: number | string };
    const rateJson = rate?.toJSON();
    assets.set(id, {
      id,
      token: { symbol, decimals: meta?.decimals ?? 0 },
      minBalance: BigInt(detailsJson.minBalance ?? 0),
      rate: rateJson === null || rateJson === undefined ? null : BigInt(rateJson as string | number)
    });
  }
  return assets;
}

function hexBytes (hex: string): Uint8Array {
  const digits = hex.startsWith('0x') ? hex.slice(2) : hex;
  return Uint8Array.from(digits.match(/../g) ?? [], (byte) => parseInt(byte, 16));
}

/** What `who` can spend of foreign asset `id` (its balance there; holds are not in it). */
export async function fetchAssetBalance (api: ApiPromise, id: number, who: string): Promise<bigint> {
  const account = await api.query.foreignAssets.account(assetHubLocation(id), who);
  const json = account.toJSON() as { balance?: number | string } | null;
  return BigInt(json?.balance ?? 0);
}

/** The token a payment asset is shown in: the chain's own, or the foreign asset's. */
export function tokenOf (native: Token, assets: Map<number, ForeignAsset>, asset: PaymentAsset): Token {
  if (asset.kind === 'native') return native;
  return assets.get(asset.id)?.token ?? { symbol: `asset #${asset.id}`, decimals: 0 };
}

/** The rate of foreign asset `id` now (`FixedU128` inner), or `null` if governance set none. */
export async function fetchAssetRate (api: ApiPromise, id: number): Promise<bigint | null> {
  const rate = await api.query.assetRate?.conversionRateToNative(assetHubLocation(id));
  const json = rate?.toJSON();
  return json === null || json === undefined ? null : BigInt(json as string | number);
}
