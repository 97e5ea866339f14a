import { describe, expect, it } from 'vitest';

import { categoryName, filterListings, reputationBadge } from '../../src/catalog';
import type { Listing, Standing } from '../../src/decode';

const listing = (id: number, title: string, category: number): Listing => ({ id, seller: 'seller', unitPrice: 1n, stock: 1, category, title, active: true });
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

  it('names the taxonomy categories and numbers the others', () => {
    expect(categoryName(2)).toBe('Books');
    expect(categoryName(7)).toBe('Category 7');
  });
});

describe('reputation badge', () => {
  const standing = (score: number, completed: number, ratings: number): Standing => ({ score, ratings, completed, refunded: 0, split: 0, ruled: 0 });

  it('calls a seller without settled orders new, whatever the neutral score', () => {
    expect(reputationBadge(standing(500_000, 0, 0))).toMatchObject({ label: 'New seller', tone: 'new' });
  });

  it('shows the score and the ratings, toned by the score', () => {
    expect(reputationBadge(standing(750_000, 1, 1))).toMatchObject({ label: '★ 75% · 1 rating', tone: 'good' });
    expect(reputationBadge(standing(500_000, 2, 0))).toMatchObject({ label: '★ 50% · 0 ratings', tone: 'fair' });
    expect(reputationBadge(standing(200_000, 3, 3)).tone).toBe('poor');
  });
});
