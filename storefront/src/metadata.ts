// What a listing says about itself. The runtime stores up to `listings.maxMetadataLen` bytes and
// never reads them; this is the storefront's format for them:
//
// - a JSON object `{"title": "...", "description": "...", "image": "https://..."}` in UTF-8
//   (title required, the others optional; other keys ignored), or
// - anything else: the whole text is the title (the dev catalog's listings, and any listing
//   made before this format).
//
// An image is only ever an `https:` URL, loaded without a referrer; anything else is ignored.

/** A listing's description as the page shows it. */
export interface ListingText {
  title: string
  description?: string
  /** An `https:` image URL. */
  image?: string
}

/** `url` if it is an `https:` URL, else `undefined`. */
export function httpsUrl (url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the metadata text: the JSON format if it is one, else the text as the title. */
export function parseListingText (text: string): ListingText {
  if (text.trimStart().startsWith('{')) {
    try {
      const json: unknown = JSON.parse(text);
      if (json && typeof json === 'object' && typeof (json as { title?: unknown }).title === 'string') {
        const { title, description, image } = json as { title: string, description?: unknown, image?: unknown };
        const url = httpsUrl(image);
        return {
          title,
          ...(typeof description === 'string' && description.trim() ? { description } : {}),
          ...(url ? { image: url } : {})
        };
      }
    } catch {}
  }
  return { title: text };
}

/**
 * The metadata text for a new listing: the title alone when there is nothing else (plain text,
 * as before), else the JSON format. Throws with what to fix when the image is not an `https:`
 * URL.
 */
export function listingMetadata ({ title, description, image }: ListingText): string {
  const text = { title: title.trim(), description: description?.trim() ?? '', image: image?.trim() ?? '' };
  if (text.image && !httpsUrl(text.image)) throw new Error(`The image must be an https:// address; "${text.image}" is not.`);
  if (!text.description && !text.image) return text.title;
  return JSON.stringify({
    title: text.title,
    ...(text.description ? { description: text.description } : {}),
    ...(text.image ? { image: text.image } : {})
  });
}
