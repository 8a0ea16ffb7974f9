/**
 * Keeps the article's sheet true to the article: every phrase still occurs in the text, and the marks on every
 * layout's fixture are exactly the mentions the sheet lists.
 */
import sheets from 'backgrounder:fact-sheets';
import { describe, expect, it } from 'vitest';
import { allMarks } from '../../src/core/mark/mark-element';
import { annotateFixture, markedMentions } from '../helpers/annotate';
import { articleBodyLines, LEGACY_ARTICLE_URL } from '../helpers/fixtures';

const sheet = sheets.find((s) => s.article.legacyIds.includes('20141212000993'));
const body = articleBodyLines().join('\n');
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('the 12 Dec 2014 article sheet', () => {
  it('exists', () => expect(sheet).toBeDefined());
  if (!sheet) return;

  it.each(sheet.entities.flatMap((e) => e.phrases.map((p) => [e.id, p])))(
    '%s: "%s" occurs in the article',
    (_, phrase) => {
      expect(squash(body)).toContain(squash(phrase));
    },
  );

  it('every entity is mentioned, and every entity has a summary and sourced facts', () => {
    for (const entity of sheet.entities) {
      expect(entity.mentions.length, entity.id).toBeGreaterThan(0);
      expect(entity.summary.trim(), entity.id).not.toBe('');
      expect(entity.atTheTime.length + entity.sinceThen.length, entity.id).toBeGreaterThan(0);
    }
  });

  it.each([
    ['kh-current.html', undefined],
    ['kh-2023.html', 'https://m.koreaherald.com/article/0000000000'],
    ['kh-2017.html', LEGACY_ARTICLE_URL],
    ['kh-unknown-layout.html', 'https://news.koreaherald.com/article/0000000000'],
  ])('marks exactly the listed mentions on %s', (fixture, url) => {
    const { doc, body: articleBody } = annotateFixture(fixture, url);
    const found = markedMentions(articleBody);
    for (const entity of sheet.entities) expect(found.get(entity.id) ?? [], entity.id).toEqual(entity.mentions);
    // Nothing outside the article body: navigation, related news, captions and footers stay untouched.
    expect(allMarks(doc).length).toBe(allMarks(articleBody).length);
  });
});
