/**
 * The outside reference: mark.js marking the same phrases in the same page, in Chromium without the extension,
 * with options as close to Backgrounder's as mark.js allows (case-sensitive, whole phrases, word boundaries,
 * links and captions excluded). Timed from the call to its `done` callback, once the page has loaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../test/e2e/harness/paths';
import type { Session } from '../test/e2e/harness/session';

const MARK_JS = readFileSync(join(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');
/** mark.js runs keywords by recursion; one call with hundreds of phrases can overflow the stack. */
const BATCH = 100;

export async function markJsTime(session: Session, url: string, html: string, phrases: string[]): Promise<number> {
  session.serve(url, html);
  const page = await session.newTab();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.evaluate(MARK_JS);
    return await page.evaluate(
      async (all: string[], batch: number) => {
        type MarkOptions = Record<string, unknown> & { done: () => void };
        const Mark = (window as unknown as { Mark: new (el: Element) => { mark(k: string[], o: MarkOptions): void } })
          .Mark;
        const body = document.querySelector('#articleText') as Element;
        const started = performance.now();
        for (let i = 0; i < all.length; i += batch) {
          await new Promise<void>((resolve) =>
            new Mark(body).mark(all.slice(i, i + batch), {
              separateWordSearch: false,
              caseSensitive: true,
              accuracy: { value: 'exactly', limiters: [',', '.', '"', "'", '(', ')', ';', ':', '-', '—', '?', '!'] },
              acrossElements: false,
              exclude: ['a', 'figure', 'figcaption', '[data-svcad]', 'script', 'style'],
              done: resolve,
            }),
          );
        }
        return performance.now() - started;
      },
      phrases,
      BATCH,
    );
  } finally {
    await page.close().catch(() => undefined);
  }
}
