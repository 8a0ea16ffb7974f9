/**
 * Everything Backgrounder knows about the Korea Herald's markup lives here, so a redesign changes one file.
 * Each layout names the period it was seen in (see test/fixtures/pages/README.md for the fixtures of each).
 */

export type LayoutName = 'current-2024' | 'news-content-2023' | 'view-con-2017' | 'found-by-content';

export interface Layout {
  name: Exclude<LayoutName, 'found-by-content'>;
  /** The element holding the article's body paragraphs. */
  body: string;
}

export const LAYOUTS: readonly Layout[] = [
  // Dec 2024 relaunch: <article id="articleText" class="news_content article-view article-body">.
  { name: 'current-2024', body: 'article#articleText, #articleText.article-body' },
  // Aug 2023 - Dec 2024: div.news_text_area > div.text_box.
  { name: 'news-content-2023', body: '.news_text_area > .text_box' },
  // 2017 - Aug 2023: #articleText holding one or more .view_con_t, text separated by <br>.
  { name: 'view-con-2017', body: '#articleText' },
];

/** Regions inside a body that are not the article's prose: ads, photos and captions, embedded related lists. */
export const NON_PROSE_IN_BODY = [
  '[data-svcad]',
  'section[style*="height"]',
  '.article-photo-wrap',
  '.img_box',
  'figure',
  'figcaption',
  'ins.adsbygoogle',
  '[id^="div-gpt-ad"]',
  '.related_news',
  '.related-news',
].join(', ');

/** Where the headline may be, most trustworthy first (ld+json is read separately). */
export const HEADLINE_SELECTORS = ['h1.news_title', 'h1.view_tit', '.news_title_area h1', 'main h1', 'h1'];

/** Elements whose text is the "Published : Dec. 12, 2014 - 21:06" date line. */
export const DATE_LINE_SELECTORS = ['.date', 'p.news_date', '.view_tit_byline_r', '.news_date'];

export const HEADLINE_META = ['meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[name="title"]'];
export const PUBLISHED_META = ['meta[property="article:published_time"]', 'meta[name="article:published_time"]'];
