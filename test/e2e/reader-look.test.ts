/**
 * What readers of every kind see: axe-core (every rule on) on the marked article with the card closed and open and
 * with the panel open, on the popup and the options page, light and dark; contrast of the card, the panel and the
 * popup; the focus ring; reduced motion; and the README screenshots (card, panel and popup, light and dark).
 *
 * Screenshots (Chromium): docs/screenshots/ with UPDATE_SCREENSHOTS=1, otherwise test/e2e/out/.
 */
import type { ElementContext } from 'axe-core';
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { CARD_ID, PANEL_TAG } from '../../src/content/constants';
import { PLACEHOLDER_ARTICLE_URL, screenshotPath, VIEWPORT } from './harness/paths';
import type { Session } from './harness/session';
import { axeViolations } from './support/axe';
import {
  CARD,
  cardIsClosed,
  cardClip,
  cardIsOpen,
  cardSettled,
  panelIsClosed,
  panelIsOpen,
  pointOffMarks,
  pointOn,
} from './support/card';
import { contrast, luminance, parseColour } from './support/contrast';
import { MARK } from './support/marks';
import { POLL } from './support/poll';
import { applyProfile, PROFILES, sessionFor, type ProfileName } from './support/profiles';
import { browserSuite, type SuiteContext } from './support/suite';

async function openArticle(ctx: SuiteContext, profile: ProfileName): Promise<{ s: Session; page: Page }> {
  const s = await sessionFor(ctx, profile);
  const page = await ctx.openMarked(PLACEHOLDER_ARTICLE_URL, 'kh-current.html', { session: s });
  await applyProfile(page, profile);
  return { s, page };
}

/** Every element with text of its own inside a shadow-root view, with its colour and the background behind it. */
function viewColours(page: Page, hostSelector: string) {
  return page.evaluate((sel: string) => {
    const root = document.querySelector(sel)!.shadowRoot!;
    return [...root.querySelectorAll<HTMLElement>('*')]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== ''))
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        let bgEl: HTMLElement | null = el;
        while (bgEl && /^(transparent|rgba\(0, 0, 0, 0\))$/.test(getComputedStyle(bgEl).backgroundColor)) {
          bgEl = bgEl.parentElement;
        }
        return {
          what: `${el.localName}.${el.className || '(no class)'} "${(el.textContent ?? '').trim().slice(0, 24)}"`,
          color: getComputedStyle(el).color,
          background: bgEl ? getComputedStyle(bgEl).backgroundColor : 'rgb(255, 255, 255)',
        };
      });
  }, hostSelector);
}

function lowContrast(colours: Awaited<ReturnType<typeof viewColours>>): string[] {
  return colours
    .map((t) => ({ ...t, ratio: contrast(t.color, t.background) }))
    .filter((t) => t.ratio < 4.5)
    .map((t) => `${t.what}: ${t.color} on ${t.background} = ${t.ratio}:1`);
}

