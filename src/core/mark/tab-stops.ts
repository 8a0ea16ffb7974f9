import { ENTITY_ATTR, mentionMarks } from './mark-element';

/**
 * Only the first mention of each entity is a tab stop, so a keyboard reader meets every entity once without
 * tabbing through every repetition. Marks inside a link are never tab stops: the link already is one.
 */
export function assignTabStops(root: ParentNode): void {
  const seen = new Set<string>();
  for (const mark of mentionMarks(root)) {
    const entity = mark.getAttribute(ENTITY_ATTR) ?? '';
    const first = !seen.has(entity);
    seen.add(entity);
    if (first && !mark.closest('a[href]')) mark.setAttribute('tabindex', '0');
    // A later mention the panel gave focus back to is focusable (-1) but no tab stop: writing other marks later
    // must not take its focus away.
    else if (mark.getAttribute('tabindex') === '0') mark.removeAttribute('tabindex');
  }
}

/** Mentions per entity id. */
export function countMentions(root: ParentNode): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const mark of mentionMarks(root)) {
    const entity = mark.getAttribute(ENTITY_ATTR) ?? '';
    counts[entity] = (counts[entity] ?? 0) + 1;
  }
  return counts;
}
