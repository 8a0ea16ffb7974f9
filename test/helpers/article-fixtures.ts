/**
 * Stored Korea Herald articles (test/fixtures/articles/<ud>.json): their text as the `search` tool returned it,
 * and the marks a careful editor expects in glossary mode, written by hand before the code ran.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dateOfDateLine } from '../../src/core/page/article-identity';
import { dateOfUd } from '../../src/core/page/url';

const DIR = new URL('../fixtures/articles/', import.meta.url);

export interface ExpectedMark {
  /** The text as printed. */
  text: string;
  /** A knowledge-base id, or `missing:<id>` for an entity the knowledge base does not have (yet). */
  entity: string;
}

export interface ArticleFixture {
  /** The file name without .json: the `ud` value, or a name for pages without one. */
  name: string;
  url: string;
  query: string;
  headline: string | null;
  dateLine: string | null;
  byline: string | null;
  complete: boolean;
  captions: string[];
  paragraphs: string[];
  expected: ExpectedMark[];
  ambiguous: Array<{ text: string; why: string }>;
  notes?: string;
  /** Korea-time publication for the page builder: "2014-12-05T20:34", or the date alone. */
  published: string;
  /** The date cards are relative to. */
  date: string;
}

/**
 * The article `npm run demo` shows in glossary mode: Sung Kim as special representative in September 2015, with
 * his later posts "since then". It must have no curated sheet (the demo fails if the popup says otherwise).
 */
export const GLOSSARY_DEMO_ARTICLE = '20150920000020';

function published(dateLine: string | null, url: string): { published: string; date: string } {
  const ud = /[?&]ud=(\d{14})/.exec(url)?.[1];
  const date = (dateLine && dateOfDateLine(dateLine)) ?? (ud ? dateOfUd(ud) : null);
  if (!date) throw new Error(`${url}: no date in the date line or the address`);
  const time = dateLine ? /(\d{1,2}):(\d{2})/.exec(dateLine) : null;
  return { date, published: time ? `${date}T${time[1].padStart(2, '0')}:${time[2]}` : date };
}

export function loadArticleFixture(name: string): ArticleFixture {
  const raw = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8'));
  return { name, captions: [], ambiguous: [], ...raw, ...published(raw.dateLine ?? null, raw.url) };
}

export function articleFixtures(): ArticleFixture[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadArticleFixture(f.replace(/\.json$/, '')));
}
