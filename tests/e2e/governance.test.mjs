// Governance on the dev chain as a token holder does it in polkadot.js apps: a referendum on
// the root track authorizes a runtime upgrade, anyone applies the code, and the chain runs the
// new runtime (spec_version one higher) with its state intact. The dev node is built with
// `fast-runtime`, so the tracks' periods are minutes of 1-second blocks.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';

import { startDevNode, submitOk, upgradeWasmPath, waitForBlocks } from './lib/node.mjs';

const UNIT = 10n ** 12n;

describe('governance on bazaar-node --dev', () => {
  let node;
  let keyring;

  before(async () => {
    await cryptoWaitReady();
    keyring = new Keyring({ type: 'sr25519' });
    node = await startDevNode();
  });

  after(async () => {
    await node?.stop();
  });

  const send = (tx, signer) => submitOk(node.api, tx, signer);

  /** Waits (up to `blocks` blocks) until `check` resolves truthy. */
  async function waitUntil (check, blocks, what) {
    for (let i = 0; i < blocks; i++) {
      if (await check()) return;
      // The subscription reports the current head at once, then the next one.
      await waitForBlocks(node.api, 2, 30_000);
    }
    assert.fail(`${what} did not happen within ${blocks} blocks`);
  }

  test('a root referendum upgrades the runtime; the state survives', { timeout: 600_000 }, async () => {
    const { api } = node;
    const [alice, bob, charlie, dave, eve, ferdie] =
      ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((u) => keyring.addFromUri(u));
    const specBefore = api.runtimeVersion.specVersion.toNumber();
    const code = readFileSync(upgradeWasmPath());
    const codeHash = blake2AsHex(code, 256);

    // State the upgrade must keep: a listing.
    const listed = await send(api.tx.listings.createListing({ Native: null }, 7n * UNIT, 3, 1, '0x'), bob);
    const listing = listed.find(({ event }) => api.events.listings.ListingCreated.is(event))
      .event.data.listing.toNumber();

    // The proposal is small enough to travel inline; Ferdie proposes and pays the deposits.
    const index = (await api.query.referenda.referendumCount()).toNumber();
    const proposal = api.tx.system.authorizeUpgrade(codeHash);
    await send(api.tx.referenda.submit({ system: 'Root' }, { Inline: proposal.method.toHex() }, { After: 0 }), ferdie);
    await send(api.tx.referenda.placeDecisionDeposit(index), ferdie);
    for (const voter of [alice, bob, charlie, dave, eve]) {
      await send(api.tx.convictionVoting.vote(index, {
        Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: 900_000n * UNIT }
      }), voter);
    }

    await waitUntil(async () => (await api.query.referenda.referendumInfoFor(index)).unwrap().isApproved,
      300, 'approval');
    await waitUntil(async () => (await api.query.system.authorizedUpgrade()).isSome, 100, 'enactment');
    assert.equal((await api.query.system.authorizedUpgrade()).unwrap().codeHash.toHex(), codeHash);

    // Anyone uploads the authorized code; the dev node plays the relay chain's go-ahead.
    await send(api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)), ferdie);
    await waitUntil(async () =>
      (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber() === specBefore + 1,
    30, 'the new runtime');

    const details = await api.call.listingsApi.listing(listing);
    assert.ok(details.isSome, 'the listing survived the upgrade');
    assert.equal(details.unwrap().seller.toString(), bob.address);
    await waitForBlocks(api, 2);
  });
});
