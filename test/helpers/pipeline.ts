/**
 * The content script's path on a jsdom page, with the background's part run in-process: read the page, plan it
 * against the knowledge base, find the body, mark. Also the editorial data (mention lists) the tests check against.
 */
import knowledge from 'backgrounder:knowledge';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base';
import { ENTITY_KINDS } from '../../src/core/knowledge/kinds';
import { planPage } from '../../src/core/knowledge/plan';
import { pageViews } from '../../src/core/knowledge/views';
import { markMentions } from '../../src/core/mark/mark';
import { ENTITY_ATTR, mentionMarks, mentionPieces } from '../../src/core/mark/mark-element';
import { compileMatcher } from '../../src/core/match/matcher';
import { bodyStartOf, detectWithPlan, readPage, type Detection } from '../../src/core/page/detect';
import { DEFAULT_SETTINGS, firstMentionsOnly, type Settings } from '../../src/core/settings';
import { NON_PROSE_IN_BODY } from '../../src/core/site/korea-herald';
import { loadPage, PLACEHOLDER_ARTICLE_URL } from './fixtures';

export { editorial, sheetById, SEED_SHEET_ID } from './editorial';

export const kb = new KnowledgeBase(knowledge);

/** What the content script decides for a page, with the background's planning done here. */
export function detect(doc: Document, url: string, settings: Settings = DEFAULT_SETTINGS): Detection {
  const reading = readPage(doc, url);
  if (reading.status !== 'article') return reading;
  const plan = planPage(kb, {
    headlines: reading.article.headlines,
    date: reading.article.publishedDate,
    bodyStart: bodyStartOf(doc),
    kinds: settings.kinds,
    glossary: settings.glossary !== 'off',
  });
  return detectWithPlan(doc, reading.article, plan);
}

export function detectFixture(fixture: string, url = PLACEHOLDER_ARTICLE_URL, settings = DEFAULT_SETTINGS) {
  return detect(loadPage(fixture, url), url, settings);
}

/** Marks a page at once (no slices, no deferral): the marks the annotator ends up with. */
export function annotateDoc(doc: Document, url: string, settings: Settings = DEFAULT_SETTINGS) {
  const detection = detect(doc, url, settings);
  if (detection.status !== 'article') throw new Error(`${url}: ${detection.status}`);
  markMentions(detection.body, compileMatcher(detection.plan.phrases), {
    skipSelector: NON_PROSE_IN_BODY,
    firstOnly: firstMentionsOnly(settings, detection.plan.mode),
  });
  return { doc, ...detection };
}

export function annotateFixture(fixture: string, url = PLACEHOLDER_ARTICLE_URL, settings = DEFAULT_SETTINGS) {
  return annotateDoc(loadPage(fixture, url), url, settings);
}

/** The background's answer for the cards of these entities. */
/**
 * What glossary mode finds in `text` on a page of `date`, all of its phrases compiled: [the text as printed, entity
 * id], a blocker's id being NOT_AN_ENTITY.
 */
export function glossaryMatches(text: string, date: string): Array<[string, string]> {
  const plan = planPage(kb, { headlines: [], date, bodyStart: null, kinds: ENTITY_KINDS, glossary: true });
  if (plan.mode !== 'glossary') throw new Error(`expected glossary mode on ${date}, got ${plan.mode}`);
  return compileMatcher(plan.phrases)
    .find(text)
    .map((m) => [text.slice(m.start, m.end), m.entityId]);
}

export const viewsFor = (ids: string[], date: string, sheetId?: string) =>
  pageViews(kb, { ids, date, ...(sheetId ? { sheetId } : {}) });

/** Marked mention texts per entity, in document order (pieces of one mention joined). */
export function markedMentions(root: ParentNode): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const mark of mentionMarks(root)) {
    const id = mark.getAttribute(ENTITY_ATTR) ?? '';
    const text = mentionPieces(mark)
      .map((m) => m.textContent)
      .join('')
      .replace(/\s+/g, ' ');
    found.set(id, [...(found.get(id) ?? []), text]);
  }
  return found;
}
