/**
 * The benchmark's in-page harness, bundled by bench/run.mjs into one IIFE (`globalThis.BackgrounderBench`) that
 * runs unchanged in a jsdom window and in a Chromium page. It times three ways of finding the same phrases in an
 * article body:
 *   ours     - the content script's path: compile the sheet, collectTextRuns, markRun every run (marks the DOM);
 *   baseline - a bare TreeWalker(SHOW_TEXT) walk running one alternation regex per text node, counting matches;
 *   markjs   - mark.js `mark(phrases, options)` until its `done` callback (mark.js must be loaded as a global).
 * Only src/core is imported (no extension APIs); the sliced run copies what src/content/annotator.ts does.
 */

import { collectTextRuns, startMarking, type MarkOptions } from '../src/core/mark/mark';
import type { TextRun } from '../src/core/mark/text-runs';
import { MARK_TAG } from '../src/core/mark/mark-element';
import { compileMatcher, type Matcher, type PhraseEntry } from '../src/core/match/matcher';
import { NON_PROSE_IN_BODY } from '../src/core/page/layouts';
import { compileSortedMatcher } from './alt-matcher';
import { textRunsOf as altTextRunsOf } from './alt-text-runs';
import { textRunsOf } from '../src/core/mark/text-runs';

/** The subset of a fact sheet the matcher reads. */
export interface BenchSheet {
  entities: Array<{ id: string; phrases: string[] }>;
}

export interface Timed {
  ms: number;
  /** Mentions found (ours: marks that start a mention; baseline/mark.js: matches or marks). */
  found: number;
}

/** The same constants the content script uses (annotator.ts: SLICE_MS, skipSelector with CARD_TAG). */
export const SLICE_MS = 8;
const CARD_TAG = 'backgrounder-card';
export const MARK_OPTIONS: MarkOptions = { skipSelector: `${NON_PROSE_IN_BODY}, ${CARD_TAG}`, firstOnly: false };

const now = (): number => performance.now();

export const entriesOf = (sheet: BenchSheet): PhraseEntry[] =>
  sheet.entities.flatMap((e) => e.phrases.map((phrase) => ({ phrase, entityId: e.id })));

export const phrasesOf = (sheet: BenchSheet): string[] => [...new Set(entriesOf(sheet).map((e) => e.phrase))];

const countMentions = (container: Element): number =>
  container.querySelectorAll(`${MARK_TAG}:not([data-continues])`).length;

export interface OursTimed extends Timed {
  compile: number;
  collect: number;
  /** startMarking + markRun of every run (regex find and DOM wrapping). */
  mark: number;
}

/**
 * OURS, in one go: compile + collect + mark every run (what annotator.ts does, minus the slicing). `alt` swaps in
 * the demonstration bench/alt-matcher.ts for compileMatcher; collecting and marking stay src's.
 */
export function runOurs(container: Element, sheet: BenchSheet, alt = false): OursTimed {
  const t0 = now();
  const matcher = (alt ? compileSortedMatcher : compileMatcher)(entriesOf(sheet));
  const t1 = now();
  const runs = collectTextRuns(container, MARK_OPTIONS.skipSelector);
  const t2 = now();
  const session = startMarking(container, MARK_OPTIONS);
  for (const run of runs) session.markRun(run, matcher);
  const t3 = now();
  return { ms: t3 - t0, compile: t1 - t0, collect: t2 - t1, mark: t3 - t2, found: countMentions(container) };
}

export const runOursAlt = (container: Element, sheet: BenchSheet): OursTimed => runOurs(container, sheet, true);

/**
 * True when the demonstrations do exactly what src does on `container`: bench/alt-matcher.ts finds the same
 * matches in every run, and marking runs pulled one by one from bench/alt-text-runs.ts (marking between pulls)
 * leaves the same DOM as collecting first and marking after. Works on two detached copies.
 */
