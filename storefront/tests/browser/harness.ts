// What the browser tests run against: a bazaar-node --dev on free ports, the built storefront
// served by `vite preview`, and Debian's Chromium driven by playwright-core.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type BrowserContext, chromium } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

export const STOREFRONT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO_ROOT = resolve(STOREFRONT, '..');
export const ARTIFACTS = join(STOREFRONT, 'test-artifacts');

/** The node binary: `$BAZAAR_NODE`, else the workspace's debug build (as tests/e2e does). */
export function nodeBinary (): string {
  const candidates = [
    process.env.BAZAAR_NODE,
    process.env.CARGO_TARGET_DIR && join(process.env.CARGO_TARGET_DIR, 'debug', 'bazaar-node'),
    join(REPO_ROOT, 'target', 'debug', 'bazaar-node')
  ].filter((path): path is string => Boolean(path));
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(`bazaar-node not found (looked at ${candidates.join(', ')}); build it with 'cargo build -p bazaar-node --features fast-runtime' or set BAZAAR_NODE`);
  }
  return found;
}

/** A TCP port nobody listens on right now. */
export function freePort (): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('no port assigned'));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export interface DevNode {
  rpcUrl: string
  /** The node's recent output, for failure reports. */
  logs: () => string
  stop: () => Promise<void>
}

async function bestBlock (port: number): Promise<number | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'chain_getHeader', params: [] })
    });
    const reply = await response.json() as { result?: { number: string } };
    return reply.result ? Number.parseInt(reply.result.number, 16) : null;
  } catch {
    return null;
  }
}

/**
 * Starts `bazaar-node --dev` with a temporary base path and resolves once it has produced a
 * block (the RPC answers earlier, while the chain is still starting).
 */
export async function startDevNode (): Promise<DevNode> {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const basePath = mkdtempSync(join(tmpdir(), 'bazaar-storefront-'));
  const child: ChildProcess = spawn(nodeBinary(), [
    '--dev',
    '--base-path', basePath,
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
    '--no-hardware-benchmarks'
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString());
    if (output.length > 3000) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.on('exit', () => { exited = true; });
  const logs = (): string => output.join('');

  const stop = async (): Promise<void> => {
    if (!exited) {
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(basePath, { recursive: true, force: true });
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) throw new Error(`bazaar-node exited during start-up:\n${logs()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`bazaar-node produced no block within 180 s:\n${logs()}`);
    }
    const best = await bestBlock(rpcPort);
    if (best !== null && best > 0) break;
    await sleep(500);
  }
  return { rpcUrl: `ws://127.0.0.1:${rpcPort}`, logs, stop };
}

/** Builds the storefront and serves the build on a free port. */
export async function serveStorefront (): Promise<{ url: string, close: () => Promise<void> }> {
  await build({ root: STOREFRONT, logLevel: 'warn' });
  const port = await freePort();
  const server: PreviewServer = await preview({ root: STOREFRONT, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true } });
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** Debian's Chromium (`$CHROMIUM` to use another), headless, with a fresh profile. */
export async function launchChromium (): Promise<{ context: BrowserContext, close: () => Promise<void> }> {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: install it with 'apt-get install chromium' (storefront/test.sh does) or set CHROMIUM`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'bazaar-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    // Without the networking switches Chromium spends minutes on background requests that
    // cannot succeed here.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
}
