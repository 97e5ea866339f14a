// Chopsticks runs the committed raw dev chain spec (`--genesis`), so a user can try Bazaar, and
// a changed runtime (`--wasm-override`, built with `cargo build -p bazaar-runtime` alone),
// without building the node. The demo shop is there and a purchase goes through, as on
// `bazaar-node --dev`.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { startChopsticks } from './lib/chopsticks.mjs';
import { REPO_ROOT, submitOk, upgradeWasmPath } from './lib/node.mjs';

const DEV_SPEC = join(REPO_ROOT, 'chain-specs', 'bazaar-dev.raw.json');
const UNIT = 10n ** 12n;
/** Demo listing 0: Ethiopian coffee beans, sold by Bob for 18 BZR. */
const COFFEE = 0;

describe('chopsticks on chain-specs/bazaar-dev.raw.json', () => {
  let chain;
  let bob;
  let charlie;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [bob, charlie] = ['//Bob', '//Charlie'].map((uri) => keyring.addFromUri(uri));
    chain = await startChopsticks(DEV_SPEC);
  });

  after(async () => {
    await chain?.stop();
  });

  test('builds blocks of the dev runtime with its demo shop', async () => {
    const { api } = chain;
    assert.equal(api.runtimeVersion.specName.toString(), 'bazaar');
    const coffee = await api.call.listingsApi.listing(COFFEE);
    assert.equal(coffee.unwrap().seller.toString(), bob.address);
    assert.ok((await api.call.recommendationsApi.activeModel()).isSome, 'the dev model is active');
  });

  test('includes a purchase and reserves the stock', async () => {
    const { api } = chain;
    const stock = (await api.query.listings.listings(COFFEE)).unwrap().stock.toNumber();
    const events = await submitOk(
      api,
      api.tx.orders.placeOrder(COFFEE, 2, 18n * UNIT, null, null),
      charlie
    );
    const placed = events.find(({ event }) => api.events.orders.OrderPlaced.is(event));
    assert.ok(placed, 'an OrderPlaced event');
    assert.equal(placed.event.data.buyer.toString(), charlie.address);
    const after = (await api.query.listings.listings(COFFEE)).unwrap().stock.toNumber();
    assert.equal(after, stock - 2);
    const value = placed.event.data.value.toBigInt();
    const fee = placed.event.data.fee.toBigInt();
    const escrow = (await api.query.balances.holds(charlie.address))
      .find((hold) => hold.id.isOrders && hold.id.asOrders.isEscrow);
    assert.equal(escrow?.amount.toBigInt(), value + fee, 'price and fee are held in escrow');
  });
});

describe('chopsticks with --wasm-override', () => {
  test('runs a changed runtime on the dev genesis, with no node build', async () => {
    const base = await startChopsticks(DEV_SPEC);
    const baseVersion = base.api.runtimeVersion.specVersion.toNumber();
    await base.stop();

    const changed = await startChopsticks(DEV_SPEC, ['--wasm-override', upgradeWasmPath()]);
    try {
      const { api } = changed;
      assert.equal(api.runtimeVersion.specVersion.toNumber(), baseVersion + 1);
      assert.ok((await api.call.listingsApi.listing(COFFEE)).isSome, 'the genesis state is kept');
    } finally {
      await changed.stop();
    }
  });
});
