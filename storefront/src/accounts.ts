// Who signs: the well-known dev accounts on a development chain (their seeds are public, so
// the page holds them in a Keyring), or the accounts of a browser wallet extension
// (polkadot{.js}, Talisman, SubWallet, …) through @polkadot/extension-dapp, which signs in the
// extension and never shows the page a seed.

import type { Signer } from '@polkadot/api/types';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';

/** An account the page can sign with: a keyring pair, or an extension's signer. */
export type Account =
  | { address: string, name: string, source: 'development', pair: KeyringPair }
  | { address: string, name: string, source: string, signer: Signer };

/** The dev accounts `--dev` endows (sr25519, `//Alice` …). */
export const DEV_ACCOUNT_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;

/** The dev accounts, addressed in the chain's SS58 format. Needs `cryptoWaitReady()` first. */
export function devAccounts (ss58Format: number): Account[] {
  const keyring = new Keyring({ type: 'sr25519', ss58Format });
  return DEV_ACCOUNT_NAMES.map((name) => {
    const pair = keyring.addFromUri(`//${name}`, { name });
    return { address: pair.address, name, source: 'development', pair };
  });
}

/**
 * Asks the installed wallet extensions for their accounts (the extension asks the user
 * first). Throws an error saying what to do when there is no extension or no account.
 */
export async function walletAccounts (appName: string, ss58Format: number, genesisHash: string): Promise<Account[]> {
  // Imported on demand: the module looks for injected extensions when it loads.
  const { web3Enable, web3Accounts, web3FromSource } = await import('@polkadot/extension-dapp');
  const extensions = await web3Enable(appName);
  if (extensions.length === 0) {
    throw new Error('No wallet extension answered. Install polkadot{.js}, Talisman or SubWallet, and allow this site in it.');
  }
  // Accounts bound to another chain's genesis are left out; unbound ones are kept.
  const injected = (await web3Accounts({ ss58Format })).filter(({ meta }) => !meta.genesisHash || meta.genesisHash === genesisHash);
  if (injected.length === 0) {
    throw new Error('The wallet shares no account for this chain. Create or import one, and allow this site to see it.');
  }
  return Promise.all(injected.map(async ({ address, meta }) => ({
    address,
    name: meta.name ?? address,
    source: meta.source,
    signer: (await web3FromSource(meta.source)).signer
  })));
}
