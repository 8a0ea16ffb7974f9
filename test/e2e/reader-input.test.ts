/**
 * Keyboard, pointer and touch: every entity one Tab stop; the card opens on focus, after a dwell on hover, or on a
 * tap, and never takes focus (WCAG 1.4.13: hoverable, persistent, dismissible); Enter, a click or a second tap
 * opens the full background, which keeps Tab inside and gives focus back to the mark on Escape.
 */
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { CARD_ID, LEAVE_GRACE_MS } from '../../src/content/constants';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { entityName, expectedMentions, SEED_SHEET_ID } from '../helpers/editorial';
import { fixtureHtml, PLACEHOLDER_ARTICLE_URL, VIEWPORT } from './harness/paths';
import {
  CARD,
  cardFocusState,
  cardIsClosed,
  cardIsOpen,
  openCard,
  panelIsClosed,
  panelIsOpen,
  panelState,
  pointOffMarks,
  pointOn,
} from './support/card';
import { markCensus, MARK, waitForMarkingSettled } from './support/marks';
import { browserSuite } from './support/suite';

const marked = Object.keys(expectedMentions(SEED_SHEET_ID));

const active = (page: Page) =>
  page.evaluate(() => ({
    tag: document.activeElement?.localName ?? null,
    entity: document.activeElement?.getAttribute('data-entity') ?? null,
    describedBy: document.activeElement?.getAttribute('aria-describedby') ?? null,
    tabindex: document.activeElement?.getAttribute('tabindex') ?? null,
  }));

/** Focuses the last focusable element before the first tab-stop mark, so Tab is what reaches it. */
const focusBeforeFirstMark = (page: Page) =>
  page.evaluate((tag: string) => {
    const marks = [...document.querySelectorAll<HTMLElement>(`${tag}[tabindex="0"]`)];
    const before = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
      .filter(
        (el) =>
          el.tabIndex >= 0 &&
          el.getClientRects().length > 0 &&
          el.compareDocumentPosition(marks[0]) & Node.DOCUMENT_POSITION_FOLLOWING,
      )
      .pop();
    before?.focus();
    return marks.map((m) => m.getAttribute('data-entity') ?? '');
  }, MARK);

