/**
 * The gap report (`npm run kb:gaps`): what the stored Korea Herald articles name that the knowledge base does not
 * resolve on each article's date, most frequent first. Two lists:
 *   - names: runs of capitalised words ("Kim Yo-jong", "United Front Department", "Hwasong-18"), with the parts the
 *     glossary matches taken out, and the noise of the stoplists below left out;
 *   - event phrases: the descriptive forms reporters use ("the nuclear test in January 2016", "the Hanoi summit",
 *     "sixth nuclear test", "resolution 2397", "the hydrogen bomb test") that neither an alias nor the event grammar
 *     (src/core/knowledge/event-phrases.ts) resolves.
 * "Resolves" is what glossary mode does on that date: the real plan (planPage) and the real matcher.
 */

import { ENTITY_KINDS } from '../core/knowledge/kinds';
import type { KnowledgeBase } from '../core/knowledge/knowledge-base';
import { planPage } from '../core/knowledge/plan';
import { compileMatcher, type Match } from '../core/match/matcher';

export interface GapArticle {
  /** The article's `ud` (or its fixture name). */
  name: string;
  /** The date cards are relative to (YYYY-MM-DD). */
  date: string;
  paragraphs: string[];
  /** The headline and captions: not read for gaps, but a full name there makes a surname alone in the prose known. */
  also?: string[];
}

export interface Gap {
  /** The name or phrase as printed (event phrases lower-cased, without a leading "the"). */
  text: string;
  kind: 'name' | 'event';
  /** Occurrences across all articles. */
  count: number;
  /** The articles it occurs unresolved in, sorted. */
  articles: string[];
}

export interface GapReport {
  articles: number;
  names: Gap[];
  events: Gap[];
}

// Stoplists: words that are capitalised for another reason than being a name, or names the knowledge base is not
// meant to hold. A run of capitalised words made only of these is no gap; leading ones are dropped from a run.

/** Words capitalised because they start a sentence (or a quotation), and pronouns. */
const COMMON = new Set(
  (
    'A An The This That These Those There Their They Them Then Than It Its He His Him She Her Hers We Our Us You ' +
    'Your I My Me Mine If In On At As By For From Of Off To Into Over Under Up Down Out With Without Within After ' +
    'Before During Since Until While When Where Whether Which Who Whom Whose What Why How And But Or Nor So Yet Also ' +
    'Still However Meanwhile Moreover Furthermore Instead Though Although Because Despite Unlike Like Such Some Any ' +
    'All Both Each Every Many Much More Most Other Another Few Several Only Even Just Not No Yes Now Here Earlier ' +
    'Later Last Next First Second Third Thus Hence Rather Perhaps Already Yesterday Today Tomorrow Mr. Ms. Mrs. Dr. ' +
    'Is Are Was Were Be Been Has Have Had Do Does Did Will Would Shall Should Can Could May Might Must Let ' +
    'According Regarding Following Asked Speaking Citing Analysts Experts Officials Sources Observers Critics ' +
    'Photo Graphic Editorial Opinion News Update Related Upon Amid Given Having Being Unlike Besides Along Through'
  ).split(/\s+/),
);
/** Titles and offices before a name ("Foreign Minister Ri Yong-ho" is listed as "Ri Yong-ho"). */
const TITLES = new Set(
  (
    'President Vice Prime Minister Ministers Foreign Defense Defence Unification Finance Trade Secretary Secretaries ' +
    'General Gen. Lt. Col. Maj. Adm. Marshal Chairman Chairwoman Chair Leader Premier Ambassador Envoy Special ' +
    'Representative Spokesman Spokeswoman Spokesperson Director Deputy Chief Commander Senator Sen. Rep. Gov. ' +
    'Governor Mayor King Queen Prince Chancellor Speaker Lawmaker Rep Professor Prof. Comrade Supreme First Senior ' +
    'Assistant Adviser Advisor CEO Chief Executive Chairwoman National Security State Affairs Executive Official Officer Head Acting Former Ex ' +
    'Nuclear Envoy Chairperson Commissioner Judge Justice Pope Emperor Sister Brother Wife Husband Son Daughter'
  ).split(/\s+/),
);
/** Countries, their adjectives, and cities and regions a reader needs no card for. */
const PLACES = new Set(
  (
    'North South East West Korea Korean Koreans Koreas Korea’s U.S. US USA America American Americans United ' +
    'States China Chinese Japan Japanese Russia Russian Russians Soviet Ukraine Ukrainian Iran Iranian Iraq Syria ' +
    'Libya Cuba Vietnam Vietnamese Mongolia Taiwan Taiwanese Hong Kong Europe European Asia Asian Pacific Britain ' +
    'British UK France French Germany German India Pakistan Israel Philippines Singapore Thailand Indonesia Malaysia ' +
    'Australia Canada Switzerland Swiss Sweden Swedish Seoul Pyongyang Washington Beijing Tokyo Moscow Busan Incheon ' +
    'Kaesong Panmunjom Hanoi Vladivostok Shanghai Dandong Sinuiju Wonsan Hamhung Chongjin Gyeonggi Gangwon Jeju New ' +
    'York Geneva Vienna Berlin London Paris Peninsula Korean-American Sea Yellow Island Islands Province DMZ ' +
    'Demilitarized Zone Northeast Southeast Middle Western Eastern Northern Southern Central'
  ).split(/\s+/),
);
/** Months, days and their abbreviations. */
const CALENDAR = new Set(
  (
    'January February March April May June July August September October November December Jan. Feb. Mar. Apr. ' +
    'Aug. Sep. Sept. Oct. Nov. Dec. Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas'
  ).split(/\s+/),
);
/** Wire services, newspapers and other bylines. */
const WIRES = new Set(
  'Yonhap AP AFP Reuters Xinhua Kyodo Bloomberg CNN BBC Herald Times Post Journal NK Daily Getty Images Newsis File'.split(
    /\s+/,
  ),
);

