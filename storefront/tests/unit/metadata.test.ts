import { describe, expect, it } from 'vitest';

import { httpsUrl, listingMetadata, parseListingText } from '../../src/metadata';

describe('listing metadata', () => {
  it('reads plain text as the title, as the dev catalog stores it', () => {
    expect(parseListingText('Hand grinder, ceramic burrs')).toEqual({ title: 'Hand grinder, ceramic burrs' });
    // Not the format: kept whole as the title.
    expect(parseListingText('{not json')).toEqual({ title: '{not json' });
    expect(parseListingText('{"name":"x"}')).toEqual({ title: '{"name":"x"}' });
  });

  it('reads the JSON format, keeping only https images', () => {
    expect(parseListingText('{"title":"Kettle","description":"1 l, steel","image":"https://img.example/k.png"}'))
      .toEqual({ title: 'Kettle', description: '1 l, steel', image: 'https://img.example/k.png' });
    expect(parseListingText('{"title":"Kettle","image":"javascript:alert(1)"}')).toEqual({ title: 'Kettle' });
    expect(parseListingText('{"title":"Kettle","image":"http://img.example/k.png","description":" "}')).toEqual({ title: 'Kettle' });
  });

  it('writes plain text when there is only a title, JSON otherwise, and refuses non-https images', () => {
    expect(listingMetadata({ title: ' Kettle ' })).toBe('Kettle');
    expect(listingMetadata({ title: 'Kettle', description: '', image: ' ' })).toBe('Kettle');
    const written = listingMetadata({ title: 'Kettle', description: 'Steel', image: 'https://img.example/k.png' });
    expect(parseListingText(written)).toEqual({ title: 'Kettle', description: 'Steel', image: 'https://img.example/k.png' });
    expect(() => listingMetadata({ title: 'Kettle', image: 'ftp://x/y' })).toThrow(/must be an https:\/\/ address/);
    expect(httpsUrl('not a url')).toBeUndefined();
  });
});
