/** The card and the panel as a reader (and assistive technology) meets them, read inside the page. */
import type { Page } from 'puppeteer-core';
import { CARD_ID, CARD_TAG, PANEL_TAG } from '../../../src/content/constants';
import { MARK } from './marks';
import { POLL } from './poll';

export const CARD = `${CARD_TAG}#${CARD_ID}`;
export { CARD_ID, PANEL_TAG };

export interface OpenCard {
  entity: string;
  describedBy: string;
  /** How many marks point at the card (one at a time). */
  anchors: number;
  name: string;
  text: string;
  rect: { left: number; top: number; right: number; bottom: number; width: number; height: number };
}

/** The visible card and the mark it describes; null when no card is visible or no mark points at it. */
export function openCard(page: Page): Promise<OpenCard | null> {
  return page.evaluate((cardSelector: string) => {
    const card = document.querySelector(cardSelector) as HTMLElement | null;
    if (!card || card.getAttribute('role') !== 'tooltip') return null;
    const style = getComputedStyle(card);
    const box = card.getBoundingClientRect();
    if (style.display === 'none' || style.visibility === 'hidden' || box.width === 0 || box.height === 0) return null;
    const anchors = [...document.querySelectorAll(`[aria-describedby="${card.id}"]`)];
    const anchor = anchors[0];
    if (!anchor || document.getElementById(anchor.getAttribute('aria-describedby') ?? '') !== card) return null;
    return {
      entity: anchor.getAttribute('data-entity') ?? '',
      describedBy: anchor.getAttribute('aria-describedby') ?? '',
      anchors: anchors.length,
      name: card.shadowRoot?.querySelector('.name')?.textContent ?? '',
      text: card.shadowRoot?.textContent ?? '',
      rect: {
        left: box.left,
        top: box.top,
        right: box.right,
        bottom: box.bottom,
        width: box.width,
        height: box.height,
      },
    };
  }, CARD);
}

export const cardIsOpen = (page: Page, entity?: string, timeout = 5_000) =>
  page.waitForFunction(
    (cardSelector: string, id: string | null) => {
      const card = document.querySelector(cardSelector);
      if (!card || getComputedStyle(card).display === 'none' || card.getBoundingClientRect().height === 0) return false;
      const anchor = document.querySelector(`[aria-describedby="${card.id}"]`);
      return !!anchor && (id === null || anchor.getAttribute('data-entity') === id);
    },
    { polling: 20, timeout },
    CARD,
    entity ?? null,
  );

export const cardIsClosed = (page: Page, timeout = 5_000) =>
  page.waitForFunction(
    (cardSelector: string, id: string) => {
      const card = document.querySelector(cardSelector);
      const hidden = !card || getComputedStyle(card).display === 'none' || card.getBoundingClientRect().height === 0;
      return hidden && document.querySelector(`[aria-describedby="${id}"]`) === null;
    },
    { polling: 20, timeout },
    CARD,
    CARD_ID,
  );

/** Resolves once the card's entrance animation (if any) has finished, so colours are final. */
export const cardSettled = (page: Page) =>
  page.evaluate(async (cardSelector: string) => {
    const root = document.querySelector(cardSelector)?.shadowRoot;
    await Promise.all((root?.getAnimations?.() ?? []).map((a) => a.finished.catch(() => undefined)));
  }, CARD);

/** The card's own focusable content and whether focus is anywhere inside the card. */
export function cardFocusState(page: Page) {
  return page.evaluate((cardSelector: string) => {
    const card = document.querySelector(cardSelector) as HTMLElement | null;
    const root = card?.shadowRoot;
    const focusable = root
      ? [
          ...root.querySelectorAll<HTMLElement>(
            'a[href], button, input, select, textarea, [tabindex], [contenteditable]',
          ),
        ]
          .concat([...root.querySelectorAll<HTMLElement>('*')].filter((el) => el.tabIndex >= 0))
          .map((el) => el.outerHTML.slice(0, 80))
      : [];
    return {
      focusable,
      hostTabIndex: card?.tabIndex ?? null,
      hostHasTabindexAttr: card?.hasAttribute('tabindex') ?? false,
      activeInCard: !!card && (document.activeElement === card || card.contains(document.activeElement)),
      shadowActive: root?.activeElement ? root.activeElement.localName : null,
    };
  }, CARD);
}

/**
 * Centre of the first line box of `selector`, scrolled to `block` (then `shiftY` px further), read once scrolling has
 * come to rest (Firefox may still move the page after an instant scroll).
 */
