/**
 * Glossary mode on real text (test/fixtures/articles/): each stored article rebuilt in the current and the 2017
 * layout and marked as the content script would (jsdom), scored against the marks the editor wrote by hand
 * before the code ran. At least 90% of the expected names get the right card, and not one mark is wrong; pages
 * not about North Korea get no mark at all.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { articleFixtures, type ArticleFixture } from '../helpers/article-fixtures';
import { recall, score, scoreTable, yearTable, type Score } from '../helpers/glossary-score';
import { buildArticlePage, type BuiltLayout } from '../helpers/page-builder';
import { annotateDoc, detect, markedMentions } from '../helpers/pipeline';

const fixtures = articleFixtures();
const LAYOUTS: BuiltLayout[] = ['current-2024', 'view-con-2017'];

function glossaryPage(fixture: ArticleFixture, layout: BuiltLayout) {
  const url = fixture.url;
  const doc = new JSDOM(buildArticlePage({ ...fixture, url }, layout), { url }).window.document;
  return { doc, url };
}

describe.each(LAYOUTS)('glossary mode on stored articles, %s layout', (layout) => {
  const scores: Score[] = [];

  it.each(fixtures.map((f) => [f.name, f] as const))(
    '%s: the editor’s expected marks, and nothing wrong',
    (_, fixture) => {
      const { doc, url } = glossaryPage(fixture, layout);
      const detection = detect(doc, url);
      expect(detection.status, fixture.name).toBe('article');
      if (detection.status !== 'article') return;
      if (detection.plan.mode === 'curated') return; // its own sheet decides (article-sheets.test.ts)
      expect(detection.plan.date).toBe(fixture.date);
      const { body } = annotateDoc(doc, url);
      const result = score(fixture, markedMentions(body));
      scores.push(result);
      expect(result.wrong, `${fixture.name}: wrong marks`).toEqual([]);
      // Marks only in the article's paragraphs: none in the headline, captions, related news or navigation.
      expect(doc.querySelectorAll('backgrounder-mark').length).toBe(body.querySelectorAll('backgrounder-mark').length);
      expect(body.querySelectorAll('figcaption backgrounder-mark, .img_box backgrounder-mark').length).toBe(0);
    },
  );

  it('marks at least 90% of the expected names with the right card', () => {
    const dateOf = (page: string) => fixtures.find((f) => f.name === page)?.date ?? '';
    console.log(
      `[glossary ${layout}] recall ${(recall(scores) * 100).toFixed(1)}% on ${scores.length} pages\n` +
        `${yearTable(scores, dateOf)}\n${scoreTable(scores)}`,
    );
    // Real text, and enough of it: 120 pages over the years, 40 of them from 2019 on (issue 16).
    expect(fixtures.length).toBeGreaterThanOrEqual(120);
    expect(fixtures.filter((f) => f.date >= '2019').length).toBeGreaterThanOrEqual(40);
    expect(recall(scores)).toBeGreaterThanOrEqual(0.9);
  });
});
