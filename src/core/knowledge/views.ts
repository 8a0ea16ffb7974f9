/**
 * The cards' and the popup's data for one page: each entity as it stood on the article's date (roles held then,
 * facts then and since), resolved against the shared source list. Runs in the background; the page receives only
 * the entities it marked.
 */

import { firstDay } from './dates';
import type { KnowledgeBase } from './knowledge-base';
import type { EntityKind, Fact, Role, Source } from './schema';
import type { ShippedEntity } from './ship';
import { factsAtTheTime, factsSince, holdersOn, lastRoleBefore, rolesOn, timeline } from './time';

export type FactView = Omit<Fact, 'milestone'>;
export type RoleView = Role;

export interface HolderView {
  entityId: string;
  name: string;
  role: RoleView;
}

export interface EntityView {
  id: string;
  kind: EntityKind;
  name: string;
  summary: string;
  /** Every role, oldest first (people only). */
  roles: RoleView[];
  /** The roles held on the article's date. */
  rolesThen: RoleView[];
  /** When none was held then: the last one that had ended. */
  formerRole?: RoleView;
  /** For a post: who held it on the article's date. */
  holdersThen: HolderView[];
  atTheTime: FactView[];
  sinceThen: FactView[];
  /** The one "since then" line a compact card shows: the latest milestone after the date, else the latest fact. */
  keySince?: FactView;
  /** The article's own note on this entity (curated sheets). */
  note?: string;
}

export interface TimelineEntry {
  entityId: string;
  name: string;
  fact: FactView;
}

export interface PageViews {
  date: string;
  reviewed: string;
  entities: EntityView[];
  /** Every source the views cite, by id. */
  sources: Record<string, Source>;
  timeline: { atTheTime: TimelineEntry[]; sinceThen: TimelineEntry[] };
}

export interface ViewsQuery {
  ids: string[];
  date: string;
  sheetId?: string;
}

const factView = ({ milestone: _milestone, ...fact }: Fact): FactView => fact;

function entityView(kb: KnowledgeBase, entity: ShippedEntity, date: string, note: string | undefined): EntityView {
  const sinceFacts = factsSince(entity, date, kb.reviewed);
  const key = sinceFacts.filter((f) => f.milestone).at(-1) ?? sinceFacts.at(-1);
  const rolesThen = rolesOn(entity, date);
  const former = rolesThen.length === 0 ? lastRoleBefore(entity, date) : null;
  const roles = [...(entity.roles ?? [])].sort((a, b) => firstDay(a.from).localeCompare(firstDay(b.from)));
  return {
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    summary: entity.summary,
    roles,
    rolesThen,
    ...(former ? { formerRole: former } : {}),
    holdersThen:
      entity.kind === 'post'
        ? holdersOn(entity.id, date, kb.entities.values()).map(({ person, role }) => ({
            entityId: person.id,
            name: person.name,
            role,
          }))
        : [],
    atTheTime: factsAtTheTime(entity, date).map(factView),
    sinceThen: sinceFacts.map(factView),
    ...(key ? { keySince: factView(key) } : {}),
    ...(note ? { note } : {}),
  };
}

export function pageViews(kb: KnowledgeBase, query: ViewsQuery): PageViews {
  const sheet = query.sheetId ? kb.sheet(query.sheetId) : null;
  const notes = new Map((sheet?.links ?? []).map((link) => [link.id, link.note]));
  const found = query.ids.map((id) => kb.entities.get(id)).filter((e): e is ShippedEntity => e !== undefined);
  const entities = found.map((e) => entityView(kb, e, query.date, notes.get(e.id)));
  const names = new Map(found.map((e) => [e.id, e.name]));
  const milestones = timeline(found, query.date, kb.reviewed);
  const entry = ({ entityId, fact }: { entityId: string; fact: Fact }): TimelineEntry => ({
    entityId,
    name: names.get(entityId) ?? entityId,
    fact: factView(fact),
  });

  const cited = new Set<string>();
  const cite = (items: Array<{ sources: string[] }>) => items.forEach((i) => i.sources.forEach((s) => cited.add(s)));
  for (const view of entities) {
    cite(view.roles);
    cite(view.atTheTime);
    cite(view.sinceThen);
    view.holdersThen.forEach((h) => cite([h.role]));
  }
  const sources: Record<string, Source> = {};
  for (const id of [...cited].sort()) sources[id] = kb.data.sources[id];

  return {
    date: query.date,
    reviewed: kb.reviewed,
    entities,
    sources,
    timeline: { atTheTime: milestones.atTheTime.map(entry), sinceThen: milestones.sinceThen.map(entry) },
  };
}
