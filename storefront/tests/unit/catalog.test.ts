import { describe, expect, it } from 'vitest';

import { categoryName, filterListings, meanStars, reputationBadge, sortListings } from '../../src/catalog';
import { type Listing, NATIVE, type Standing } from '../../src/decode';

const listing = (id: number, title: string, category: number): Listing => ({ id, seller: 'seller', priceAsset: NATIVE, unitPrice: 1n, stock: 1, category, title, active: true });
const LISTINGS = [
  listing(0, 'Ethiopian coffee beans, 500 g', 1),
  listing(1, 'Hand grinder, ceramic burrs', 1),
  listing(4, 'Field guide to mushrooms', 2),
  listing(9, 'Pruning shears', 3)
];

describe('catalog filter', () => {
  it('filters by category', () => {
    expect(filterListings(LISTINGS, { category: 1, query: '' }).map((l) => l.id)).toEqual([0, 1]);
    expect(filterListings(LISTINGS, { category: null, query: '' })).toHaveLength(4);
  });

  it('searches every word in the metadata, in any case and order', () => {
    expect(filterListings(LISTINGS, { category: null, query: 'GRINDER' }).map((l) => l.id)).toEqual([1]);
    expect(filterListings(LISTINGS, { category: null, query: 'burrs hand' }).map((l) => l.id)).toEqual([1]);
    expect(filterListings(LISTINGS, { category: 2, query: 'grinder' })).toEqual([]);
  });

  it('finds a listing by its category\'s name too', () => {
    expect(filterListings(LISTINGS, { category: null, query: 'coffee' }).map((l) => l.id)).toEqual([0, 1]);
    expect(filterListings(LISTINGS, { category: null, query: 'garden shears' }).map((l) => l.id)).toEqual([9]);
    // And by its description.
    const described = { ...listing(12, 'Kettle', 1), description: 'Gooseneck, 1 l, stainless steel' };
    expect(filterListings([...LISTINGS, described], { category: null, query: 'stainless' }).map((l) => l.id)).toEqual([12]);
  });

  it('sorts by price either way and by the seller\'s score, ties by price', () => {
    const priced = [
      { ...listing(0, 'a', 1), unitPrice: 30n, seller: 'new' },
      { ...listing(1, 'b', 1), unitPrice: 10n, seller: 'good' },
      { ...listing(2, 'c', 1), unitPrice: 20n, seller: 'good' }
    ];
    const score = (seller: string): number => (seller === 'good' ? 800_000 : 500_000);
    expect(sortListings(priced, 'price-up', score).map((l) => l.id)).toEqual([1, 2, 0]);
    expect(sortListings(priced, 'price-down', score).map((l) => l.id)).toEqual([0, 2, 1]);
    expect(sortListings(priced, 'rating', score).map((l) => l.id)).toEqual([1, 2, 0]);
    expect(sortListings([...priced].reverse(), 'listed', score).map((l) => l.id)).toEqual([0, 1, 2]);
  });

  it('names the taxonomy categories and numbers the others', () => {
    expect(categoryName(2)).toBe('Books');
    expect(categoryName(7)).toBe('Category 7');
  });
});

describe('reputation badge', () => {
  const UNIT = 10n ** 12n;
  const BZR = { symbol: 'BZR', decimals: 12 };
  const standing = (score: number, completed: number, ratings: number, ratedValue = 0n, starValue = 0n): Standing =>
    ({ score, ratings, ratedValue, starValue, completed, refunded: 0, split: 0, ruled: 0 });

  it('calls a seller without settled orders new, whatever the neutral score', () => {
    expect(reputationBadge(standing(500_000, 0, 0), BZR)).toMatchObject({ label: 'New seller', tone: 'new' });
  });

  it('shows the mean stars weighted by value, the ratings and the trade behind them', () => {
    // One 4-star rating on 90 BZR: 4.0 stars, not the score's 50.87% (the prior dominates).
    expect(reputationBadge(standing(508_700, 1, 1, 90n * UNIT, 3n * 90n * UNIT), BZR)).toMatchObject({ label: '★ 4.0 · 1 rating · 90 BZR', tone: 'fair' });
    // 5 stars on 300 BZR and 2 on 100: (4×300 + 1×100) / 400 = 3.25 above one star.
    expect(reputationBadge(standing(750_000, 2, 2, 400n * UNIT, 1_300n * UNIT), BZR).label).toBe('★ 4.3 · 2 ratings · 400 BZR');
    expect(reputationBadge(standing(500_000, 2, 0), BZR)).toMatchObject({ label: 'No ratings yet · 2 sales', tone: 'fair' });
    expect(reputationBadge(standing(200_000, 3, 3, UNIT, 0n), BZR)).toMatchObject({ label: '★ 1.0 · 3 ratings · 1 BZR', tone: 'poor' });
    expect(reputationBadge(standing(508_700, 1, 1, 90n * UNIT, 270n * UNIT), BZR).details).toMatch(/Score 50\.87%/);
  });

  it('rounds the mean to a tenth of a star', () => {
    expect(meanStars(standing(0, 0, 0))).toBeNull();
    expect(meanStars(standing(0, 1, 1, 100n, 400n))).toBe(5);
    expect(meanStars(standing(0, 1, 1, 100n, 0n))).toBe(1);
    expect(meanStars(standing(0, 1, 1, 100n, 125n))).toBe(2.3);
  });
});
