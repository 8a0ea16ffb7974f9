/** An alias's text and its date window. */

import { begunBy, stillOn } from './dates';
import type { Alias } from './schema';

export const aliasText = (alias: Alias): string => (typeof alias === 'string' ? alias : alias.text);

/** Does the alias name the entity on a page dated `day`? (A window keeps "fourth nuclear test" to after the test.) */
export function aliasActiveOn(alias: Alias, day: string): boolean {
  if (typeof alias === 'string') return true;
  return (alias.from === undefined || begunBy(alias.from, day)) && stillOn(alias.until, day);
}
