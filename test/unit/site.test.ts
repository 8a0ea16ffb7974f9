/** The Korea Herald site module: URL forms and hosts, and each layout against the fixture that shows it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBody, readPage } from '../../src/core/page/detect';
import { readArticleUrl } from '../../src/core/page/url';
import { contentScriptMatches, LAYOUTS } from '../../src/core/site/korea-herald';
import { loadPage } from '../helpers/fixtures';

describe('readArticleUrl', () => {
  it.each([
    'http://www.koreaherald.com/view.php?ud=20141212000993',
    'https://www.koreaherald.com/view.php?ud=20141212000993&md=20141212210601_BL',
    'https://koreaherald.com/view.php?ud=20141212000993',
    'http://m.koreaherald.com/view.php?ud=20141212000993',
    'https://m.koreaherald.com/amp/view.php?ud=20141212000993',
    'https://news.koreaherald.com/view.php?ud=20141212000993',
    'http://www01.koreaherald.com/view.php?mp=55&np=548&ud=20141212000993',
  ])('reads the legacy form %s, and the Korea-time date in it', (url) => {
    expect(readArticleUrl(url)).toEqual({
      kind: 'article',
      address: { form: 'legacy', ud: '20141212000993', date: '2014-12-12' },
    });
  });

  it('gives no date for a ud value that is no calendar date', () => {
    expect(readArticleUrl('https://www.koreaherald.com/view.php?ud=20141332000993')).toMatchObject({
      address: { date: null },
    });
  });

  it.each([
    'https://www.koreaherald.com/article/10012345',
    'http://m.koreaherald.com/article/10012345/',
    'https://news.koreaherald.com/article/10012345?utm=x#top',
  ])('reads the current form %s', (url) => {
    expect(readArticleUrl(url)).toEqual({ kind: 'article', address: { form: 'current', articleId: '10012345' } });
  });

  it.each([
    'https://www.koreaherald.com/',
    'https://www.koreaherald.com/list.php?ct=020100000000',
    'https://www.koreaherald.com/National',
    'https://www.koreaherald.com/search/?q=kim',
    'https://koreaherald.com/search/list_reporter.php?byline=Shin+Hyon-hee&mp=2&np=12',
    'https://www.koreaherald.com/view.php?ud=2014',
    'https://www.koreaherald.com/article/abc',
  ])('knows %s is not an article', (url) => {
    expect(readArticleUrl(url)).toEqual({ kind: 'not-an-article' });
  });

  it.each([
    'https://biz.heraldcorp.com/article/10012345',
    'http://khnews.kheraldm.com/view.php?ud=20171017000941',
    'https://www.koreaherald.com.evil.example/article/1',
    'ftp://www.koreaherald.com/article/1',
    'not a url',
  ])('knows %s is not the Korea Herald', (url) => {
    expect(readArticleUrl(url)).toEqual({ kind: 'not-korea-herald' });
  });
});

describe('the manifest', () => {
  it.each(['chrome', 'firefox'])('of the %s build matches exactly the site module’s hosts and paths', (browser) => {
    const built = JSON.parse(readFileSync(new URL(`../../dist/${browser}/manifest.json`, import.meta.url), 'utf8'));
    expect([...built.content_scripts[0].matches].sort()).toEqual(contentScriptMatches().sort());
  });

  it('covers every article URL form on every host, and only those', () => {
    const pattern = (match: string) =>
      new RegExp(`^${match.replace(/[.?]/g, '\\$&').replace(/\*/g, '.*').replace('.*://', 'https?://')}$`);
    const patterns = contentScriptMatches().map(pattern);
    const covered = (url: string) => patterns.some((p) => p.test(url.replace(/[?#].*$/, '')));
    expect(covered('https://m.koreaherald.com/amp/view.php?ud=20170414000297')).toBe(true);
    expect(covered('http://www01.koreaherald.com/view.php?ud=20210617000932')).toBe(true);
    expect(covered('https://www.koreaherald.com/article/10012345')).toBe(true);
    expect(covered('https://www.koreaherald.com/list.php')).toBe(false);
    expect(covered('https://biz.heraldcorp.com/article/1')).toBe(false);
  });
});

describe.each(LAYOUTS.map((l) => [l.name, l] as const))('layout %s', (name, layout) => {
  const { fixture, headline, date, bodyStartsWith, bodyEndsWith } = layout.example;
  const url = 'https://www.koreaherald.com/article/0000000000';

  it(`reads ${fixture}: its headline and Korea-time date`, () => {
    const reading = readPage(loadPage(fixture, url), url);
    expect(reading.status).toBe('article');
    if (reading.status !== 'article') return;
    expect(reading.article.displayHeadline).toBe(headline);
    expect(reading.article.publishedDate).toBe(date);
  });

  it(`finds ${fixture}'s body by this layout alone, without a sheet`, () => {
    const found = findBody(loadPage(fixture, url));
    expect(found?.layout).toBe(name);
    const text = (found?.body.textContent ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(bodyStartsWith);
    expect(text).toContain(bodyEndsWith);
    expect(text).not.toMatch(/Related news|Most popular/i);
  });
});
