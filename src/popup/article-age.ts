/**
 * The popup's header for an old article, as news sites label their old stories: how old it is, how many of the
 * people it names have moved on from the posts they held then, and which of its events were overtaken or ended.
 * Plain DOM from the page's views, so it is tested in jsdom.
 */

import { formatDate } from '../core/format-date';
import type { EntityView, PageViews } from '../core/knowledge/views';
import type { Translate } from '../shared/entity-text';

/** Whole years from `date` to `today` (both "YYYY-MM-DD"). */
export function yearsBetween(date: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(date.slice(0, 4));
  return today.slice(5) < date.slice(5) ? years - 1 : years;
}

const postsKey = (titles: readonly string[]): string => [...titles].sort().join('|');

/** People with a known post then or now whose posts differ between the article's date and the review date. */
export function peopleMoved(entities: readonly EntityView[]): { moved: EntityView[]; known: number } {
  const people = entities.filter((e) => e.kind === 'person' && (e.rolesThen.length > 0 || e.postsNow.length > 0));
  const moved = people.filter((p) => postsKey(p.rolesThen.map((r) => r.title)) !== postsKey(p.postsNow));
  return { moved, known: people.length };
}

/** The header's lines; empty for an article less than a year old with nothing overtaken. */
export function renderArticleAge(
  doc: Document,
  views: PageViews,
  counts: Record<string, number>,
  today: string,
  t: Translate,
): HTMLElement[] {
  const lang = t('uiLang');
  const found = views.entities.filter((e) => (counts[e.id] ?? 0) > 0);
  const lines: HTMLElement[] = [];
  const line = (text: string) => {
    const p = doc.createElement('p');
    p.className = 'age';
    p.textContent = text;
    lines.push(p);
    return p;
  };

  const years = yearsBetween(views.date, today);
  if (years >= 2) line(t('popupAgeYears', String(years)));
  else if (years === 1) line(t('popupAgeYear'));

  const { moved, known } = peopleMoved(found);
  if (moved.length > 0) {
    line(t('popupPeopleMoved', [String(moved.length), String(known), formatDate(views.reviewed, lang)]));
  }

  const overtaken = found.filter((e) => e.overtaken);
  if (overtaken.length > 0) {
    line(t('popupOvertaken'));
    const list = doc.createElement('ul');
    list.className = 'overtaken';
    for (const entity of overtaken) {
      const fact = entity.overtaken;
      if (!fact) continue;
      const li = doc.createElement('li');
      li.lang = 'en';
      const name = doc.createElement('b');
      name.textContent = entity.name;
      const time = doc.createElement('time');
      time.dateTime = fact.date;
      time.lang = lang;
      time.textContent = formatDate(fact.date, lang);
      li.append(name, ' (', time, '): ', fact.text);
      list.append(li);
    }
    lines.push(list);
  }
  return lines;
}
