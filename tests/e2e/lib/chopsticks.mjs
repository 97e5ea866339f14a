// Starts and stops Chopsticks (`@acala-network/chopsticks`) on a chain spec: a chain run in
// Node.js by smoldot's executor from the runtime WASM in the spec, with no bazaar-node at all.

import { join } from 'node:path';

import { ApiPromise, WsProvider } from '@polkadot/api';

import { REPO_ROOT, freePort, sleep, spawnWithLogs, stopProcess } from './node.mjs';

const CHOPSTICKS = join(REPO_ROOT, 'tests', 'e2e', 'node_modules', '.bin', 'chopsticks');

/**
 * Starts `chopsticks --genesis <spec>` on a free port, building a block for each transaction
 * (`Instant`). `extraArgs` go to chopsticks, e.g. `['--wasm-override', path]`. Resolves once
 * @polkadot/api is connected, with `{ api, stop, logs }`.
 */
export async function startChopsticks (spec, extraArgs = []) {
  const port = await freePort();
  const args = ['--genesis', spec, '--port', String(port), '--build-block-mode', 'Instant', ...extraArgs];
  const { child, logs, hasExited } = spawnWithLogs(CHOPSTICKS, args);

  const deadline = Date.now() + 120_000;
  while (!logs.join('').includes('RPC listening')) {
    if (hasExited()) throw new Error(`chopsticks exited during start-up:\n${logs.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`chopsticks did not listen within 120 s:\n${logs.join('')}`);
    }
    await sleep(250);
  }
  const provider = new WsProvider(`ws://127.0.0.1:${port}`, 1000);
  const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });

  // Chopsticks builds block 1 from the genesis state while it starts. With no timestamp in that
  // state it reads the clock twice, once for the timestamp and once for the relay slot of the
  // validation data; when a 6 s slot boundary falls between the two reads (about one start in
  // ten here), the runtime refuses the block ("Parachain slot must match relay-derived slot")
  // and the chain stays at genesis, where every transaction @polkadot/api signs fails with
  // `badProof` (its mortal era names the genesis header's hash, which is not the 0x4545…
  // Chopsticks reports as the genesis hash). Build block 1 again: the clock is read afresh.
  for (let attempt = 1; (await api.rpc.chain.getHeader()).number.toNumber() === 0; attempt++) {
    if (attempt > 3) {
      await api.disconnect().catch(() => {});
      child.kill('SIGKILL');
      throw new Error(`chopsticks did not build block 1:\n${logs.join('')}`);
    }
    await provider.send('dev_newBlock', [{ count: 1 }]).catch(() => {});
  }

  const stop = async () => {
    await api.disconnect().catch(() => {});
    await stopProcess(child, hasExited, 10_000);
  };
  return { api, stop, logs };
}
