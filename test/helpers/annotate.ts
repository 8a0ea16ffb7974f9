/** Runs the content script's marking path (detect, compile, mark) on a jsdom page, without extension APIs. */
import sheets from 'backgrounder:fact-sheets';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { markMentions } from '../../src/core/mark/mark';
import { ENTITY_ATTR, mentionPieces, mentionMarks } from '../../src/core/mark/mark-element';
import { detectArticle } from '../../src/core/page/detect';
import { NON_PROSE_IN_BODY } from '../../src/core/page/layouts';
import { matcherForSheet } from '../../src/core/match/sheet-matcher';
import { loadPage, PLACEHOLDER_ARTICLE_URL } from './fixtures';

export function annotateFixture(fixture: string, url = PLACEHOLDER_ARTICLE_URL) {
  const doc = loadPage(fixture, url);
  const detection = detectArticle(doc, url, sheets);
  if (detection.status !== 'article') throw new Error(`${fixture}: ${detection.status}`);
  markMentions(detection.body, matcherForSheet(detection.sheet, DEFAULT_SETTINGS.kinds), {
    skipSelector: NON_PROSE_IN_BODY,
  });
  return { doc, ...detection };
}

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
