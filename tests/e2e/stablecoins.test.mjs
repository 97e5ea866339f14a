// Shopping in USDT as polkadot.js apps and wallets do it, with no custom types: the sudo key gives
// the dev chain's USDT its rate, Bob lists in USDT, and One, an account with USDT and not one
// planck of BZR, buys it paying the network fee in USDT (`ChargeAssetTxPayment`'s `assetId`, the
// asset's location as wallets name Asset Hub's assets).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { startDevNode, submitAndWaitInBlock, submitOk } from './lib/node.mjs';

const USDT_UNIT = 1_000_000n;
const USDT = { parents: 1, interior: { X3: [{ Parachain: 1000 }, { PalletInstance: 50 }, { GeneralIndex: 1984 }] } };
/** 1 USDT for 10 BZR: 10^7 planck a unit, as a FixedU128. */
const RATE = 10_000_000n * 10n ** 18n;

describe('stablecoins on bazaar-node --dev', () => {
  let node;
  let alice;
  let bob;
  let one;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, one] = ['//Alice', '//Bob', '//One'].map((uri) => keyring.addFromUri(uri));
    node = await startDevNode();
  });

  after(async () => {
    await node?.stop();
  });

  const usdtOf = async (who) => {
    const account = (await node.api.query.foreignAssets.account(USDT, who)).toJSON();
    return BigInt(account?.balance ?? 0);
  };

  test('an account with USDT and no BZR buys a USDT listing, paying its fee in USDT', async () => {
    const { api } = node;
    await submitOk(api, api.tx.sudo.sudo(api.tx.assetRate.create(USDT, RATE)), alice);
    const listed = await submitOk(api, api.tx.listings.createListing({ WithId: 1984 }, 20n * USDT_UNIT, 5, 1, '0x'), bob);
    const created = listed.find(({ event }) => api.events.listings.ListingCreated.is(event));
    assert.equal(created.event.data.priceAsset.toJSON().withId, 1984);
    const listing = created.event.data.listing.toNumber();
    const details = (await api.call.listingsApi.listing(listing)).unwrap();
    assert.deepEqual(details.priceAsset.toJSON(), { withId: 1984 });

    await submitOk(api, api.tx.foreignAssets.transfer(USDT, one.address, 100n * USDT_UNIT), alice);
    assert.equal((await api.query.system.account(one.address)).data.free.toBigInt(), 0n, 'One has no BZR');

    // Paying in BZR: the pool refuses it, One has none.
    await assert.rejects(
      submitAndWaitInBlock(api.tx.orders.placeOrder(listing, 1, 20n * USDT_UNIT, null, null), one),
      /Inability to pay some fees|Invalid Transaction/
    );

    const before = await usdtOf(one.address);
    const { events, dispatchError } = await submitAndWaitInBlock(
      api.tx.orders.placeOrder(listing, 1, 20n * USDT_UNIT, null, null), one, { assetId: USDT });
    assert.equal(dispatchError, undefined);
    const paid = events.find(({ event }) => api.events.assetTxPayment.AssetTxFeePaid.is(event));
    assert.ok(paid, 'the fee was paid in an asset');
    const fee = paid.event.data.actualFee.toBigInt();
    assert.ok(fee > 0n);
    const placed = events.find(({ event }) => api.events.orders.OrderPlaced.is(event)).event.data;
    assert.deepEqual(placed.asset.toJSON(), { withId: 1984 });
    const order = (await api.call.ordersApi.order(placed.order)).unwrap().order;
    const held = order.value.toBigInt() + order.fee.toBigInt() + order.deposit.toBigInt();
    assert.equal(await usdtOf(one.address), before - held - fee, 'escrow, deposit and fee, all in USDT');
    assert.equal((await api.query.system.account(one.address)).data.free.toBigInt(), 0n, 'still no BZR');
  });
});
