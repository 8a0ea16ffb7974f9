/** What a page shows of Backgrounder's marks, read inside the page (page functions are serialised: no closures). */
import type { Page } from 'puppeteer-core';
import { MARK_TAG } from '../../../src/content/constants';
import { POLL } from './poll';

export const MARK = MARK_TAG;

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

/** Waits until the content script has finished its first marking pass (the `backgrounder:annotate` measure). */
export async function waitForAnnotation(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('backgrounder:annotate', 'measure').length > 0, POLL);
}

export const annotateCount = (page: Page): Promise<number> =>
  page.evaluate(() => performance.getEntriesByName('backgrounder:annotate', 'measure').length);

/**
 * Waits until marking has settled: at least one pass measured (`backgrounder:annotate`), and no new `annotate` or
 * `remark` measure for `quietMs`. Polls from Node with plain evaluations (no page timers, no rAF: works in
 * background tabs and under a strict page CSP). Returns the measure counts once settled.
 */
export async function waitForMarkingSettled(
  page: Page,
  { quietMs = 300, timeoutMs = 10_000 } = {},
): Promise<{ annotate: number; remark: number }> {
  const started = Date.now();
  let last = '';
  let since = Date.now();
  for (;;) {
    const counts = await page.evaluate(() => ({
      annotate: performance.getEntriesByName('backgrounder:annotate', 'measure').length,
      remark: performance.getEntriesByName('backgrounder:remark', 'measure').length,
    }));
    const key = `${counts.annotate}/${counts.remark}`;
    if (key !== last) {
      last = key;
      since = Date.now();
    } else if (counts.annotate > 0 && Date.now() - since >= quietMs) {
      return counts;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`marking did not settle within ${timeoutMs} ms (measures annotate/remark: ${key})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for a marking pass after `before` passes, then for the page to settle. */
export async function remarked(page: Page, before: number): Promise<void> {
  await page.waitForFunction(
    (n: number) => performance.getEntriesByName('backgrounder:annotate', 'measure').length > n,
    POLL,
    before,
  );
  await waitForMarkingSettled(page, { quietMs: 150 });
}

/** Mention marks (first pieces) per entity, and tab stops per entity. */
export function markCensus(page: Page) {
  return page.evaluate((tag: string) => {
    const mentions: Record<string, number> = {};
    const tabStops: Record<string, number> = {};
    for (const mark of document.querySelectorAll(`${tag}:not([data-continues])`)) {
      const id = mark.getAttribute('data-entity') ?? '';
      mentions[id] = (mentions[id] ?? 0) + 1;
      if (mark.getAttribute('tabindex') === '0') tabStops[id] = (tabStops[id] ?? 0) + 1;
    }
    const allTabStops = document.querySelectorAll(`${tag}[tabindex="0"]`).length;
    return { mentions, tabStops, allTabStops, marks: document.querySelectorAll(tag).length };
  }, MARK);
}

/** The page's DOM with Backgrounder's output taken out: marks unwrapped, card and panel removed, text rejoined. */
export function strippedHtml(page: Page, selector: string): Promise<string> {
  return page.evaluate(
    (sel: string, markTag: string) => {
      const root = document.querySelector(sel);
      if (!root) return `(no ${sel})`;
      // Cloned into a document without a window: a clone in the page would load its images again.
      const clone = document.implementation.createHTMLDocument('').importNode(root, true);
      clone.querySelectorAll('backgrounder-card, backgrounder-panel').forEach((c) => c.remove());
      clone.querySelectorAll(markTag).forEach((m) => m.replaceWith(...m.childNodes));
      clone.normalize();
      return clone.innerHTML;
    },
    selector,
    MARK,
  );
}

export const innerHtmlOf = (page: Page, selector: string): Promise<string> =>
  page.evaluate((sel: string) => document.querySelector(sel)?.innerHTML ?? `(no ${sel})`, selector);

/**
 * Brings the page to the front and scrolls it from top to bottom a screen at a time, as a reader would, so every
 * mark waiting for its paragraph to come near is written; then back to the top, once the marks stop changing.
 */
export async function readThrough(page: Page): Promise<void> {
  // Only the tab in front renders, and only rendering reports what comes into view.
  await page.bringToFront();
  const count = () => page.evaluate((tag: string) => document.querySelectorAll(tag).length, MARK);
  for (let y = 0, bottom = 1; y < bottom;) {
    const at = await page.evaluate((top: number) => {
      window.scrollTo({ top, behavior: 'instant' });
      return { y: scrollY + innerHeight, bottom: document.documentElement.scrollHeight };
    }, y);
    bottom = at.bottom;
    y = at.y;
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  let last = -1;
  for (let n = await count(); n !== last; n = await count()) {
    last = n;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
}
