// What a voter needs to check a runtime upgrade proposal, read from a runtime WASM blob:
//
//   node tests/e2e/tools/runtime-info.mjs <runtime.compact.compressed.wasm | chain-spec.raw.json>
//
// prints the blob's blake2_256 (the argument of `system.authorizeUpgrade`), its size, the
// runtime's name and `spec_version` (read by executing `Core_version` in the blob), and the
// metadata hash that `CheckMetadataHash` signers use (RFC 78, computed by polkadot-api's
// `@polkadot-api/merkleize-metadata` from the metadata the blob returns). For a raw chain spec, it
// reads the genesis `:code`. `scripts/runtime-hash.sh` builds the blob and runs this.

import { readFileSync } from 'node:fs';

import { destroyWorker, getRuntimeVersion, runTask } from '@acala-network/chopsticks-core';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { compactStripLength, hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';

const CODE_KEY = '0x3a636f6465'; // `:code`

// Metadata needs no state: every storage read (the executor asks for `:heappages`) finds nothing.
const NO_STATE = {
  getStorage: async () => undefined,
  getNextKey: async () => undefined,
  offchainGetStorage: async () => undefined,
  offchainTimestamp: async () => 0,
  offchainRandomSeed: async () => { throw new Error('no randomness when reading metadata'); },
  offchainSubmitTransaction: async () => false
};

/** The runtime code in `path`: a WASM blob, or the genesis `:code` of a raw chain spec. */
export function readCode (path) {
  const bytes = readFileSync(path);
  if (path.endsWith('.json')) {
    const code = JSON.parse(bytes.toString('utf8')).genesis?.raw?.top?.[CODE_KEY];
    if (!code) throw new Error(`${path} is not a raw chain spec with a :code`);
    return hexToU8a(code);
  }
  return new Uint8Array(bytes);
}

/**
 * `{ blake2_256, size, specName, specVersion, transactionVersion, metadataHash }` of `code`.
 * `tokenSymbol` and `decimals` go into the metadata hash and must be the chain's (the runtime's
 * build.rs passes the same to `enable_metadata_hash`).
 */
export async function runtimeInfo (code, { tokenSymbol = 'BZR', decimals = 12 } = {}) {
  const wasm = u8aToHex(code);
  const version = await getRuntimeVersion(wasm);
  const response = await runTask({
    wasm,
    calls: [['Metadata_metadata_at_version', ['0x0f000000']]], // Some(15)
    mockSignatureHost: false,
    allowUnresolvedImports: false,
    runtimeLogLevel: 0
  }, NO_STATE);
  if (!response.Call) throw new Error(`Metadata_metadata_at_version failed: ${response.Error}`);
  // Option<OpaqueMetadata>: 0x01, then the SCALE-encoded bytes.
  const option = hexToU8a(response.Call.result);
  if (option[0] !== 1) throw new Error('the runtime has no metadata v15');
  const [, metadata] = compactStripLength(option.subarray(1));
  const metadataHash = merkleizeMetadata(metadata, { tokenSymbol, decimals }).digest();
  return {
    blake2_256: blake2AsHex(code, 256),
    size: code.length,
    specName: version.specName,
    specVersion: version.specVersion,
    transactionVersion: version.transactionVersion,
    metadataHash: u8aToHex(metadataHash)
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: node tests/e2e/tools/runtime-info.mjs <runtime.wasm | chain-spec.raw.json>');
    process.exit(2);
  }
  try {
    const info = await runtimeInfo(readCode(path));
    console.log(`runtime          ${info.specName} spec_version ${info.specVersion} (transaction_version ${info.transactionVersion})`);
    console.log(`blake2_256       ${info.blake2_256}   (system.authorizeUpgrade's code_hash)`);
    console.log(`size             ${info.size} bytes`);
    console.log(`metadata hash    ${info.metadataHash}   (CheckMetadataHash, RFC 78)`);
  } finally {
    await destroyWorker();
  }
}
