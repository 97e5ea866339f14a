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
  const api = await ApiPromise.create({
    provider: new WsProvider(`ws://127.0.0.1:${port}`, 1000),
    noInitWarn: true,
    throwOnConnect: true
  });

  const stop = async () => {
    await api.disconnect().catch(() => {});
    await stopProcess(child, hasExited, 10_000);
  };
  return { api, stop, logs };
}
