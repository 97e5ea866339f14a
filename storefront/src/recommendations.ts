// Recommended for you: the account's attested recommendations from the runtime API, who
// attested them (and answers for them with a bond), with which model, whether the challenge
// window is still open, and each score checked against the runtime's own computation. Also
// the opt-in switch: only participants' purchases feed recommendations.

import { categoryName } from './catalog';
import { fetchActiveModel, fetchAttestation, fetchParticipation, fetchRecommendationState, fetchScore, type RecommendationState, tokenFor } from './chain';
import type { Attestation, Listing, ModelInfo } from './decode';
import { h, keyOf, setContent } from './dom';
import { formatBalance, shortAddress } from './format';
import type { Shop, View } from './shop';

/**
 * Whether a challenge sent now can still make it: the window's last block
 * (`challengeable_until`) is the last block a challenge is accepted in, and a transaction sent
 * at block `now` lands in a later block. `blocksLeft` counts the blocks it may still land in.
 */
export function challengeStatus (attestation: Attestation, now: number): { open: boolean, blocksLeft: number } {
  const blocksLeft = Math.max(attestation.challengeableUntil - now, 0);
  return { open: blocksLeft > 0, blocksLeft };
}

/**
 * Why an account has no attested recommendations, in plain words, from the first thing that
 * stands in the way: not taking part, no model, no purchase yet, no attester, or the queue.
 */
export function whyNoRecommendations (participating: boolean, hasModel: boolean, state: RecommendationState | undefined): string {
  if (!participating) {
    return 'You have not turned recommendations on, so none are made for you. Turn them on above: your completed purchases are then ranked against the catalog, and anyone can check the result.';
  }
  if (!hasModel) return 'This chain has no recommendation model yet (the community approves one by vote), so there is nothing to rank with.';
  if (!state || state.purchases === 0) {
    return 'Recommendations start from your first completed purchase: buy something, and once the order completes your picks appear here within a few blocks.';
  }
  if (state.attesters === 0) {
    return 'Nobody is ranking the catalog on this chain right now (no attester is registered). Your purchases are kept; your picks appear once an attester joins.';
  }
  if (state.queued) return 'Your latest purchases are waiting to be ranked; an attester usually does it within a few blocks.';
  return 'Your picks are being updated.';
}

/** One item of the attestation with the runtime's score for it (`null`: none computed). */
interface CheckedItem {
  listing: number
  score: number
  runtimeScore: number | null
}

export class RecommendationsView implements View {
  readonly element: HTMLElement;
  private readonly participation: HTMLElement;
  private readonly body: HTMLElement;
  /** The attestation last shown with its checked scores, to check each attestation once. */
  private checked: { key: string, items: CheckedItem[] } | undefined;

  constructor (private readonly shop: Shop, element: HTMLElement) {
    this.element = element;
    this.participation = h('div', { class: 'card participation' });
    this.body = h('div', { class: 'recommendations' });
    setContent(element, h('h2', {}, 'Recommended for you'), this.participation, this.body);
  }

  async refresh (): Promise<void> {
    const account = this.shop.account;
    if (!account) {
      setContent(this.body, h('p', { class: 'muted' }, 'Choose an account to see its recommendations.'));
      return;
    }
    const [participating, attestation, model, listings] = await Promise.all([
      fetchParticipation(this.shop.chain, account.address),
      fetchAttestation(this.shop.chain, account.address),
      fetchActiveModel(this.shop.chain),
      this.shop.listings()
    ]);
    this.renderParticipation(participating);
    if (!attestation) {
      this.checked = undefined;
      const state = participating && model ? await fetchRecommendationState(this.shop.chain, account.address) : undefined;
      const why = whyNoRecommendations(participating, model !== null, state);
      this.render(keyOf({ none: true, why }), () => [h('p', { class: 'muted empty' }, why)]);
      return;
    }
    const attestationKey = keyOf({ account: account.address, attestation });
    if (this.checked?.key !== attestationKey) {
      const runtimeScores = await Promise.all(attestation.items.map(({ listing }) => fetchScore(this.shop.chain, account.address, listing)));
      this.checked = { key: attestationKey, items: attestation.items.map((item, i) => ({ ...item, runtimeScore: runtimeScores[i] })) };
    }
    const items = this.checked.items;
    const status = challengeStatus(attestation, this.shop.blockNumber);
    this.render(keyOf({ attestationKey, model, status, items, titles: items.map((i) => listings.get(i.listing)?.title) }),
      () => this.attestationView(attestation, model, status, items, listings));
  }

