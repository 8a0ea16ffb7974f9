/**
 * The mark element. A custom tag name, so that page rules for `span`, `mark` or `.highlight` never reach it; its
 * look comes from the extension's own stylesheet (content.css), which page CSP cannot block.
 *
 * The tag says nothing about who made an element: a page can write `<backgrounder-mark data-entity=...>` itself.
 * Ours are the ones in `OURS`, a private set filled as we create them; every reader of marks (cards, counts,
 * first-mention seeding, tab stops, unmarking) goes through it, so a look-alike gets nothing and changes nothing.
 */
export const MARK_TAG = 'backgrounder-mark';
export const ENTITY_ATTR = 'data-entity';
/** Set on the second and later pieces of one mention split across inline elements. */
export const CONTINUES_ATTR = 'data-continues';
/** The text before/after this mark was split off the same original text node (unmarking joins it back). */
export const JOINED_BEFORE_ATTR = 'data-joined-before';
export const JOINED_AFTER_ATTR = 'data-joined-after';
/**
 * Carries a value drawn when the script starts. A page that copies our marks (innerHTML round trips, cloneNode)
 * copies it too: such a copy is not ours (no card, no count) but is ours to remove on stop. A look-alike the page
 * wrote itself cannot carry it unless the page reads it off one of our marks first.
 */
export const TOKEN_ATTR = 'data-backgrounder';
export const TOKEN = Math.random().toString(36).slice(2, 10);

const OURS = new WeakSet<Element>();
/** The pieces of each mention, keyed by its first mark: the panel lists them without scanning the document. */
const MENTIONS = new WeakMap<Element, Element[]>();

export const isOurMark = (el: Element): boolean => OURS.has(el);
export const isCopyOfOurs = (el: Element): boolean =>
  !OURS.has(el) && el.localName === MARK_TAG && el.getAttribute(TOKEN_ATTR) === TOKEN;

export function adoptMark(mark: Element): void {
  OURS.add(mark);
}

export function forgetMark(mark: Element): void {
  OURS.delete(mark);
  MENTIONS.delete(mark);
}

export function recordMention(pieces: Element[]): void {
  MENTIONS.set(pieces[0], pieces);
}

/** Every mark of ours under `root`, in document order. */
export function allMarks(root: ParentNode): Element[] {
  return [...root.querySelectorAll(MARK_TAG)].filter(isOurMark);
}

/** The mark of ours that starts each mention (pieces that continue a mention are left out). */
export function mentionMarks(root: ParentNode): Element[] {
  return allMarks(root).filter((m) => !m.hasAttribute(CONTINUES_ATTR));
}

/** All pieces of the mention that starts with `first`, still in the document. */
export function mentionPieces(first: Element): Element[] {
  const pieces = MENTIONS.get(first)?.filter((p) => p === first || (p.isConnected && isOurMark(p)));
  return pieces ?? [first];
}

/** The mark of ours `target` is in, if any (duck-typed: `instanceof` across Firefox's sandbox is unreliable). */
export function ourMarkAt(target: EventTarget | null): Element | null {
  const node = target as Partial<Element> | null;
  const mark = node && node.nodeType === 1 && typeof node.closest === 'function' ? node.closest(MARK_TAG) : null;
  return mark && isOurMark(mark) ? mark : null;
}
