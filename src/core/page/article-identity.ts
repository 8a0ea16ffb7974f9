/** Reads which article a page shows (headline and publication date in Korea time) from its content and URL. */

import {
  DATE_LINE,
  DATE_LINE_SELECTORS,
  HEADLINE_META,
  HEADLINE_SELECTORS,
  HEADLINE_SITE_SUFFIX,
  KOREA_UTC_OFFSET_MINUTES,
  PUBLISHED_META,
} from '../site/korea-herald';

export interface PageArticle {
  /** Every headline the page states (ld+json, h1, og:title...), normalised for comparison. */
  headlines: string[];
  /** The first headline as printed, for display. */
  displayHeadline: string | null;
  /** Publication date in Korea time, "YYYY-MM-DD". */
  publishedDate: string | null;
}

/** Case, quote style, white space and a trailing site name never distinguish two headlines. */
export function normaliseHeadline(text: string): string {
  return text
    .replace(HEADLINE_SITE_SUFFIX, '')
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The Korea-time calendar date of an ISO timestamp. A timestamp without an offset is Korea time already (the
 * site's ld+json omits it); one with an offset is converted.
 */
export function koreaDateOfIso(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    iso.trim(),
  );
  if (!m) return null;
  const [, y, mo, d, h, mi, offset] = m;
  if (offset === undefined || h === undefined) return `${y}-${mo}-${d}`;
  const utcMinutesShift =
    offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi) - utcMinutesShift * 60_000;
  const korea = new Date(utc + KOREA_UTC_OFFSET_MINUTES * 60_000);
  return `${korea.getUTCFullYear()}-${pad(korea.getUTCMonth() + 1)}-${pad(korea.getUTCDate())}`;
}

/** "Published : Dec. 12, 2014 - 21:06" (Korea time, as printed on the page) → "2014-12-12". */
export function dateOfDateLine(text: string): string | null {
  const m = DATE_LINE.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
  return month === 0 ? null : `${m[3]}-${pad(month)}-${pad(Number(m[2]))}`;
}

interface LdNewsArticle {
  headline?: unknown;
  datePublished?: unknown;
}

function readLdJson(doc: Document): LdNewsArticle[] {
  const found: LdNewsArticle[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const data: unknown = JSON.parse(script.textContent ?? '');
      const items = Array.isArray(data) ? data : [data];
      for (const item of items) {
        if (
          item &&
          typeof item === 'object' &&
          /NewsArticle|Article/.test(String((item as { '@type'?: unknown })['@type']))
        ) {
          found.push(item as LdNewsArticle);
        }
      }
    } catch {
      // A page's malformed ld+json is its own business; other sources still tell the article.
    }
  }
  return found;
}

/**
 * The page's headline and date. The date comes from ld+json, then meta tags, then the printed date line, then a
 * `<time>` element, and last from the legacy address's `ud` value (`urlDate`): all are Korea time.
 */
export function readPageArticle(doc: Document, urlDate: string | null = null): PageArticle {
  const ld = readLdJson(doc);
  const printed: string[] = [];
  for (const item of ld) if (typeof item.headline === 'string') printed.push(item.headline);
  for (const selector of HEADLINE_SELECTORS) {
    const text = doc.querySelector(selector)?.textContent;
    if (text && text.trim()) printed.push(text);
  }
  for (const selector of HEADLINE_META) {
    const content = doc.querySelector(selector)?.getAttribute('content');
    if (content) printed.push(content);
  }

  const candidates: Array<() => string | null> = [
    ...ld.map((item) => () => (typeof item.datePublished === 'string' ? koreaDateOfIso(item.datePublished) : null)),
    ...PUBLISHED_META.map((selector) => () => {
      const content = doc.querySelector(selector)?.getAttribute('content');
      return content ? koreaDateOfIso(content) : null;
    }),
    ...DATE_LINE_SELECTORS.map((selector) => () => {
      const text = doc.querySelector(selector)?.textContent;
      return text ? dateOfDateLine(text) : null;
    }),
    () => {
      const datetime = doc.querySelector('time[datetime]')?.getAttribute('datetime');
      return datetime ? koreaDateOfIso(datetime) : null;
    },
    () => urlDate,
  ];
  let publishedDate: string | null = null;
  for (const candidate of candidates) {
    publishedDate = candidate();
    if (publishedDate !== null) break;
  }

  return {
    headlines: [...new Set(printed.map(normaliseHeadline).filter((h) => h !== ''))],
    displayHeadline: printed[0]?.replace(HEADLINE_SITE_SUFFIX, '').replace(/\s+/g, ' ').trim() ?? null,
    publishedDate,
  };
}
