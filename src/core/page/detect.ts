/**
 * Decides what a page is and where its body is. The URL says whether it is a Korea Herald article at all; the
 * content (headline and Korea-time date) says which article, so matching never depends on the article's numeric
 * id or its byline. The body is found by the site's layouts, or for a curated article in a layout we have never
 * seen, by the article's own first and last words.
 */

import type { PagePlan } from '../knowledge/plan';
import { BODY_KEY_CHARS } from '../knowledge/body-key';
import { textRunsOf } from '../mark/text-runs';
import { LAYOUTS, MIN_BODY_CHARACTERS, NON_PROSE_IN_BODY, type LayoutName } from '../site/korea-herald';
import { readPageArticle, type PageArticle } from './article-identity';
import { readArticleUrl } from './url';

export type PageReading =
  { status: 'not-korea-herald' } | { status: 'not-an-article' } | { status: 'article'; article: PageArticle };

export type BodyLayout = LayoutName | 'found-by-content';

export interface FoundBody {
  body: Element;
  layout: BodyLayout;
}

interface Shown {
  headline: string | null;
  publishedDate: string | null;
}

export type Detection =
  | { status: 'not-korea-herald' }
  | { status: 'not-an-article' }
  /** An article without a curated sheet, and glossary mode off (or no date to make the cards relative to). */
  | ({ status: 'no-fact-sheet'; reason: 'glossary-off' | 'no-date' } & Shown)
  | ({ status: 'layout-not-recognised'; mode: 'curated' | 'glossary'; sheetId?: string } & Shown)
  | ({ status: 'article'; plan: Exclude<PagePlan, { mode: 'none' }> } & FoundBody & Shown);

export type DetectionStatus = Detection['status'];

/** What the URL and the page's own headline and date say. */
export function readPage(doc: Document, href: string): PageReading {
  const verdict = readArticleUrl(href);
  if (verdict.kind !== 'article') return { status: verdict.kind };
  const urlDate = verdict.address.form === 'legacy' ? verdict.address.date : null;
  const article = readPageArticle(doc, urlDate);
  // An article address that states no headline is an error page or an interstitial, not an article.
  if (article.headlines.length === 0) return { status: 'not-an-article' };
  return { status: 'article', article };
}

interface BodyText {
  startsWith: string;
  endsWith: string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `words` anywhere in a text, with any run of white space between them: no squashed copy of a long body. */
const wordsPattern = (words: string): RegExp => new RegExp(words.trim().split(/\s+/).map(escapeRegExp).join('\\s+'));

const holds = (el: Element, text: BodyText): boolean => {
  const content = el.textContent ?? '';
  return wordsPattern(text.startsWith).test(content) && wordsPattern(text.endsWith).test(content);
};

/**
 * Does `text` hold at least `min` characters once white space is folded to single spaces and trimmed? Stops
 * reading as soon as it does.
 */
function hasCharacters(text: string, min: number): boolean {
  let count = 0;
  let spaceBefore = false;
  for (let i = 0; i < text.length && count < min; i++) {
    if (/\s/.test(text[i] as string)) {
      spaceBefore = count > 0;
      continue;
    }
    count += spaceBefore ? 2 : 1;
    spaceBefore = false;
  }
  return count >= min;
}

/** For a layout we have never seen: the deepest element that still holds both the first and the last words. */
export function findBodyByContent(doc: Document, text: BodyText): Element | null {
  let current: Element | null = doc.body;
  if (!current || !holds(current, text)) return null;
  for (;;) {
    const child: Element | undefined = [...current.children].find((c) => holds(c, text));
    if (!child) return current;
    current = child;
  }
}

/**
 * The body. With the article's known text, a layout's element must hold it (a redesign reusing a class name must
 * not be trusted) and an unknown layout is found by that text; without it, only a known layout with real prose.
 */
export function findBody(doc: Document, text?: BodyText): FoundBody | null {
  for (const layout of LAYOUTS) {
    const body = doc.querySelector(layout.body);
    if (!body) continue;
    if (text ? holds(body, text) : hasCharacters(body.textContent ?? '', MIN_BODY_CHARACTERS)) {
      return { body, layout: layout.name };
    }
  }
  const body = text ? findBodyByContent(doc, text) : null;
  return body ? { body, layout: 'found-by-content' } : null;
}

/**
 * The first words of the body's prose (captions, photos and ads left out) in a known layout, or null: with the
 * date, they identify an article whose headline no copy shows.
 */
export function bodyStartOf(doc: Document): string | null {
  const found = findBody(doc);
  if (!found) return null;
  let text = '';
  for (const run of textRunsOf(found.body, NON_PROSE_IN_BODY)) {
    text = `${text} ${run.text}`.replace(/\s+/g, ' ').trim();
    if (text.length >= BODY_KEY_CHARS) break;
  }
  return text === '' ? null : text;
}

/** The page as the content script will treat it, once the background has said what to mark on it. */
export function detectWithPlan(doc: Document, article: PageArticle, plan: PagePlan): Detection {
  const shown = { headline: article.displayHeadline, publishedDate: article.publishedDate };
  if (plan.mode === 'none') return { status: 'no-fact-sheet', reason: plan.reason, ...shown };
  const found =
    plan.mode === 'curated'
      ? findBody(doc, { startsWith: plan.bodyStartsWith, endsWith: plan.bodyEndsWith })
      : findBody(doc);
  if (!found) {
    return {
      status: 'layout-not-recognised',
      mode: plan.mode,
      ...(plan.mode === 'curated' ? { sheetId: plan.sheetId } : {}),
      ...shown,
    };
  }
  return { status: 'article', plan, ...found, ...shown };
}
