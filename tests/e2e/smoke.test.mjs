// Node smoke test: `bazaar-node --dev` produces blocks, serves polkadot.js, includes a signed
// transfer, rejects malformed and badly signed extrinsics without stopping, and refuses an
// unknown `--chain` with the list of valid choices.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

import { rpcCall, runNode, startDevNode, submitAndWaitInBlock, waitForBlocks } from './lib/node.mjs';

const UNIT = 10n ** 12n;

describe('bazaar-node --dev', () => {
  let node;
  let alice;
  let keyring;

  before(async () => {
    await cryptoWaitReady();
    keyring = new Keyring({ type: 'sr25519' });
    alice = keyring.addFromUri('//Alice');
    node = await startDevNode();
  });

  after(async () => {
    await node?.stop();
  });

  test('produces a block every second', async () => {
    const started = Date.now();
    const blocks = await waitForBlocks(node.api, 4, 60_000);
    const elapsed = Date.now() - started;
    for (let i = 1; i < blocks.length; i++) assert.equal(blocks[i], blocks[i - 1] + 1);
    // Four consecutive blocks at one per second take about three seconds after the first.
    assert.ok(elapsed < 10_000, `4 blocks took ${elapsed} ms`);
  });

  test('describes itself to polkadot.js apps', async () => {
    const { api } = node;
    assert.equal(api.runtimeVersion.specName.toString(), 'bazaar');
    const properties = await api.rpc.system.properties();
    assert.equal(properties.tokenSymbol.unwrap()[0].toString(), 'BZR');
    assert.equal(properties.tokenDecimals.unwrap()[0].toNumber(), 12);
    assert.equal((await api.rpc.system.chain()).toString(), 'Bazaar Development');
    assert.ok(api.runtimeMetadata.version >= 15, `metadata v${api.runtimeMetadata.version}`);
  });

  test('includes a signed balance transfer and moves the balances', async () => {
    const { api } = node;
    // Bob sends: Alice authors the dev chain's blocks and would get her own fee back.
    const bob = keyring.addFromUri('//Bob');
    const recipient = keyring.addFromMnemonic(mnemonicGenerate());
    const amount = 10n * UNIT;
    const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();

    const { events, dispatchError } = await submitAndWaitInBlock(
      api.tx.balances.transferKeepAlive(recipient.address, amount),
      bob
    );

    assert.equal(dispatchError, undefined);
    assert.ok(events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)));
    assert.ok(events.some(({ event }) => api.events.balances.Transfer.is(event)));
    assert.ok(events.some(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event)));
    const received = (await api.query.system.account(recipient.address)).data.free.toBigInt();
    assert.equal(received, amount);
    const bobAfter = (await api.query.system.account(bob.address)).data.free.toBigInt();
    const fee = bobBefore - amount - bobAfter;
    assert.ok(fee > 0n && fee < UNIT, `fee ${fee}`);
  });

  test('rejects a malformed extrinsic with the reason and keeps running', async () => {
    const reply = await rpcCall(node.rpcPort, 'author_submitExtrinsic', ['0xdeadbeef']);
    assert.ok(reply.error, `accepted garbage: ${JSON.stringify(reply)}`);
    assert.match(JSON.stringify(reply.error), /decode|Invalid|Could not/i);
    await waitForBlocks(node.api, 2);
  });

  test('rejects a badly signed extrinsic with the runtime\'s reason and keeps running', async () => {
    const { api } = node;
    const tx = api.tx.balances.transferKeepAlive(alice.address, UNIT);
    const bob = keyring.addFromUri('//Bob');
    await tx.signAsync(bob, { nonce: -1 });
    // Replace the signature with one Charlie made over the same payload: valid sr25519, wrong key.
    const signed = tx.toU8a();
    const badSignature = keyring.addFromUri('//Charlie').sign(new Uint8Array(64).fill(7));
    const hex = u8aToHex(signed);
    const sigHex = u8aToHex(tx.signature).slice(2);
    assert.ok(hex.includes(sigHex), 'signature bytes not found in the encoded extrinsic');
    const tampered = hex.replace(sigHex, u8aToHex(badSignature).slice(2));

    const reply = await rpcCall(node.rpcPort, 'author_submitExtrinsic', [tampered]);
    assert.ok(reply.error, `accepted a bad signature: ${JSON.stringify(reply)}`);
    assert.match(JSON.stringify(reply.error), /bad signature/i);
    await waitForBlocks(api, 2);
    assert.ok(node.isRunning());
  });
});

describe('bazaar-node arguments', () => {
  test('an unknown --chain fails with the valid choices', () => {
    const result = runNode(['--chain', 'no-such-chain', '--tmp', '--no-telemetry']);
    assert.notEqual(result.status, 0);
    const output = `${result.stderr}${result.stdout}`;
    assert.match(output, /unknown chain `no-such-chain`/);
    assert.match(output, /`dev`/);
    assert.match(output, /`local`/);
  });
});
