// scripts/check-prerequisites.sh must fail where the build would: a prerequisite present only in a
// form the build cannot use is missing, however present it looks. The case that hid for a whole
// round: the `clang` package installs `libclang.so.1` and `libclang-14.so.1`, which clang-sys
// does not load, and only `libclang-dev` adds the `libclang.so` it needs.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import { REPO_ROOT } from './lib/node.mjs';

const CHECK = join(REPO_ROOT, 'scripts', 'check-prerequisites.sh');

function check (env) {
  return spawnSync('bash', [CHECK], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('scripts/check-prerequisites.sh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bazaar-prereq-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('passes on this machine (the build runs here)', () => {
    const result = check({});
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /ok\s+libclang\s+\S+libclang(-\d+)?\.so\n/);
  });

  test('refuses a libclang that only has versioned names (libclang.so.1, libclang-14.so.1)', () => {
    const versionedOnly = join(dir, 'versioned');
    spawnSync('mkdir', ['-p', versionedOnly]);
    for (const name of ['libclang.so.1', 'libclang-14.so.1', 'libclang-cpp.so.14']) {
      writeFileSync(join(versionedOnly, name), '');
    }
    const result = check({ LIBCLANG_PATH: versionedOnly });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /MISSING\s+libclang/);
  });

  test('accepts an unversioned libclang where LIBCLANG_PATH points', () => {
    const usable = join(dir, 'usable');
    spawnSync('mkdir', ['-p', usable]);
    writeFileSync(join(usable, 'libclang-14.so'), '');
    symlinkSync('libclang-14.so', join(usable, 'libclang.so'));
    const result = check({ LIBCLANG_PATH: usable });
    assert.match(result.stdout, /ok\s+libclang\s+\S+usable\/libclang\.so/);
  });

  test('refuses a protoc that does not run', () => {
    const result = check({ PROTOC: join(dir, 'no-such-protoc') });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /MISSING\s+protoc/);
  });
});
