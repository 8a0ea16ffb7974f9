/** The popup's view of a page: reasons when there is nothing to show, entities by kind, the timeline. */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { countMentions } from '../../src/core/mark/tab-stops';
import type { PageSummary } from '../../src/shared/messages';
import { renderEntities, renderTimeline, statusText } from '../../src/popup/render';
import { getMessageFrom } from '../helpers/fake-browser';
import { annotateFixture, viewsFor } from '../helpers/pipeline';

const t = getMessageFrom('en') as Parameters<typeof statusText>[1];
const doc = new JSDOM('<!doctype html><body></body>').window.document;
const summary = (status: PageSummary['status'], more: Partial<PageSummary> = {}): PageSummary => ({
  status,
  host: 'www.koreaherald.com',
  mentionCounts: {},
  ...more,
});

function seedViews() {
  const { body, plan } = annotateFixture('kh-current.html');
  const counts = countMentions(body);
  return {
    counts,
    views: viewsFor(Object.keys(counts), plan.date, plan.mode === 'curated' ? plan.sheetId : undefined),
  };
}

describe('popup', () => {
  it('says why there is nothing to show, and when a page is in glossary mode', () => {
    expect(statusText(null, t)).toMatch(/not a Korea Herald article/);
    expect(statusText(summary('not-an-article'), t)).toMatch(/not an article/);
    expect(statusText(summary('no-fact-sheet', { reason: 'glossary-off' }), t)).toMatch(
      /no curated sheet .* glossary mode is off/,
    );
    expect(statusText(summary('no-fact-sheet', { reason: 'no-date' }), t)).toMatch(/date could not be read/);
    expect(statusText(summary('layout-not-recognised'), t)).toMatch(/layout was not recognised/);
    expect(statusText(summary('disabled'), t)).toMatch(/switched off/);
    expect(statusText(summary('unavailable'), t)).toMatch(/could not load/);
    expect(statusText(summary('article', { mode: 'curated' }), t)).toBe('');
    expect(statusText(summary('article', { mode: 'glossary' }), t)).toMatch(/no curated sheet .*glossary mode/);
  });

  it('lists the entities found, grouped by kind, with counts and the role on the date, and reveals one', () => {
    const { counts, views } = seedViews();
    const revealed: string[] = [];
    const groups = renderEntities(doc, views, counts, t, (id) => revealed.push(id));
    const buttons = groups.flatMap((g) => [...g.querySelectorAll<HTMLButtonElement>('button.entity')]);
    expect(buttons.map((b) => b.dataset.entity).sort()).toEqual(Object.keys(counts).sort());
    for (const b of buttons) {
      const view = views.entities.find((e) => e.id === b.dataset.entity)!;
      expect(b.closest('section')?.dataset.kind).toBe(view.kind);
      const n = counts[view.id];
      // The button's accessible name: name, count, role and summary as separate words.
      expect(b.textContent).toMatch(
        new RegExp(`^${view.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${n} mentions? \\S`),
      );
    }
    const sungKim = buttons.find((b) => b.dataset.entity === 'sung-kim')!;
    expect(sungKim.textContent).toContain(
      ' mentions US Special Representative for North Korea Policy (since Nov 2014) ',
    );
    for (const a of groups.flatMap((g) => [...g.querySelectorAll('details.sources a')])) {
      expect((a as HTMLAnchorElement).rel).toBe('noopener noreferrer');
      expect((a as HTMLAnchorElement).target).toBe('_blank');
    }
    buttons[0].click();
    expect(revealed).toEqual([buttons[0].dataset.entity]);
  });

  it('shows the timeline with dates, links to the background, and sources that open safely in a new tab', () => {
    const { views } = seedViews();
    const entries = views.timeline.atTheTime;
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.every((e) => e.fact.date <= views.date)).toBe(true);
    expect(views.timeline.sinceThen.every((e) => e.fact.date > views.date)).toBe(true);
    const items = renderTimeline(doc, entries, views.sources, t, () => undefined);
    expect(items).toHaveLength(entries.length);
    for (const [i, li] of items.entries()) {
      expect(li.querySelector('time')?.dateTime).toBe(entries[i].fact.date);
      expect(li.querySelectorAll('a').length).toBe(entries[i].fact.sources.length);
      for (const a of li.querySelectorAll('a')) {
        expect(a.target).toBe('_blank');
        expect(a.rel).toBe('noopener noreferrer');
        expect(a.href).toMatch(/^https?:\/\//);
      }
    }
  });

  it('writes dates the Korean way in the Korean interface', () => {
    const { views } = seedViews();
    const ko = getMessageFrom('ko') as typeof t;
    const [first] = renderTimeline(doc, views.timeline.atTheTime, views.sources, ko, () => undefined);
    const iso = views.timeline.atTheTime[0].fact.date;
    expect(first.querySelector('time')?.textContent).toMatch(new RegExp(`^${iso.slice(0, 4)}년`));
  });
});
