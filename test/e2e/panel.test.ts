/**
 * The full background, as a reader reaches it: every fact of every entity of the seed article is on screen in its
 * panel, on the right side of the article's date; sources are links that open safely; the entity's mentions in
 * the article lead to each mention; and on a phone (412 px, touch) the panel fills the screen and works by taps.
 */
import { lastDay } from '../../src/core/knowledge/dates';
import { expect, it } from 'vitest';
import { editorial, entityName, expectedMentions, SEED_SHEET_ID } from '../helpers/editorial';
import { MOBILE_VIEWPORT, PLACEHOLDER_ARTICLE_URL } from './harness/paths';
import { cardIsOpen, panelIsClosed, panelIsOpen, panelState, PANEL_TAG, pointOn } from './support/card';
import { MARK, waitForMarkingSettled } from './support/marks';
import { browserSuite } from './support/suite';

const SEED_DATE = '2014-12-12';
const mentions = expectedMentions(SEED_SHEET_ID);
const reviewed = editorial.meta.reviewed;

/** The facts of the panel's two sections, as shown. */
const panelFacts = (page: import('puppeteer-core').Page) =>
  page.evaluate((tag: string) => {
    const root = document.querySelector(tag)!.shadowRoot!;
    return [...root.querySelectorAll('.section')]
      .filter((s) => s.querySelector('.facts'))
      .map((s) => ({
        heading: s.querySelector('h3')?.textContent ?? '',
        // Facts only: the posts taken up or left since (li.post) come from the roles.
        facts: [...s.querySelectorAll('.facts > li:not(.post)')]
          .filter((li) => li.querySelector('.text'))
          .map((li) => ({
            date: li.querySelector('time')?.getAttribute('datetime') ?? '',
            text: li.querySelector('.text')?.textContent ?? '',
            caveat: li.querySelector('.caveat')?.textContent ?? null,
            sources: li.querySelectorAll('.sources a').length,
          })),
      }));
  }, PANEL_TAG);