export function altAgrees(container: Element, sheet: BenchSheet): boolean {
  const trie = compileMatcher(entriesOf(sheet));
  const sorted = compileSortedMatcher(entriesOf(sheet));
  const runs = collectTextRuns(container, MARK_OPTIONS.skipSelector);
  const sameMatches = runs.every(
    (run) => JSON.stringify(trie.find(run.text)) === JSON.stringify(sorted.find(run.text)),
  );
  const a = container.cloneNode(true) as Element;
  const b = container.cloneNode(true) as Element;
  const sessionA = startMarking(a, MARK_OPTIONS);
  for (const run of collectTextRuns(a, MARK_OPTIONS.skipSelector)) sessionA.markRun(run, trie);
  const sessionB = startMarking(b, MARK_OPTIONS);
  for (const run of altTextRunsOf(b, MARK_OPTIONS.skipSelector)) sessionB.markRun(run, trie);
  return sameMatches && a.innerHTML === b.innerHTML;
}

export interface OursProfile {
  compile: number;
  collect: number;
  /** The regex alone over every run's text, first pass (in a fresh page this includes V8 compiling the regex). */
  find1: number;
  /** The same again (a warm regex). */
  find2: number;
  /** startMarking + markRun of every run: intact check, find, overlap filter, wrapping. */
  markRuns: number;
  /** markRuns minus find2: the DOM work (splitText, createElement, setAttribute, replaceWith, append). */
  wrap: number;
  runs: number;
  nodes: number;
  marks: number;
}

/** OURS split into its steps, to see where the time goes. */
export function profileOurs(container: Element, sheet: BenchSheet): OursProfile {
  let t = now();
  const matcher = compileMatcher(entriesOf(sheet));
  const compile = now() - t;
  t = now();
  const runs = collectTextRuns(container, MARK_OPTIONS.skipSelector);
  const collect = now() - t;
  t = now();
  for (const run of runs) matcher.find(run.text);
  const find1 = now() - t;
  t = now();
  for (const run of runs) matcher.find(run.text);
  const find2 = now() - t;
  t = now();
  const session = startMarking(container, MARK_OPTIONS);
  for (const run of runs) session.markRun(run, matcher);
  const markRuns = now() - t;
  const nodes = runs.reduce((n, r) => n + r.nodes.length, 0);
  const marks = container.querySelectorAll(MARK_TAG).length;
  return { compile, collect, find1, find2, markRuns, wrap: markRuns - find2, runs: runs.length, nodes, marks };
}

const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** One global regex: every phrase, escaped, longest first; no word boundaries, exact white space. */
const alternation = (phrases: readonly string[]): RegExp =>
  new RegExp(
    [...phrases]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'g',
  );

/** BASELINE: the least work that still looks at every phrase in every text node. Nothing is wrapped. */
export function runBaseline(container: Element, phrases: readonly string[]): Timed {
  const t0 = now();
  if (phrases.length === 0) return { ms: now() - t0, found: 0 };
  const re = alternation(phrases);
  const doc = container.ownerDocument;
  const walker = doc.createTreeWalker(container, 4 /* NodeFilter.SHOW_TEXT */);
  let found = 0;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = (node as Text).data;
    re.lastIndex = 0;
    while (re.exec(text) !== null) found++;
  }
  const ms = now() - t0;
  return { ms, found };
}

/**
 * The mark.js options used: the fairest match for ours. Whole words with punctuation as word limiters, exact case,
 * no diacritics expansion, no matching across elements; text already inside a mark is excluded (ours never nests
 * or overlaps mentions), and so are links and captions (ours skips a[href] and figure captions).
 */
export const MARKJS_OPTIONS = {
  element: 'mark',
  separateWordSearch: false,
  accuracy: { value: 'exactly', limiters: [',', '.', ';', ':', '!', '?', '"', "'", '(', ')', '\u2019', '\u201d'] },
  diacritics: false,
  acrossElements: false,
  caseSensitive: true,
  exclude: ['mark', 'a[href]', 'figcaption'],
};

interface MarkInstance {
  mark(keywords: string[], options: Record<string, unknown>): void;
  markRegExp(regexp: RegExp, options: Record<string, unknown>): void;
}
type MarkConstructor = new (ctx: Element) => MarkInstance;

/**
 * MARK.JS: `new Mark(body).mark(phrases, options)`, timed until `done`. mark.js handles its keywords by recursion
 * (each keyword's `done` calls the next), so one call with ~1,500 phrases can overflow the stack; `batch` then
 * splits the phrases, longest first as mark.js itself orders them, into sequential calls from the top level.
 */
