// Starts and stops `bazaar-node` for the end-to-end tests.
//
// The binary is `$BAZAAR_NODE` when set, otherwise the workspace's debug build
// (`$CARGO_TARGET_DIR/debug/bazaar-node` or `target/debug/bazaar-node`).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ApiPromise, WsProvider } from '@polkadot/api';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The path of the node binary under test. */
export function nodeBinary () {
  const candidates = [
    process.env.BAZAAR_NODE,
    process.env.CARGO_TARGET_DIR && join(process.env.CARGO_TARGET_DIR, 'debug', 'bazaar-node'),
    join(REPO_ROOT, 'target', 'debug', 'bazaar-node')
  ].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(`bazaar-node not found (looked at ${candidates.join(', ')}); build it with 'cargo build -p bazaar-node' or set BAZAAR_NODE`);
  }
  return found;
}

/**
 * The runtime built again with `spec_version` one higher (built when `BAZAAR_UPGRADE_TEST_WASM=1`,
 * which scripts/test.sh sets): `$BAZAAR_UPGRADE_WASM`, or next to the
 * node binary's build directory.
 */
export function upgradeWasmPath () {
  const path = process.env.BAZAAR_UPGRADE_WASM ||
    join(dirname(nodeBinary()), 'wbuild', 'bazaar-runtime', 'upgrade_test_wasm.rs.compact.compressed.wasm');
  if (!existsSync(path)) {
    throw new Error(`the upgrade test WASM is not at ${path}; run scripts/test.sh (or BAZAAR_UPGRADE_TEST_WASM=1 cargo test --workspace), or set BAZAAR_UPGRADE_WASM`);
  }
  return path;
}

/** A TCP port nobody listens on right now. */
export function freePort () {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Runs the node binary to completion (for subcommands and bad-argument checks). */
export function runNode (args, options = {}) {
  return spawnSync(nodeBinary(), args, { encoding: 'utf8', timeout: 120_000, ...options });
}

/**
 * Starts `bazaar-node --dev` on free ports with a temporary base path and resolves once its
 * JSON-RPC answers. Returns `{ api, rpcUrl, stop, logs }`.
 */
export async function startDevNode (extraArgs = []) {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const basePath = mkdtempSync(join(tmpdir(), 'bazaar-e2e-'));
  const args = [
    '--dev',
    '--base-path', basePath,
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
    '--no-hardware-benchmarks',
    ...extraArgs
  ];
  const { child, logs, hasExited } = spawnWithLogs(nodeBinary(), args);

  const rpcUrl = `ws://127.0.0.1:${rpcPort}`;
  const deadline = Date.now() + 180_000;
  let api;
  while (!api) {
    if (hasExited()) throw new Error(`bazaar-node exited during start-up:\n${logs.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bazaar-node RPC did not answer on ${rpcUrl} within 180 s:\n${logs.join('')}`);
    }
    if (await rpcAnswers(rpcPort)) {
      api = await ApiPromise.create({ provider: new WsProvider(rpcUrl, 1000), noInitWarn: true, throwOnConnect: true });
    } else {
      await sleep(500);
    }
  }

  const stop = async () => {
    await api.disconnect().catch(() => {});
    await stopProcess(child, hasExited, 15_000);
    rmSync(basePath, { recursive: true, force: true });
  };
  return { api, rpcUrl, rpcPort, stop, logs, isRunning: () => !hasExited() };
}

/**
 * Spawns `command` with its output kept (the last 2,000 chunks, for failure messages).
 * Returns `{ child, logs, hasExited }`.
 */
export function spawnWithLogs (command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  const keep = (chunk) => {
    logs.push(chunk.toString());
    if (logs.length > 2000) logs.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  child.on('exit', () => { exited = true; });
  return { child, logs, hasExited: () => exited };
}

/** Stops a process from `spawnWithLogs`: SIGINT, then SIGKILL if it is still up after `graceMs`. */
export async function stopProcess (child, hasExited, graceMs) {
  if (hasExited()) return;
  const gone = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** Sends one JSON-RPC request over HTTP (the RPC port serves HTTP and WebSocket). */
export async function rpcCall (port, method, params = []) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params })
  });
  return response.json();
}

async function rpcAnswers (port) {
  try {
    const reply = await rpcCall(port, 'system_health');
    return Boolean(reply.result);
  } catch {
    return false;
  }
}

export function sleep (ms) {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/** Resolves with the first `count` new block numbers the node reports. */
export function waitForBlocks (api, count, timeoutMs = 60_000) {
  return new Promise((resolveBlocks, reject) => {
    const seen = [];
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`only ${seen.length} of ${count} blocks within ${timeoutMs} ms`));
    }, timeoutMs);
    api.rpc.chain.subscribeNewHeads((header) => {
      seen.push(header.number.toNumber());
      if (seen.length >= count) {
        clearTimeout(timer);
        unsubscribe();
        resolveBlocks(seen);
      }
    }).then((unsub) => { unsubscribe = unsub; }, reject);
  });
}

/**
 * Signs and submits `tx`, resolving when it is in a (possibly finalized) block with
 * `{ blockHash, events, dispatchError }`; rejects if the pool refuses it.
 */
export function submitAndWaitInBlock (tx, signer, options = {}) {
  return new Promise((resolveTx, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, options, (result) => {
      // The dev node seals and finalizes each block at once, so the pool may report
      // `Finalized` without an `InBlock` first.
      if (result.status.isInBlock || result.status.isFinalized) {
        unsubscribe();
        resolveTx({
          blockHash: result.status.isInBlock ? result.status.asInBlock : result.status.asFinalized,
          events: result.events,
          dispatchError: result.dispatchError
        });
      } else if (result.isError) {
        unsubscribe();
        reject(new Error(`transaction failed: ${result.status.type}`));
      }
    }).then((unsub) => { unsubscribe = unsub; }, reject);
  });
}

/**
 * Like `submitAndWaitInBlock`, but a dispatch error rejects with the error's `pallet.Name`
 * decoded from the metadata. Resolves with the events.
 */
export async function submitOk (api, tx, signer) {
  const { events, dispatchError } = await submitAndWaitInBlock(tx, signer);
  if (dispatchError) {
    const { section, name } = dispatchError.isModule
      ? api.registry.findMetaError(dispatchError.asModule)
      : { section: 'dispatch', name: dispatchError.toString() };
    throw new Error(`${tx.method.section}.${tx.method.method} failed: ${section}.${name}`);
  }
  return events;
}
