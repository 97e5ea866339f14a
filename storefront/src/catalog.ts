// The catalog: every listing, filtered by category and searched by its metadata text, with
// price, stock and the seller's reputation badge.

import { tokenFor } from './chain';
import type { Listing, Standing } from './decode';
import { h, keyOf, renderKeyed, setContent } from './dom';
import { formatBalance, formatPermill, type Token } from './format';
import type { Shop, View } from './shop';

/**
 * The storefront's taxonomy: what the category numbers listings carry mean. The runtime only
 * stores the number; the dev chain's demo shop uses these three.
 */
export const CATEGORIES: ReadonlyMap<number, string> = new Map([
  [1, 'Coffee'],
  [2, 'Books'],
  [3, 'Garden']
]);

export function categoryName (category: number): string {
  return CATEGORIES.get(category) ?? `Category ${category}`;
}

export interface CatalogFilter {
  /** `null`: every category. */
  category: number | null
  /** Words that must all appear in the listing's metadata text, in any case and order. */
  query: string
}

/**
 * The listings in `category` whose text has every word of `query`: title, description and the
 * category's name ("coffee" finds the grinder filed under Coffee, not only titles that say it).
 */
export function filterListings (listings: Listing[], { category, query }: CatalogFilter): Listing[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return listings.filter((listing) => {
    if (category !== null && listing.category !== category) return false;
    const text = `${listing.title} ${listing.description ?? ''} ${categoryName(listing.category)}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** The catalog's orders: as listed, by price either way, or best-rated sellers first. */
export const SORTS = ['listed', 'price-up', 'price-down', 'rating'] as const;
export type Sort = typeof SORTS[number];

const SORT_NAMES: Record<Sort, string> = {
  listed: 'Newest last',
  'price-up': 'Price, low to high',
  'price-down': 'Price, high to low',
  rating: 'Seller rating'
};

/**
 * Sorts a copy of `listings`. By rating: the seller's chain score (ratings weighted by value,
 * with its neutral prior, so one 5-star sale does not outrank a long good record), then price.
 */
export function sortListings (listings: Listing[], sort: Sort, score: (seller: string) => number): Listing[] {
  const byPrice = (a: Listing, b: Listing): number => (a.unitPrice < b.unitPrice ? -1 : a.unitPrice > b.unitPrice ? 1 : a.id - b.id);
  const sorted = [...listings];
  switch (sort) {
    case 'listed': return sorted.sort((a, b) => a.id - b.id);
    case 'price-up': return sorted.sort(byPrice);
    case 'price-down': return sorted.sort((a, b) => byPrice(b, a));
    case 'rating': return sorted.sort((a, b) => score(b.seller) - score(a.seller) || byPrice(a, b));
  }
}

/** How a seller's reputation is shown next to its listings. */
export interface Badge {
  label: string
  tone: 'new' | 'good' | 'fair' | 'poor'
  /** The numbers behind the label (tooltip). */
  details: string
}

/** The value-weighted mean of the ratings, in stars (1 to 5, one decimal), or `null` without any. */
export function meanStars (standing: Standing): number | null {
  if (standing.ratings === 0 || standing.ratedValue === 0n) return null;
  // Tenths of a star, rounded half up: 1 + starValue / ratedValue.
  const tenths = (standing.starValue * 20n + standing.ratedValue) / (standing.ratedValue * 2n);
  return 1 + Number(tenths) / 10;
}

/**
 * The badge of a seller standing, in what a shopper reads: "New seller" before any settled order
 * or rating; else the mean stars, how many ratings and how much trade they weigh. The chain's
 * score (with its neutral prior, 50% for nobody) is in the details, not the label: a first
 * 4-star rating reads "★ 4.0", not "50.87%".
 */
export function reputationBadge (standing: Standing, token: Token): Badge {
  const settled = standing.completed + standing.refunded + standing.split + standing.ruled;
  const ratings = `${standing.ratings} rating${standing.ratings === 1 ? '' : 's'}`;
  const details = `${standing.completed} completed, ${standing.refunded} refunded, ${standing.split} split, ${standing.ruled} ruled; ${ratings}. Score ${formatPermill(standing.score)} (ratings weighted by order value, starting from a neutral 50%).`;
  if (settled === 0 && standing.ratings === 0) {
    return { label: 'New seller', tone: 'new', details: 'No settled orders yet' };
  }
  const tone = standing.score >= 700_000 ? 'good' : standing.score >= 450_000 ? 'fair' : 'poor';
  const stars = meanStars(standing);
  if (stars === null) {
    return { label: `No ratings yet · ${settled} sale${settled === 1 ? '' : 's'}`, tone, details };
  }
  return { label: `★ ${stars.toFixed(1)} · ${ratings} · ${formatBalance(standing.ratedValue, token, 0)}`, tone, details };
}

export function badgeElement (badge: Badge): HTMLElement {
  return h('span', { class: `badge badge-${badge.tone}`, title: badge.details }, badge.label);
}

export class CatalogView implements View {
  readonly element: HTMLElement;
  private readonly categorySelect: HTMLSelectElement;
  private readonly searchInput: HTMLInputElement;
  private readonly sortSelect: HTMLSelectElement;
  private scores = new Map<string, number>();
  private readonly summary: HTMLElement;
  private readonly grid: HTMLElement;
  private listings: Listing[] = [];
  private badges = new Map<string, Badge>();

  constructor (private readonly shop: Shop, element: HTMLElement, private readonly product: HTMLDialogElement) {
    this.element = element;
    this.categorySelect = h('select', { name: 'category', onchange: () => this.render() });
    this.searchInput = h('input', { name: 'search', type: 'search', placeholder: 'Search the catalog', oninput: () => this.render() });
    this.sortSelect = h('select', { name: 'sort', onchange: () => this.render() }, ...SORTS.map((sort) => h('option', { value: sort }, SORT_NAMES[sort])));
    this.summary = h('p', { class: 'muted', 'aria-live': 'polite' });
    this.grid = h('div', { class: 'grid' });
    setContent(
      element,
      h('h2', {}, 'Catalog'),
      h('div', { class: 'filters' },
        h('label', {}, 'Category ', this.categorySelect),
        h('label', {}, 'Search ', this.searchInput),
        h('label', {}, 'Sort by ', this.sortSelect)),
      this.summary,
      this.grid
    );
  }

  async refresh (): Promise<void> {
    this.listings = [...(await this.shop.listings()).values()];
    const sellers = [...new Set(this.listings.map((l) => l.seller))];
    const reputations = await Promise.all(sellers.map((s) => this.shop.reputation(s)));
    this.badges = new Map(sellers.map((s, i) => [s, reputationBadge(reputations[i].asSeller, this.shop.chain.token)]));
    this.scores = new Map(sellers.map((s, i) => [s, reputations[i].asSeller.score]));
    this.updateCategories();
    this.render();
  }

  /** Offers the taxonomy's categories and any other category a listing uses. */
  private updateCategories (): void {
    const categories = [...new Set([...CATEGORIES.keys(), ...this.listings.map((l) => l.category)])].sort((a, b) => a - b);
    const wanted = ['', ...categories.map(String)];
    const current = Array.from(this.categorySelect.options).map((o) => o.value);
    if (keyOf(wanted) === keyOf(current)) return;
    const selected = this.categorySelect.value;
    this.categorySelect.replaceChildren(
      h('option', { value: '' }, 'All categories'),
      ...categories.map((c) => h('option', { value: String(c) }, categoryName(c)))
    );
    this.categorySelect.value = selected;
  }

  private render (): void {
    const category = this.categorySelect.value === '' ? null : Number(this.categorySelect.value);
    const found = filterListings(this.listings, { category, query: this.searchInput.value });
    const shown = sortListings(found, this.sortSelect.value as Sort, (seller) => this.scores.get(seller) ?? 0);
    setContent(this.summary, `${shown.length} of ${this.listings.length} listings`);
    renderKeyed(this.grid, shown.map((listing) => {
      const badge = this.badges.get(listing.seller);
      const own = listing.seller === this.shop.account?.address;
      return { key: keyOf({ listing, badge, own }), render: () => this.card(listing, badge, own) };
    }));
  }

  private card (listing: Listing, badge: Badge | undefined, own: boolean): HTMLElement {
    const token = tokenFor(this.shop.chain, listing.priceAsset);
    const unavailable = !listing.active ? 'Paused' : listing.stock === 0 ? 'Sold out' : own ? 'Your listing' : null;
    return h('article', { class: 'card listing', 'data-listing-id': listing.id },
      listing.image && listingImage(listing, 'thumb'),
      h('p', { class: 'chip' }, categoryName(listing.category)),
      h('h3', { class: 'listing-title' },
        h('button', { type: 'button', class: 'link title-link', 'aria-label': `About ${listing.title}`, onclick: () => this.showProduct(listing, badge, unavailable) }, listing.title)),
      h('p', { class: 'price' }, formatBalance(listing.unitPrice, token)),
      h('p', { class: 'muted stock' }, `${listing.stock} in stock`),
      h('p', { class: 'seller' }, 'Sold by ', h('span', { class: 'seller-name' }, this.shop.nameOf(listing.seller)), ' ', badge && badgeElement(badge)),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'buy', 'aria-label': `${unavailable ?? 'Buy'}: ${listing.title}`, disabled: unavailable !== null, onclick: () => this.shop.openCheckout(listing) }, unavailable ?? 'Buy'),
        unavailable === null && h('button', { type: 'button', class: 'add-to-cart', 'aria-label': `Add to cart: ${listing.title}`, onclick: () => this.shop.addToCart(listing) }, 'Add to cart'))
    );
  }

  /** The product page: everything the listing says, its seller's record, and Buy. */
  private showProduct (listing: Listing, badge: Badge | undefined, unavailable: string | null): void {
    const token = tokenFor(this.shop.chain, listing.priceAsset);
    setContent(this.product,
      h('article', { class: 'product', 'data-listing-id': listing.id },
        listing.image && listingImage(listing, 'large'),
        h('p', { class: 'chip' }, categoryName(listing.category)),
        h('h2', { class: 'listing-title' }, listing.title),
        h('p', { class: 'price' }, formatBalance(listing.unitPrice, token), h('span', { class: 'muted' }, ` · ${listing.stock} in stock`)),
        listing.description
          ? h('p', { class: 'description' }, listing.description)
          : h('p', { class: 'muted description' }, 'The seller gave no description.'),
        h('p', { class: 'seller' }, 'Sold by ', this.shop.nameOf(listing.seller), ' ', badge && badgeElement(badge)),
        badge && h('p', { class: 'muted seller-record' }, badge.details),
        h('div', { class: 'actions' },
          h('button', {
            type: 'button',
            class: 'buy',
            disabled: unavailable !== null,
            onclick: () => {
              this.product.close();
              this.shop.openCheckout(listing);
            }
          }, unavailable ?? 'Buy'),
          h('button', { type: 'button', onclick: () => this.product.close() }, 'Close'))));
    this.product.showModal();
  }
}

/**
 * A listing's image, from its `https:` URL, sent without a referrer (the image's host learns
 * that someone looked, not from which shop page); described by the title for screen readers.
 */
function listingImage (listing: Listing, size: 'thumb' | 'large'): HTMLElement {
  return h('img', { class: `listing-image ${size}`, src: listing.image ?? '', alt: listing.title, loading: 'lazy', referrerpolicy: 'no-referrer' });
}
