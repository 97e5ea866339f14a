// What went wrong with a transaction, in words a shopper can act on.
//
// Three places a transaction can fail:
// - the runtime refuses the call (a dispatch error in the block). Pallet errors carry their
//   explanation in the metadata (each error's docs say why and how to avoid it), so they are
//   shown as the metadata has them. The few errors of the runtime's core (`sp_runtime`:
//   `BadOrigin`, `Token(FundsUnavailable)`, …) have no docs in the metadata; they are
//   explained by the table below.
// - the node refuses it before any block (RPC errors such as 1010 "Inability to pay fees").
// - the transaction pool gives up on it (Invalid, Dropped, Usurped, FinalityTimeout).

import type { DispatchError } from '@polkadot/types/interfaces';
import type { Registry } from '@polkadot/types/types';

/**
 * A failure as the UI shows it: a short title in plain words, what it means or what to do, and
 * the chain's name for it (`orders.PriceAboveLimit`) for whoever asks the operators for help.
 */
export interface Explanation {
  title: string
  detail: string
  code?: string
}

/**
 * Splits an error's docs into a first sentence (the title) and the rest (the detail), with the
 * code formatting of the Rust docs taken out: `max_unit_price` reads max_unit_price.
 */
export function splitDocs (docs: string): { title: string, detail: string } {
  const text = docs.replace(/`([^`]*)`/g, '$1').replace(/\s+/g, ' ').trim();
  // A sentence ends before a capital letter: "e.g. the" does not end one.
  const end = /[.!?](?=\s+[A-Z]|$)/.exec(text);
  if (!end) return { title: text, detail: '' };
  return { title: text.slice(0, end.index + 1), detail: text.slice(end.index + 1).trim() };
}

/** Longest error text from the node shown as is; anything longer (a raw JSON-RPC dump) is cut. */
const MAX_RAW_ERROR = 160;

/** A transaction that did not go through; `explanation` is what to show. */
export class TxError extends Error {
  constructor (readonly explanation: Explanation) {
    super(`${explanation.title}: ${explanation.detail}`);
    this.name = 'TxError';
  }
}

/** The runtime core's dispatch errors, by variant (and inner variant where there is one). */
const CORE_ERRORS: Record<string, string> = {
  Other: 'The runtime refused the call without naming a reason.',
  CannotLookup: 'An account or index named in the call does not exist. Check the addresses.',
  BadOrigin: 'This call needs a special origin (governance or sudo); a signed account cannot make it.',
  ConsumerRemaining: 'The account is still in use (holds, locks or deposits) and cannot be removed.',
  NoProviders: 'The account does not exist yet: it has no balance. Fund it first.',
  TooManyConsumers: 'The account has too many holds, locks or deposits already. Release some first.',
  Exhausted: 'The block has no room left for this call. Try again in the next block.',
  Corruption: 'The chain state is inconsistent. Report this to the node operators.',
  Unavailable: 'Something the call needs is temporarily unavailable. Try again later.',
  RootNotAllowed: 'The root origin may not make this call.',
  Trie: 'A storage proof in the call is invalid.',
  'Token.FundsUnavailable': 'Not enough free funds: part of the balance may be held (escrow, deposits) or frozen. Top up or spend less.',
  'Token.OnlyProvider': 'The account would be removed while something still depends on it. Keep the existential deposit.',
  'Token.BelowMinimum': 'The amount is below the existential deposit the receiving account needs.',
  'Token.CannotCreate': 'The receiving account cannot be created by this amount.',
  'Token.UnknownAsset': 'The asset does not exist.',
  'Token.Frozen': 'The funds are frozen.',
  'Token.Unsupported': 'The operation is not supported for this asset.',
  'Token.CannotCreateHold': 'The account cannot take another hold (escrow or deposit): it has as many as allowed.',
  'Token.NotExpendable': 'The payment would take the account below what it must keep to stay alive. Spend less.',
  'Token.Blocked': 'The account is blocked from this operation.',
  'Arithmetic.Underflow': 'An amount would go below zero, e.g. spending more than is available.',
  'Arithmetic.Overflow': 'An amount would exceed its largest value. Use a smaller amount or quantity.',
  'Arithmetic.DivisionByZero': 'A division by zero.',
  'Transactional.LimitReached': 'The call nests too many storage transactions.',
  'Transactional.NoLayer': 'The runtime committed a storage transaction that was never opened.'
};

/** Explains a dispatch error from a block, with the metadata the chain gave the page. */
export function explainDispatchError (registry: Registry, error: DispatchError): Explanation {
  if (error.isModule) {
    const { index, error: code } = error.asModule;
    try {
      const { section, name, docs } = registry.findMetaError(error.asModule);
      const code = `${section}.${name}`;
      const { title, detail } = splitDocs(docs.join(' '));
      if (!title) return { title: 'The chain refused the call', detail: 'Its metadata has no explanation for this error.', code };
      return { title, detail, code };
    } catch {
      return {
        title: 'The chain was upgraded',
        detail: 'The page does not know this error yet: the chain\'s software changed since the page loaded. Reload the page.',
        code: `Module error ${index.toString()}/${code.toHex()}`
      };
    }
  }
  const inner = (error.value as { type?: unknown }).type;
  const code = typeof inner === 'string' ? `${error.type}.${inner}` : error.type;
  const known = CORE_ERRORS[code];
  if (!known) return { title: 'The chain refused the call', detail: '', code: error.toString() };
  return { ...splitDocs(known), code };
}

/**
 * Explains why the node or the wallet refused a transaction before any block, from the error
 * `signAndSend` rejects with (JSON-RPC errors carry `code: message: data`).
 */
export function explainSubmitError (error: unknown): Explanation {
  const message = error instanceof Error ? error.message : String(error);
  if (/^Cancelled$|rejected by user|user rejected/i.test(message)) {
    return { title: 'Not signed', detail: 'The wallet did not sign the transaction (it was declined).' };
  }
  if (/Inability to pay some fees/i.test(message)) {
    return { title: 'Cannot pay the fee', detail: 'The account cannot pay this transaction\'s fee. Top it up, or free funds first.' };
  }
  if (/^1012\b/.test(message)) {
    return { title: 'Temporarily banned', detail: 'The node refused this same transaction a moment ago. Wait a few blocks, then try again.' };
  }
  if (/^1013\b/.test(message)) {
    return { title: 'Already submitted', detail: 'This exact transaction is already in the pool. Wait for it to be included.' };
  }
  if (/^1014\b/.test(message)) {
    return { title: 'Another transaction is pending', detail: 'A transaction of this account with the same nonce is waiting in the pool. Wait for it to be included, then try again.' };
  }
  if (/^1010\b/.test(message)) {
    return { title: 'The node refused the transaction', detail: `It says: ${cut(message.replace(/^1010:\s*(Invalid Transaction:\s*)?/, ''))}.`, code: '1010' };
  }
  if (/disconnected|WebSocket|socket|Abnormal Closure|\b1006\b|ECONNREFUSED|No response received/i.test(message)) {
    return {
      title: 'The node cannot be reached',
      detail: 'The connection dropped before the transaction was sent. The page reconnects by itself; check your orders before you try again.',
      code: cut(message)
    };
  }
  return { title: 'Not sent', detail: 'The transaction did not reach the network. Try again; if it keeps failing, the node may be down.', code: cut(message) };
}

/** A raw message from the node, cut to a length that fits the page. */
function cut (message: string): string {
  return message.length > MAX_RAW_ERROR ? `${message.slice(0, MAX_RAW_ERROR)}…` : message;
}

/** Explains a transaction-pool status that ends the transaction's life without a block. */
export function explainPoolStatus (status: string): Explanation {
  switch (status) {
    case 'Invalid':
      return { title: 'No longer valid', detail: 'The transaction became invalid before it was included (e.g. another used its nonce). Try again.' };
    case 'Dropped':
      return { title: 'Dropped', detail: 'The node dropped the transaction from a full pool. Try again.' };
    case 'Usurped':
      return { title: 'Replaced', detail: 'Another transaction with the same nonce replaced this one.' };
    case 'FinalityTimeout':
      return { title: 'Not confirmed in time', detail: 'The block with the transaction was not confirmed for good in time. Check your orders before you try again.' };
    default:
      return { title: status, detail: `The transaction pool reported ${status}.` };
  }
}
