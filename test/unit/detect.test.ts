import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  dateOfDateLine,
  koreaDateOfIso,
  normaliseHeadline,
  readPageArticle,
} from '../../src/core/page/article-identity';
import { findBody, readPage } from '../../src/core/page/detect';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { LEGACY_ARTICLE_URL, PLACEHOLDER_ARTICLE_URL, fixtureHtml, loadPage } from '../helpers/fixtures';
import { detect, detectFixture, sheetById } from '../helpers/pipeline';

const SEED = sheetById('korea-herald-2014-12-12-no-signs-nk-talks');
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const glossaryOff = { ...DEFAULT_SETTINGS, glossary: 'off' as const };

describe('the seed article in each known layout', () => {
  it.each([
    ['kh-current.html', PLACEHOLDER_ARTICLE_URL, 'current-2024'],
    ['kh-current.html', 'https://m.koreaherald.com/article/0000000000', 'current-2024'],
    ['kh-2023.html', 'https://koreaherald.com/article/0000000000', 'news-content-2023'],
    ['kh-2017.html', LEGACY_ARTICLE_URL, 'view-con-2017'],
    ['kh-2017.html', 'https://www.koreaherald.com/view.php?ud=20141212000993&md=20141212210601_BL', 'view-con-2017'],
    ['kh-unknown-layout.html', 'https://news.koreaherald.com/article/0000000000', 'found-by-content'],
  ])('%s at %s is the curated article (%s)', (fixture, url, layout) => {
    const result = detectFixture(fixture, url);
    expect(result.status).toBe('article');
    if (result.status !== 'article') return;
    expect(result.plan.mode).toBe('curated');
    expect(result.layout).toBe(layout);
    const text = squash(result.body.textContent);
    expect(text).toContain(squash(SEED.article.bodyStartsWith));
    expect(text).toContain(squash(SEED.article.bodyEndsWith));
    // The body is the article, not the page: no related-news list or navigation inside it.
    expect(text).not.toMatch(/Related news|Most popular/i);
  });

  it('does not depend on the byline', () => {
    const html = fixtureHtml('kh-current.html').replaceAll('탁현민', 'Someone Else');
    const doc = new JSDOM(html, { url: PLACEHOLDER_ARTICLE_URL }).window.document;
    const result = detect(doc, PLACEHOLDER_ARTICLE_URL);
    expect(result.status === 'article' && result.plan.mode).toBe('curated');
  });

  it('survives malformed ld+json', () => {
    const html = fixtureHtml('kh-current.html').replace('"@type": "NewsArticle"', '"@type": "NewsArticle",,,');
    const doc = new JSDOM(html, { url: PLACEHOLDER_ARTICLE_URL }).window.document;
    const result = detect(doc, PLACEHOLDER_ARTICLE_URL);
    expect(result.status === 'article' && result.plan.mode).toBe('curated');
  });
});

describe('articles without a curated sheet', () => {
  it('another article is marked in glossary mode, relative to its own date', () => {
    const result = detectFixture('kh-other-article.html');
    expect(result.status).toBe('article');
    if (result.status !== 'article') return;
    expect(result.plan.mode).toBe('glossary');
    expect(result.plan.date).toBe('2014-12-15');
  });

  it('the same headline on another date is not the curated article: glossary mode, dated 2015-12-12', () => {
    const result = detectFixture('kh-same-headline-other-date.html');
    expect(result.status === 'article' && result.plan).toMatchObject({ mode: 'glossary', date: '2015-12-12' });
  });

  it('with glossary mode off, says there is no curated sheet and marks nothing', () => {
    const doc = loadPage('kh-other-article.html');
    expect(detect(doc, PLACEHOLDER_ARTICLE_URL, glossaryOff)).toMatchObject({
      status: 'no-fact-sheet',
      reason: 'glossary-off',
      publishedDate: '2014-12-15',
    });
  });

  it('without any date (not even in the address), refuses glossary mode: cards need the article date', () => {
    const html = fixtureHtml('kh-other-article.html')
      .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '')
      .replace(/Published : [^<]*/, '')
      .replace(/<meta property="article:published_time"[^>]*>/, '');
    const doc = new JSDOM(html, { url: PLACEHOLDER_ARTICLE_URL }).window.document;
    expect(detect(doc, PLACEHOLDER_ARTICLE_URL)).toMatchObject({ status: 'no-fact-sheet', reason: 'no-date' });
  });

  it('in a layout we do not know, marks nothing and says the layout was not recognised', () => {
    const doc = loadPage('kh-unknown-layout.html', 'https://news.koreaherald.com/article/1');
    const h1 = doc.querySelector('h1');
    if (h1) h1.textContent = 'Another headline entirely';
    doc.querySelectorAll('script[type="application/ld+json"], meta[property="og:title"]').forEach((n) => n.remove());
    expect(detect(doc, 'https://news.koreaherald.com/article/1')).toMatchObject({
      status: 'layout-not-recognised',
      mode: 'glossary',
    });
  });
});

describe('pages that are not articles', () => {
  it('treats the home and list pages as not articles', () => {
    expect(detectFixture('kh-home.html', 'https://www.koreaherald.com/').status).toBe('not-an-article');
    expect(detectFixture('kh-list.html', 'https://www.koreaherald.com/list.php?ct=020100000000').status).toBe(
      'not-an-article',
    );
  });

  it('is not the Korea Herald on another paper with the same URL form', () => {
    expect(detectFixture('kh-current.html', 'https://biz.heraldcorp.com/article/0000000000').status).toBe(
      'not-korea-herald',
    );
  });

  it('reports a changed layout when the known article has no recognisable body', () => {
    const doc = loadPage('kh-current.html');
    // A redesign that no longer prints the article's text where we can read it (e.g. body rendered later).
    doc.getElementById('articleText')?.remove();
    expect(detect(doc, PLACEHOLDER_ARTICLE_URL)).toMatchObject({ status: 'layout-not-recognised', mode: 'curated' });
  });
});

describe('finding the body without a sheet', () => {
  it('takes a known layout only when it holds real prose', () => {
    const doc = loadPage('kh-current.html');
    expect(findBody(doc)?.layout).toBe('current-2024');
    const article = doc.getElementById('articleText');
    if (article) article.textContent = 'Photo: Yonhap';
    expect(findBody(doc)).toBeNull();
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
    expect(dateOfDateLine('Feb 22, 2019 - 15:30')).toBe('2019-02-22');
    expect(dateOfDateLine('Sept. 3, 2017 - 13:00 By Yonhap')).toBe('2017-09-03');
    expect(dateOfDateLine('no date here')).toBeNull();
  });

  it('falls back on the date in a legacy address when the page prints none', () => {
    const doc = new JSDOM('<!doctype html><h1>Some headline</h1><p>Body</p>').window.document;
    expect(readPageArticle(doc).publishedDate).toBeNull();
    const url = 'http://www.koreaherald.com/view.php?ud=20150122000965';
    const reading = readPage(doc, url);
    expect(reading.status === 'article' && reading.article.publishedDate).toBe('2015-01-22');
  });
});
