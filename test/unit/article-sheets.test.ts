/**
 * Keeps every curated sheet true to its article: each local phrase still occurs in the text, and on every page of
 * the article the marks are exactly the mentions the sheet lists, in order, and only in the body. A table over
 * data/articles/: a new sheet is tested by adding it (and its article's text).
 */
import { describe, expect, it } from 'vitest';
import { normalisePhrase } from '../../src/core/match/matcher';
import { allMarks } from '../../src/core/mark/mark-element';
import { annotateDoc, editorial, markedMentions } from '../helpers/pipeline';
import { pageDocument, sheetArticle } from '../helpers/sheet-pages';

const squash = (s: string) => normalisePhrase(s);

describe.each(editorial.sheets.map((s) => [s.id, s] as const))('sheet %s', (_, sheet) => {
  const article = sheetArticle(sheet);
  const text = squash(article.paragraphs.join('\n'));

  it.each(sheet.entities.flatMap((e) => (e.phrases ?? []).map((p) => [e.id, p])))(
    '%s: local phrase "%s" occurs in the article',
    (__, phrase) => {
      expect(text).toContain(squash(phrase));
    },
  );

  it('starts and ends where the sheet says', () => {
    expect(text.startsWith(squash(sheet.article.bodyStartsWith))).toBe(true);
    expect(text).toContain(squash(sheet.article.bodyEndsWith));
  });

  it.each(article.pages.map((p) => [p.label, p] as const))('marks exactly the listed mentions on %s', (__, page) => {
    const doc = pageDocument(page);
    const { body, plan } = annotateDoc(doc, page.url);
    expect(plan.mode === 'curated' && plan.sheetId).toBe(sheet.id);
    const found = markedMentions(body);
    // Compared as the matcher compares: spacing folded, apostrophes straight.
    for (const link of sheet.entities) {
      expect((found.get(link.id) ?? []).map(squash), link.id).toEqual(link.mentions.map(squash));
    }
    expect([...found.keys()].sort()).toEqual(sheet.entities.map((l) => l.id).sort());
    // Nothing outside the article body: navigation, related news, captions and footers stay untouched.
    expect(allMarks(doc).length).toBe(allMarks(body).length);
  });
});
