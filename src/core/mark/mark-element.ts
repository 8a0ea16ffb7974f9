/**
 * The mark element. A custom tag name, so that page rules for `span`, `mark` or `.highlight` never reach it; its
 * look comes from the extension's own stylesheet (content.css), which page CSP cannot block.
 */
export const MARK_TAG = 'backgrounder-mark';
export const ENTITY_ATTR = 'data-entity';
/** Set on the second and later pieces of one mention split across inline elements. */
export const CONTINUES_ATTR = 'data-continues';
/** The text before/after this mark was split off the same original text node (unmarking joins it back). */
export const JOINED_BEFORE_ATTR = 'data-joined-before';
export const JOINED_AFTER_ATTR = 'data-joined-after';

/** Every mark element under `root`, in document order. */
export function allMarks(root: ParentNode): Element[] {
  return [...root.querySelectorAll(MARK_TAG)];
}

/** The mark that starts each mention (pieces that continue a mention are left out). */
export function mentionMarks(root: ParentNode): Element[] {
  return [...root.querySelectorAll(`${MARK_TAG}:not([${CONTINUES_ATTR}])`)];
}

/** All pieces of the mention that starts with `first` (pieces of one mention are consecutive marks). */
export function mentionPieces(first: Element): Element[] {
  const marks = allMarks(first.ownerDocument ?? first);
  const pieces = [first];
  for (let i = marks.indexOf(first) + 1; i < marks.length && marks[i].hasAttribute(CONTINUES_ATTR); i++) {
    pieces.push(marks[i]);
  }
  return pieces;
}
