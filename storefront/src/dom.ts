// A few DOM helpers. Everything read from the chain (listing metadata, decrypted delivery
// details) is written as text nodes, never as HTML: anyone can put any bytes in a listing.

import { u8aToHex } from '@polkadot/util';

export type Child = Node | string | number | bigint | null | undefined | false;

type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void);

/**
 * Creates an element. `on*` attributes become event listeners, `true`/`false` toggle boolean
 * attributes, `value` and `checked` are set as properties; children are nodes or text.
 */
export function h<K extends keyof HTMLElementTagNameMap> (
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value' || name === 'checked') {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...texts(children));
  return element;
}

function texts (children: Child[]): Array<Node | string> {
  return children
    .filter((child): child is Node | string | number | bigint => child !== null && child !== undefined && child !== false)
    .map((child) => (child instanceof Node ? child : String(child)));
}

/** Replaces the element's content. */
export function setContent (element: Element, ...children: Child[]): void {
  element.replaceChildren(...texts(children));
}

/**
 * Shows one element per item, keeping the elements of items whose key did not change: views
 * refresh every block, and rebuilding an unchanged order card would take the focus and the
 * half-typed text out of its inputs. The key must change whenever the item's data does.
 */
export function renderKeyed (container: Element, items: Array<{ key: string, render: () => HTMLElement }>): void {
  const existing = new Map<string, Element>();
  for (const child of Array.from(container.children)) {
    const key = (child as HTMLElement).dataset.key;
    if (key !== undefined) existing.set(key, child);
  }
  const next = items.map(({ key, render }) => {
    const kept = existing.get(key);
    if (kept) return kept;
    const created = render();
    created.dataset.key = key;
    return created;
  });
  const current = Array.from(container.children);
  const unchanged = current.length === next.length && current.every((child, i) => child === next[i]);
  if (!unchanged) container.replaceChildren(...next);
}

const liveTexts = new WeakMap<Element, () => string>();

/**
 * An element whose text `refreshLiveText` computes again in place: deadlines shown as dates move
 * as the page learns the chain's pace, while the card around them, and whatever was typed in it,
 * is kept by `renderKeyed`.
 */
export function liveText<K extends keyof HTMLElementTagNameMap> (tag: K, attrs: Record<string, AttrValue>, text: () => string): HTMLElementTagNameMap[K] {
  const element = h(tag, attrs, text());
  element.dataset.live = '';
  liveTexts.set(element, text);
  return element;
}

/** Computes the text of every `liveText` element inside `container` again. */
export function refreshLiveText (container: Element): void {
  for (const element of Array.from(container.querySelectorAll('[data-live]'))) {
    const text = liveTexts.get(element)?.();
    if (text !== undefined && element.textContent !== text) element.textContent = text;
  }
}

/** Reads an input by its `name` inside `root`; throws if the markup does not have it. */
export function field<T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> (root: ParentNode, name: string): T {
  const found = root.querySelector<T>(`[name="${name}"]`);
  if (!found) throw new Error(`no field named ${name}`);
  return found;
}

/**
 * A string that changes whenever `value` does, for `renderKeyed`: JSON with bigints as
 * decimal strings and byte arrays as hex.
 */
export function keyOf (value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Uint8Array) return u8aToHex(v);
    return v;
  });
}
