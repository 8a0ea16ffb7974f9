/**
 * The content script: reads the page, asks the background what to mark on it (its curated sheet, or the glossary),
 * marks it while Backgrounder is on, and answers the popup. It never lets an error reach the page: a failure
 * becomes a status the popup can show.
 */

import { bodyStartOf, detectWithPlan, findBody, readPage, type Detection, type PageReading } from '../core/page/detect';
import { wordsOf } from '../core/match/matcher';
import { firstMentionsOnly } from '../core/settings';
import { onContentRequest, sendToBackground, type PageSummary } from '../shared/messages';
import { DEFAULT_SETTINGS, isActiveOn, loadSettings, onSettingsChanged, type Settings } from '../shared/settings';
import { Annotator } from './annotator';
import { measured, record } from './timing';

const host = location.hostname;
let reading: PageReading = { status: 'not-an-article' };
let detection: Detection | null = null;
let unavailable = false;
/** The date the page states, when the background would not date the cards to it. */
let rejectedDate: string | undefined;
let settings: Settings = DEFAULT_SETTINGS;
let annotator: Annotator | null = null;
/** The latest settings change being applied; the popup's questions wait for it. */
let applying: Promise<void> = Promise.resolve();

function reportCount(counts: Record<string, number>): void {
  sendToBackground('marked-count', { entities: Object.keys(counts).length }).catch(() => {
    // The background may be asleep or reloading; the badge is a nicety.
  });
}

function summary(): PageSummary {
  const base = { host, mentionCounts: annotator?.counts() ?? {} };
  if (reading.status !== 'article') return { ...base, status: reading.status };
  const shown = { headline: reading.article.displayHeadline, publishedDate: reading.article.publishedDate };
  if (!isActiveOn(settings, host)) return { ...base, ...shown, status: 'disabled' };
  if (unavailable || detection === null) return { ...base, ...shown, status: 'unavailable' };
  switch (detection.status) {
    case 'article':
      return {
        ...base,
        ...shown,
        status: annotator ? 'article' : 'disabled',
        mode: detection.plan.mode,
        ...(detection.plan.mode === 'curated' ? { sheetId: detection.plan.sheetId } : {}),
        layout: detection.layout,
        ...(annotator?.views ? { views: annotator.views } : {}),
      };
    case 'layout-not-recognised':
      return { ...base, ...shown, status: detection.status, mode: detection.mode };
    case 'no-fact-sheet':
      return {
        ...base,
        ...shown,
        status: detection.status,
        reason: detection.reason,
        ...(rejectedDate ? { rejectedDate } : {}),
      };
    default:
      return { ...base, status: detection.status };
  }
}

/** The words the phrases the page has were asked for; words the page adds later are asked for as they come. */
let pageWords = new Set<string>();

function planQuery(article: Extract<PageReading, { status: 'article' }>['article']) {
  return {
    headlines: article.headlines,
    date: article.publishedDate,
    bodyStart: bodyStartOf(document),
    kinds: settings.kinds,
    glossary: settings.glossary !== 'off',
  };
}

/** The phrases for words the page added since it was planned (glossary mode: only those were sent). */
async function phrasesFor(article: Extract<PageReading, { status: 'article' }>['article'], words: string[]) {
  const reply = await sendToBackground('page-plan', { ...planQuery(article), words });
  for (const word of words) pageWords.add(word);
  return reply.mode === 'glossary' ? reply.phrases : [];
}

/** Asks the background what to mark on this page, with the settings that decide it. */
async function plan(article: Extract<PageReading, { status: 'article' }>['article']): Promise<Detection | null> {
  const start = performance.now();
  try {
    // The body's words: in glossary mode the page is sent only the phrases that can match them.
    pageWords = measured('words', () => wordsOf(findBody(document)?.body.textContent ?? ''));
    const reply = await sendToBackground('page-plan', {
      ...planQuery(article),
      words: [...pageWords],
    });
    record('plan', start);
    rejectedDate = reply.rejectedDate;
    return detectWithPlan(document, article, reply);
  } catch {
    return null;
  }
}

/** Brings the page in line with the settings: marks, re-marks with new options, or restores the page. */
async function apply(): Promise<void> {
  if (reading.status !== 'article') return;
  annotator?.stop();
  annotator = null;
  if (!isActiveOn(settings, host)) {
    reportCount({});
    return;
  }
  const article = reading.article;
  detection = await plan(article);
  unavailable = detection === null;
  if (detection?.status !== 'article') {
    reportCount({});
    return;
  }
  const { body, plan: marked } = detection;
  annotator = new Annotator(body, marked, {
    firstOnly: firstMentionsOnly(settings, marked.mode),
    cardDelayMs: () => settings.cardDelayMs,
    loadViews: (ids) =>
      sendToBackground('page-views', {
        ids,
        date: marked.date,
        ...(marked.mode === 'curated' ? { sheetId: marked.sheetId } : {}),
      }),
    onChange: reportCount,
    ...(marked.mode === 'glossary'
      ? { vocabulary: { known: pageWords, phrasesFor: (words: string[]) => phrasesFor(article, words) } }
      : {}),
  });
  await annotator.start();
}

async function main(): Promise<void> {
  onContentRequest({
    'get-summary': async () => {
      await applying;
      return summary();
    },
    reveal: ({ entityId }) => ({ revealed: annotator?.reveal(entityId) ?? false }),
  });
  reading = measured('detect', () => readPage(document, location.href));
  if (reading.status !== 'article') return;
  settings = await loadSettings().catch(() => DEFAULT_SETTINGS);
  onSettingsChanged((next) => {
    settings = next;
    applying = applying.then(apply).catch(() => undefined);
  });
  applying = apply();
  await applying;
}

main().catch(() => {
  // Never an exception in the page: with no marks, the popup reports the page as it found it.
});
