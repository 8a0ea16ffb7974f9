/**
 * One tab stop per entity, on its first mention, kept up to date from the marks each write adds: no scan of every
 * mark per write, which on a long page read top to bottom made writing quadratic in mentions. Marks inside a link
 * are never tab stops: the link already is one.
 */
import { CONTINUES_ATTR, ENTITY_ATTR } from '../core/mark/mark-element';

/** `a.compareDocumentPosition(b)` bit: b comes before a. */
const PRECEDING = 2;

export class TabStopKeeper {
  private readonly first = new Map<string, Element>();

  /** Takes newly written marks into account. */
  add(marks: Iterable<Element>): void {
    for (const mark of marks) {
      if (mark.hasAttribute(CONTINUES_ATTR)) continue;
      const id = mark.getAttribute(ENTITY_ATTR) ?? '';
      const current = this.first.get(id);
      if (current?.isConnected && !(current.compareDocumentPosition(mark) & PRECEDING)) continue;
      // A later mention the panel gave focus back to keeps tabindex=-1: only a tab stop is taken back.
      if (current?.getAttribute('tabindex') === '0') current.removeAttribute('tabindex');
      this.first.set(id, mark);
      if (!mark.closest('a[href]')) mark.setAttribute('tabindex', '0');
    }
  }

  /** After the page removed marks: an entity whose tab stop went gets one on the first of its `remaining` marks. */
  repair(remaining: Iterable<Element>): void {
    const lost = [...this.first].filter(([, mark]) => !mark.isConnected).map(([id]) => id);
    if (lost.length === 0) return;
    for (const id of lost) this.first.delete(id);
    const ids = new Set(lost);
    this.add([...remaining].filter((m) => ids.has(m.getAttribute(ENTITY_ATTR) ?? '')));
  }
}
