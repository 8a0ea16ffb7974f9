/**
 * The Korean interface: the popup, the card and the panel speak Korean where the extension speaks (headings,
 * labels, dates written the Korean way), while the knowledge base's English text stays marked as English.
 */
import { expect, it } from 'vitest';
import { FIREFOX_KO_LANGPACK } from './harness/browsers';
import { messagePattern, PLACEHOLDER_ARTICLE_URL, readMessages } from './harness/paths';
import { CARD, cardIsOpen, panelIsOpen, PANEL_TAG } from './support/card';
import { MARK } from './support/marks';
import { browserSuite } from './support/suite';

const EN = readMessages('en');
const KO = readMessages('ko');
/** A Korean date as Intl writes it: "2014년 12월 12일", "2014년 11월" or "2014년". */
const KOREAN_DATE = /\d{4}년( \d{1,2}월( \d{1,2}일)?)?/;

browserSuite('The Korean interface', (ctx) => {
  const koreanUnavailable = ctx.browserName === 'firefox' && !FIREFOX_KO_LANGPACK;
  if (koreanUnavailable) {
    console.warn(
      '[e2e] firefox: the Korean interface test is SKIPPED: Firefox only switches its UI locale ' +
        '(intl.locale.requested=ko) with a Korean language pack, and firefox-esr-l10n-ko is not installed.',
    );
  }

  it.skipIf(koreanUnavailable)(
    'popup, card and panel in Korean, dates the Korean way',
    async () => {
      const ko = await ctx.sessionWith('ko', { locale: 'ko' });
      const page = await ctx.openMarked(PLACEHOLDER_ARTICLE_URL, 'kh-current.html', { session: ko });
      const popup = await ctx.popupFor(page, ko);
      const view = await popup.evaluate(() => ({
        keyed: Object.fromEntries(
          [...document.querySelectorAll<HTMLElement>('[data-i18n]')].map((el) => [el.dataset.i18n, el.textContent]),
        ),
        kinds: [...document.querySelectorAll('#entities h4.kind')].map((el) => el.textContent ?? ''),
        counts: [...document.querySelectorAll('#entities .entity-count')].map((el) => el.textContent ?? ''),
        timeline: document.getElementById('timeline-title')?.textContent ?? '',
        dates: [...document.querySelectorAll('#timeline time')].map((el) => el.textContent ?? ''),
        published: document.getElementById('published')?.textContent ?? '',
      }));
      for (const key of ['entitiesHeading', 'switchLabel', 'siteSwitchLabel', 'optionsLink']) {
        expect(view.keyed[key], key).toBe(KO[key].message);
      }
      expect(view.keyed.entitiesHeading).not.toBe(EN.entitiesHeading.message);
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe('ko');
      const koKinds = Object.entries(KO)
        .filter(([k]) => k.startsWith('kind_'))
        .map(([, v]) => v.message);
      expect(view.kinds.length).toBeGreaterThan(0);
      for (const kind of view.kinds) expect(koKinds).toContain(kind);
      for (const count of view.counts) {
        expect(count).toMatch(
          new RegExp(`${messagePattern(KO.mentionsCount.message).source}|^${KO.mentionsCountOne.message}$`),
        );
      }
      expect(view.timeline).toMatch(messagePattern(KO.timelineHeading.message));
      expect(view.timeline).toContain('2014년 12월 12일');
      expect(view.published).toContain('2014년 12월 12일');
      expect(view.dates.length).toBeGreaterThan(5);
      for (const date of view.dates) expect(date).toMatch(new RegExp(`^${KOREAN_DATE.source}$`));

      await page.bringToFront();
      await page.focus(`${MARK}[tabindex="0"][data-entity="sung-kim"]`);
      await cardIsOpen(page, 'sung-kim');
      const card = await page.evaluate((cardSelector: string) => {
        const root = document.querySelector(cardSelector)!.shadowRoot!;
        return {
          on: root.querySelector('.role .on')?.textContent ?? '',
          role: root.querySelector('.role span:not(.on)')?.textContent ?? '',
          since: root.querySelector('.since .heading')?.textContent ?? '',
          sinceDate: root.querySelector('.since .date')?.textContent ?? '',
          note: root.querySelector('.note strong')?.textContent ?? '',
          hint: root.querySelector('.hint')?.textContent ?? '',
          langs: [...root.querySelectorAll('[lang]')].map((el) => el.getAttribute('lang')),
        };
      }, CARD);
      expect(card.on).toBe('2014년 12월 12일 기준:');
      expect(card.role).toBe('(2014년 11월부터)');
      expect(card.since).toBe(KO.sinceThenHeading.message);
      expect(card.sinceDate).toMatch(KOREAN_DATE);
      expect(card.note).toBe(`${KO.noteLabel.message}: `);
      expect(card.hint).toBe(KO.hintPointer.message);
      expect(card.langs).toContain('ko');
      expect(card.langs).toContain('en');

      await page.keyboard.press('Enter');
      await panelIsOpen(page, 'sung-kim');
      const panel = await page.evaluate((tag: string) => {
        const root = document.querySelector(tag)!.shadowRoot!;
        return {
          headings: [...root.querySelectorAll('h3')].map((el) => el.textContent ?? ''),
          dates: [...root.querySelectorAll('.facts time')].map((el) => el.textContent ?? ''),
          close: root.querySelector('.close')?.getAttribute('aria-label') ?? '',
        };
      }, PANEL_TAG);
      expect(panel.headings).toContain(KO.panelRoles.message);
      expect(panel.headings).toContain(KO.panelMentions.message);
      expect(panel.headings.some((h) => messagePattern(KO.atTheTimeHeading.message).test(h))).toBe(true);
      expect(panel.close).toBe(KO.panelClose.message);
      expect(panel.dates.length).toBeGreaterThan(5);
      for (const date of panel.dates) expect(date).toMatch(KOREAN_DATE);
      expect(ko.problems()).toEqual([]);
      expect(ko.violations()).toEqual([]);
    },
    40_000,
  );
});
