/**
 * Settings apply to the open article at once, without a reload: kinds, first mentions, the card delay, glossary
 * mode, the per-site switch; and the toolbar badge counts the entities marked on each tab.
 */
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { editorial, expectedMentions, SEED_SHEET_ID } from '../helpers/editorial';
import { messageText, PLACEHOLDER_ARTICLE_URL } from './harness/paths';
import { cardIsOpen, openCard, pointOffMarks, pointOn } from './support/card';
import { annotateCount, MARK, markCensus, readThrough, remarked } from './support/marks';
import { EXPECT_POLL, POLL } from './support/poll';
import { browserSuite } from './support/suite';

const marked = Object.keys(expectedMentions(SEED_SHEET_ID));
const kindOf = (id: string) => editorial.entities.find((e) => e.id === id)?.kind;
const GLOSSARY_URL = 'https://www.koreaherald.com/article/0000000001';

browserSuite('Settings', (ctx) => {
  /** The article, a same-document witness, and the options page (opened as an extension page). */
  const articleAndOptions = async (url = PLACEHOLDER_ARTICLE_URL, fixture = 'kh-current.html') => {
    const page = await ctx.openMarked(url, fixture);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const options = ctx.track(await ctx.session.openExtensionPage('options/options.html'));
    await options.waitForFunction(() => document.body.dataset.ready === 'true', POLL);
    const sameDocument = () =>
      page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
    return { page, options, sameDocument };
  };
  const applied = async (page: Page, passes: number) => {
    await page.bringToFront();
    await remarked(page, passes);
  };

  it('options page: unticking a kind unmarks it on the open article at once (and the badge follows)', async () => {
    const { page, options, sameDocument } = await articleAndOptions();
    const persons = marked.filter((id) => kindOf(id) === 'person');
    expect(persons.length).toBeGreaterThan(0);
    const before = await markCensus(page);
    for (const id of persons) expect(before.mentions[id], id).toBeGreaterThan(0);

    const passes = await annotateCount(page);
    await options.click('#kinds input[value="person"]');
    expect(await options.$eval('#kinds input[value="person"]', (b) => (b as HTMLInputElement).checked)).toBe(false);
    await applied(page, passes);
    const after = await markCensus(page);
    for (const id of persons) expect(after.mentions[id], id).toBeUndefined();
    const others = Object.fromEntries(Object.entries(before.mentions).filter(([id]) => !persons.includes(id)));
    expect(after.mentions).toEqual(others);
    expect(await sameDocument()).toBe(true);

    const tabId = await ctx.session.tabIdOf(page);
    await expect.poll(() => ctx.badgeText(tabId), EXPECT_POLL).toBe(String(Object.keys(others).length));
    expect(ctx.session.problemsOf(page)).toEqual([]);
    expect(ctx.session.problemsOf(options)).toEqual([]);
  });

  it("options page: 'first mentions' leaves exactly one mention mark per entity at once", async () => {
    const { page, options, sameDocument } = await articleAndOptions();
    expect(Object.values((await markCensus(page)).mentions).some((n) => n > 1)).toBe(true);
    const passes = await annotateCount(page);
    await options.click('input[name="mentions"][value="first"]');
    await applied(page, passes);
    const census = await markCensus(page);
    expect(census.mentions).toEqual(Object.fromEntries(marked.map((id) => [id, 1])));
    expect(census.tabStops).toEqual(census.mentions);
    expect(await sameDocument()).toBe(true);
    expect(ctx.session.problemsOf(page)).toEqual([]);
  });

  it('options page: glossary mode marks all mentions, or none, on an article without a curated sheet', async () => {
    // The seed article's text on another date: no curated sheet, and names it mentions more than once.
    const { page, options, sameDocument } = await articleAndOptions(GLOSSARY_URL, 'kh-same-headline-other-date.html');
    const first = await markCensus(page);
    expect(Object.values(first.mentions).every((n) => n === 1)).toBe(true);

    let passes = await annotateCount(page);
    await options.click('input[name="glossary"][value="all"]');
    await applied(page, passes);
    await readThrough(page);
    const all = await markCensus(page);
    expect(Object.keys(all.mentions).sort()).toEqual(Object.keys(first.mentions).sort());
    expect(Object.values(all.mentions).some((n) => n > 1)).toBe(true);

    await options.bringToFront();
    passes = await annotateCount(page);
    await options.click('input[name="glossary"][value="off"]');
    await page.bringToFront();
    await page.waitForFunction((tag: string) => document.querySelector(tag) === null, POLL, MARK);
    const popup = await ctx.popupFor(page);
    expect(await popup.$eval('#status', (el) => el.textContent)).toBe(messageText('statusGlossaryOff'));
    expect(await annotateCount(page)).toBe(passes);
    expect(await sameDocument()).toBe(true);
    expect(ctx.session.problemsOf(page)).toEqual([]);
  });

  it('options page: the card delay applies to the next hover at once', async () => {
    const { page, options, sameDocument } = await articleAndOptions();
    const DELAY = 1200;
    const passes = await annotateCount(page);
    await options.focus('#delay');
    await options.keyboard.press('End');
    for (let i = 0; i < 6; i++) await options.keyboard.press('Backspace');
    await options.keyboard.type(String(DELAY));
    await options.keyboard.press('Tab'); // `change` fires when the field loses focus
    await expect.poll(async () => (await ctx.storedSettings())?.cardDelayMs, EXPECT_POLL).toBe(DELAY);
    await applied(page, passes);

    const mark = await pointOn(page, `${MARK}[tabindex="0"]`);
    const away = await pointOffMarks(page);
    await page.mouse.move(away.x, away.y);
    const started = Date.now();
    await page.mouse.move(mark.x, mark.y);
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_SETTINGS.cardDelayMs + 250));
    expect(await openCard(page), 'not open after the default delay').toBeNull();
    await cardIsOpen(page, mark.entity, 5_000);
    const waited = Date.now() - started;
    console.log(`[e2e] ${ctx.browserName}: card delay set to ${DELAY} ms, opened after ${waited} ms`);
    expect(waited).toBeGreaterThanOrEqual(DELAY - 50);
    expect(waited).toBeLessThan(DELAY + 1_500);
    expect(await sameDocument()).toBe(true);
    expect(ctx.session.problemsOf(page)).toEqual([]);
  });

  it('popup: the per-site switch removes every mark at once and brings them back', async () => {
    const page = await ctx.openMarked(PLACEHOLDER_ARTICLE_URL, 'kh-current.html');
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await readThrough(page);
    const before = await markCensus(page);
    const popup = await ctx.popupFor(page);
    expect(await popup.$eval('#site-switch', (el) => (el as HTMLElement).hidden)).toBe(false);
    expect(await popup.$eval('#site-enabled', (el) => (el as HTMLInputElement).checked)).toBe(true);

    await popup.click('#site-enabled');
    await page.waitForFunction((tag: string) => document.querySelector(tag) === null, POLL, MARK);
    await popup.waitForFunction(
      (text: string) => document.getElementById('status')?.textContent === text,
      POLL,
      messageText('statusDisabled'),
    );
    expect((await ctx.storedSettings())?.disabledHosts).toEqual(['www.koreaherald.com']);

    const passes = await annotateCount(page);
    await popup.click('#site-enabled');
    await page.bringToFront();
    await remarked(page, passes);
    await readThrough(page);
    expect(await markCensus(page)).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(ctx.session.problemsOf(page)).toEqual([]);
    expect(ctx.session.problemsOf(popup)).toEqual([]);
  });

  it('badge: the number of distinct entities marked on the article tab; empty on the home page tab', async () => {
    const page = await ctx.openMarked(PLACEHOLDER_ARTICLE_URL, 'kh-current.html');
    const distinct = Object.keys((await markCensus(page)).mentions).length;
    expect(distinct).toBe(marked.length);
    const tabId = await ctx.session.tabIdOf(page);
    await expect.poll(() => ctx.badgeText(tabId), EXPECT_POLL).toBe(String(distinct));

    const home = await ctx.open('https://www.koreaherald.com/', 'kh-home.html');
    const homeTab = await ctx.session.tabIdOf(home);
    expect(homeTab).not.toBe(tabId);
    expect(await ctx.badgeText(homeTab)).toBe('');
    // The article tab keeps its own count.
    expect(await ctx.badgeText(tabId)).toBe(String(distinct));
  });

  it('raised no console error or uncaught exception, and nothing but the fixtures was requested', () => {
    expect(ctx.session.problems().map((p) => `${p.type}: ${p.text} (at ${p.url}, page ${p.page})`)).toEqual([]);
    expect(ctx.session.violations().map((r) => `${r.method} ${r.url} (${r.action}, from ${r.from})`)).toEqual([]);
  });
});
