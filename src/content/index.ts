/**
 * The content script: recognises the article, marks it while Backgrounder is on, and answers the popup. It
 * never lets an error reach the page: a failure becomes a status the popup can show.
 */

import sheets from 'backgrounder:fact-sheets';
import { readPageArticle } from '../core/page/article-identity';
import { detectArticle, type Detection } from '../core/page/detect';
import { onContentRequest, sendToBackground, type PageSummary } from '../shared/messages';
import { DEFAULT_SETTINGS, isActiveOn, loadSettings, onSettingsChanged, type Settings } from '../shared/settings';
import { Annotator } from './annotator';
import { measured } from './timing';

const host = location.hostname;
let detection: Detection = { status: 'not-an-article' };
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
  switch (detection.status) {
    case 'article': {
      const page = readPageArticle(document);
      return {
        ...base,
        status: annotator ? 'article' : 'disabled',
        sheetId: detection.sheet.id,
        headline: page.displayHeadline,
        publishedDate: page.publishedDate,
        layout: detection.layout,
      };
    }
    case 'layout-not-recognised':
      return { ...base, status: detection.status, sheetId: detection.sheet.id };
    case 'no-fact-sheet':
      return {
        ...base,
        status: detection.status,
        headline: detection.headline,
        publishedDate: detection.publishedDate,
      };
    default:
      return { ...base, status: detection.status };
  }
}

/** Brings the page in line with the settings: marks, re-marks with new options, or restores the page. */
async function apply(): Promise<void> {
  if (detection.status !== 'article') return;
  const { body, sheet } = detection;
  annotator?.stop();
  annotator = null;
  if (isActiveOn(settings, host)) {
    annotator = new Annotator(body, sheet, settings, reportCount);
    await annotator.start();
  } else {
    reportCount({});
  }
}

async function main(): Promise<void> {
  onContentRequest({
    'get-summary': async () => {
      await applying;
      return summary();
    },
    reveal: ({ entityId }) => ({ revealed: annotator?.reveal(entityId) ?? false }),
  });
  detection = measured('detect', () => detectArticle(document, location.href, sheets));
  if (detection.status !== 'article') return;
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
