/** Loads the page fixtures of test/fixtures/pages into jsdom at a given (real Korea Herald) URL. */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

export const FIXTURES = new URL('../fixtures/', import.meta.url);
/** The article's new numeric id is unknown; tests use this clearly fake one (matching is by content). */
export const PLACEHOLDER_ARTICLE_URL = 'https://www.koreaherald.com/article/0000000000';
export const LEGACY_ARTICLE_URL = 'http://www.koreaherald.com/view.php?ud=20141212000993';

export function fixtureHtml(name: string): string {
  return readFileSync(new URL(`pages/${name}`, FIXTURES), 'utf8');
}

export function loadPage(name: string, url = PLACEHOLDER_ARTICLE_URL): Document {
  return new JSDOM(fixtureHtml(name), { url }).window.document;
}

/** The article body lines of the .txt copy (from "BEIJING (AFP)" to the end). */
export function articleBodyLines(): string[] {
  const text = readFileSync(new URL('article/korea-herald-2014-12-12.txt', FIXTURES), 'utf8');
  const lines = text.split('\n').map((l) => l.trim());
  return lines.slice(lines.findIndex((l) => l.startsWith('BEIJING (AFP)'))).filter((l) => l !== '');
}
