/**
 * Glossary mode and dated cards in the real browsers: every stored article (test/fixtures/articles/) rebuilt in one
 * of the two layouts (alternating), marked exactly as in jsdom and as the editor expected (nothing wrong); the same
 * Sung Kim paragraph on pages of 2013, 2015, 2017 and 2022 says what he was on each date; and the 2016 sanctions
 * resolution's card before and after its adoption.
 */
import { JSDOM } from 'jsdom';
import { formatDate } from '../../src/core/format-date';
import { lastDay } from '../../src/core/knowledge/dates';
import { expect, it } from 'vitest';
import { articleFixtures, GLOSSARY_DEMO_ARTICLE, loadArticleFixture } from '../helpers/article-fixtures';
import { recall, score, scoreTable, type Score } from '../helpers/glossary-score';
import { buildArticlePage, type BuiltLayout } from '../helpers/page-builder';
import { annotateDoc, markedMentions as markedInJsdom } from '../helpers/pipeline';
import { sheetArticle } from '../helpers/sheet-pages';
import { editorial } from '../helpers/editorial';
import { messageText, screenshotPath } from './harness/paths';
import { CARD, cardClip, cardIsOpen, cardSettled, openCard, panelIsOpen, panelState, pointOn } from './support/card';
import { MARK, markedMentions, readThrough } from './support/marks';
import { browserSuite } from './support/suite';

const fixtures = articleFixtures();
const layoutOf = (i: number): BuiltLayout => (i % 2 === 0 ? 'current-2024' : 'view-con-2017');
const GROUP_SIZE = 6;
const GROUPS = Array.from({ length: Math.ceil(fixtures.length / GROUP_SIZE) }, (_, k) =>
  fixtures
    .slice(k * GROUP_SIZE, (k + 1) * GROUP_SIZE)
    .map((fixture, j) => ({ fixture, layout: layoutOf(k * GROUP_SIZE + j) })),
);
/** The same paragraph on a page of each date: Sung Kim's role line must follow the date. */
const DATED = [
  ['2013-06-03', 'US Ambassador to South Korea (since 3 Nov 2011)'],
  ['2015-06-03', 'US Special Representative for North Korea Policy (since Nov 2014)'],
  ['2017-06-02', 'US Ambassador to the Philippines (since 3 Nov 2016)'],
  ['2022-03-02', 'US Special Representative for North Korea (since 21 May 2021)'],
  ['2023-06-02', 'US Special Representative for North Korea (since 21 May 2021)'],
] as const;
/** The same card ten years apart, for the README. */
const SCREENSHOT_DATES: readonly string[] = ['2013-06-03', '2023-06-02'];
const datedPage = (date: string) => ({
  url: `https://www.koreaherald.com/view.php?ud=${date.replace(/-/g, '')}000101`,
  html: buildArticlePage(
    {
      headline: `Envoys meet on North Korea (${date})`,
      published: `${date}T10:00`,
      byline: 'By Yonhap',
      captions: [],
      paragraphs: [
        'Sung Kim met South Korean officials in Seoul on Friday to discuss North Korea, officials said.',
        'The talks covered ways to resume dialogue with Pyongyang and the situation on the Korean Peninsula, they said, without giving details of what was agreed.',
      ],
      url: `https://www.koreaherald.com/view.php?ud=${date.replace(/-/g, '')}000101`,
    },
    'current-2024',
  ),
});

