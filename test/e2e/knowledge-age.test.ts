/**
 * The knowledge's age as a reader sees it: the popup's footer and the options page say up to which day the
 * background was checked (in English, and in Korean where the browser can switch), and the options page's "About
 * the knowledge base" counts entities and sources and links to the issue tracker without fetching it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { formatDate } from '../../src/core/format-date';
import { FIREFOX_KO_LANGPACK } from './harness/browsers';
import { PLACEHOLDER_ARTICLE_URL, readMessages, ROOT } from './harness/paths';
import { POLL } from './support/poll';
import { browserSuite } from './support/suite';

const reviewed = JSON.parse(readFileSync(join(ROOT, 'data/knowledge.json'), 'utf8')).reviewed as string;
const entities = readdirSync(join(ROOT, 'data/entities')).filter((f) => f.endsWith('.json')).length;
const sources = Object.keys(JSON.parse(readFileSync(join(ROOT, 'data/sources.json'), 'utf8'))).length;
const issues = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bugs.url as string;
const KO = readMessages('ko');

browserSuite('The knowledge review date', (ctx) => {
  it('the popup says "Background checked up to <review date>"', async () => {
    const page = await ctx.openMarked(PLACEHOLDER_ARTICLE_URL, 'kh-current.html');
    const popup = await ctx.popupFor(page);
    const line = await popup.$eval('#knowledge-reviewed', (el) => el.textContent ?? '');
    expect(line).toBe(`Background checked up to ${formatDate(reviewed, 'en')}`);
    // e.g. "Background checked up to 1 Dec 2026"
    expect(line).toMatch(/^Background checked up to \d{1,2} [A-Z][a-z]{2,3} \d{4}$/);
  });

  it('the options page: review date, counts from data/, and an issue link opened only on a click', async () => {
    const options = ctx.track(await ctx.session.openExtensionPage('options/options.html'));
    await options.waitForFunction(() => document.body.dataset.ready === 'true', POLL);
    const about = await options.evaluate(() => {
      const link = document.getElementById('report-link') as HTMLAnchorElement;
      return {
        heading: document.getElementById('about-heading')?.textContent ?? '',
        reviewed: document.getElementById('about-reviewed')?.textContent ?? '',
        counts: document.getElementById('about-counts')?.textContent ?? '',
        href: link.getAttribute('href'),
        rel: link.rel,
        target: link.target,
        text: link.textContent ?? '',
        prefetch: document.querySelectorAll('link[rel~="prefetch"], link[rel~="preconnect"], link[rel~="dns-prefetch"]')
          .length,
      };
    });
    expect(about).toEqual({
      heading: 'About the knowledge base',
      reviewed: `Background checked up to ${formatDate(reviewed, 'en')}`,
      counts: `${entities} people, posts, events, resolutions and other entries, citing ${sources.toLocaleString('en')} public sources.`,
      href: issues,
      rel: 'noopener noreferrer',
      target: '_blank',
      text: expect.stringContaining('issue tracker'),
      prefetch: 0,
    });
    // Nothing asked the tracker's host for anything: the link is only a link until clicked.
    const host = new URL(issues).host;
    expect(ctx.session.requests.filter((r) => r.url.includes(host))).toEqual([]);
  });

  const koreanUnavailable = ctx.browserName === 'firefox' && !FIREFOX_KO_LANGPACK;
  it.skipIf(koreanUnavailable)('in Korean: the date the Korean way', async () => {
    const ko = await ctx.sessionWith('ko', { locale: 'ko' });
    const page = await ctx.openMarked(PLACEHOLDER_ARTICLE_URL, 'kh-current.html', { session: ko });
    const popup = await ctx.popupFor(page, ko);
    const line = await popup.$eval('#knowledge-reviewed', (el) => el.textContent ?? '');
    expect(line).toBe(KO.knowledgeReviewed.message.replace('$DATE$', formatDate(reviewed, 'ko')));
    expect(line).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일$/);
  });
});
