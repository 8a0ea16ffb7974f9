/**
 * Time as a query. For an article dated D: the roles held on D, the facts known by D ("at the time"), the facts
 * after D up to the knowledge base's review date ("since then"), and the timeline milestones on either side.
 * Nothing here is written per article.
 */

import { begunBy, firstDay, stillOn } from './dates';
import type { Alias, Fact, Role } from './schema';
import type { ShippedEntity as Entity } from './ship';

/** The roles `entity` held on `day`: a primary role first, then the longest-held first. */
export function rolesOn(entity: Entity, day: string): Role[] {
  return (entity.roles ?? [])
    .filter((r) => begunBy(r.from, day) && stillOn(r.until ?? r.confirmedUntil, day))
    .sort(
      (a, b) =>
        Number(b.primary ?? false) - Number(a.primary ?? false) || firstDay(a.from).localeCompare(firstDay(b.from)),
    );
}

/** The role that ended most recently before `day`, for a "formerly" line when none is held on `day`. */
export function lastRoleBefore(entity: Entity, day: string): Role | null {
  const ended = (entity.roles ?? []).filter((r) => r.until !== undefined && !stillOn(r.until, day));
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

/** Facts after `day`, up to the review date, oldest first. */
export function factsSince(entity: Entity, day: string, reviewed: string): Fact[] {
  return entity.facts.filter((f) => !begunBy(f.date, day) && begunBy(f.date, reviewed));
}

export const aliasText = (alias: Alias): string => (typeof alias === 'string' ? alias : alias.text);

/** Does the alias name the entity on a page dated `day`? (A window keeps "fourth nuclear test" to after the test.) */
export function aliasActiveOn(alias: Alias, day: string): boolean {
  if (typeof alias === 'string') return true;
  return (alias.from === undefined || begunBy(alias.from, day)) && stillOn(alias.until, day);
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