browserSuite('Glossary mode and dated cards', (ctx) => {
  // In groups, each test well under a minute: a test running longer than vitest's worker RPC timeout (60 s) ends
  // the run with an unhandled "Timeout calling onTaskUpdate", whatever the test's own time limit.
  const scores: Score[] = [];
  let checked = 0;
  it.each(GROUPS.map((group) => [`${group[0].fixture.name} to ${group.at(-1)?.fixture.name}`, group] as const))(
    'stored articles %s: marked as in jsdom and as the editor expected, nothing wrong',
    async (_, group) => {
      for (const { fixture, layout } of group) {
        const url = fixture.url;
        const html = buildArticlePage(fixture, layout);
        const reference = annotateDoc(new JSDOM(html, { url }).window.document, url);
        const page = await ctx.openMarked(url, { html });
        await readThrough(page);
        const marked = await markedMentions(page);
        expect(marked, `${fixture.name} (${layout}): the same marks as in jsdom`).toEqual(
          Object.fromEntries(markedInJsdom(reference.body)),
        );
        if (reference.plan.mode === 'glossary') {
          const result = score(fixture, marked);
          expect(result.wrong, `${fixture.name}: wrong marks`).toEqual([]);
          scores.push(result);
        }
        expect(ctx.session.problemsOf(page), fixture.name).toEqual([]);
        await page.close();
        checked++;
      }
    },
    55_000,
  );

  it(`marks at least 90% of the expected names on the ${fixtures.length} stored articles`, () => {
    console.log(
      `[e2e glossary] ${ctx.browserName}: recall ${(recall(scores) * 100).toFixed(1)}%\n${scoreTable(scores)}`,
    );
    // Every article was checked (a group that failed stops early, and fails itself).
    expect(checked).toBe(fixtures.length);
    expect(recall(scores)).toBeGreaterThanOrEqual(0.9);
  });

  it.each(DATED)('a Sung Kim card on a page of %s says: %s', async (date, role) => {
    const { url, html } = datedPage(date);
    const page = await ctx.openMarked(url, { html });
    await page.focus(`${MARK}[data-entity="sung-kim"]`);
    await cardIsOpen(page, 'sung-kim');
    const roleLine = await page.evaluate(
      (sel: string) => document.querySelector(sel)?.shadowRoot?.querySelector('.role')?.textContent ?? '',
      CARD,
    );
    // The card names the date it speaks from on the line that carries the role.
    expect(roleLine).toBe(`On ${formatDate(date, 'en')}: ${role}`);
    if (ctx.browserName === 'chromium' && SCREENSHOT_DATES.includes(date)) {
      const selector = `${MARK}[data-entity="sung-kim"]`;
      await cardSettled(page);
      await page.screenshot({
        path: screenshotPath(`dated-card-${date.slice(0, 4)}.png`),
        clip: await cardClip(page, selector),
      });
    }
    // The full background splits his facts at this page's date.
    await page.keyboard.press('Enter');
    await panelIsOpen(page, 'sung-kim');
    const split = await page.evaluate(() => {
      const root = document.querySelector('backgrounder-panel')!.shadowRoot!;
      return [...root.querySelectorAll('.section')]
        .filter((s) => s.querySelector('.facts'))
        .map((s) => [...s.querySelectorAll('.facts li:not(.post) time')].map((t) => t.getAttribute('datetime') ?? ''));
    });
    expect(split[0].every((d) => lastDay(d) <= date)).toBe(true);
    expect((split[1] ?? []).every((d) => lastDay(d) > date)).toBe(true);
    expect(split[0].length + (split[1]?.length ?? 0)).toBe(
      editorial.entities.find((e) => e.id === 'sung-kim')!.facts.length,
    );
  });

  it('the sanctions resolution of March 2016: a card before its adoption and after', async () => {
    const cardOf = async (sheetId: string) => {
      const sheet = editorial.sheets.find((s) => s.id === sheetId)!;
      const [page] = sheetArticle(sheet).pages;
      const tab = await ctx.openMarked(page.url, { html: page.html });
      const first = `${MARK}[data-entity="unsc-resolution-2270"][tabindex="0"]`;
      await tab.focus(first);
      await cardIsOpen(tab, 'unsc-resolution-2270');
      const card = await openCard(tab);
      await tab.keyboard.press('Enter');
      await panelIsOpen(tab, 'unsc-resolution-2270');
      return { card, panel: await panelState(tab) };
    };
    const before = await cardOf('korea-herald-2016-02-28-china-to-follow-un-resolution');
    expect(before.card?.text).toMatch(/Still a draft here/);
    expect(before.card?.text).toMatch(/Since then\s*2 Mar 2016/);
    expect(before.panel.text).toContain("Nothing recorded up to the article's date.");
    const after = await cardOf('korea-herald-2016-03-03-seoul-welcomes-new-sanctions');
    expect(after.card?.text).not.toMatch(/Since then\s*2 Mar 2016/);
    expect(after.panel.text).not.toContain("Nothing recorded up to the article's date.");
    const adoption = editorial.entities.find((e) => e.id === 'unsc-resolution-2270')!.facts[0].text;
    // Adopted: "since then" on 28 Feb, "at the time" on 3 Mar.
    expect(before.panel.text.indexOf(adoption)).toBeGreaterThan(before.panel.text.indexOf('Since then'));
    expect(after.panel.text.indexOf(adoption)).toBeLessThan(after.panel.text.indexOf('Since then'));
  });

  it('a stored article with no sheet: the popup says so, the card is dated to the article (README screenshots)', async () => {
    const fixture = loadArticleFixture(GLOSSARY_DEMO_ARTICLE);
    const page = await ctx.openMarked(fixture.url, { html: buildArticlePage(fixture, 'current-2024') });
    const selector = `${MARK}[data-entity="sung-kim"][tabindex="0"]`;
    const mark = await pointOn(page, selector, 'start', -200);
    await page.mouse.move(mark.x, mark.y);
    await cardIsOpen(page, 'sung-kim');
    await cardSettled(page);
    const card = await openCard(page);
    // 20 September 2015: special representative then; what he did after is "since then".
    expect(card?.text).toContain('US Special Representative for North Korea Policy (since Nov 2014)');
    expect(card?.text).toMatch(/Since then/);
    if (ctx.browserName === 'chromium') {
      await page.screenshot({ path: screenshotPath('glossary-card.png'), clip: await cardClip(page, selector) });
    }
    const popup = ctx.track(await ctx.session.openPopup(await ctx.session.tabIdOf(page)));
    const status = await popup.$eval('#status', (el) => el.textContent ?? '');
    expect(status).toBe(messageText('statusGlossary'));
    if (ctx.browserName === 'chromium') await popup.screenshot({ path: screenshotPath('glossary-popup.png') });
  });

  it('raised no console error or uncaught exception, and nothing but the fixtures was requested', () => {
    expect(ctx.session.problems().map((p) => `${p.type}: ${p.text} (at ${p.url}, page ${p.page})`)).toEqual([]);
    expect(ctx.session.violations().map((r) => `${r.method} ${r.url} (${r.action}, from ${r.from})`)).toEqual([]);
  });
});
