// The committed chain specs (chain-specs/*.json) must be what the node and its runtime generate
// today, the runtime code included: the WASM is reproducible (scripts/runtime-hash.sh), so a
// spec whose `:code` differs from the node's was generated from an older commit. Anyone who
// starts Chopsticks or a node from a committed spec runs the runtime of this commit.
// On failure, regenerate with `chain-specs/generate.sh` (after scripts/dev.sh's build) and commit.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { blake2AsHex } from '@polkadot/util-crypto';

import { REPO_ROOT, runNode } from './lib/node.mjs';

const CODE_KEY = '0x3a636f6465'; // twox-free well-known key `:code`

/** The blake2_256 of the spec's runtime code (raw `:code` or plain `runtimeGenesis.code`). */
function codeHash (spec) {
  const code = spec.genesis?.raw?.top?.[CODE_KEY] ?? spec.genesis?.runtimeGenesis?.code;
  assert.ok(code, 'the spec carries runtime code');
  return blake2AsHex(code, 256);
}

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
      // The code first, by hash: a diff of two 1.3 MB hex strings helps nobody.
      assert.equal(
        codeHash(committed),
        codeHash(generated),
        `chain-specs/${file} carries another runtime than this commit builds: run ` +
          'chain-specs/generate.sh and commit (scripts/runtime-hash.sh --dev prints the hash)'
      );
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