export async function pointOn(page: Page, selector: string, block: ScrollLogicalPosition = 'center', shiftY = 0) {
  await page.evaluate(
    (sel: string, where: ScrollLogicalPosition, dy: number) => {
      const el = document.querySelector(sel);
      if (!el) throw new Error(`nothing matches ${sel}`);
      el.scrollIntoView({ block: where, behavior: 'instant' });
      if (dy !== 0) window.scrollTo({ top: scrollY + dy, behavior: 'instant' });
    },
    selector,
    block,
    shiftY,
  );
  const read = () =>
    page.evaluate((sel: string) => {
      const el = document.querySelector(sel) as Element;
      const box = el.getClientRects()[0];
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      return {
        x,
        y,
        entity: el.getAttribute('data-entity') ?? '',
        scrollY,
        hit: el.contains(document.elementFromPoint(x, y)),
      };
    }, selector);
  let last = await read();
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = await read();
    if (now.scrollY === last.scrollY && now.y === last.y && now.hit) return { x: now.x, y: now.y, entity: now.entity };
    last = now;
  }
  throw new Error(`${selector} did not come to rest in view: ${JSON.stringify(last)}`);
}

/** Centre of the first line box of the n-th mention mark, scrolled into view. */
export async function pointOnMark(page: Page, index: number): Promise<{ x: number; y: number; entity: string }> {
  await page.evaluate(
    (tag: string, i: number) => {
      document.querySelectorAll(`${tag}:not([data-continues])`)[i]?.setAttribute('data-e2e-target', '');
    },
    MARK,
    index,
  );
  try {
    return await pointOn(page, '[data-e2e-target]');
  } finally {
    await page.evaluate(() => document.querySelector('[data-e2e-target]')?.removeAttribute('data-e2e-target'));
  }
}

/** A point with no mark, no link and no card: the margin left of the article body. */
export function pointOffMarks(page: Page) {
  return page.evaluate(() => {
    const body = document.querySelector('#articleText')?.getBoundingClientRect();
    return { x: Math.max(2, (body?.left ?? 10) - 8), y: Math.min(innerHeight - 2, Math.max(2, body?.top ?? 10) + 40) };
  });
}

export interface PanelState {
  open: boolean;
  entity: string | null;
  /** Is focus inside the panel, and on what (its text, short). */
  focusInside: boolean;
  focused: string | null;
  text: string;
  links: Array<{ href: string; target: string; rel: string }>;
  rect: { width: number; height: number; left: number; top: number };
}

/** The panel as it stands: open or not, for which entity, where focus is, what it says. */
export function panelState(page: Page): Promise<PanelState> {
  return page.evaluate((tag: string) => {
    const host = document.querySelector(tag) as HTMLElement | null;
    const dialog = host?.shadowRoot?.querySelector('dialog') ?? null;
    const open = !!dialog && dialog.open && dialog.getBoundingClientRect().height > 0;
    const active = (host?.shadowRoot?.activeElement as HTMLElement | null) ?? null;
    const box = dialog?.getBoundingClientRect();
    return {
      open,
      entity: open ? (host?.dataset.entity ?? null) : null,
      focusInside: open && document.activeElement === host && active !== null,
      focused: active ? (active.textContent ?? '').trim().slice(0, 60) || active.localName : null,
      text: open ? (dialog?.textContent ?? '') : '',
      links: open
        ? [...(dialog?.querySelectorAll('a') ?? [])].map((a) => ({ href: a.href, target: a.target, rel: a.rel }))
        : [],
      rect: { width: box?.width ?? 0, height: box?.height ?? 0, left: box?.left ?? 0, top: box?.top ?? 0 },
    };
  }, PANEL_TAG);
}

export const panelIsOpen = (page: Page, entity?: string) =>
  page.waitForFunction(
    (tag: string, id: string | null) => {
      const host = document.querySelector(tag) as HTMLElement | null;
      const dialog = host?.shadowRoot?.querySelector('dialog');
      return !!dialog?.open && (id === null || host?.dataset.entity === id);
    },
    POLL,
    PANEL_TAG,
    entity ?? null,
  );

export const panelIsClosed = (page: Page) =>
  page.waitForFunction(
    (tag: string) => !document.querySelector(tag)?.shadowRoot?.querySelector('dialog')?.open,
    POLL,
    PANEL_TAG,
  );

/** The open card and the paragraph of the mark `selector`, padded: what a README screenshot shows. */
export function cardClip(page: Page, selector: string) {
  return page.evaluate(
    (cardSelector: string, sel: string) => {
      const box = document.querySelector(cardSelector)!.getBoundingClientRect();
      const paragraph = document.querySelector(sel)!.closest('p')!.getBoundingClientRect();
      const pad = 20;
      const left = Math.max(0, Math.min(box.left, paragraph.left) - pad);
      const top = Math.max(0, Math.min(box.top, paragraph.top) - pad);
      const right = Math.min(innerWidth, Math.max(box.right, paragraph.right) + pad);
      const bottom = Math.min(innerHeight, Math.max(box.bottom, paragraph.bottom) + pad);
      return { x: left + scrollX, y: top + scrollY, width: right - left, height: bottom - top };
    },
    CARD,
    selector,
  );
}
