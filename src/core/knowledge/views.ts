/**
 * The cards' and the popup's data for one page: each entity as it stood on the article's date (roles held then,
 * facts then and since), resolved against the shared source list. Runs in the background; the page receives only
 * the entities it marked.
 */

import { begunBy, endedBy, firstDay } from './dates';
import type { KnowledgeBase } from './knowledge-base';
import type { EntityKind, Fact, Role, Source } from './schema';
import type { ShippedEntity } from './ship';
import {
  factsAtTheTime,
  factsSince,
  holdersOn,
  keyChangeSince,
  lastRoleBefore,
  rolesOn,
  staleAfter,
  summaryOn,
  timeline,
} from './time';

export type FactView = Omit<Fact, 'milestone'>;
/** A role as a card shows it: `asOf` when the page is after the last source that showed it held, long ago. */
export type RoleView = Role & { asOf?: string };

/** A post in the full background's list: those begun by the article's date, `held` if held on it. */
export type PostView = RoleView & { held?: true };

/** A line of the full background's "since then": a fact, or a post taken up or left (its title as `text`). */
export type SinceItem = FactView & { post?: 'took' | 'left' };

/** The card's one "since then" line: a dated fact, or a post taken up. */
export type KeySinceView = { kind: 'fact'; fact: FactView } | { kind: 'role'; role: RoleView };

export interface HolderView {
  entityId: string;
  name: string;
  role: RoleView;
}

export interface EntityView {
  id: string;
  /** The article's date: every "then" in this view is as of it. */
  date: string;
  kind: EntityKind;
  name: string;
  /** The summary that holds on the article's date (none before the first that does). */
  summary?: string;
  /** The roles held on the article's date. */
  rolesThen: RoleView[];
  /** The posts begun by the article's date; one held then carries no end (its end is news from later). */
  postsThen: PostView[];
  /** "Since then" in the full background: facts, posts taken up and posts held then that ended, oldest first. */
  since: SinceItem[];
  /** When none was held then: the last one that had ended. */
  formerRole?: RoleView;
  /** For a post: who held it on the article's date. */
  holdersThen: HolderView[];
  atTheTime: FactView[];
  /** The one "since then" line a compact card shows (see keyChangeSince). */
  keySince?: KeySinceView;
  /** People: the titles of the roles held on the review date ("now", as far as the knowledge base knows). */
  postsNow: string[];
  /** Events, agreements, resolutions, talks: the first fact since the date that ended or overtook it. */
  overtaken?: FactView;
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

/** The role as held on `day`: "as of" its last confirmation when `day` is after it and that is long ago. */
function roleOn(role: Role, day: string, reviewed: string): RoleView {
  const stale = staleAfter(role, reviewed);
  return stale !== null && stale < day ? { ...role, asOf: stale } : role;
}

function keySinceView(entity: ShippedEntity, date: string, reviewed: string): KeySinceView | null {
  const key = keyChangeSince(entity, date, reviewed);
  if (!key) return null;
  return key.kind === 'fact'
    ? { kind: 'fact', fact: factView(key.fact) }
    : { kind: 'role', role: roleOn(key.role, reviewed, reviewed) };
}

/** A fact as read on `day`: a period still running then shows no end. */
const factOn = (fact: Fact, day: string): FactView => {
  const view = factView(fact);
  if (view.until !== undefined && !endedBy(view.until, day)) delete view.until;
  return view;
};

const sameRole = (a: Role, b: Role): boolean => a.title === b.title && a.from === b.from;

function postsAndSince(
  roles: RoleView[],
  rolesThen: RoleView[],
  sinceFacts: Fact[],
  date: string,
): { postsThen: PostView[]; since: SinceItem[] } {
  const postsThen: PostView[] = [];
  const since: SinceItem[] = sinceFacts.map(factView);
  for (const role of roles) {
    const held = rolesThen.find((r) => sameRole(r, role));
    if (held) {
      const open: PostView = { ...held, held: true };
      delete open.until;
      postsThen.push(open);
      if (role.until) since.push({ date: role.until, text: role.title, sources: role.sources, post: 'left' });
    } else if (begunBy(role.from, date)) {
      postsThen.push(role);
    } else if (firstDay(role.from) > date) {
      since.push({ date: role.from, text: role.title, sources: role.sources, post: 'took' });
    }
  }
  since.sort((a, b) => firstDay(a.date).localeCompare(firstDay(b.date)));
  return { postsThen, since };
}

function entityView(kb: KnowledgeBase, entity: ShippedEntity, date: string, note: string | undefined): EntityView {
  const sinceFacts = factsSince(entity, date, kb.reviewed);
  const key = keySinceView(entity, date, kb.reviewed);
  // A role only last confirmed long before comes after those known to be held.
  const rolesThen = rolesOn(entity, date)
    .map((r) => roleOn(r, date, kb.reviewed))
    .sort((a, b) => Number(a.asOf !== undefined) - Number(b.asOf !== undefined));
  const former = rolesThen.length === 0 ? lastRoleBefore(entity, date) : null;
  const overtaken = sinceFacts.find((f) => f.change !== undefined && firstDay(f.date) > date);
  const summary = summaryOn(entity, date);
  const roles = [...(entity.roles ?? [])]
    .sort((a, b) => firstDay(a.from).localeCompare(firstDay(b.from)))
    .map((r) => roleOn(r, kb.reviewed, kb.reviewed));
  return {
    id: entity.id,
    date,
    kind: entity.kind,
    name: entity.name,
    ...(summary !== null ? { summary } : {}),
    rolesThen,
    ...postsAndSince(roles, rolesThen, sinceFacts, date),
    ...(former ? { formerRole: former } : {}),
    holdersThen:
      entity.kind === 'post'
        ? holdersOn(entity.id, date, kb.entities.values()).map(({ person, role }) => ({
            entityId: person.id,
            name: person.name,
            role: roleOn(role, date, kb.reviewed),
          }))
        : [],
    atTheTime: factsAtTheTime(entity, date).map((f) => factOn(f, date)),
    ...(key ? { keySince: key } : {}),
    postsNow: entity.kind === 'person' ? rolesOn(entity, kb.reviewed).map((r) => r.title) : [],
    ...(overtaken && entity.kind !== 'person' ? { overtaken: factView(overtaken) } : {}),
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
    cite(view.postsThen);
    cite(view.atTheTime);
    cite(view.since);
    if (view.keySince) cite([view.keySince.kind === 'fact' ? view.keySince.fact : view.keySince.role]);
    if (view.overtaken) cite([view.overtaken]);
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
