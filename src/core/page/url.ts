/** What a Korea Herald URL says about the page, before its content is read. */

/** Hosts that serve the English-language Korea Herald (biz.heraldcorp.com is a different paper). */
export const KOREA_HERALD_HOSTS = [
  'www.koreaherald.com',
  'koreaherald.com',
  'm.koreaherald.com',
  'news.koreaherald.com',
] as const;

export type ArticleAddress = { form: 'legacy'; ud: string } | { form: 'current'; articleId: string };

export type UrlVerdict =
  { kind: 'not-korea-herald' } | { kind: 'not-an-article' } | { kind: 'article'; address: ArticleAddress };

export function readArticleUrl(href: string): UrlVerdict {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { kind: 'not-korea-herald' };
  }
  if (!/^https?:$/.test(url.protocol)) return { kind: 'not-korea-herald' };
  if (!(KOREA_HERALD_HOSTS as readonly string[]).includes(url.hostname.toLowerCase())) {
    return { kind: 'not-korea-herald' };
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path.toLowerCase() === '/view.php') {
    const ud = url.searchParams.get('ud') ?? '';
    return /^\d{14}$/.test(ud) ? { kind: 'article', address: { form: 'legacy', ud } } : { kind: 'not-an-article' };
  }
  const current = /^\/article\/(\d+)$/.exec(path);
  if (current) return { kind: 'article', address: { form: 'current', articleId: current[1] } };
  return { kind: 'not-an-article' };
}

/** The manifest's content-script match patterns: every host, http and https (`*`), both URL forms. */
export function contentScriptMatches(): string[] {
  return KOREA_HERALD_HOSTS.flatMap((host) => [`*://${host}/view.php*`, `*://${host}/article/*`]);
}
