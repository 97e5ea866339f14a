// Dispatch errors decoded with real metadata: the static Substrate (kitchensink) metadata of
// @polkadot/types-support, which like Bazaar's carries each pallet error's docs.

import { Metadata, TypeRegistry } from '@polkadot/types';
import type { DispatchError } from '@polkadot/types/interfaces';
import substrateMetadata from '@polkadot/types-support/metadata/static-substrate';
import { describe, expect, it } from 'vitest';

import { explainDispatchError, explainPoolStatus, explainSubmitError, splitDocs } from '../../src/errors';

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
    // The docs' first sentence as the title, the chain's name for the error beside it.
    expect(explained.code).toBe('balances.InsufficientBalance');
    expect(`${explained.title} ${explained.detail}`.trim()).toBe(docs.replace(/\s+/g, ' ').trim());
    expect(explained.title).toMatch(/^[A-Z].*\.$/);
  });

  it('asks for a reload when the metadata does not know the error', () => {
    const explained = explainDispatchError(registry, dispatchError({ Module: { index: 250, error: new Uint8Array([7, 0, 0, 0]) } }));
    expect(explained.code).toMatch(/Module error 250/);
    expect(explained.detail).toMatch(/Reload the page/);
  });

  it('explains the runtime core errors that carry no docs', () => {
    expect(explainDispatchError(registry, dispatchError({ Token: 'Frozen' }))).toEqual({ title: 'The funds are frozen.', detail: '', code: 'Token.Frozen' });
    expect(explainDispatchError(registry, dispatchError({ Arithmetic: 'Overflow' })).code).toBe('Arithmetic.Overflow');
    expect(explainDispatchError(registry, dispatchError('BadOrigin')).title).toMatch(/governance or sudo/);
  });
});

describe('errors before a block', () => {
  it('explains what the node or the wallet refused', () => {
    expect(explainSubmitError(new Error('1010: Invalid Transaction: Inability to pay some fees , e.g. account balance too low')).title).toBe('Cannot pay the fee');
    expect(explainSubmitError(new Error('1014: Priority is too low: (1 vs 1)')).title).toBe('Another transaction is pending');
    expect(explainSubmitError(new Error('Cancelled')).title).toBe('Not signed');
    expect(explainSubmitError(new Error('1010: Invalid Transaction: Transaction has a bad signature')).detail).toMatch(/bad signature/);
    expect(explainSubmitError(new Error('1010: Invalid Transaction: Transaction has a bad signature')).title).toBe('The node refused the transaction');
    expect(explainSubmitError('socket closed').title).toBe('The node cannot be reached');
    // A raw JSON-RPC dump is cut to fit the page.
    const dump = explainSubmitError(new Error(`-32603: ${'{"jsonrpc":"2.0","error":0x'.repeat(40)}`));
    expect(dump.title).toBe('Not sent');
    expect(dump.code?.length).toBe(161);
  });

  it('splits docs into a plain first sentence and the rest', () => {
    expect(splitDocs('The unit price is above `max_unit_price` (it rose since you looked). Review the new\n price.'))
      .toEqual({ title: 'The unit price is above max_unit_price (it rose since you looked).', detail: 'Review the new price.' });
    expect(splitDocs('Too low, e.g. below the minimum. Raise it.')).toEqual({ title: 'Too low, e.g. below the minimum.', detail: 'Raise it.' });
    expect(splitDocs('No full stop')).toEqual({ title: 'No full stop', detail: '' });
  });

  it('explains pool statuses that end a transaction', () => {
    expect(explainPoolStatus('Usurped').title).toBe('Replaced');
    expect(explainPoolStatus('Dropped').detail).toMatch(/Try again/);
  });
});
