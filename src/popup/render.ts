/** Builds the popup's view of a page summary. Plain DOM, no extension APIs, so it is tested in jsdom. */

import { formatDate } from '../core/format-date';
import { ENTITY_KINDS } from '../core/knowledge/kinds';
import type { Source } from '../core/knowledge/schema';
import type { EntityView, PageViews, TimelineEntry } from '../core/knowledge/views';
import { roleLine, type Translate } from '../shared/entity-text';
import type { MessageKey } from '../shared/i18n';
import type { PageSummary } from '../shared/messages';

export type { Translate } from '../shared/entity-text';

/** Why there is nothing to show, or what kind of marking this is ('' for a curated article). */
export function statusText(summary: PageSummary | null, t: Translate): string {
  if (!summary) return t('statusNoContentScript');
  switch (summary.status) {
    case 'article':
      return summary.mode === 'glossary' ? t('statusGlossary') : '';
    case 'no-fact-sheet':
      if (summary.rejectedDate) return t('statusDateRejected', summary.rejectedDate);
      return t(summary.reason === 'no-date' ? 'statusNoDate' : 'statusGlossaryOff');
    case 'not-korea-herald':
      return t('statusNotKoreaHerald');
    case 'not-an-article':
      return t('statusNotAnArticle');
    case 'layout-not-recognised':
      return t('statusLayoutNotRecognised');
    case 'disabled':
      return t('statusDisabled');
    case 'unavailable':
      return t('statusUnavailable');
  }
}

function node<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className = '', text?: string) {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The documents behind an entity's facts and roles, by id, in first-cited order. */
function sourcesOf(view: EntityView, sources: Record<string, Source>): Source[] {
  const ids = new Set([...view.postsThen, ...view.atTheTime, ...view.since].flatMap((item) => item.sources));
  return [...ids].map((id) => sources[id]).filter((s): s is Source => s !== undefined);
}

function link(doc: Document, source: Source, text: string): HTMLAnchorElement {
  const a = node(doc, 'a', '', text);
  a.href = source.url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

/** The entities found on the page, grouped by kind: name, mention count, what each was on the article's date. */
export function renderEntities(
  doc: Document,
  views: PageViews,
  counts: Record<string, number>,
  t: Translate,
  onReveal: (entityId: string) => void,
): HTMLElement[] {
  const lang = t('uiLang');
  const groups: HTMLElement[] = [];
  for (const kind of ENTITY_KINDS) {
    const found = views.entities.filter((e) => e.kind === kind && (counts[e.id] ?? 0) > 0);
    if (found.length === 0) continue;
    const group = node(doc, 'section', 'group');
    group.dataset.kind = kind;
    group.append(node(doc, 'h4', 'kind', t(`kind_${kind}` as MessageKey)));
    for (const view of found) {
      const count = counts[view.id];
      const button = node(doc, 'button', 'entity');
      button.type = 'button';
      button.dataset.entity = view.id;
      button.title = t('showInArticle', view.name);
      // Knowledge-base text is English whatever the interface language.
      const name = node(doc, 'span', 'entity-name', view.name);
      const summary = node(doc, 'span', 'entity-summary', view.summary ?? '');
      name.lang = summary.lang = 'en';
      // Spaces between the parts: the button's accessible name reads them as words, not "Sung Kim1 mention".
      button.append(
        name,
        ' ',
        node(doc, 'span', 'entity-count', count === 1 ? t('mentionsCountOne') : t('mentionsCount', String(count))),
      );
      for (const part of roleLine(view, t, lang)) {
        button.append(' ', node(doc, 'span', 'entity-role', `${part.title} (${part.when})`));
      }
      button.append(' ', summary);
      button.addEventListener('click', () => onReveal(view.id));
      const sources = sourcesOf(view, views.sources);
      const details = node(doc, 'details', 'sources');
      details.append(node(doc, 'summary', '', `${t('sourcesLabel')} (${sources.length})`));
      const list = node(doc, 'ul');
      for (const source of sources) {
        const li = node(doc, 'li');
        li.append(link(doc, source, `${source.publisher}: ${source.title}`));
        list.append(li);
      }
      details.append(list);
      group.append(button, details);
    }
    groups.push(group);
  }
  return groups;
}

/** Timeline items: date, text, a button to the entity's full background, and the sources as links. */
export function renderTimeline(
  doc: Document,
  entries: readonly TimelineEntry[],
  sources: Record<string, Source>,
  t: Translate,
  onReveal: (entityId: string) => void,
): HTMLElement[] {
  const lang = t('uiLang');
  return entries.map(({ entityId, name, fact }) => {
    const li = node(doc, 'li');
    li.lang = 'en';
    li.dataset.entity = entityId;
    const time = node(doc, 'time', 'date', formatDate(fact.date, lang));
    time.dateTime = fact.date;
    time.lang = lang;
    const button = node(doc, 'button', 'entity-link', name);
    button.type = 'button';
    button.addEventListener('click', () => onReveal(entityId));
    const cited = node(doc, 'span', 'source');
    fact.sources.forEach((id, i) => {
      const source = sources[id];
      if (!source) return;
      const a = link(doc, source, source.publisher);
      a.title = source.title;
      cited.append(i === 0 ? '' : ', ', a);
    });
    li.append(time, ' ', fact.text, ' (', button, ')');
    if (fact.caveat) li.append(node(doc, 'span', 'caveat', fact.caveat));
    li.append(cited);
    return li;
  });
}