browserSuite('Keyboard, pointer and touch', (ctx) => {
  const openArticle = (fixture: string | { html: string } = 'kh-current.html') =>
    ctx.openMarked(PLACEHOLDER_ARTICLE_URL, fixture);

  it('keyboard: every entity is one Tab stop; Tab opens its compact card, Escape closes it; the card never takes focus', async () => {
    const page = await openArticle();
    const census = await markCensus(page);
    const popup = await ctx.popupFor(page);
    const listed = await popup.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#entities button.entity[data-entity]')].map((b) => b.dataset.entity),
    );
    // Reachable: each marked entity is exactly one tab stop, and listed in the popup.
    for (const id of marked) expect(census.tabStops[id] ?? 0, `${id}: tab stops`).toBe(1);
    expect(listed.sort()).toEqual(Object.keys(census.mentions).sort());
    expect(census.allTabStops).toBe(Object.values(census.tabStops).reduce((a, b) => a + b, 0));

    // Witness: no focus event ever lands in the card.
    await page.bringToFront();
    await page.evaluate((cardTag: string) => {
      const w = window as unknown as { __focusInCard: number };
      w.__focusInCard = 0;
      document.addEventListener(
        'focusin',
        (e) => {
          if (e.composedPath().some((n) => (n as Element).localName === cardTag)) w.__focusInCard++;
        },
        true,
      );
    }, CARD_ID);

    const order = await focusBeforeFirstMark(page);
    expect(order.length).toBe(census.allTabStops);
    for (const [i, entity] of order.entries()) {
      await page.keyboard.press('Tab');
      await cardIsOpen(page, entity, 2_000);
      expect(await active(page), `Tab stop ${i}`).toEqual({ tag: MARK, entity, describedBy: CARD_ID, tabindex: '0' });
      const card = await openCard(page);
      expect(card?.name).toBe(entityName(entity));
      expect(card?.anchors).toBe(1);
      expect(await cardFocusState(page)).toEqual({
        focusable: [],
        hostTabIndex: -1,
        hostHasTabindexAttr: false,
        activeInCard: false,
        shadowActive: null,
      });
      // Read at a glance: the card fits without scrolling, inside the viewport.
      const fit = await page.evaluate((sel: string) => {
        const el = document.querySelector(sel)!.shadowRoot!.querySelector('.card') as HTMLElement;
        const box = el.getBoundingClientRect();
        return { scrolls: el.scrollHeight > el.clientHeight + 1, inside: box.top >= 0 && box.bottom <= innerHeight };
      }, CARD);
      expect(fit, `card of ${entity}`).toEqual({ scrolls: false, inside: true });

      await page.keyboard.press('Escape');
      await cardIsClosed(page, 2_000);
      // Escape closes the card, not the reader's place: focus stays on the mark.
      expect(await active(page), `after Escape on stop ${i}`).toEqual({
        tag: MARK,
        entity,
        describedBy: null,
        tabindex: '0',
      });
    }
    expect(await page.evaluate(() => (window as unknown as { __focusInCard: number }).__focusInCard)).toBe(0);
    expect(ctx.session.problemsOf(page)).toEqual([]);
  }, 60_000);

  it('keyboard: Enter opens the full background; Tab stays inside it; Escape closes it and focus returns to the mark', async () => {
    const page = await openArticle();
    await page.bringToFront();
    const order = await focusBeforeFirstMark(page);
    await page.keyboard.press('Tab');
    await cardIsOpen(page, order[0], 2_000);
    await page.keyboard.press('Enter');
    await panelIsOpen(page, order[0]);
    await cardIsClosed(page, 2_000);
    const opened = await panelState(page);
    expect(opened.focusInside).toBe(true);
    expect(opened.focused).toBe(entityName(order[0]));

    // Tab and Shift+Tab cycle inside the panel: never back to the page.
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const state = await panelState(page);
      expect(state.focusInside, `Tab ${i} stays in the panel`).toBe(true);
      seen.add(state.focused ?? '');
    }
    expect(seen.size).toBeGreaterThan(3);
    await page.keyboard.down('Shift');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect((await panelState(page)).focusInside, `Shift+Tab ${i} stays in the panel`).toBe(true);
    }
    await page.keyboard.up('Shift');

    await page.keyboard.press('Escape');
    await panelIsClosed(page);
    expect(await active(page)).toMatchObject({ tag: MARK, entity: order[0] });
    expect(ctx.session.problemsOf(page)).toEqual([]);
  });

  it('pointer: a click opens the full background; a drag that selects text does not', async () => {
    const page = await openArticle();
    const later = await page.evaluate((tag: string) => {
      const mark = document.querySelectorAll(`${tag}[data-entity="six-party-talks"]:not([data-continues])`)[1];
      mark.setAttribute('data-e2e-target', '');
      return mark.textContent ?? '';
    }, MARK);
    const at = await pointOn(page, '[data-e2e-target]');
    const box = await page.evaluate(() => {
      const r = document.querySelector('[data-e2e-target]')!.getBoundingClientRect();
      return { left: r.left, right: r.right, y: r.top + r.height / 2 };
    });
    // Drag across the mark: the words are selected and no panel opens.
    await page.mouse.move(box.left + 1, box.y);
    await page.mouse.down();
    await page.mouse.move(box.right - 1, box.y, { steps: 8 });
    await page.mouse.up();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await page.evaluate(() => getSelection()?.toString() ?? '')).length).toBeGreaterThan(later.length / 2);
    expect((await panelState(page)).open).toBe(false);

    await page.evaluate(() => getSelection()?.removeAllRanges());
    await page.mouse.click(at.x, at.y);
    await panelIsOpen(page, 'six-party-talks');
    await page.keyboard.press('Escape');
    await panelIsClosed(page);
    // Focus went back to the mark it was opened from, although that mention is no tab stop.
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-e2e-target'))).toBe(true);
    expect(ctx.session.problemsOf(page)).toEqual([]);
  });

  it('hover (WCAG 1.4.13): opens after the dwell; hoverable, persistent, dismissible; closes after leaving both', async () => {
    const page = await openArticle();
    const selector = `${MARK}[tabindex="0"]`;
    const mark = await pointOn(page, selector);
    const away = await pointOffMarks(page);
    await page.mouse.move(away.x, away.y);

    let started = Date.now();
    await page.mouse.move(mark.x, mark.y);
    await cardIsOpen(page, mark.entity);
    const dwell = Date.now() - started;
    expect(dwell).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.cardDelayMs - 50);

    // Hoverable: the pointer travels from the mark onto the card (crossing the gap) and the card stays.
    const card = await openCard(page);
    if (!card) throw new Error('card not open');
    const below = card.rect.top >= mark.y;
    const onCard = {
      x: Math.min(Math.max(mark.x, card.rect.left + 16), card.rect.right - 16),
      y: below ? card.rect.top + 16 : card.rect.bottom - 16,
    };
    await page.evaluate((cardSelector: string) => {
      const w = window as unknown as { __cardHidden: number };
      w.__cardHidden = 0;
      const host = document.querySelector(cardSelector) as HTMLElement;
      new MutationObserver(() => {
        if (getComputedStyle(host).display === 'none') w.__cardHidden++;
      }).observe(host, { attributes: true });
    }, CARD);
    const hiddenCount = () => page.evaluate(() => (window as unknown as { __cardHidden: number }).__cardHidden);
    await page.mouse.move(onCard.x, onCard.y, { steps: 6 });
    const hit = await page.evaluate(
      (x: number, y: number) => document.elementFromPoint(x, y)?.localName ?? null,
      onCard.x,
      onCard.y,
    );
    expect(hit, 'the pointer is over the card').toBe(CARD_ID);

    // Persistent: open for 2 s while hovered (sampled), never hidden even for a moment.
    const until = Date.now() + 2_000;
    while (Date.now() < until) {
      expect((await openCard(page))?.entity).toBe(mark.entity);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await hiddenCount()).toBe(0);

    // Dismissible: Escape closes it without moving the pointer, and it stays closed.
    await page.keyboard.press('Escape');
    await cardIsClosed(page, 1_000);
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_SETTINGS.cardDelayMs + 300));
    expect(await openCard(page), 'still closed after Escape, pointer unmoved').toBeNull();

    // Leaving both mark and card closes it after the grace period, not at once.
    const again = await pointOn(page, selector);
    await page.mouse.move(away.x, away.y);
    await page.mouse.move(again.x, again.y);
    await cardIsOpen(page, again.entity);
    const reopened = await openCard(page);
    if (!reopened) throw new Error('card not reopened');
    await page.mouse.move(
      Math.min(Math.max(again.x, reopened.rect.left + 16), reopened.rect.right - 16),
      reopened.rect.top >= again.y ? reopened.rect.top + 16 : reopened.rect.bottom - 16,
      { steps: 6 },
    );
    await new Promise((resolve) => setTimeout(resolve, LEAVE_GRACE_MS + 100));
    expect((await openCard(page))?.entity, 'still open on the card').toBe(again.entity);
    started = Date.now();
    await page.mouse.move(away.x, away.y);
    const stillOpenAfterLeave = (await openCard(page)) !== null;
    await cardIsClosed(page, 3_000);
    const closedAfter = Date.now() - started;
    expect(stillOpenAfterLeave, 'not closed the instant the pointer leaves').toBe(true);
    expect(closedAfter).toBeGreaterThanOrEqual(LEAVE_GRACE_MS - 50);
    console.log(`[e2e] ${ctx.browserName}: hover dwell ${dwell} ms, closed ${closedAfter} ms after leaving`);
    expect(ctx.session.problemsOf(page)).toEqual([]);
  }, 30_000);

  it('touch: a tap opens the card, a second tap the full background, a tap elsewhere closes, a link navigates at once', async () => {
    // The article with a link in its body, around a phrase that would otherwise be a mention (links are never marked).
    const BODY_LINK = 'https://www.koreaherald.com/tag/six-party-talks';
    const PAGE_LINK = 'https://www.koreaherald.com/tag/North-Korea';
    const html = fixtureHtml('kh-current.html').replace(
      'known as the six-party talks,',
      'known as the <a href="/tag/six-party-talks">six-party talks</a>,',
    );
    expect(html).toContain('<a href="/tag/six-party-talks">');
    for (const target of [BODY_LINK, PAGE_LINK]) {
      // Serve the link targets (openArticle registers the route); their tabs are not needed.
      const tab = await ctx.session.openArticle(target, {
        html: `<!doctype html><title>Tag</title><h1>${target}</h1>`,
      });
      await tab.close();
    }

    const touchPage = async () => {
      const page = await openArticle({ html });
      if (ctx.browserName === 'chromium') {
        // Touch input (a viewport change that reloads the page), then wait for the marks again.
        await page.setViewport({ ...VIEWPORT, hasTouch: true });
        await waitForMarkingSettled(page);
      }
      // Witness: the pointer type of every pointerdown (proves the taps are touches, in Firefox over BiDi too).
      await page.evaluate(() => {
        const w = window as unknown as { __pointerTypes: string[] };
        w.__pointerTypes = [];
        document.addEventListener('pointerdown', (e) => w.__pointerTypes.push(e.pointerType), true);
      });
      return page;
    };
    const page = await touchPage();
    const tap = (p: { x: number; y: number }) => page.touchscreen.tap(p.x, p.y);

    // A tab-stop mark (a tap also focuses it): opens and stays open, with the touch hint.
    const first = await pointOn(page, `${MARK}[tabindex="0"]`);
    await tap(first);
    await cardIsOpen(page, first.entity, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const card = await openCard(page);
    expect(card?.entity, 'the tap that opened the card did not also close it').toBe(first.entity);
    expect(card?.text).toMatch(/Tap again/);

    // A later mention (not a tab stop) of another entity: the card switches to it; a second tap opens the panel.
    const laterSelector = await page.evaluate(
      (tag: string, firstEntity: string) => {
        const marks = [...document.querySelectorAll(`${tag}:not([data-continues]):not([tabindex])`)].filter(
          (m) => m.getAttribute('data-entity') !== firstEntity && !m.closest('a'),
        );
        marks[0].setAttribute('data-e2e-later', '');
        return `${tag}[data-e2e-later]`;
      },
      MARK,
      first.entity,
    );
    const later = await pointOn(page, laterSelector);
    await tap(later);
    await cardIsOpen(page, later.entity, 2_000);
    await tap(later);
    await panelIsOpen(page, later.entity);
    await page.keyboard.press('Escape');
    await panelIsClosed(page);
    await tap(await pointOn(page, laterSelector));
    await cardIsOpen(page, later.entity, 2_000);

    // A tap elsewhere closes it.
    await tap(await pointOffMarks(page));
    await cardIsClosed(page, 2_000);

    // With a card open, a tap on a link in the article body follows the link at once (the tap is not spent on
    // closing the card). Link text itself is never marked (links keep their own behaviour).
    expect(await page.$$eval(`a[href="/tag/six-party-talks"] ${MARK}`, (marks) => marks.length)).toBe(0);
    await tap(await pointOn(page, laterSelector));
    await cardIsOpen(page, later.entity, 2_000);
    const inBody = await pointOn(page, 'a[href="/tag/six-party-talks"]');
    expect(await page.evaluate(() => (window as unknown as { __pointerTypes: string[] }).__pointerTypes)).toEqual(
      Array(6).fill('touch'),
    );
    const navigated = page.waitForNavigation({ timeout: 5_000 });
    await tap(inBody);
    await navigated;
    expect(page.url()).toBe(BODY_LINK);
    expect(await page.evaluate(() => document.querySelector('h1')?.textContent)).toBe(BODY_LINK);

    // And a tap on an ordinary link of the page.
    const other = await touchPage();
    const link = await pointOn(other, 'a[href="/tag/North-Korea"]');
    const navigatedToo = other.waitForNavigation({ timeout: 5_000 });
    await other.touchscreen.tap(link.x, link.y);
    await navigatedToo;
    expect(other.url()).toBe(PAGE_LINK);
    expect(ctx.session.problemsOf(page)).toEqual([]);
    expect(ctx.session.problemsOf(other)).toEqual([]);
  }, 30_000);

  it('raised no console error or uncaught exception, and nothing but the fixtures was requested', () => {
    expect(ctx.session.problems().map((p) => `${p.type}: ${p.text} (at ${p.url}, page ${p.page})`)).toEqual([]);
    expect(ctx.session.violations().map((r) => `${r.method} ${r.url} (${r.action}, from ${r.from})`)).toEqual([]);
  });
});
