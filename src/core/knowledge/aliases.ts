/** An alias's text and its date window. */

import { begunBy, firstDay, lastDay, stillOn } from './dates';
import type { Alias } from './schema';

export const aliasText = (alias: Alias): string => (typeof alias === 'string' ? alias : alias.text);

/** Does the alias name the entity on a page dated `day`? (A window keeps "fourth nuclear test" to after the test.) */
export function aliasActiveOn(alias: Alias, day: string): boolean {
  if (typeof alias === 'string') return true;
  return (alias.from === undefined || begunBy(alias.from, day)) && stillOn(alias.until, day);
}

/** The strings one of which must occur near the alias for it to count (namesakes), or undefined. */
export const aliasContext = (alias: Alias): string[] | undefined =>
  typeof alias === 'string' ? undefined : alias.context;

/** The first and last day of the alias's window (open ends as "0000-01-01" and "9999-12-31"). */
export function aliasWindow(alias: Alias): [string, string] {
  if (typeof alias === 'string') return ['0000-01-01', '9999-12-31'];
  return [alias.from ? firstDay(alias.from) : '0000-01-01', alias.until ? lastDay(alias.until) : '9999-12-31'];
}