browserSuite('The full background', (ctx) => {
  it('on the seed article, every fact of every entity is on screen, split at the article date, with its sources', async () => {
    const page = await ctx.openMarked(PLACEHOLDER_ARTICLE_URL, 'kh-current.html');
    let walked = 0;
    for (const id of Object.keys(mentions)) {
      const entity = editorial.entities.find((e) => e.id === id)!;
      await page.focus(`${MARK}[tabindex="0"][data-entity="${id}"]`);
      await cardIsOpen(page, id);
      await page.keyboard.press('Enter');
      await panelIsOpen(page, id);
      const [then, since] = await panelFacts(page);
      const shown = [...then.facts, ...(since?.facts ?? [])];
      // A partial date is "at the time" once all its days have passed.
      const wantThen = entity.facts.filter((f) => lastDay(f.date) <= SEED_DATE);
      const wantSince = entity.facts.filter((f) => lastDay(f.date) > SEED_DATE && lastDay(f.date) <= reviewed);
      expect(
        then.facts.map((f) => f.text),
        `${id}: at the time`,
      ).toEqual(wantThen.map((f) => f.text));
      expect(
        (since?.facts ?? []).map((f) => f.text),
        `${id}: since then`,
      ).toEqual(wantSince.map((f) => f.text));
      for (const [i, fact] of [...wantThen, ...wantSince].entries()) {
        expect(shown[i].date, `${id} fact ${i}`).toBe(fact.date);
        expect(shown[i].caveat, `${id} fact ${i} caveat`).toBe(fact.caveat ?? null);
        expect(shown[i].sources, `${id} fact ${i} sources`).toBe(fact.sources.length);
      }
      walked += shown.length;
      // Every link opens in a new tab without telling the page where the reader came from.
      for (const link of (await panelState(page)).links) {
        expect(link, id).toMatchObject({ target: '_blank', rel: 'noopener noreferrer' });
        expect(link.href).toMatch(/^https?:\/\//);
      }
      await page.keyboard.press('Escape');
      await panelIsClosed(page);
    }
    const total = Object.keys(mentions)
      .map((id) => editorial.entities.find((e) => e.id === id)!.facts.filter((f) => lastDay(f.date) <= reviewed).length)
      .reduce((a, b) => a + b, 0);
    console.log(`[e2e] ${ctx.browserName}: walked ${walked} facts of ${Object.keys(mentions).length} entities`);
    expect(walked).toBe(total);
    expect(ctx.session.problemsOf(page)).toEqual([]);
  }, 120_000);

  it("lists the entity's mentions in the article; choosing one takes the reader there", async () => {
    const page = await ctx.openMarked(PLACEHOLDER_ARTICLE_URL, 'kh-current.html');
    await page.focus(`${MARK}[tabindex="0"][data-entity="sung-kim"]`);
    await page.keyboard.press('Enter');
    await panelIsOpen(page, 'sung-kim');
    const listed = await page.evaluate((tag: string) => {
      const root = document.querySelector(tag)!.shadowRoot!;
      return [...root.querySelectorAll('.mention')].map((b) => ({
        text: b.querySelector('b')?.textContent ?? '',
        current: b.getAttribute('aria-current') === 'true',
      }));
    }, PANEL_TAG);
    expect(listed.map((m) => m.text)).toEqual(mentions['sung-kim']);
    expect(listed.map((m) => m.current)).toEqual(mentions['sung-kim'].map((_, i) => i === 0));
    // The last mention: the panel closes, the page scrolls to it, and it has focus. A real click: the panel ignores
    // the page's synthetic ones.
    const last = await page.evaluate((tag: string) => {
      const buttons = document.querySelector(tag)!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.mention');
      const button = buttons[buttons.length - 1];
      button.scrollIntoView({ block: 'center' });
      const box = button.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }, PANEL_TAG);
    await page.mouse.click(last.x, last.y);
    await panelIsClosed(page);
    const focused = await page.evaluate((tag: string) => {
      const marks = [...document.querySelectorAll(`${tag}[data-entity="sung-kim"]:not([data-continues])`)];
      const box = document.activeElement!.getBoundingClientRect();
      return { index: marks.indexOf(document.activeElement!), inView: box.top >= 0 && box.bottom <= innerHeight };
    }, MARK);
    expect(focused).toEqual({ index: mentions['sung-kim'].length - 1, inView: true });
  });

  it('on a phone (412 px, touch): a tap opens the card, a second tap the panel, which fills the screen and closes by tap', async () => {
    const page = await ctx.open(PLACEHOLDER_ARTICLE_URL, 'kh-current.html', { viewport: MOBILE_VIEWPORT });
    if (ctx.browserName === 'chromium') await page.setViewport({ ...MOBILE_VIEWPORT, hasTouch: true, isMobile: true });
    await waitForMarkingSettled(page);
    const mark = await pointOn(page, `${MARK}[tabindex="0"][data-entity="six-party-talks"]`);
    await page.touchscreen.tap(mark.x, mark.y);
    await cardIsOpen(page, 'six-party-talks', 2_000);
    const card = await page.evaluate(() => {
      const box = document.querySelector('backgrounder-card')!.getBoundingClientRect();
      return {
        left: box.left,
        right: box.right,
        top: box.top,
        bottom: box.bottom,
        width: innerWidth,
        height: innerHeight,
      };
    });
    expect(card.left).toBeGreaterThanOrEqual(0);
    expect(card.right).toBeLessThanOrEqual(card.width);
    expect(card.top).toBeGreaterThanOrEqual(0);
    expect(card.bottom).toBeLessThanOrEqual(card.height);

    await page.touchscreen.tap(mark.x, mark.y);
    await panelIsOpen(page, 'six-party-talks');
    const panel = await panelState(page);
    // The whole width the page has (the viewport less any scrollbar).
    expect(panel.rect.width).toBe(await page.evaluate(() => document.documentElement.clientWidth));
    expect(panel.rect.left).toBe(0);
    expect(panel.text).toContain(entityName('six-party-talks'));
    // The close button is a comfortable target, and a tap on it closes the panel.
    const close = await page.evaluate((tag: string) => {
      const box = document.querySelector(tag)!.shadowRoot!.querySelector('.close')!.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2, w: box.width, h: box.height };
    }, PANEL_TAG);
    expect(Math.min(close.w, close.h)).toBeGreaterThanOrEqual(44);
    await page.touchscreen.tap(close.x, close.y);
    await panelIsClosed(page);
    expect(ctx.session.problemsOf(page)).toEqual([]);
  });

  it('raised no console error or uncaught exception, and nothing but the fixtures was requested', () => {
    expect(ctx.session.problems().map((p) => `${p.type}: ${p.text} (at ${p.url}, page ${p.page})`)).toEqual([]);
    expect(ctx.session.violations().map((r) => `${r.method} ${r.url} (${r.action}, from ${r.from})`)).toEqual([]);
  });
});
