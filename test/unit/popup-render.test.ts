/** The popup's view of a page: reasons when there is nothing to show, entities by kind, the timeline. */
import sheets from 'backgrounder:fact-sheets';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { PageSummary } from '../../src/shared/messages';
import { renderEntities, renderTimeline, statusText } from '../../src/popup/render';
import { getMessageFrom } from '../helpers/fake-browser';
import { annotateFixture } from '../helpers/annotate';
import { countMentions } from '../../src/core/mark/tab-stops';

const t = getMessageFrom('en') as Parameters<typeof statusText>[1];
const doc = new JSDOM('<!doctype html><body></body>').window.document;
const summary = (status: PageSummary['status']): PageSummary => ({
  status,
  host: 'www.koreaherald.com',
  mentionCounts: {},
});

describe('popup', () => {
  it('says why there is nothing to show', () => {
    expect(statusText(null, t)).toMatch(/not a Korea Herald article/);
    expect(statusText(summary('not-an-article'), t)).toMatch(/not an article/);
    expect(statusText(summary('no-fact-sheet'), t)).toMatch(/no fact sheet/);
    expect(statusText(summary('layout-not-recognised'), t)).toMatch(/layout was not recognised/);
    expect(statusText(summary('disabled'), t)).toMatch(/switched off/);
    expect(statusText(summary('article'), t)).toBe('');
  });

  it('lists the entities found, grouped by kind, with counts, and reveals one on click', () => {
    const { body, sheet } = annotateFixture('kh-current.html');
    const counts = countMentions(body);
    const revealed: string[] = [];
    const groups = renderEntities(doc, sheet, counts, t, (id) => revealed.push(id));
    const buttons = groups.flatMap((g) => [...g.querySelectorAll<HTMLButtonElement>('button.entity')]);
    expect(buttons.map((b) => b.dataset.entity).sort()).toEqual(Object.keys(counts).sort());
    for (const b of buttons) {
      const entity = sheet.entities.find((e) => e.id === b.dataset.entity)!;
      expect(b.closest('section')?.dataset.kind).toBe(entity.kind);
      expect(b.textContent).toContain(entity.name);
      const n = counts[entity.id];
      expect(b.textContent).toContain(n === 1 ? '1 mention' : `${n} mentions`);
    }
    for (const a of groups.flatMap((g) => [...g.querySelectorAll('details.sources a')])) {
      expect((a as HTMLAnchorElement).rel).toBe('noopener noreferrer');
      expect((a as HTMLAnchorElement).target).toBe('_blank');
    }
    buttons[0].click();
    expect(revealed).toEqual([buttons[0].dataset.entity]);
  });

  it('shows the timeline with dates, links to cards, and sources that open safely in a new tab', () => {
    const sheet = sheets[0];
    const items = renderTimeline(doc, sheet, sheet.timelineAtTheTime, () => undefined);
    expect(items).toHaveLength(sheet.timelineAtTheTime.length);
    for (const [i, li] of items.entries()) {
      expect(li.querySelector('time')?.dateTime).toBe(sheet.timelineAtTheTime[i].date);
      for (const a of li.querySelectorAll('a')) {
        expect(a.target).toBe('_blank');
        expect(a.rel).toBe('noopener noreferrer');
        expect(a.href).toMatch(/^https?:\/\//);
      }
    }
  });
});
