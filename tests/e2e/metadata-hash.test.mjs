// Offline signers and new JSON-RPC clients against `bazaar-node --dev`.
//
// 1. `CheckMetadataHash`: a Ledger or Polkadot Vault signs the hash of the metadata it used to
//    show the transaction (RFC 78). The runtime embeds that hash at build time (the node's
//    `metadata-hash` feature). The digest here is computed by an independent implementation,
//    polkadot-api's `@polkadot-api/merkleize-metadata`, from the metadata the node serves: a
//    transaction signed with it (mode 1) is accepted; with a wrong digest it is refused.
// 2. The dev node keeps every block's state and serves the `archive_v1_*` methods, so clients
//    that follow the chain with `chainHead_v1` (polkadot-api, dedot) read past blocks too.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { DedotClient, WsProvider as DedotWsProvider } from 'dedot';

import { rpcCall, startDevNode, submitAndWaitInBlock, waitForBlocks } from './lib/node.mjs';

describe('offline signers and archive clients', () => {
  let node;
  let bob;

  before(async () => {
    await cryptoWaitReady();
    bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
    node = await startDevNode();
  });

  after(async () => {
    await node?.stop();
  });

  async function independentDigest () {
    const opaque = await node.api.call.metadata.metadataAtVersion(15);
    assert.ok(opaque.isSome, 'the runtime serves metadata v15');
    const properties = await node.api.rpc.system.properties();
    return merkleizeMetadata(opaque.unwrap().toU8a(true), {
      decimals: properties.tokenDecimals.unwrap()[0].toNumber(),
      tokenSymbol: properties.tokenSymbol.unwrap()[0].toString()
    }).digest();
  }

  test('accepts a transaction signed with the metadata hash (CheckMetadataHash mode 1)', async () => {
    const digest = await independentDigest();
    const { api } = node;
    const tx = api.tx.system.remarkWithEvent('signed with the metadata hash');
    const { events, dispatchError } = await submitAndWaitInBlock(tx, bob, {
      mode: 1,
      metadataHash: u8aToHex(digest)
    });
    assert.equal(dispatchError, undefined);
    assert.ok(events.some(({ event }) => event.section === 'system' && event.method === 'Remarked'));
    // What was signed really carried mode 1 (not a silent fallback to mode 0).
    assert.equal(tx.inner.signature.mode.toNumber(), 1);
  });

  test('refuses the same transaction signed with a wrong metadata hash', async () => {
    const digest = await independentDigest();
    const wrong = Uint8Array.from(digest);
    wrong[0] ^= 0xff;
    const { api } = node;
    const tx = api.tx.system.remarkWithEvent('signed with a wrong metadata hash');
    await tx.signAsync(bob, { mode: 1, metadataHash: u8aToHex(wrong) });
    const reply = await rpcCall(node.rpcPort, 'author_submitExtrinsic', [tx.toHex()]);
    assert.ok(reply.error, `accepted a wrong metadata hash: ${JSON.stringify(reply)}`);
    // The runtime signs over its own hash; a different one makes the signature invalid.
    assert.equal(reply.error.code, 1010);
    assert.match(JSON.stringify(reply.error), /bad signature/i);
  });

  test('serves past blocks to a chainHead_v1 client through archive_v1 (dedot)', async () => {
    const { api } = node;
    const { blockHash } = await submitAndWaitInBlock(
      api.tx.system.remarkWithEvent('read me later'), bob
    );
    // Let the block fall behind: a chainHead_v1 subscription started now never pins it.
    await waitForBlocks(api, 3);

    const methods = await rpcCall(node.rpcPort, 'rpc_methods');
    assert.ok(methods.result.methods.includes('archive_v1_storage'), 'archive_v1 is served');

    // rpcVersion 'v2': chainHead_v1 (and archive_v1 for unpinned blocks), not the legacy methods.
    const client = await DedotClient.new({ provider: new DedotWsProvider(node.rpcUrl), rpcVersion: 'v2' });
    try {
      const atPast = await client.at(blockHash.toHex());
      const events = await atPast.query.system.events();
      const remarked = events.find(({ event }) => event.pallet === 'System' &&
        event.palletEvent.name === 'Remarked');
      assert.ok(remarked, `no System.Remarked among ${events.length} events of the past block`);
    } finally {
      await client.disconnect();
    }
  });
});
