/** What the hostile-page tests read of the card, the panel and the marks (page functions: no closures). */
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { entityName } from '../../helpers/editorial';
import { CARD, cardIsOpen, PANEL_TAG, pointOffMarks } from './card';
import { MARK } from './marks';

export const TRANSPARENT = /^(transparent|rgba\(0, 0, 0, 0\))$/;

/** Centre of the first line box of the n-th mention mark, scrolled into view (`block`). */
export function pointOnMark(page: Page, index: number, block: ScrollLogicalPosition = 'center') {
  return page.evaluate(
    (tag: string, i: number, where: ScrollLogicalPosition) => {
      const mark = document.querySelectorAll(`${tag}:not([data-continues])`)[i];
      mark.scrollIntoView({ block: where, behavior: 'instant' });
      const box = mark.getClientRects()[0];
      if (!box) return null;
      return {
        x: box.left + box.width / 2,
        y: box.top + box.height / 2,
        entity: mark.getAttribute('data-entity') ?? '',
      };
    },
    MARK,
    index,
    block,
  );
}

/** Rests the pointer on the n-th mention until its card opens; returns the mark's entity. */
export async function hoverOpen(page: Page, index: number, block: ScrollLogicalPosition = 'center'): Promise<string> {
  const point = await pointOnMark(page, index, block);
  if (!point) throw new Error(`mention ${index} has no box: nothing to hover`);
  const away = await pointOffMarks(page);
  await page.mouse.move(away.x, away.y);
  await page.mouse.move(point.x, point.y);
  await cardIsOpen(page);
  return point.entity;
}

/**
 * What a reader sees of the card: where it is, whether it is on top (what `elementFromPoint` finds at its centre
 * and at points just inside its edges and corners), and the computed look of its shadow content.
 */
export function cardView(page: Page) {
  return page.evaluate((cardSelector: string) => {
    const host = document.querySelector(cardSelector) as HTMLElement;
    const r = host.getBoundingClientRect();
    const inset = 12;
    const xs = [r.left + inset, r.left + r.width / 2, r.right - inset];
    const ys = [r.top + inset, r.top + r.height / 2, r.bottom - inset];
    const misses: string[] = [];
    for (const x of xs) {
      for (const y of ys) {
        const hit = document.elementFromPoint(x, y);
        if (hit !== host)
          misses.push(
            `(${Math.round(x)},${Math.round(y)}): ${hit ? hit.localName + (hit.id ? `#${hit.id}` : '') : 'nothing'}`,
          );
      }
    }
    const box = host.shadowRoot?.querySelector('.card') as HTMLElement | null;
    const boxStyle = box ? getComputedStyle(box) : null;
    const hostStyle = getComputedStyle(host);
    const anchor = document.querySelector(`[aria-describedby="${host.id}"]`);
    const name = host.shadowRoot?.querySelector('.name');
    return {
      entity: anchor?.getAttribute('data-entity') ?? null,
      name: name?.textContent ?? '',
      popoverOpen: host.matches(':popover-open'),
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
      viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
      adoptedSheets: host.shadowRoot?.adoptedStyleSheets.length ?? 0,
      centreIsCard: document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === host,
      misses,
      host: {
        display: hostStyle.display,
        visibility: hostStyle.visibility,
        opacity: hostStyle.opacity,
        fontSize: hostStyle.fontSize,
      },
      card: boxStyle && {
        background: boxStyle.backgroundColor,
        borderRadius: boxStyle.borderTopLeftRadius,
        fontSize: boxStyle.fontSize,
        color: boxStyle.color,
        opacity: boxStyle.opacity,
      },
      nameFontSize: name ? getComputedStyle(name).fontSize : '',
    };
  }, CARD);
}
export type CardView = Awaited<ReturnType<typeof cardView>>;

/** Visible, inside the viewport, on top at every sampled point, opaque, styled by our sheet, readable. */
export function expectCardShownAndStyled(view: CardView, entity: string): void {
  expect(view.entity).toBe(entity);
  expect(view.name).toBe(entityName(entity));
  expect(view.popoverOpen).toBe(true);
  expect(view.host).toMatchObject({ display: 'block', visibility: 'visible', opacity: '1' });
  expect(view.rect.width).toBeGreaterThan(100);
  expect(view.rect.height).toBeGreaterThan(40);
  expect(view.rect.left).toBeGreaterThanOrEqual(0);
  expect(view.rect.top).toBeGreaterThanOrEqual(0);
  expect(view.rect.right).toBeLessThanOrEqual(view.viewport.width);
  expect(view.rect.bottom).toBeLessThanOrEqual(view.viewport.height);
  expect(view.centreIsCard).toBe(true);
  expect(view.misses).toEqual([]);
  // Our adopted stylesheet applied: an opaque background, the 8 px radius, 14 px text in a visible colour.
  expect(view.card).not.toBeNull();
  expect(view.card?.background).not.toMatch(TRANSPARENT);
  expect(view.card?.borderRadius).toBe('8px');
  expect(view.card?.fontSize).toBe('14px');
  expect(view.card?.color).not.toMatch(TRANSPARENT);
  expect(view.card?.opacity).toBe('1');
  expect(view.nameFontSize).toBe('16px');
}

/** The inherited properties a page could push into a view, as computed on each text element inside it. */
export function inheritedStyles(page: Page, hostSelector: string) {
  return page.evaluate((sel: string) => {
    const root = document.querySelector(sel)?.shadowRoot;
    const top = root?.querySelector('.view') as HTMLElement | null;
    const texts = [...(root?.querySelectorAll<HTMLElement>('.view, .view *') ?? [])].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== ''),
    );
    const pick = (el: HTMLElement) => {
      const s = getComputedStyle(el);
      return {
        textTransform: s.textTransform,
        letterSpacing: s.letterSpacing,
        wordSpacing: s.wordSpacing,
        fontStyle: s.fontStyle,
        fontVariant: s.fontVariantCaps,
        textShadow: s.textShadow,
        textIndent: s.textIndent,
        whiteSpace: s.whiteSpace,
        direction: s.direction,
        writingMode: s.writingMode,
        fontFamilyHasComic: /comic/i.test(s.fontFamily),
      };
    };
    const box = top?.getBoundingClientRect();
    return {
      top: top
        ? {
            ...pick(top),
            fontSize: getComputedStyle(top).fontSize,
            lineHeight: getComputedStyle(top).lineHeight,
            color: getComputedStyle(top).color,
          }
        : null,
      width: box?.width ?? 0,
      texts: texts.map((el) => ({
        what: `${el.localName}.${el.className}`,
        ...pick(el),
        fontSize: getComputedStyle(el).fontSize,
      })),
    };
  }, hostSelector);
}

export { CARD, PANEL_TAG };
