/**
 * Everything Backgrounder knows about the Korea Herald's pages, in one place: hosts, URL forms, Korea time, the
 * headline's site suffix, the date line, and each layout with the fixture that shows what it is expected to find
 * (test/unit/site.test.ts checks every pairing). When the site changes, this file changes. The manifest's
 * content-script matches are generated from it by the build.
 */

/** Hosts that serve the English-language Korea Herald (biz.heraldcorp.com is a different, Korean-language paper). */
export const HOSTS = [
  'www.koreaherald.com',
  'koreaherald.com',
  'm.koreaherald.com',
  'news.koreaherald.com',
  'www01.koreaherald.com',
] as const;

/** Article paths: legacy `view.php?ud=<date><serial>` (also under `/amp/` on mobile) and current `/article/<id>`. */
export const ARTICLE_PATH_PATTERNS = ['/view.php*', '/amp/view.php*', '/article/*'] as const;
export const LEGACY_ARTICLE_PATHS = ['/view.php', '/amp/view.php'] as const;
export const CURRENT_ARTICLE_PATH = /^\/article\/(\d+)$/;
/** `ud` is the publication date in Korea time (YYYYMMDD) and a six-digit serial of that day. */
export const LEGACY_UD = /^(\d{4})(\d{2})(\d{2})\d{6}$/;

/** Korea Standard Time, UTC+9 (no daylight saving since 1988). Dates on the site and in `ud` are Korea time. */
export const KOREA_UTC_OFFSET_MINUTES = 9 * 60;

/** "… - The Korea Herald", "… | Korea Herald" after a headline in titles and meta tags. */
export const HEADLINE_SITE_SUFFIX = /\s*[-|–]\s*(The )?Korea Herald\s*$/i;

/**
 * The date line as printed, with or without "Published :" and a period after the month: "Published : Dec. 12,
 * 2014 - 21:06", "Dec. 12, 2014 - 21:06 By …", "Published : Feb 22, 2019 - 15:30".
 */
export const DATE_LINE =
  /(?:Published\s*:?\s*)?\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b/;

/** Where the headline may be, most trustworthy first (ld+json is read before these). */
export const HEADLINE_SELECTORS = ['h1.news_title', 'h1.view_tit', '.news_title_area h1', 'main h1', 'h1'];
export const HEADLINE_META = ['meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[name="title"]'];
export const PUBLISHED_META = ['meta[property="article:published_time"]', 'meta[name="article:published_time"]'];
/** Elements whose text is the date line. */
export const DATE_LINE_SELECTORS = ['.date', 'p.news_date', '.view_tit_byline_r', '.news_date'];

/**
 * Regions inside a body that are not the article's prose: ads, photos and captions, embedded related lists. Never
 * marked, so an entity's first mention is its first mention in the prose (a caption before the first paragraph
 * often repeats the names of the story).
 */
export const NON_PROSE_IN_BODY = [
  '[data-svcad]',
  'section[style*="height"]',
  '.article-photo-wrap',
  '.img_box',
  'figure',
  'figcaption',
  // 2017 - Aug 2023: the caption block inside the body, and the older caption beside a photo.
  '.view_con_caption',
  '.img_caption',
  'ins.adsbygoogle',
  '[id^="div-gpt-ad"]',
  '.related_news',
  '.related-news',
].join(', ');

export type LayoutName = 'current-2024' | 'news-content-2023' | 'view-con-2017';

export interface Layout {
  name: LayoutName;
  /** The element holding the article's body paragraphs. */
  body: string;
  /** A page in this layout (test/fixtures/pages/) and what reading it must give. */
  example: { fixture: string; headline: string; date: string; bodyStartsWith: string; bodyEndsWith: string };
}

const SEED = {
  headline: 'No signs North Korea ready for nuclear talks: US envoy',
  date: '2014-12-12',
  bodyStartsWith: 'BEIJING (AFP) - The US diplomat responsible for North Korea',
  bodyEndsWith: '"the potential for change" in the isolated state.',
};

export const LAYOUTS: readonly Layout[] = [
  // Dec 2024 relaunch: <article id="articleText" class="news_content article-view article-body">, ld+json.
  {
    name: 'current-2024',
    body: 'article#articleText, #articleText.article-body',
    example: { fixture: 'kh-current.html', ...SEED },
  },
  // Aug 2023 - Dec 2024: div.news_text_area > div.text_box, date in p.news_date.
  { name: 'news-content-2023', body: '.news_text_area > .text_box', example: { fixture: 'kh-2023.html', ...SEED } },
  // 2017 - Aug 2023: #articleText holding one or more .view_con_t, text separated by <br>, date in the byline.
  { name: 'view-con-2017', body: '#articleText', example: { fixture: 'kh-2017.html', ...SEED } },
];

/** A body with less text than this is a teaser, a gallery or a page we misread: never annotated without a sheet. */
export const MIN_BODY_CHARACTERS = 200;

/** The manifest's content-script match patterns: every host, http and https (`*`), every article path. */
export function contentScriptMatches(): string[] {
  return HOSTS.flatMap((host) => ARTICLE_PATH_PATTERNS.map((path) => `*://${host}${path}`));
}