  /** Replaces the body only when what it shows changed. */
  private render (key: string, build: () => HTMLElement[]): void {
    if (this.body.dataset.key === key) return;
    this.body.dataset.key = key;
    setContent(this.body, ...build());
  }

  private renderParticipation (participating: boolean): void {
    const key = String(participating);
    if (this.participation.dataset.key === key) return;
    this.participation.dataset.key = key;
    const toggle = h('input', { type: 'checkbox', name: 'participate', checked: participating });
    toggle.addEventListener('change', () => {
      toggle.disabled = true;
      void this.shop.send(toggle.checked ? 'Opt in to recommendations' : 'Opt out of recommendations',
        this.shop.chain.api.tx.recommendations.setParticipation(toggle.checked)).then((result) => {
        toggle.disabled = false;
        // A refused change leaves the switch where the chain is.
        if (!result) toggle.checked = participating;
      });
    });
    setContent(this.participation,
      h('label', { class: 'switch' }, toggle, ' Use my purchases for recommendations'),
      h('p', { class: 'muted' }, participating
        ? 'Your completed purchases feed your recommendations. Opting out deletes your purchase history and your attested recommendations.'
        : 'Your purchases are not recorded for recommendations. Opt in to have them ranked for you from your next completed purchase.'));
  }

  private attestationView (attestation: Attestation, model: ModelInfo | null, status: { open: boolean, blocksLeft: number }, items: CheckedItem[], listings: Map<number, Listing>): HTMLElement[] {
    const { constants } = this.shop.chain;
    const attester = this.shop.nameOf(attestation.attester);
    return [
      h('div', { class: 'card attestation' },
        h('p', { class: 'attester' }, 'Picked for you from your purchases by ', h('strong', { class: 'attester-name' }, attester),
          attester === shortAddress(attestation.attester) ? '' : ` (${shortAddress(attestation.attester)})`,
          ', and checked by the chain: every ✓ below is a score the chain computes the same.'),
        model && model.version !== attestation.modelVersion && h('p', { class: 'notice' }, 'The shop\'s recommendation model was updated; new picks follow your next purchase.'),
        // How the list is kept honest, for whoever wants to know: not in a shopper's way.
        h('details', { class: 'how-checked' },
          h('summary', {}, 'How these picks are checked'),
          h('p', {}, 'Ranked with model ', h('strong', { class: 'model-version' }, `v${attestation.modelVersion}`),
            ` for your purchase history as it was in ${this.shop.when(attestation.attestedAt)}. The attester holds a bond: `,
            `anyone may challenge the list within ${constants.challengeWindow} blocks, and a proven wrong score or missed item costs the attester that bond.`),
          h('p', { class: status.open ? 'challenge challenge-open' : 'challenge challenge-closed' }, status.open
            ? `Challenge window open until block #${attestation.challengeableUntil} (${status.blocksLeft} blocks left).`
            : `Challenge window closed at block #${attestation.challengeableUntil}: these recommendations are final.`))),
      h('ol', { class: 'recommended' }, ...items.map((item) => {
        const listing = listings.get(item.listing);
        const verified = item.runtimeScore === item.score;
        return h('li', { class: 'card recommended-item', 'data-listing-id': item.listing },
          h('span', { class: 'listing-title' }, listing?.title ?? `Listing ${item.listing} (closed)`),
          listing && h('span', { class: 'muted' }, ` · ${categoryName(listing.category)} · ${formatBalance(listing.unitPrice, tokenFor(this.shop.chain, listing.priceAsset))}`),
          // The raw score means nothing to a shopper: only whether the chain agrees is shown,
          // the numbers behind it on request.
          h('details', { class: 'score-detail' },
            h('summary', { class: verified ? 'score verified' : 'score disputed' }, verified ? '✓ checked' : '✗ disputed'),
            verified
              ? `Attested score ${item.score}; the chain computes the same.`
              : `Attested score ${item.score}; the chain computes ${item.runtimeScore ?? 'none'}: this list can be challenged.`),
          listing && listing.active && listing.stock > 0 && listing.seller !== this.shop.account?.address &&
            h('button', { type: 'button', class: 'buy', 'aria-label': `Buy: ${listing.title}`, onclick: () => this.shop.openCheckout(listing) }, 'Buy'));
      }))
    ];
  }
}
