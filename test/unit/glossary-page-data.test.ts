/**
 * What a glossary page receives follows the page, not the knowledge base: the plan carries only the phrases whose
 * first word the body has (the content script sends its words), and words the page adds later get theirs when
 * they come. Every stored article's page, plan and cards together, stays within the page-data budget.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { PAGE_DATA_BUDGET } from '../../build.mjs';
import { ENTITY_KINDS } from '../../src/core/knowledge/kinds';
import { planPage } from '../../src/core/knowledge/plan';
import { pageViews } from '../../src/core/knowledge/views';
import { compileMatcher, NOT_AN_ENTITY, wordsOf } from '../../src/core/match/matcher';
import { articleFixtures } from '../helpers/article-fixtures';
import { kb } from '../helpers/pipeline';

const glossary = (date: string, words?: string[]) => {
  const plan = planPage(kb, {
    headlines: [],
    date,
    bodyStart: null,
    kinds: ENTITY_KINDS,
    glossary: true,
    ...(words ? { words } : {}),
  });
  if (plan.mode !== 'glossary') throw new Error(`expected glossary mode on ${date}`);
  return plan;
};
const found = (phrases: ReturnType<typeof glossary>['phrases'], text: string) =>
  compileMatcher(phrases)
    .find(text)
    .filter((m) => m.entityId !== NOT_AN_ENTITY)
    .map((m) => `${m.entityId}@${m.start}`);

describe('glossary page data', () => {
  it('the phrases for a page’s words find exactly what all the phrases find', () => {
    for (const fixture of articleFixtures()) {
      const text = fixture.paragraphs.join('\n');
      const words = [...wordsOf(text)];
      expect(found(glossary(fixture.date, words).phrases, text), fixture.name).toEqual(
        found(glossary(fixture.date).phrases, text),
      );
    }
  });

  it('a word the page did not have brings its phrases when asked for', () => {
    const plan = glossary('2015-06-01', [...wordsOf('Officials met in Seoul on Friday.')]);
    expect(plan.phrases.some((p) => p.entityId === 'sung-kim')).toBe(false);
    const later = glossary('2015-06-01', ['Sung']);
    expect(found([...plan.phrases, ...later.phrases], 'Sung Kim met officials.')).toEqual(['sung-kim@0']);
  });

  it(`every stored article’s page receives at most ${PAGE_DATA_BUDGET.toLocaleString('en')} bytes, plan and cards`, () => {
    const sizes = articleFixtures().map((fixture) => {
      const plan = glossary(fixture.date, [...wordsOf(fixture.paragraphs.join('\n'))]);
      const ids = [...new Set(fixture.expected.map((e) => e.entity).filter((id) => kb.entities.has(id)))];
      const views = pageViews(kb, { ids, date: fixture.date });
      return { page: fixture.name, bytes: JSON.stringify(plan).length + JSON.stringify(views).length };
    });
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const all = glossary('2026-12-01');
    console.log(
      `[page data] glossary pages: at most ${largest.bytes} B (${largest.page}); all phrases of a 2026 page would be ` +
        `${JSON.stringify(all).length} B`,
    );
    for (const { page, bytes } of sizes) expect(bytes, page).toBeLessThanOrEqual(PAGE_DATA_BUDGET);
  });
});
