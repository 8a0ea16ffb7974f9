/**
 * Decides whether a page is an article with a bundled fact sheet, and where its body is. The URL says whether the
 * page is a Korea Herald article at all; the content (headline and Korea-time date) says which article it is, so
 * matching never depends on the article's numeric id or its byline.
 */

import type { FactSheet } from '../fact-sheet/types';
import { koreaDateOfIso, normaliseHeadline, readPageArticle } from './article-identity';
import { LAYOUTS, type LayoutName } from './layouts';
import { readArticleUrl } from './url';

export type Detection =
  | { status: 'not-korea-herald' }
  | { status: 'not-an-article' }
  | { status: 'no-fact-sheet'; headline: string | null; publishedDate: string | null }
  | { status: 'layout-not-recognised'; sheet: FactSheet }
  | { status: 'article'; sheet: FactSheet; body: Element; layout: LayoutName };

export type DetectionStatus = Detection['status'];

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function findFactSheet(doc: Document, sheets: readonly FactSheet[]): FactSheet | null {
  const page = readPageArticle(doc);
  if (page.publishedDate === null) return null;
  return (
    sheets.find(
      (sheet) =>
        koreaDateOfIso(sheet.article.published) === page.publishedDate &&
        page.headlines.includes(normaliseHeadline(sheet.article.headline)),
    ) ?? null
  );
}

/** True when `el` holds the article's own first and last words. */
function holdsArticle(el: Element, sheet: FactSheet): boolean {
  const text = squash(el.textContent ?? '');
  return text.includes(squash(sheet.article.bodyStartsWith)) && text.includes(squash(sheet.article.bodyEndsWith));
}

/**
 * For a layout we have never seen: the deepest element that still holds both the article's first and last words.
 * That is the container of its paragraphs.
 */
export function findBodyByContent(doc: Document, sheet: FactSheet): Element | null {
  let current: Element | null = doc.body;
  if (!current || !holdsArticle(current, sheet)) return null;
  for (;;) {
    const child: Element | undefined = [...current.children].find((c) => holdsArticle(c, sheet));
    if (!child) return current;
    current = child;
  }
}

export function findBody(doc: Document, sheet: FactSheet): { body: Element; layout: LayoutName } | null {
  for (const layout of LAYOUTS) {
    const body = doc.querySelector(layout.body);
    // A known selector that holds something else (a redesign reusing a name) must not be trusted.
    if (body && holdsArticle(body, sheet)) return { body, layout: layout.name };
  }
  const body = findBodyByContent(doc, sheet);
  return body ? { body, layout: 'found-by-content' } : null;
}

export function detectArticle(doc: Document, href: string, sheets: readonly FactSheet[]): Detection {
  const verdict = readArticleUrl(href);
  if (verdict.kind !== 'article') return { status: verdict.kind };
  const sheet = findFactSheet(doc, sheets);
  if (!sheet) {
    const page = readPageArticle(doc);
    if (page.headlines.length === 0) return { status: 'not-an-article' };
    return { status: 'no-fact-sheet', headline: page.displayHeadline, publishedDate: page.publishedDate };
  }
  const found = findBody(doc, sheet);
  if (!found) return { status: 'layout-not-recognised', sheet };
  return { status: 'article', sheet, ...found };
}
