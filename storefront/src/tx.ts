// Signing and submitting a transaction, with its progress through the pool, into a block and
// to finality, and a clear explanation when it fails.

import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord, Hash } from '@polkadot/types/interfaces';
import type { ISubmittableResult } from '@polkadot/types/types';

import type { Account } from './accounts';
import type { Chain } from './chain';
import { explainDispatchError, explainPoolStatus, explainSubmitError, TxError } from './errors';

/** Where a transaction is: waiting for the signature, in the pool, in a block, final. */
export type TxStep = 'signing' | 'ready' | 'inBlock' | 'finalized';

export interface TxProgress {
  step: TxStep
  /** The block the transaction is in, from `inBlock` on. */
  blockNumber?: number
}

export interface TxResult {
  events: EventRecord[]
  blockNumber: number
}

/** The error of the call a proxy dispatched, if the transaction was a proxy call that failed. */
export function proxiedError (chain: Chain, events: EventRecord[]): DispatchError | undefined {
  const executed = chain.api.events.proxy?.ProxyExecuted;
  if (!executed) return undefined;
  for (const { event } of events) {
    if (!executed.is(event)) continue;
    const result = event.data[0] as unknown as { isErr: boolean, asErr: DispatchError };
    if (result.isErr) return result.asErr;
  }
  return undefined;
}

/**
 * Signs `tx` as `account`, submits it and reports its progress. Resolves once its block is
 * finalized; rejects with a `TxError` if the wallet, the node, the pool or the runtime refuses
 * it (a dispatch error rejects as soon as the block is known, not only at finality). With
 * `feeAsset` (a foreign asset's location) the network fee is paid in that asset
 * (`ChargeAssetTxPayment`), at its governed rate.
 */
export function submit (chain: Chain, account: Account, tx: SubmittableExtrinsic<'promise'>, onProgress: (progress: TxProgress) => void, feeAsset?: object): Promise<TxResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let unsubscribe: (() => void) | undefined;
    let inBlockReported = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      unsubscribe?.();
      outcome();
    };
    const blockNumber = async (hash: Hash): Promise<number> => (await chain.api.rpc.chain.getHeader(hash)).number.toNumber();

    const onResult = (result: ISubmittableResult): void => {
      const { status, dispatchError, events } = result;
      if (settled) return;
      if (status.isReady || status.isBroadcast) {
        onProgress({ step: 'ready' });
      } else if (status.isInBlock || status.isFinalized) {
        const hash = status.isInBlock ? status.asInBlock : status.asFinalized;
        blockNumber(hash).then((number) => {
          // A dev node seals and finalizes each block at once: the pool may report
          // `Finalized` without an `InBlock` first.
          if (!inBlockReported) {
            inBlockReported = true;
            onProgress({ step: 'inBlock', blockNumber: number });
          }
          // Included but refused by the runtime (the fee is paid): no need to wait for finality.
          // A call made through a proxy succeeds even when the call it carries fails: that
          // failure is in its `ProxyExecuted` event.
          const failure = dispatchError ?? proxiedError(chain, events);
          if (failure) {
            finish(() => reject(new TxError(explainDispatchError(chain.api.registry, failure))));
          } else if (status.isFinalized) {
            onProgress({ step: 'finalized', blockNumber: number });
            finish(() => resolve({ events, blockNumber: number }));
          }
        }, (error: unknown) => finish(() => reject(new TxError(explainSubmitError(error)))));
      } else if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
        finish(() => reject(new TxError(explainPoolStatus(status.type))));
      }
    };

    onProgress({ step: 'signing' });
    const assetId = feeAsset ? { assetId: feeAsset } : {};
    const sent = 'pair' in account
      ? tx.signAndSend(account.pair, assetId, onResult)
      : tx.signAndSend(account.address, { signer: account.signer, ...assetId }, onResult);
    sent.then((unsub) => {
      if (settled) unsub();
      else unsubscribe = unsub;
    }, (error: unknown) => finish(() => reject(new TxError(explainSubmitError(error)))));
  });
}
