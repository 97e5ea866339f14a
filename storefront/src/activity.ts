// The transactions panel: every transaction the page sends, with its steps (signed, sent,
// included in a block, confirmed for good: finalized) or the reason it failed. A view may also mirror one transaction
// next to the form that sent it (the checkout does), since views re-render while it runs.

import { h, setContent } from './dom';
import type { Explanation } from './errors';
import type { TxProgress, TxStep } from './tx';

const STEPS: Array<{ step: TxStep, label: (block?: number) => string }> = [
  { step: 'signing', label: () => 'Signed' },
  { step: 'ready', label: () => 'Sent' },
  { step: 'inBlock', label: (block) => (block === undefined ? 'In a block' : `In block #${block}`) },
  // Finalized: no fork can take the block back.
  { step: 'finalized', label: () => 'Confirmed' }
];

type State = 'pending' | 'finalized' | 'failed';

/** One transaction's entry in the panel (and in its mirrors). */
export class TxTracker {
  private reached = -1;
  private block: number | undefined;
  private state: State = 'pending';
  private failure: Explanation | undefined;

  constructor (private readonly label: string, private readonly targets: HTMLElement[]) {
    this.render();
  }

  progress ({ step, blockNumber }: TxProgress): void {
    this.reached = Math.max(this.reached, STEPS.findIndex((s) => s.step === step));
    this.block = blockNumber ?? this.block;
    if (step === 'finalized') this.state = 'finalized';
    this.render();
  }

  failed (explanation: Explanation): void {
    this.state = 'failed';
    this.failure = explanation;
    this.render();
  }

  private render (): void {
    for (const target of this.targets) {
      target.dataset.state = this.state;
      setContent(
        target,
        h('strong', {}, this.label),
        h('ol', { class: 'steps' }, ...STEPS.map(({ label }, i) => h(
          'li',
          { class: i <= this.reached ? 'done' : (i === this.reached + 1 && this.state === 'pending' ? 'current' : 'todo') },
          label(i >= 2 ? this.block : undefined)
        ))),
        this.failure && h(
          'p',
          { class: 'error tx-error' },
          h('strong', { class: 'error-title' }, this.failure.title),
          ' ',
          h('span', { class: 'error-detail' }, this.failure.detail),
          this.failure.code && ' ',
          this.failure.code && h('small', { class: 'error-code muted' }, `(${this.failure.code})`)
        )
      );
    }
  }
}

export class Activity {
  constructor (private readonly list: HTMLElement) {}

  /** Starts an entry, newest on top; `mirror` shows the same entry elsewhere too. */
  track (label: string, mirror?: HTMLElement): TxTracker {
    const entry = h('li', { class: 'tx' });
    this.list.prepend(entry);
    return new TxTracker(label, mirror ? [entry, mirror] : [entry]);
  }
}
