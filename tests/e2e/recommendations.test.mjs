// Verifiable recommendations on the dev chain, with no manual step: the dev genesis has the demo
// shop, the dev model and Alice as a registered attester whose `reco` key `--dev` puts in the
// keystore. After Charlie's purchase completes, Alice's off-chain worker ranks the demo catalog
// for him and submits a signed attestation, which the runtime API then serves.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { rpcCall, sleep, startDevNode, submitOk } from './lib/node.mjs';

const UNIT = 10n ** 12n;
/** Demo listing 1: the hand grinder, sold by Bob for 45 BZR. */
const GRINDER = 1;

describe('recommendations on bazaar-node --dev', () => {
  let node;
  let alice;
  let bob;
  let charlie;
  let dave;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((uri) => keyring.addFromUri(uri));
    node = await startDevNode();
  });

  after(async () => {
    await node?.stop();
  });

  const send = (tx, signer) => submitOk(node.api, tx, signer);

  test('the dev chain starts with the demo shop and an active model', async () => {
    const { api } = node;
    const model = await api.call.recommendationsApi.activeModel();
    assert.ok(model.isSome, 'a model is active from genesis');
    assert.equal(model.unwrap().header.itemCount.toNumber(), 12);
    const grinder = await api.query.listings.listings(GRINDER);
    assert.equal(grinder.unwrap().seller.toString(), bob.address);
    assert.equal((await api.query.recommendations.attesters(alice.address)).isSome, true);
  });

  test('a completed purchase gets an attestation from the off-chain worker within a few blocks', async () => {
    const { api } = node;
    const placed = await send(api.tx.orders.placeOrder(GRINDER, 1, 45n * UNIT, null, null), charlie);
    const order = placed.find(({ event }) => api.events.orders.OrderPlaced.is(event)).event.data.order;
    await send(api.tx.orders.ship(order, `0x${'11'.repeat(32)}`), bob);
    const confirmed = await send(api.tx.orders.confirmReceipt(order), charlie);
    assert.ok(
      confirmed.some(({ event }) => api.events.recommendations.PurchaseRecorded.is(event)),
      'the purchase is recorded in Charlie\'s history'
    );

    let served = await api.call.recommendationsApi.recommendations(charlie.address);
    const deadline = Date.now() + 60_000;
    while (served.isNone && Date.now() < deadline) {
      await sleep(1_000);
      served = await api.call.recommendationsApi.recommendations(charlie.address);
    }
    assert.ok(served.isSome, `no attestation within 60 s; node logs:\n${node.logs.slice(-40).join('')}`);
    const recommendations = served.unwrap();
    assert.equal(recommendations.attester.toString(), alice.address);
    // A history's nonce is 1 + the id of the order recorded last: it never repeats.
    assert.equal(recommendations.historyNonce.toBigInt(), order.toBigInt() + 1n);
    assert.equal(recommendations.items.length, 10);
    // A coffee purchase: the four coffee listings come first.
    const firstFour = recommendations.items.slice(0, 4).map((r) => r.item.toNumber()).sort();
    assert.deepEqual(firstFour, [0, 1, 2, 3]);
    // Every attested score is the one the runtime computes.
    for (const { item, score } of recommendations.items) {
      const computed = await api.call.recommendationsApi.score(charlie.address, item);
      assert.equal(computed.unwrap().toNumber(), score.toNumber());
    }
    // Attesting cost Alice nothing and left nothing in Charlie's queue.
    assert.equal((await api.query.recommendations.staleUsers(charlie.address)).isNone, true);
  });

  test('an operator registers the reco key its node made, with the node\'s proof', async () => {
    const { api } = node;
    // What the README tells an operator to do: new session keys for the attester's account.
    const owner = api.createType('AccountId', dave.address).toHex();
    const reply = await rpcCall(node.rpcPort, 'author_rotateKeysWithOwner', [owner]);
    assert.equal(reply.error, undefined, JSON.stringify(reply.error));
    const keys = reply.result.keys.slice(2);
    const proof = reply.result.proof.slice(2);
    // `aura` then `reco`: the key is the last 32 bytes, its proof the last 64.
    const key = `0x${keys.slice(-64)}`;
    const keyProof = `0x${proof.slice(-128)}`;

    // Someone else cannot register the key with it: the proof is for Dave's account.
    await assert.rejects(
      send(api.tx.recommendations.registerAttester(key, keyProof), charlie),
      /InvalidKeyProof/
    );
    const registered = await send(api.tx.recommendations.registerAttester(key, keyProof), dave);
    const event = registered.find(({ event }) => api.events.recommendations.AttesterRegistered.is(event));
    assert.ok(event, 'Dave is an attester');
    assert.equal(event.event.data.key.toHex(), key);
  });
});
