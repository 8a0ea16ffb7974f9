/** What a page's own markup makes a Content-Security-Policy report, so the hostile tests can tell theirs from ours. */
import { createHash } from 'node:crypto';
import { referencedUrls } from './network';

/** A CSP hash source value: base64 SHA-256 of the exact text, as browsers print it in their violation reports. */
const cspHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

const decodeAttribute = (value: string): string =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export interface PageCspSources {
  hashes: Set<string>;
  urls: Set<string>;
}

/**
 * What a page's own markup would make a policy block: the hashes of its executable inline scripts, inline
 * `<style>` elements and `style=""` attributes (`'sha256-<base64>'` in reports), and the URLs it references.
 */
export function pageOwnCspSources(html: string, pageUrl: string): PageCspSources {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const type = /\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[1]);
    const t = (type?.[1] ?? type?.[2] ?? type?.[3] ?? '').trim().toLowerCase();
    // Data blocks (JSON-LD...) are never executed, so no policy blocks them.
    const executable = t === '' || t === 'module' || /^(text|application)\/(x-)?(java|ecma)script$/.test(t);
    if (executable && !/\ssrc\s*=/i.test(m[1]) && m[2] !== '') hashes.add(cspHash(m[2]));
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) hashes.add(cspHash(m[1]));
  for (const m of html.matchAll(/\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    hashes.add(cspHash(decodeAttribute(m[1] ?? m[2])));
  }
  return { hashes, urls: referencedUrls(html, pageUrl) };
}

/**
 * Is `text` (a console error or uncaught error a browser logged) a CSP report about the page's own inline
 * script/style (named by its hash) or one of its own resources (named by its URL), for one of `directives`?
 * Chromium logs these as console errors, Firefox over BiDi as uncaught errors. A report about anything else (e.g.
 * a style the extension added) is not.
 */
export function isPageOwnCspReport(
  text: string,
  own: PageCspSources,
  directives = ['script-src', 'img-src', 'style-src'],
): boolean {
  if (!/Content[- ]Security[- ]Policy/i.test(text)) return false;
  const named = [...text.matchAll(/(script|img|style|default)-src(-elem|-attr)?\b/g)].map((m) => `${m[1]}-src`);
  if (named.length === 0 || !named.every((d) => directives.includes(d))) return false;
  const hashes = [...text.matchAll(/'sha256-([A-Za-z0-9+/=]+)'/g)].map((m) => m[1]);
  if (hashes.length > 0) return hashes.every((h) => own.hashes.has(h));
  const urls = [...text.matchAll(/https?:\/\/[^\s'"“”<>]+/g)].map((m) => m[0].replace(/[.,;)]+$/, ''));
  return urls.length > 0 && urls.every((u) => own.urls.has(u.split('#')[0]));
}