export function runMarkJs(container: Element, phrases: readonly string[], batch = Infinity): Timed {
  const Mark = (globalThis as unknown as { Mark: MarkConstructor }).Mark;
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  const size = Number.isFinite(batch) ? batch : Math.max(1, sorted.length);
  let found = 0;
  const t0 = now();
  for (let i = 0; i < sorted.length; i += size) {
    let done = false;
    new Mark(container).mark(sorted.slice(i, i + size), {
      ...MARKJS_OPTIONS,
      done: (total: number) => {
        done = true;
        found += total;
      },
    });
    if (!done) throw new Error('mark.js did not call done synchronously');
  }
  return { ms: now() - t0, found };
}

/**
 * MARK.JS with one regular expression (`markRegExp`): the baseline's regex (a plain alternation, longest first),
 * which a mark.js user with ~1,500 phrases would pass instead of calling `mark(array)`. Not one of the targets;
 * minus the baseline it shows what walking and wrapping the same matches costs in a mature library.
 */
export function runMarkJsRegExp(container: Element, phrases: readonly string[]): Timed {
  const Mark = (globalThis as unknown as { Mark: MarkConstructor }).Mark;
  let found = -1;
  const t0 = now();
  if (phrases.length === 0) return { ms: 0, found: 0 };
  const re = alternation(phrases);
  const { element, acrossElements, exclude } = MARKJS_OPTIONS;
  new Mark(container).markRegExp(re, {
    element,
    acrossElements,
    exclude,
    done: (total: number) => {
      found = total;
    },
  });
  if (found < 0) throw new Error('mark.js did not call done synchronously');
  return { ms: now() - t0, found };
}

export interface SlicedResult {
  totalMs: number;
  /** The first task: compile + collect + first slice in annotator.ts (compile alone with `yieldAfterSetup`). */
  firstTaskMs: number;
  compileMs: number;
  collectMs: number;
  /** Durations of each marking slice. */
  slices: number[];
  /** The longest task of the whole pass (first task, collect task when split, slices). */
  maxTaskMs: number;
  found: number;
}

export interface SlicedOptions {
  /**
   * The demonstrations: compile with bench/alt-matcher.ts, yield, then pull runs from bench/alt-text-runs.ts
   * inside the slices instead of collecting them all first.
   */
  alt?: boolean;
}

/**
 * OURS the content-script way (annotator.ts: the constructor compiles, then markAll yields once and pulls runs
 * lazily inside ~8 ms slices, yielding with setTimeout(0), MutationObserver off while writing).
 */
export async function runOursSliced(
  container: Element,
  sheet: BenchSheet,
  options: SlicedOptions = {},
): Promise<SlicedResult> {
  const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
  const observer = new MutationObserver(() => {});
  const observe = (): void => observer.observe(container, { childList: true, subtree: true, characterData: true });
  const tasks: number[] = [];
  const t0 = now();
  const matcher: Matcher = (options.alt ? compileSortedMatcher : compileMatcher)(entriesOf(sheet));
  const compileMs = now() - t0;
  const collectMs = 0;
  // As annotator.ts does now: compile is a task of its own, then runs are pulled lazily inside the slices.
  tasks.push(compileMs);
  await nextTask();
  const runs: Iterator<TextRun> = (options.alt ? altTextRunsOf : textRunsOf)(container, MARK_OPTIONS.skipSelector);
  const session = startMarking(container, MARK_OPTIONS);
  const slices: number[] = [];
  let next = runs.next();
  while (!next.done) {
    const sliceStart = now();
    observer.disconnect();
    do {
      session.markRun(next.value, matcher);
      next = runs.next();
    } while (!next.done && now() - sliceStart < SLICE_MS);
    observe();
    const sliceEnd = now();
    slices.push(sliceEnd - sliceStart);
    tasks.push(sliceEnd - sliceStart);
    if (!next.done) await nextTask();
  }
  observer.disconnect();
  return {
    totalMs: now() - t0,
    firstTaskMs: tasks[0] ?? 0,
    compileMs,
    collectMs,
    slices,
    maxTaskMs: Math.max(0, ...tasks),
    found: countMentions(container),
  };
}
