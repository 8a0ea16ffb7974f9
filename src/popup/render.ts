/** Builds the popup's view of a page summary. Plain DOM, no extension APIs, so it is tested in jsdom. */

import { formatDate } from '../core/fact-sheet/dates';
import { distinctSources } from '../core/fact-sheet/sources';
import { ENTITY_KINDS, type Fact, type FactSheet, type TimelineItem } from '../core/fact-sheet/types';
import type { MessageKey } from '../shared/i18n';
import type { PageSummary } from '../shared/messages';

export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

const STATUS_TEXT: Record<Exclude<PageSummary['status'], 'article'>, MessageKey> = {
  'not-korea-herald': 'statusNotKoreaHerald',
  'not-an-article': 'statusNotAnArticle',
  'no-fact-sheet': 'statusNoFactSheet',
  'layout-not-recognised': 'statusLayoutNotRecognised',
  disabled: 'statusDisabled',
};

export function statusText(summary: PageSummary | null, t: Translate): string {
  if (!summary) return t('statusNoContentScript');
  return summary.status === 'article' ? '' : t(STATUS_TEXT[summary.status]);
}

function node<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className = '', text?: string) {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The entities found on the page, grouped by kind, with one-line summaries and mention counts. */
export function renderEntities(
  doc: Document,
  sheet: FactSheet,
  counts: Record<string, number>,
  t: Translate,
  onReveal: (entityId: string) => void,
): HTMLElement[] {
  const groups: HTMLElement[] = [];
  for (const kind of ENTITY_KINDS) {
    const found = sheet.entities.filter((e) => e.kind === kind && (counts[e.id] ?? 0) > 0);
    if (found.length === 0) continue;
    const group = node(doc, 'section', 'group');
    group.dataset.kind = kind;
    group.append(node(doc, 'h4', 'kind', t(`kind_${kind}` as MessageKey)));
    for (const entity of found) {
      const count = counts[entity.id];
      const button = node(doc, 'button', 'entity');
      button.type = 'button';
      button.dataset.entity = entity.id;
      button.title = t('showInArticle', entity.name);
      // Fact-sheet text is English whatever the interface language.
      const name = node(doc, 'span', 'entity-name', entity.name);
      const summary = node(doc, 'span', 'entity-summary', entity.summary);
      name.lang = summary.lang = 'en';
      button.append(
        name,
        node(doc, 'span', 'entity-count', count === 1 ? t('mentionsCountOne') : t('mentionsCount', String(count))),
        summary,
      );
      button.addEventListener('click', () => onReveal(entity.id));
      group.append(button, sourceList(doc, [...entity.atTheTime, ...entity.sinceThen], t));
    }
    groups.push(group);
  }
  return groups;
}

/** The documents behind an entity's facts, as links that open in a new tab (a role=tooltip card has no links). */
function sourceList(doc: Document, facts: readonly Fact[], t: Translate): HTMLElement {
  const sources = distinctSources(facts);
  const details = node(doc, 'details', 'sources');
  details.append(node(doc, 'summary', '', `${t('sourcesLabel')} (${sources.length})`));
  const list = node(doc, 'ul');
  for (const source of sources) {
    const a = node(doc, 'a', '', `${source.publisher}: ${source.title}`);
    a.href = source.url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    const li = node(doc, 'li');
    li.append(a);
    list.append(li);
  }
  details.append(list);
  return details;
}

/** Timeline items: date, text, a button to the entity's card, and the source as a link opened in a new tab. */
export function renderTimeline(
  doc: Document,
  sheet: FactSheet,
  items: readonly TimelineItem[],
  onReveal: (entityId: string) => void,
): HTMLElement[] {
  const names = new Map(sheet.entities.map((e) => [e.id, e.name]));
  return items.map((item) => {
    const li = node(doc, 'li');
    li.lang = 'en';
    li.dataset.entity = item.entity;
    const time = node(doc, 'time', 'date', formatDate(item.date));
    time.dateTime = item.date;
    const link = node(doc, 'button', 'entity-link', names.get(item.entity) ?? item.entity);
    link.type = 'button';
    link.addEventListener('click', () => onReveal(item.entity));
    const sources = node(doc, 'span', 'source');
    item.sources.forEach((source, i) => {
      const a = node(doc, 'a', '', source.publisher);
      a.href = source.url;
      a.title = source.title;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      sources.append(i === 0 ? '' : ', ', a);
    });
    li.append(time, ' ', item.text, ' (', link, ')');
    if (item.caveat) li.append(node(doc, 'span', 'caveat', item.caveat));
    li.append(sources);
    return li;
  });
}
