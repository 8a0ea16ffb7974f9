/** What a Korea Herald URL says about the page, before its content is read. */

import { CURRENT_ARTICLE_PATH, HOSTS, LEGACY_ARTICLE_PATHS, LEGACY_UD } from '../site/korea-herald';

export type ArticleAddress =
  | { form: 'legacy'; ud: string; /** Korea-time publication date the `ud` value carries. */ date: string | null }
  | { form: 'current'; articleId: string };

export type UrlVerdict =
  { kind: 'not-korea-herald' } | { kind: 'not-an-article' } | { kind: 'article'; address: ArticleAddress };

/** The date in a `ud` value ("20141212000993" → "2014-12-12"), when it is a real calendar date. */
export function dateOfUd(ud: string): string | null {
  const m = LEGACY_UD.exec(ud);
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(+y, +mo - 1, +d));
  return date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d ? `${y}-${mo}-${d}` : null;
}

export function readArticleUrl(href: string): UrlVerdict {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { kind: 'not-korea-herald' };
  }
  if (!/^https?:$/.test(url.protocol)) return { kind: 'not-korea-herald' };
  if (!(HOSTS as readonly string[]).includes(url.hostname.toLowerCase())) return { kind: 'not-korea-herald' };
  const path = url.pathname.replace(/\/+$/, '');
  if ((LEGACY_ARTICLE_PATHS as readonly string[]).includes(path.toLowerCase())) {
    const ud = url.searchParams.get('ud') ?? '';
    return /^\d{14}$/.test(ud)
      ? { kind: 'article', address: { form: 'legacy', ud, date: dateOfUd(ud) } }
      : { kind: 'not-an-article' };
  }
  const current = CURRENT_ARTICLE_PATH.exec(path);
  if (current) return { kind: 'article', address: { form: 'current', articleId: current[1] } };
  return { kind: 'not-an-article' };
}