/** A capitalised word: a capital letter or digit, then letters, digits, apostrophes, inner hyphens or a final dot. */
const WORD = String.raw`(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\p{L}\p{M}’']*)(?:-[\p{L}\p{N}]+)*\.?`;
/** Lower-case words allowed inside a name ("Ministry of Unification", "Workers' Party of Korea"). */
const JOINER = String.raw`(?:of|for|the|de|al|bin|von|van)`;
const NAME_RUN = new RegExp(String.raw`(?<![\p{L}\p{N}\-])${WORD}(?:\s+(?:${JOINER}\s+)?${WORD})*`, 'gu');

const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)`;
const ORDINAL = String.raw`(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))`;
const CAPS = String.raw`[A-Z][\p{L}'’\-]*(?:\s+[A-Z][\p{L}'’\-]*){0,2}`;
/** The descriptive forms of events the issue names (issue 16, part 4), case-insensitive except for names. */
const EVENT_FORMS: RegExp[] = [
  new RegExp(String.raw`\b${ORDINAL}\s+nuclear\s+test\b`, 'giu'),
  new RegExp(String.raw`\bnuclear\s+test\s+(?:in|of)\s+${MONTH}\s+\d{4}`, 'gu'),
  new RegExp(String.raw`\b${MONTH}\s+\d{4}\s+(?:nuclear\s+)?test\b`, 'gu'),
  new RegExp(String.raw`\btest\s+in\s+${MONTH}\s+\d{4}`, 'gu'),
  new RegExp(String.raw`\b(?:hydrogen[- ]bomb|H-bomb)\s+test\b`, 'giu'),
  new RegExp(String.raw`\bsummit\s+in\s+${CAPS}`, 'gu'),
  new RegExp(String.raw`(?<![\p{L}\-])${CAPS}\s+summit\b`, 'gu'),
  new RegExp(String.raw`\b${ORDINAL}\s+summit\s+between\s+${CAPS}\s+and\s+${CAPS}`, 'giu'),
  new RegExp(String.raw`\b[Rr]esolution\s+(?:No\.\s*)?\d{3,4}\b`, 'gu'),
];

/** Institutions: a title word before one of these is part of its name ("Unification Ministry"). */
const INSTITUTIONS = new Set(
  (
    'Ministry Department Council Agency Office Committee Commission Party Assembly Airport Command Forces Army Navy ' +
    'Bureau Service University Institute Center Centre Association Union Organization Organisation Corporation Group ' +
    'Bank Fund Program Programme Administration Court Parliament Congress Senate House Cabinet Embassy Consulate ' +
    'Mission Secretariat Board Front Guard Guards Academy School Station Base Complex Zone Region Treaty Declaration ' +
    'Statement Agreement Framework Talks Summit Resolution Initiative Doctrine Policy Line Plan'
  ).split(/\s+/),
);

const bare = (token: string): string => token.replace(/['’]s?$/, '').replace(/(?<![A-Z]\.[A-Z]?)\.$/, '');
const inSet = (set: Set<string>, token: string): boolean => set.has(token) || set.has(bare(token));
/** "SEOUL" of a dateline is "Seoul". */
const titleCase = (token: string): string =>
  /^[A-Z]{3,}$/.test(token) ? token[0] + token.slice(1).toLowerCase() : token;
const noise = (token: string): boolean => {
  const t = titleCase(bare(token));
  if ([COMMON, TITLES, PLACES, CALENDAR, WIRES].some((set) => inSet(set, t)) || /^[A-Z]\.?$/.test(t)) return true;
  // "US-North Korea", "Seoul-Washington": places joined by a hyphen.
  const parts = t.split('-');
  return parts.length > 1 && parts.every((part) => /^[A-Z]/.test(part) && noise(part));
};

/** The parts of [start, end) that no match covers. */
function uncovered(start: number, end: number, matches: readonly Match[]): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let at = start;
  for (const m of matches) {
    if (m.end <= at || m.start >= end) continue;
    if (m.start > at) parts.push([at, m.start]);
    at = Math.max(at, m.end);
  }
  if (at < end) parts.push([at, end]);
  return parts;
}

/**
 * A run of capitalised words trimmed to the name in it: sentence-initial words dropped from its start; a leading
 * title with its country ("South Korean Foreign Minister") dropped too, unless an institution follows it
 * ("Unification Ministry", "National Security Council" stay whole); lower-case joiners off both ends.
 */
function trimmed(tokens: string[]): string[] {
  const piece = [...tokens];
  const shiftWhile = (test: (token: string) => boolean) => {
    while (piece.length > 0 && test(piece[0])) piece.shift();
  };
  shiftWhile((t) => inSet(COMMON, t) || /^[a-z]/.test(t));
  let prefix = 0;
  while (prefix < piece.length && (inSet(TITLES, piece[prefix]) || inSet(PLACES, piece[prefix]))) prefix++;
  const titled = piece.slice(0, prefix).some((t) => inSet(TITLES, t));
  if (titled && prefix < piece.length && !inSet(INSTITUTIONS, piece[prefix])) piece.splice(0, prefix);
  shiftWhile((t) => /^[a-z]/.test(t));
  while (piece.length > 0 && /^[a-z]/.test(piece.at(-1) ?? '')) piece.pop();
  return piece;
}

/** The capitalised runs of a text, each as its words. */
function runs(text: string): Array<{ start: number; end: number }> {
  return [...text.matchAll(NAME_RUN)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

const words = (text: string): string[] =>
  text
    .trim()
    .split(/\s+/)
    .filter((t) => /^[A-Za-z]/.test(t));

/**
 * The names in a piece of text outside the matches: each run of capitalised words split where a match covers it
 * and where a month, a day or a wire service stands, trimmed (see `trimmed`) and of a final possessive, and dropped
 * if only noise is left.
 */
export function unresolvedNames(
  text: string,
  matches: readonly Match[],
  /** Words the articles print in lower case: one of these alone, capitalised at a sentence's start, is no name. */
  lowerCase: ReadonlySet<string> = new Set(),
): string[] {
  const names: string[] = [];
  for (const run of runs(text)) {
    for (const [from, to] of uncovered(run.start, run.end, matches)) {
      const pieces: string[][] = [[]];
      for (const token of words(text.slice(from, to))) {
        if (inSet(CALENDAR, token) || inSet(WIRES, token)) pieces.push([]);
        else pieces.at(-1)?.push(token);
      }
      for (const piece of pieces.map(trimmed)) {
        if (piece.length === 0 || piece.every(noise)) continue;
        if (piece.length === 1 && lowerCase.has(bare(piece[0]).toLowerCase())) continue;
        piece[piece.length - 1] = bare(piece[piece.length - 1]);
        names.push(piece.join(' ').replace(/’/g, "'"));
      }
    }
  }
  return names;
}

/**
 * The words a later mention may use alone for someone the article has named in full: the first and last word of
 * each run of two or more capitalised words ("Kim" and "Kye-gwan" of "Kim Kye-gwan", "Davies" of "Glyn Davies").
 */
export function shortForms(paragraphs: readonly string[]): Set<string> {
  const forms = new Set<string>();
  for (const text of paragraphs) {
    for (const run of runs(text)) {
      const piece = trimmed(words(text.slice(run.start, run.end))).map(bare);
      if (piece.length < 2) continue;
      forms.add(piece[0]);
      forms.add(piece[piece.length - 1]);
    }
  }
  return forms;
}

/** The descriptive event phrases in a piece of text that no match covers entirely. */
export function unresolvedEventPhrases(text: string, matches: readonly Match[]): string[] {
  const found: Array<[number, number]> = [];
  for (const form of EVENT_FORMS) {
    for (const m of text.matchAll(form)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (found.some(([s, e]) => start < e && end > s)) continue;
      found.push([start, end]);
    }
  }
  return found
    .sort((a, b) => a[0] - b[0])
    .filter(([start, end]) => !matches.some((m) => m.start < end && m.end > start))
    .map(([start, end]) => {
      const phrase = text.slice(start, end).replace(/\s+/g, ' ');
      // Names keep their capitals; the rest of the phrase is compared lower-cased.
      return phrase.replace(/\b(?:Nuclear|Test|Summit|Resolution|Hydrogen|Bomb|First|Second|Third)\b/g, (w) =>
        w.toLowerCase(),
      );
    });
}

function tally(into: Map<string, { count: number; articles: Set<string> }>, key: string, article: string): void {
  const entry = into.get(key) ?? { count: 0, articles: new Set<string>() };
  entry.count++;
  entry.articles.add(article);
  into.set(key, entry);
}

const ranked = (kind: Gap['kind'], tallies: Map<string, { count: number; articles: Set<string> }>): Gap[] =>
  [...tallies]
    .map(([text, { count, articles }]) => ({ text, kind, count, articles: [...articles].sort() }))
    .sort((a, b) => b.count - a.count || b.articles.length - a.articles.length || a.text.localeCompare(b.text));

/** The gap report over these articles: each read as glossary mode reads it on its date. */
export function gapReport(kb: KnowledgeBase, articles: readonly GapArticle[]): GapReport {
  const names = new Map<string, { count: number; articles: Set<string> }>();
  const events = new Map<string, { count: number; articles: Set<string> }>();
  const lowerCase = new Set(
    articles.flatMap((a) => a.paragraphs.flatMap((p) => p.match(/(?<![\p{L}-])[a-z]+/gu) ?? [])),
  );
  for (const article of articles) {
    const plan = planPage(kb, {
      headlines: [],
      date: article.date,
      bodyStart: null,
      kinds: ENTITY_KINDS,
      glossary: true,
    });
    if (plan.mode !== 'glossary') throw new Error(`${article.name}: expected glossary mode, got ${plan.mode}`);
    const matcher = compileMatcher(plan.phrases);
    // A surname alone after the full name is a back-reference: the full name is what the report is about.
    const short = shortForms([...article.paragraphs, ...(article.also ?? [])]);
    for (const paragraph of article.paragraphs) {
      // Blockers count as resolved: an editor has said that phrase names nothing.
      const matches = matcher.find(paragraph);
      for (const name of unresolvedNames(paragraph, matches, lowerCase)) {
        if (!name.includes(' ') && short.has(name)) continue;
        tally(names, name, article.name);
      }
      for (const phrase of unresolvedEventPhrases(paragraph, matches)) tally(events, phrase, article.name);
    }
  }
  return { articles: articles.length, names: ranked('name', names), events: ranked('event', events) };
}

/** The report as text: `top` of each list, with counts and the articles. */
export function formatGapReport(report: GapReport, top: number): string {
  const lines = (title: string, gaps: Gap[]) => [
    `${title} (${gaps.length} in all; the top ${Math.min(top, gaps.length)}):`,
    ...gaps.slice(0, top).map((g) => {
      const shown = g.articles.slice(0, 6).join(' ');
      const more = g.articles.length > 6 ? ` +${g.articles.length - 6}` : '';
      return `${String(g.count).padStart(5)}  ${g.text.padEnd(36)} ${g.articles.length} article${g.articles.length === 1 ? '' : 's'}: ${shown}${more}`;
    }),
  ];
  return [
    `kb:gaps: ${report.articles} stored articles, read as glossary mode reads them on their dates`,
    '',
    ...lines('Names the knowledge base does not resolve', report.names),
    '',
    ...lines('Event phrases it does not resolve', report.events),
  ].join('\n');
}
