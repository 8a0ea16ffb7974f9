/** What the popup says, read inside the popup page. */
import type { Page } from 'puppeteer-core';
import { messageText } from '../harness/paths';

/** Its status line and its entity buttons (id -> mention count text). */
export function popupView(popup: Page) {
  return popup.evaluate(() => ({
    status: document.getElementById('status')?.textContent ?? '',
    articleShown: !(document.getElementById('article')?.hidden ?? true),
    entities: Object.fromEntries(
      [...document.querySelectorAll<HTMLButtonElement>('#entities button.entity[data-entity]')].map((b) => [
        b.dataset.entity ?? '',
        b.querySelector('.entity-count')?.textContent ?? '',
      ]),
    ),
    enabled: (document.getElementById('enabled') as HTMLInputElement | null)?.checked ?? null,
  }));
}

/** "1 mention", "3 mentions", as the popup writes it in English. */
export const countText = (n: number): string =>
  n === 1 ? messageText('mentionsCountOne') : messageText('mentionsCount').replace('$COUNT$', String(n));
