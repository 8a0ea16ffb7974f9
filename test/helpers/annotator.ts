/**
 * Starts the content script's Annotator on a jsdom page, its background requests answered in-process. Import it
 * after mocking webextension-polyfill (the card's texts come from i18n).
 */
import { Annotator } from '../../src/content/annotator';
import { ENTITY_KINDS } from '../../src/core/knowledge/kinds';
import { planPage } from '../../src/core/knowledge/plan';
import { wordsOf } from '../../src/core/match/matcher';
import { DEFAULT_SETTINGS, firstMentionsOnly, type Settings } from '../../src/core/settings';
import { detect, kb, viewsFor } from './pipeline';

const started: Annotator[] = [];

/**
 * `byWords`: in glossary mode, as the content script does it: the plan holds only the phrases for the body's words,
 * and later words get theirs from the background (here, `planPage` in-process; `asked` records each request).
 */
export async function startAnnotator(
  doc: Document,
  url: string,
  settings: Settings = DEFAULT_SETTINGS,
  { byWords = false }: { byWords?: boolean } = {},
) {
  const detection = detect(doc, url, settings);
  if (detection.status !== 'article') throw new Error(`${url}: ${detection.status}`);
  const counts: Array<Record<string, number>> = [];
  const asked: string[][] = [];
  const known = wordsOf(detection.body.textContent ?? '');
  const glossaryPhrases = (words: string[]) => {
    const plan = planPage(kb, {
      headlines: [],
      date: detection.plan.date,
      bodyStart: null,
      kinds: ENTITY_KINDS,
      glossary: true,
      words,
    });
    return plan.mode === 'glossary' ? plan.phrases : [];
  };
  const byVocabulary = byWords && detection.plan.mode === 'glossary';
  const plan = byVocabulary ? { ...detection.plan, phrases: glossaryPhrases([...known]) } : detection.plan;
  const annotator = new Annotator(detection.body, plan, {
    firstOnly: firstMentionsOnly(settings, plan.mode),
    cardDelayMs: () => settings.cardDelayMs,
    loadViews: async (ids) => viewsFor(ids, plan.date, plan.mode === 'curated' ? plan.sheetId : undefined),
    onChange: (c) => counts.push(c),
    ...(byVocabulary
      ? {
          vocabulary: {
            known,
            phrasesFor: async (words: string[]) => {
              asked.push(words);
              for (const word of words) known.add(word);
              return glossaryPhrases(words);
            },
          },
        }
      : {}),
  });
  started.push(annotator);
  await annotator.start();
  return { ...detection, plan, annotator, counts, asked };
}

/** Stops every annotator started since the last call (use in afterEach). */
export function stopAnnotators(): void {
  for (const annotator of started.splice(0)) annotator.stop();
}
