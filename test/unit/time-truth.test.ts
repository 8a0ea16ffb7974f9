/**
 * Every card and every panel is true on the date it speaks from. For each entity, on every date that matters (the
 * day before, the day and the day after each role boundary and each fact, and 1 January of each year 2003-2026),
 * the compact card and the full background are rendered as the content script renders them, and the part that
 * claims to be "at the time" (name, date line, role lines, summary, note, posts and facts up to the date) is read
 * back from the screen:
 * - it names no date later than the page's, except provisions a fact of the time lists as `scheduled`;
 * - no role shows as held before it began or after it ended, and none is "formerly" held before it ended;
 * - the card and the panel name the page's date.
 * Source titles are citations, not claims, and the mentions list is the page's own text: neither is read.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { dateMentions } from '../../src/core/knowledge/date-mentions';
import { begunBy, endedBy, firstDay, lastDay, stillOn } from '../../src/core/knowledge/dates';
import type { EntityView } from '../../src/core/knowledge/views';
import { earliestMarkable, EARLIEST_PAGE_DATE } from '../../src/core/knowledge/time-truth';
import { formatDate } from '../../src/core/format-date';
import { koreaDateOfIso } from '../../src/core/page/article-identity';
import { fakeBrowser } from '../helpers/fake-browser';
import { editorial, kb, viewsFor } from '../helpers/pipeline';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }));
const { CardView } = await import('../../src/content/card-view');
const { PanelView } = await import('../../src/content/panel-view');

const doc = new JSDOM('<!doctype html><body><main></main></body>').window.document;
const card = new CardView(doc);
const panel = new PanelView(doc, () => undefined);

const shift = (day: string, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The dates on which a card for this entity could read wrong, from the first page that can mark it on. */
function datesThatMatter(id: string): string[] {
  const entity = editorial.entities.find((e) => e.id === id);
  if (!entity) throw new Error(`no entity ${id}`);
  const sheetDates = editorial.sheets
    .filter((s) => s.entities.some((l) => l.id === id))
    .map((s) => koreaDateOfIso(s.article.published) ?? s.article.published);
  const from = [earliestMarkable(entity, sheetDates), EARLIEST_PAGE_DATE].sort().at(-1) ?? EARLIEST_PAGE_DATE;
  const bounds = [
    ...(entity.roles ?? []).flatMap((r) => [r.from, r.until, r.lastConfirmed]),
    ...entity.facts.flatMap((f) => [f.date, f.until, ...(f.scheduled ?? [])]),
    ...(typeof entity.summary === 'string' ? [] : entity.summary.map((v) => v.from)),
  ].filter((d): d is string => d !== undefined);
  const days = new Set<string>();
  for (const bound of bounds) {
    for (const day of [firstDay(bound), lastDay(bound)]) for (const n of [-1, 0, 1]) days.add(shift(day, n));
  }
  for (let year = 2003; year <= 2026; year++) days.add(`${year}-01-01`);
  return [...days].filter((d) => d >= from && d <= kb.reviewed).sort();
}

/** The text a rendered element shows, without the parts that do not speak of the article's date. */
function textWithout(root: Element, selectors: string): string {
  const copy = root.cloneNode(true) as Element;
  copy.querySelectorAll(selectors).forEach((n) => n.remove());
  // Text nodes joined by spaces: "Jun 2018" and "8 Aug" in two elements must not read as one date.
  const walker = copy.ownerDocument.createTreeWalker(copy, 4);
  const texts: string[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode.nodeValue ?? '');
  return texts.join(' ');
}

function thenParts(view: EntityView, views: ReturnType<typeof viewsFor>): { card: string; panel: string } {
  card.render(view, 'pointer');
  const cardRoot = card.host.shadowRoot?.querySelector('.card');
  panel.open({ view, views, mentions: [], onMention: () => undefined });
  const dialog = panel.dialogElement;
  return {
    card: cardRoot ? textWithout(cardRoot, '.since, .hint') : '',
    panel: textWithout(dialog, '[data-part="since"], [data-part="mentions"], .sources'),
  };
}

interface Problem {
  entity: string;
  date: string;
  problem: string;
}

function checkOn(id: string, date: string): Problem[] {
  const views = viewsFor([id], date);
  const [view] = views.entities;
  if (!view) return [{ entity: id, date, problem: 'no view' }];
  const problems: Problem[] = [];
  const add = (problem: string) => problems.push({ entity: id, date, problem });

  const scheduled = view.atTheTime.flatMap((f) => f.scheduled ?? []);
  const parts = thenParts(view, views);
  for (const [where, text] of Object.entries(parts)) {
    for (const mention of dateMentions(text, date.slice(0, 4))) {
      if (firstDay(mention.date) <= date) continue;
      if (scheduled.some((s) => s.startsWith(mention.date) || mention.date.startsWith(s))) continue;
      add(`${where} names ${mention.text} (${mention.date})`);
    }
    const onDate = formatDate(date, 'en');
    if (!text.includes(onDate)) add(`${where} does not name the page's date (${onDate})`);
  }
  for (const role of view.rolesThen) {
    if (!begunBy(role.from, date)) add(`role "${role.title}" shown before it began (${role.from})`);
    if (!stillOn(role.until, date)) add(`role "${role.title}" shown after it ended (${role.until})`);
  }
  if (view.formerRole && !endedBy(view.formerRole.until, date)) {
    add(`"formerly ${view.formerRole.title}" before it ended (${view.formerRole.until})`);
  }
  for (const holder of view.holdersThen) {
    if (!begunBy(holder.role.from, date) || !stillOn(holder.role.until, date)) {
      add(`holder ${holder.name} shown outside ${holder.role.from}–${holder.role.until ?? ''}`);
    }
  }
  return problems;
}

describe('every card and panel, on every date that matters, claims nothing later than its page', () => {
  const ids = editorial.entities.map((e) => e.id);
  let checked = 0;

  it.each(ids)('%s', (id) => {
    const problems = datesThatMatter(id).flatMap((date) => {
      checked++;
      return checkOn(id, date);
    });
    expect(problems).toEqual([]);
  });

  it('covered every entity on its boundary dates', () => {
    console.log(`[time truth] ${ids.length} entities, ${checked} pages, each a card and a panel`);
    expect(checked).toBeGreaterThan(ids.length * 20);
  });
});

describe('the check itself', () => {
  it('reads a later date in what a card shows', () => {
    const [view] = viewsFor(['stephen-biegun'], '2019-02-15').entities;
    if (!view) throw new Error('no view');
    const planted = { ...view, summary: 'Deputy secretary of state from December 2019.' };
    card.render({ ...planted, id: 'planted' }, 'pointer');
    const text = textWithout(card.host.shadowRoot?.querySelector('.card') as Element, '.since, .hint');
    expect(dateMentions(text, '2019').some((m) => firstDay(m.date) > '2019-02-15')).toBe(true);
  });
});
