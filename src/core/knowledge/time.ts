/**
 * Time as a query. For an article dated D: the roles held on D, the facts known by D ("at the time"), the facts
 * after D up to the knowledge base's review date ("since then"), and the timeline milestones on either side.
 * Nothing here is written per article.
 */

import { mentionsAfter } from './date-mentions';
import { begunBy, endedBy, firstDay, stillOn, yearBefore } from './dates';
import type { Fact, Role } from './schema';
import type { ShippedEntity as Entity } from './ship';

/** The roles `entity` held on `day`: a primary role first, then the longest-held first. */
export function rolesOn(entity: Entity, day: string): Role[] {
  return (entity.roles ?? [])
    .filter((r) => begunBy(r.from, day) && stillOn(r.until, day))
    .sort(
      (a, b) =>
        Number(b.primary ?? false) - Number(a.primary ?? false) || firstDay(a.from).localeCompare(firstDay(b.from)),
    );
}

/** The role that ended most recently before `day`, for a "formerly" line when none is held on `day`. */
export function lastRoleBefore(entity: Entity, day: string): Role | null {
  const ended = (entity.roles ?? []).filter((r) => endedBy(r.until, day));
  ended.sort((a, b) => firstDay(a.until ?? '').localeCompare(firstDay(b.until ?? '')));
  return ended.at(-1) ?? null;
}

export interface Holder {
  person: Entity;
  role: Role;
}

/** Who held the post `postId` on `day`. */
export function holdersOn(postId: string, day: string, people: Iterable<Entity>): Holder[] {
  const found: Holder[] = [];
  for (const person of people) {
    for (const role of rolesOn(person, day)) if (role.post === postId) found.push({ person, role });
  }
  return found.sort((a, b) => firstDay(a.role.from).localeCompare(firstDay(b.role.from)));
}

/** Facts that had begun by `day`, oldest first. */
export function factsAtTheTime(entity: Entity, day: string): Fact[] {
  return entity.facts.filter((f) => begunBy(f.date, day));
}

/** Facts not surely begun by `day` (after it, or in a month or year that contains it), up to the review date. */
export function factsSince(entity: Entity, day: string, reviewed: string): Fact[] {
  return entity.facts.filter((f) => !begunBy(f.date, day) && begunBy(f.date, reviewed));
}

export interface Milestone {
  entityId: string;
  fact: Fact;
}

/** The milestones of some entities, oldest first, split by `day`. */
export function timeline(
  entities: Iterable<Entity>,
  day: string,
  reviewed: string,
): { atTheTime: Milestone[]; sinceThen: Milestone[] } {
  const atTheTime: Milestone[] = [];
  const sinceThen: Milestone[] = [];
  for (const entity of entities) {
    for (const fact of entity.facts) {
      if (!fact.milestone) continue;
      if (begunBy(fact.date, day)) atTheTime.push({ entityId: entity.id, fact });
      else if (begunBy(fact.date, reviewed)) sinceThen.push({ entityId: entity.id, fact });
    }
  }
  const byDate = (a: Milestone, b: Milestone) => firstDay(a.fact.date).localeCompare(firstDay(b.fact.date));
  return { atTheTime: atTheTime.sort(byDate), sinceThen: sinceThen.sort(byDate) };
}

/**
 * The summary an article dated `day` shows: the latest variant begun by then (a variant without `from` holds from
 * the first page). None when no variant holds yet, or when a variant would name a date after `day` (the build
 * rejects such data; this keeps a card true even if it slipped through).
 */
export function summaryOn(entity: Pick<Entity, 'summary'>, day: string): string | null {
  const variants = typeof entity.summary === 'string' ? [{ text: entity.summary }] : entity.summary;
  const current = variants.filter((v) => !('from' in v) || v.from === undefined || begunBy(v.from, day)).at(-1);
  if (!current) return null;
  return mentionsAfter(current.text, day, day.slice(0, 4)).length === 0 ? current.text : null;
}

/** Is a role without `until` still to be read as held on `day`, or only as last confirmed ("as of")? */
export function staleAfter(role: Role, reviewed: string): string | null {
  if (role.until !== undefined || role.lastConfirmed === undefined) return null;
  return role.lastConfirmed < yearBefore(reviewed) ? role.lastConfirmed : null;
}

export type KeyChange = { kind: 'fact'; fact: Fact } | { kind: 'role'; role: Role };

/**
 * The one development since `day` that most changes what a reader of that day's article would think of the
 * entity, up to the review date:
 * 1. its story ended (a fact marked `change: "ended"`: a death, a retirement, an abolition, an expiry);
 * 2. for a person, the latest post taken up since (what they became);
 * 3. what it is changed: the fact that opens the latest summary variant begun since (a draft adopted, a planned
 *    summit held);
 * 4. it was overtaken (`change: "overtaken"`: a resolution tightened, an agreement replaced);
 * 5. the latest timeline milestone since; else the latest fact since.
 */
export function keyChangeSince(entity: Entity, day: string, reviewed: string): KeyChange | null {
  const since = factsSince(entity, day, reviewed).filter((f) => firstDay(f.date) > day);
  const latest = (facts: Fact[]) => facts.at(-1);
  const ended = latest(since.filter((f) => f.change === 'ended'));
  if (ended) return { kind: 'fact', fact: ended };
  const heldThen = new Set(rolesOn(entity, day).map((r) => r.title));
  const taken = (entity.roles ?? [])
    .filter((r) => firstDay(r.from) > day && begunBy(r.from, reviewed) && !heldThen.has(r.title))
    .sort((a, b) => firstDay(a.from).localeCompare(firstDay(b.from)))
    .at(-1);
  if (taken) return { kind: 'role', role: taken };
  const variants = typeof entity.summary === 'string' ? [] : entity.summary;
  const became = variants.filter((v) => v.from !== undefined && firstDay(v.from) > day).at(-1)?.from;
  const opening = became === undefined ? undefined : since.find((f) => firstDay(f.date) >= firstDay(became));
  if (opening) return { kind: 'fact', fact: opening };
  const fact =
    latest(since.filter((f) => f.change === 'overtaken')) ?? latest(since.filter((f) => f.milestone)) ?? latest(since);
  return fact ? { kind: 'fact', fact } : null;
}
