import sheets from 'backgrounder:fact-sheets';
import { describe, expect, it } from 'vitest';
import { dateOfDateLine, koreaDateOfIso, normaliseHeadline } from '../../src/core/page/article-identity';
import { detectArticle } from '../../src/core/page/detect';
import { LEGACY_ARTICLE_URL, PLACEHOLDER_ARTICLE_URL, fixtureHtml, loadPage } from '../helpers/fixtures';
import { JSDOM } from 'jsdom';

const detect = (fixture: string, url = PLACEHOLDER_ARTICLE_URL) => detectArticle(loadPage(fixture, url), url, sheets);
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('detectArticle on the article in each known layout', () => {
  it.each([
    ['kh-current.html', PLACEHOLDER_ARTICLE_URL, 'current-2024'],
    ['kh-current.html', 'https://m.koreaherald.com/article/0000000000', 'current-2024'],
    ['kh-2023.html', 'https://koreaherald.com/article/0000000000', 'news-content-2023'],
    ['kh-2017.html', LEGACY_ARTICLE_URL, 'view-con-2017'],
    ['kh-2017.html', 'https://www.koreaherald.com/view.php?ud=20141212000993&md=20141212210601_BL', 'view-con-2017'],
    ['kh-unknown-layout.html', 'https://news.koreaherald.com/article/0000000000', 'found-by-content'],
  ])('%s at %s is the article (%s)', (fixture, url, layout) => {
    const result = detect(fixture, url);
    expect(result.status).toBe('article');
    if (result.status !== 'article') return;
    expect(result.layout).toBe(layout);
    const text = squash(result.body.textContent);
    expect(text).toContain(squash(result.sheet.article.bodyStartsWith));
    expect(text).toContain(squash(result.sheet.article.bodyEndsWith));
    // The body is the article, not the page: no related-news list or navigation inside it.
    expect(text).not.toMatch(/Related news|Most popular/i);
  });

  it('does not depend on the byline', () => {
    const html = fixtureHtml('kh-current.html').replaceAll('탁현민', 'Someone Else');
    const doc = new JSDOM(html, { url: PLACEHOLDER_ARTICLE_URL }).window.document;
    expect(detectArticle(doc, PLACEHOLDER_ARTICLE_URL, sheets).status).toBe('article');
  });
});

describe('detectArticle elsewhere', () => {
  it('finds no fact sheet for another article, even one mentioning the same people', () => {
    const result = detect('kh-other-article.html');
    expect(result.status).toBe('no-fact-sheet');
  });

  it('finds no fact sheet for the same headline on another date', () => {
    expect(detect('kh-same-headline-other-date.html').status).toBe('no-fact-sheet');
  });

  it('treats the home and list pages as not articles', () => {
    expect(detect('kh-home.html', 'https://www.koreaherald.com/').status).toBe('not-an-article');
    expect(detect('kh-list.html', 'https://www.koreaherald.com/list.php?ct=020100000000').status).toBe(
      'not-an-article',
    );
  });

  it('is not the Korea Herald on another paper with the same URL form', () => {
    expect(detect('kh-current.html', 'https://biz.heraldcorp.com/article/0000000000').status).toBe('not-korea-herald');
  });

  it('reports a changed layout when the known article has no recognisable body', () => {
    const doc = loadPage('kh-current.html');
    // A redesign that no longer prints the article's text where we can read it (e.g. body rendered later).
    doc.getElementById('articleText')?.remove();
    expect(detectArticle(doc, PLACEHOLDER_ARTICLE_URL, sheets).status).toBe('layout-not-recognised');
  });

  it('survives malformed ld+json', () => {
    const html = fixtureHtml('kh-current.html').replace('"@type": "NewsArticle"', '"@type": "NewsArticle",,,');
    const doc = new JSDOM(html, { url: PLACEHOLDER_ARTICLE_URL }).window.document;
    expect(detectArticle(doc, PLACEHOLDER_ARTICLE_URL, sheets).status).toBe('article');
  });
});

describe('reading headline and date', () => {
  it('compares headlines regardless of case, quotes, spacing and site suffix', () => {
    expect(normaliseHeadline('No signs North Korea ready for nuclear talks: US envoy - The Korea Herald')).toBe(
      normaliseHeadline('no signs  North Korea ready for nuclear talks: US envoy'),
    );
  });

  it('reads dates in Korea time', () => {
    expect(koreaDateOfIso('2014-12-12T21:06:00')).toBe('2014-12-12');
    expect(koreaDateOfIso('2014-12-12T21:06:00+09:00')).toBe('2014-12-12');
    // 16:00 UTC on the 12th is already the 13th in Seoul.
    expect(koreaDateOfIso('2014-12-12T16:00:00Z')).toBe('2014-12-13');
    expect(koreaDateOfIso('2014-12-12T01:00:00-05:00')).toBe('2014-12-12');
    expect(dateOfDateLine('Published : Dec. 12, 2014 - 21:06')).toBe('2014-12-12');
    expect(dateOfDateLine('Published : Dec 12, 2014 - 21:06:11 Updated : Dec 13, 2014')).toBe('2014-12-12');
    expect(dateOfDateLine('no date here')).toBeNull();
  });
});