browserSuite('Backgrounder as it looks', (ctx) => {
  it.each(['light', 'dark'] as const)(
    'axe-core finds nothing on the article (card closed, card open, panel open), the popup and the options page (%s)',
    async (profile) => {
      const { s, page } = await openArticle(ctx, profile);
      // The whole page: the fixture itself passes axe, so nothing needs restricting to our elements.
      expect(await axeViolations(page), 'article, card closed').toEqual([]);

      await page.focus(`${MARK}[tabindex="0"]`);
      await cardIsOpen(page);
      await cardSettled(page);
      expect(await axeViolations(page), 'article, card open').toEqual([]);
      expect(
        await axeViolations(page, {
          include: [[MARK], [`#${CARD_ID}`], ['#articleText']],
        } as unknown as ElementContext),
        'marks and card',
      ).toEqual([]);

      await page.keyboard.press('Enter');
      await panelIsOpen(page);
      expect(await axeViolations(page), 'article, panel open').toEqual([]);
      expect(await axeViolations(page, { include: [[PANEL_TAG]] } as unknown as ElementContext), 'panel').toEqual([]);
      await page.keyboard.press('Escape');
      await panelIsClosed(page);

      const popup = ctx.track(await s.openPopup(await s.tabIdOf(page)));
      await applyProfile(popup, profile);
      expect(await axeViolations(popup), 'popup').toEqual([]);
      const options = ctx.track(await s.openExtensionPage('options/options.html'));
      await options.waitForFunction(() => document.body.dataset.ready === 'true', POLL);
      await applyProfile(options, profile);
      expect(await axeViolations(options), 'options page').toEqual([]);

      // Both pages keep the text size they set on :root (Chromium's own extension-page style shrinks body to 75%).
      for (const p of [popup, options]) {
        const size = await p.evaluate(() => ({
          root: getComputedStyle(document.documentElement).fontSize,
          body: getComputedStyle(document.body).fontSize,
        }));
        expect(size.body, `body text size of ${p.url()}`).toBe(size.root);
      }
    },
    60_000,
  );

  it.each(['light', 'dark'] as const)(
    'theme (%s): card and panel text contrast ≥ 4.5, focus ring ≥ 3:1 against the page; screenshots',
    async (profile) => {
      const { s, page } = await openArticle(ctx, profile);
      // The mark at a quarter of the viewport: its card opens below it, whole, beside its paragraph.
      const selector = `${MARK}[tabindex="0"][data-entity="sung-kim"]`;
      const mark = await pointOn(page, selector, 'start', -VIEWPORT.height / 4);
      const away = await pointOffMarks(page);
      await page.mouse.move(away.x, away.y);
      await page.mouse.move(mark.x, mark.y);
      await cardIsOpen(page, mark.entity);
      await cardSettled(page);

      const card = await viewColours(page, CARD);
      expect(card.length).toBeGreaterThan(3);
      expect(lowContrast(card), `card text below 4.5:1 (${profile})`).toEqual([]);
      const cardBackground = card.find((t) => t.what.startsWith('p.name'))?.background ?? '';
      if (profile === 'dark') expect(luminance(parseColour(cardBackground))).toBeLessThan(0.05);

      if (ctx.browserName === 'chromium') {
        // Cropped to the card and the marked paragraph, for the README.
        const clip = await cardClip(page, selector);
        await page.screenshot({
          path: screenshotPath(profile === 'dark' ? 'card-dark.png' : 'card.png'),
          clip,
          captureBeyondViewport: false,
        });
      }

      // The panel: every text readable, in the same theme.
      await page.mouse.click(mark.x, mark.y);
      await panelIsOpen(page, mark.entity);
      const panel = await viewColours(page, PANEL_TAG);
      expect(panel.length).toBeGreaterThan(10);
      expect(lowContrast(panel), `panel text below 4.5:1 (${profile})`).toEqual([]);
      if (ctx.browserName === 'chromium') {
        await page.screenshot({
          path: screenshotPath(profile === 'dark' ? 'panel-dark.png' : 'panel.png'),
        });
      }
      await page.keyboard.press('Escape');
      await panelIsClosed(page);

      // The focus ring of a mark against the page behind it (the page keeps its own, light, colours in dark mode).
      await page.mouse.move(away.x, away.y);
      await cardIsClosed(page);
      await page.evaluate((sel: string) => {
        const target = document.querySelector(sel)!;
        // Focus the element before it, then Tab: keyboard focus, so :focus-visible applies.
        const before = [...document.querySelectorAll<HTMLElement>('a[href], button, [tabindex]')]
          .filter((el) => el.tabIndex >= 0 && el.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING)
          .pop();
        before?.focus();
      }, selector);
      await page.keyboard.press('Tab');
      await cardIsOpen(page, mark.entity);
      const ring = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        let bgEl: Element | null = el.parentElement;
        while (bgEl && /^(transparent|rgba\(0, 0, 0, 0\))$/.test(getComputedStyle(bgEl).backgroundColor)) {
          bgEl = bgEl.parentElement;
        }
        return {
          entity: el.getAttribute('data-entity'),
          focusVisible: el.matches(':focus-visible'),
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
          color: style.outlineColor,
          // No page background anywhere: the canvas, white for a page that declares no dark colour scheme.
          background: bgEl ? getComputedStyle(bgEl).backgroundColor : 'rgb(255, 255, 255)',
        };
      });
      expect(ring).toMatchObject({ entity: mark.entity, focusVisible: true, outline: 'solid 2px' });
      expect(
        contrast(ring.color, ring.background),
        `focus ring ${ring.color} on ${ring.background}`,
      ).toBeGreaterThanOrEqual(3);

      const popup = ctx.track(await s.openPopup(await s.tabIdOf(page)));
      await applyProfile(popup, profile);
      if (ctx.browserName === 'chromium') {
        await popup.screenshot({
          path: screenshotPath(profile === 'dark' ? 'popup-dark.png' : 'popup.png'),
        });
      }
      const popupColours = await popup.evaluate(() => ({
        color: getComputedStyle(document.body).color,
        background: getComputedStyle(document.body).backgroundColor,
      }));
      expect(contrast(popupColours.color, popupColours.background)).toBeGreaterThanOrEqual(4.5);
      if (profile === 'dark') expect(luminance(parseColour(popupColours.background))).toBeLessThan(0.05);
      expect(s.problemsOf(page)).toEqual([]);
      expect(s.problemsOf(popup)).toEqual([]);
    },
    60_000,
  );

  it.each(['light', 'dark'] as const)(
    'motion (%s profile): no card animation under prefers-reduced-motion: reduce, the entrance animation otherwise',
    async (profile) => {
      const { page } = await openArticle(ctx, profile);
      await page.focus(`${MARK}[tabindex="0"]`);
      await cardIsOpen(page);
      const animation = await page.evaluate(
        (cardSelector: string) =>
          getComputedStyle(document.querySelector(cardSelector)!.shadowRoot!.querySelector('.card')!).animationName,
        CARD,
      );
      expect(animation).toBe(PROFILES[profile].motion === 'reduce' ? 'none' : 'appear');
    },
  );

  it('raised no console error or uncaught exception, and nothing but the fixtures was requested', async () => {
    for (const s of [ctx.session, ...(ctx.browserName === 'firefox' ? [await sessionFor(ctx, 'dark')] : [])]) {
      expect(s.problems().map((p) => `${p.type}: ${p.text} (at ${p.url}, page ${p.page})`)).toEqual([]);
      expect(s.violations().map((r) => `${r.method} ${r.url} (${r.action}, from ${r.from})`)).toEqual([]);
    }
  });
});
