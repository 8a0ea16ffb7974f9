/**
 * Starts the content script's Annotator on a jsdom page, its background requests answered in-process. Import it
 * after mocking webextension-polyfill (the card's texts come from i18n).
 */
import { Annotator } from '../../src/content/annotator';
import { DEFAULT_SETTINGS, firstMentionsOnly, type Settings } from '../../src/core/settings';
import { detect, viewsFor } from './pipeline';

const started: Annotator[] = [];

export async function startAnnotator(doc: Document, url: string, settings: Settings = DEFAULT_SETTINGS) {
  const detection = detect(doc, url, settings);
  if (detection.status !== 'article') throw new Error(`${url}: ${detection.status}`);
  const { plan } = detection;
  const counts: Array<Record<string, number>> = [];
  const annotator = new Annotator(detection.body, plan, {
    firstOnly: firstMentionsOnly(settings, plan.mode),
    cardDelayMs: () => settings.cardDelayMs,
    loadViews: async (ids) => viewsFor(ids, plan.date, plan.mode === 'curated' ? plan.sheetId : undefined),
    onChange: (c) => counts.push(c),
  });
  started.push(annotator);
  await annotator.start();
  return { ...detection, annotator, counts };
}

/** Stops every annotator started since the last call (use in afterEach). */
export function stopAnnotators(): void {
  for (const annotator of started.splice(0)) annotator.stop();
}
