/**
 * The popup's header for an old article: its age in whole years, how many of the people it names have moved on
 * from the posts they held then, and which of its events were overtaken since. Computed from the views, so the
 * seed article of December 2014 and a page of last month say different things.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { countMentions } from '../../src/core/mark/tab-stops';
import { peopleMoved, renderArticleAge, yearsBetween } from '../../src/popup/article-age';
import type { Translate } from '../../src/shared/entity-text';
import { getMessageFrom } from '../helpers/fake-browser';
import { annotateFixture, viewsFor } from '../helpers/pipeline';

const t = getMessageFrom('en') as Translate;
const doc = new JSDOM('<!doctype html><body></body>').window.document;
const textOf = (nodes: HTMLElement[]) => nodes.map((n) => n.textContent).join('\n');

describe("the popup's article-age header", () => {
  it('counts whole years', () => {
    expect(yearsBetween('2014-12-12', '2026-12-07')).toBe(11);
    expect(yearsBetween('2014-12-12', '2026-12-12')).toBe(12);
    expect(yearsBetween('2026-06-01', '2026-12-07')).toBe(0);
  });

  it('on the seed article of 12 Dec 2014: its age, the people who moved on, the events overtaken', () => {
    const { body, plan } = annotateFixture('kh-current.html');
    const counts = countMentions(body);
    const views = viewsFor(Object.keys(counts), plan.date, plan.mode === 'curated' ? plan.sheetId : undefined);
    const text = textOf(renderArticleAge(doc, views, counts, '2026-12-07', t));
    expect(text).toMatch(/^This article is more than 11 years old\./);

    const { moved, known } = peopleMoved(views.entities);
    // Sung Kim was the special representative then; he has held other posts since.
    expect(moved.map((p) => p.id)).toContain('sung-kim');
    expect(text).toContain(`${moved.length} of the ${known} people it names with a known post have moved`);
    const overtaken = views.entities.filter((e) => e.overtaken).map((e) => e.name);
    if (overtaken.length > 0) expect(text).toContain('Overtaken since:');
    for (const name of overtaken) expect(text).toContain(name);
  });

  it('says nothing of age on an article from this year, and nothing moved when nobody did', () => {
    const views = viewsFor(['sung-kim'], '2026-11-01');
    const text = textOf(renderArticleAge(doc, views, { 'sung-kim': 1 }, '2026-12-07', t));
    expect(text).not.toMatch(/years? old/);
    expect(text).not.toMatch(/moved/);
  });
});
