// Dispatch errors decoded with real metadata: the static Substrate (kitchensink) metadata of
// @polkadot/types-support, which like Bazaar's carries each pallet error's docs.

import { Metadata, TypeRegistry } from '@polkadot/types';
import type { DispatchError } from '@polkadot/types/interfaces';
import substrateMetadata from '@polkadot/types-support/metadata/static-substrate';
import { describe, expect, it } from 'vitest';

import { explainDispatchError, explainPoolStatus, explainSubmitError } from '../../src/errors';

const registry = new TypeRegistry();
registry.setMetadata(new Metadata(registry, substrateMetadata));

// The runtime's own `sp_runtime::DispatchError`, as events decode it, not the built-in type.
const dispatchErrorType = registry.lookup.types.find(({ type }) => type.path.map(String).join('::') === 'sp_runtime::DispatchError');
if (!dispatchErrorType) throw new Error('no sp_runtime::DispatchError in the test metadata');
const dispatchError = (value: unknown): DispatchError =>
  registry.createType(registry.createLookupType(dispatchErrorType.id), value) as unknown as DispatchError;

function balancesError (name: string): { index: number, error: Uint8Array, docs: string } {
  const pallet = registry.metadata.pallets.find((p) => p.name.eq('Balances'));
  if (!pallet || pallet.errors.isNone) throw new Error('no Balances errors in the test metadata');
  const type = registry.lookup.getSiType(pallet.errors.unwrap().type);
  const variant = type.def.asVariant.variants.find((v) => v.name.eq(name));
  if (!variant) throw new Error(`no Balances.${name}`);
  return { index: pallet.index.toNumber(), error: new Uint8Array([variant.index.toNumber(), 0, 0, 0]), docs: variant.docs.join(' ') };
}

describe('dispatch errors', () => {
  it('shows a pallet error with the docs from the metadata', () => {
    const { index, error, docs } = balancesError('InsufficientBalance');
    const explained = explainDispatchError(registry, dispatchError({ Module: { index, error } }));
    expect(explained.title).toBe('balances.InsufficientBalance');
    expect(explained.detail).toBe(docs.trim());
    expect(explained.detail.length).toBeGreaterThan(0);
  });

  it('asks for a reload when the metadata does not know the error', () => {
    const explained = explainDispatchError(registry, dispatchError({ Module: { index: 250, error: new Uint8Array([7, 0, 0, 0]) } }));
    expect(explained.title).toMatch(/Module error 250/);
    expect(explained.detail).toMatch(/Reload the page/);
  });

  it('explains the runtime core errors that carry no docs', () => {
    expect(explainDispatchError(registry, dispatchError({ Token: 'Frozen' }))).toEqual({ title: 'Token.Frozen', detail: 'The funds are frozen.' });
    expect(explainDispatchError(registry, dispatchError({ Arithmetic: 'Overflow' })).title).toBe('Arithmetic.Overflow');
    expect(explainDispatchError(registry, dispatchError('BadOrigin')).detail).toMatch(/governance or sudo/);
  });
});

describe('errors before a block', () => {
  it('explains what the node or the wallet refused', () => {
    expect(explainSubmitError(new Error('1010: Invalid Transaction: Inability to pay some fees , e.g. account balance too low')).title).toBe('Cannot pay the fee');
    expect(explainSubmitError(new Error('1014: Priority is too low: (1 vs 1)')).title).toBe('Another transaction is pending');
    expect(explainSubmitError(new Error('Cancelled')).title).toBe('Not signed');
    expect(explainSubmitError(new Error('1010: Invalid Transaction: Transaction has a bad signature')).detail).toMatch(/bad signature/);
    expect(explainSubmitError('socket closed')).toEqual({ title: 'Not submitted', detail: 'socket closed' });
  });

  it('explains pool statuses that end a transaction', () => {
    expect(explainPoolStatus('Usurped').title).toBe('Replaced');
    expect(explainPoolStatus('Dropped').detail).toMatch(/Try again/);
  });
});
