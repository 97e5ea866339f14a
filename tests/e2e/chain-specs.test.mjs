// The committed chain specs (chain-specs/*.json) must be what the node and its runtime generate
// today. Everything is compared except the runtime code itself: the WASM's bytes embed the
// build's file paths, so they differ between checkouts even when nothing changed.
// On failure, regenerate with `chain-specs/generate.sh` and commit.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { REPO_ROOT, runNode } from './lib/node.mjs';

const CODE_KEY = '0x3a636f6465'; // twox-free well-known key `:code`

function withoutCode (spec) {
  const copy = structuredClone(spec);
  if (copy.genesis?.raw?.top) delete copy.genesis.raw.top[CODE_KEY];
  if (copy.genesis?.runtimeGenesis) delete copy.genesis.runtimeGenesis.code;
  return copy;
}

for (const chain of ['dev', 'local']) {
  for (const raw of [false, true]) {
    const file = `bazaar-${chain}.${raw ? 'raw' : 'plain'}.json`;
    test(`chain-specs/${file} matches the runtime`, () => {
      const args = ['export-chain-spec', '--chain', chain];
      if (raw) args.push('--raw');
      const result = runNode(args, { maxBuffer: 64 * 1024 * 1024 });
      assert.equal(result.status, 0, result.stderr);
      const generated = JSON.parse(result.stdout);
      const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'chain-specs', file), 'utf8'));
      assert.deepEqual(
        withoutCode(committed),
        withoutCode(generated),
        `chain-specs/${file} drifted from the runtime: run chain-specs/generate.sh and commit`
      );
      assert.equal(generated.properties.tokenSymbol, 'BZR');
      assert.equal(generated.para_id ?? generated.paraId, 2000);
      assert.equal(generated.relay_chain ?? generated.relayChain, 'rococo-local');
    });
  }
}
