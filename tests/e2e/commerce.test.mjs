// Commerce as polkadot.js apps drives it, with no custom types: every call, event and runtime
// API type decodes from the runtime's metadata. Bob sells, Charlie buys, both rate each other,
// and the scores come back through the ReputationApi; a dispute is ruled by the sudo key.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { startDevNode, submitAndWaitInBlock, submitOk } from './lib/node.mjs';

const UNIT = 10n ** 12n;
const PRICE = 500n * UNIT;

describe('commerce on bazaar-node --dev', () => {
  let node;
  let alice;
  let bob;
  let charlie;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((uri) => keyring.addFromUri(uri));
    node = await startDevNode();
  });

  after(async () => {
    await node?.stop();
  });

  const send = (tx, signer) => submitOk(node.api, tx, signer);

  function eventData (events, pallet, name) {
    const found = events.find(({ event }) => node.api.events[pallet][name].is(event));
    assert.ok(found, `no ${pallet}.${name} event`);
    return found.event.data;
  }

  async function listAndSell (quantity) {
    const { api } = node;
    const listed = await send(api.tx.listings.createListing({ Native: null }, PRICE, 10, 1, '0x'), bob);
    const listing = eventData(listed, 'listings', 'ListingCreated').listing.toNumber();
    const placed = await send(
      api.tx.orders.placeOrder(listing, quantity, PRICE, null, null),
      charlie
    );
    const order = eventData(placed, 'orders', 'OrderPlaced').order.toNumber();
    await send(api.tx.orders.ship(order, `0x${'11'.repeat(32)}`), bob);
    return order;
  }

  test('a purchase is rated by both sides and scored through the runtime API', async () => {
    const { api } = node;
    const before = await api.call.reputationApi.reputation(bob.address);
    assert.equal(before.asSeller.score.toNumber(), 500_000, 'neutral 50% before any trade');

    const order = await listAndSell(2);
    const confirmed = await send(api.tx.orders.confirmReceipt(order), charlie);
    const settled = eventData(confirmed, 'orders', 'OrderSettled');
    assert.ok(settled.outcome.isCompleted);
    eventData(confirmed, 'reputation', 'RatingWindowOpened');

    const window = await api.call.reputationApi.ratingWindow(order);
    assert.ok(window.isSome, 'the completed order can be rated');
    await send(api.tx.reputation.rate(order, 5, `0x${'22'.repeat(32)}`), charlie);
    const rated = await send(api.tx.reputation.rate(order, 4, null), bob);
    assert.equal(eventData(rated, 'reputation', 'Rated').stars.toNumber(), 4);

    // 1,000 BZR rated 5 stars against the 1,000 BZR prior: 75%.
    const seller = (await api.call.reputationApi.reputation(bob.address)).asSeller;
    assert.equal(seller.standing.ratings.toNumber(), 1);
    assert.equal(seller.standing.completedValue.toBigInt(), 2n * PRICE);
    assert.equal(seller.score.toNumber(), 750_000);
    const buyer = (await api.call.reputationApi.reputation(charlie.address)).asBuyer;
    assert.equal(buyer.score.toNumber(), 625_000);
    const received = await api.call.reputationApi.ratingsReceived(bob.address, null, 10);
    assert.equal(received.length, 1);
    assert.equal(received[0][1].stars.toNumber(), 5);
    assert.ok(received[0][1].rateeRole.isSeller);
  });

  test('a rating twice is refused with the error decoded from metadata', async () => {
    const { api } = node;
    const order = await listAndSell(1);
    await send(api.tx.orders.confirmReceipt(order), charlie);
    await send(api.tx.reputation.rate(order, 3, null), charlie);
    const { dispatchError } = await submitAndWaitInBlock(
      api.tx.reputation.rate(order, 1, null),
      charlie
    );
    assert.ok(dispatchError?.isModule);
    const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
    assert.equal(`${section}.${name}`, 'reputation.AlreadyRated');
    assert.match(docs.join(' '), /rates the other once/);
  });

  test('a dispute ruled 30% to the buyer splits the escrow and counts against both', async () => {
    const { api } = node;
    const order = await listAndSell(1);
    const opened = await send(api.tx.orders.openDispute(order, `0x${'33'.repeat(32)}`), charlie);
    const deposit = eventData(opened, 'orders', 'DisputeOpened').deposit.toBigInt();
    const ruled = await send(
      api.tx.sudo.sudo(api.tx.orders.resolve(order, 300_000_000)),
      alice
    );
    const settled = eventData(ruled, 'orders', 'OrderSettled');
    assert.ok(settled.outcome.isRuled);
    assert.equal(settled.toSeller.toBigInt(), (PRICE * 7n) / 10n);
    // The dispute deposit is split as the escrow: 30% (rounded down) back to the buyer.
    const depositSettled = eventData(ruled, 'orders', 'DisputeDepositSettled');
    assert.equal(depositSettled.toBuyer.toBigInt(), (deposit * 3n) / 10n);
    assert.equal(depositSettled.toSeller.toBigInt(), deposit - (deposit * 3n) / 10n);
    const against = (await api.call.reputationApi.reputation(bob.address)).asSeller.standing;
    assert.equal(against.ruled.toNumber(), 1);
    assert.equal(against.ruledAgainstValue.toBigInt(), (PRICE * 3n) / 10n);
  });

  // Runs last, over the state the tests above made: what polkadot.js apps shows in
  // *Chain state* must decode from the metadata alone.
  test('every type in the metadata and every commerce storage entry decode with no custom types', async () => {
    const { api } = node;
    for (const { id } of api.runtimeMetadata.asLatest.lookup.types) {
      assert.doesNotThrow(() => api.registry.createType(api.registry.createLookupType(id)), `type ${id}`);
    }
    let decoded = 0;
    for (const section of ['listings', 'orders', 'reputation', 'recommendations']) {
      for (const [name, query] of Object.entries(api.query[section])) {
        const entries = query.creator.meta.type.isPlain
          ? [[null, await query()]]
          : await query.entries();
        for (const [, value] of entries) {
          assert.ok(value.toHuman() !== undefined, `${section}.${name}`);
          decoded += 1;
        }
      }
    }
    assert.ok(decoded > 50, `only ${decoded} storage values decoded`);
  });
});
