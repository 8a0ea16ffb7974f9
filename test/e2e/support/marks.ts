/** What a page shows of Backgrounder's marks, read inside the page (shared by the browser test files). */
import type { Page } from 'puppeteer-core';

export const MARK = 'backgrounder-mark';

/** Marked mentions per entity in document order, of the marks matching `selector` (pieces of one mention joined). */
export function markedMentions(page: Page, selector = MARK): Promise<Record<string, string[]>> {
  return page.evaluate((sel: string) => {
    const found: Record<string, string[]> = {};
    let last: string[] | null = null;
    for (const mark of document.querySelectorAll(sel)) {
      const text = (mark.textContent ?? '').replace(/\s+/g, ' ');
      if (mark.hasAttribute('data-continues') && last) {
        last.push(`${last.pop()}${text}`);
        continue;
      }
      const id = mark.getAttribute('data-entity') ?? '(no data-entity)';
      last = found[id] ??= [];
      last.push(text);
    }
    for (const id of Object.keys(found)) found[id] = found[id].map((t) => t.trim());
    return found;
  }, selector);
}
