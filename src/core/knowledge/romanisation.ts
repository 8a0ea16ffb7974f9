/**
 * Romanisation variants of Korean personal names, from one rule instead of hand-typed lists.
 *
 * A name as the Korea Herald prints it, "Kim Kye-gwan" (surname, then a two-syllable given name joined by a hyphen,
 * the second syllable in lower case), is also printed:
 * - spaced, each syllable capitalised, as the wires print it: "Kim Kye Gwan";
 * - with the given-name syllables spelt the other usual way: Kye/Gye, Kwan/Gwan, Chol/Chul, Yong/Young, Gun/Geun,
 *   Song/Sung, Jong/Jung, Hyon/Hyun ("Kim Kye-kwan", "Kim Gye-gwan").
 * Not generated: the joined form ("Kim Kyegwan"), which the stored articles never print for a North Korea name;
 * and surname swaps (Ri/Lee, Choe/Choi, Pak/Park), which move a name between the two Koreas' spellings, where a
 * different person of the other country is likely to carry it.
 *
 * Applied (see `variantAliases`) only to people whose name has that shape and is one of their plain aliases (no
 * window, no context: an alias an editor limited is not multiplied), and only where the variant cannot name anyone
 * else in the knowledge base.
 */

import { aliasProblem } from './alias-safety';
import { aliasText } from './aliases';
import type { ShippedEntity } from './ship';

/** Surname, space, two given-name syllables joined by a hyphen: "Kim Kye-gwan". */
export const KOREAN_NAME = /^([A-Z][a-z]+) ([A-Z][a-z]+)-([a-z]+)$/;

/** Each spelling and its usual other spelling, both ways. */
const SPELLINGS: ReadonlyArray<readonly [string, string]> = [
  ['kye', 'gye'],
  ['kwan', 'gwan'],
  ['chol', 'chul'],
  ['yong', 'young'],
  ['gun', 'geun'],
  ['song', 'sung'],
  ['jong', 'jung'],
  ['hyon', 'hyun'],
];
const OTHER = new Map<string, string>(SPELLINGS.flatMap(([a, b]) => [[a, b] as const, [b, a] as const]));

/** A syllable as spelt, and its other usual spelling if any ("Kye" → ["Kye", "Gye"]). */
function spellings(syllable: string): string[] {
  const lower = syllable.toLowerCase();
  const other = OTHER.get(lower);
  if (other === undefined) return [syllable];
  return [syllable, syllable[0] === syllable[0].toUpperCase() ? capitalise(other) : other];
}

const capitalise = (s: string): string => s[0].toUpperCase() + s.slice(1);

/**
 * The usual variants of a Korean personal name as printed, the name itself left out; [] for a name that does not
 * have the shape "Surname Syllable-syllable".
 */
export function romanisationVariants(name: string): string[] {
  const match = KOREAN_NAME.exec(name);
  if (!match) return [];
  const [, surname, first, second] = match;
  const out = new Set<string>();
  for (const a of spellings(first)) {
    for (const b of spellings(second)) {
      out.add(`${surname} ${a}-${b}`);
      out.add(`${surname} ${a} ${capitalise(b)}`);
    }
  }
  out.delete(name);
  return [...out];
}

/** Names compared as a reader would: case, hyphens and spaces aside ("Kim Yong Chol" is "Kim Yong-chol"). */
const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[-\s]+/g, ' ')
    .trim();

/** An entity's name without the editors' disambiguation: "Ri Yong-ho (diplomat)" → "Ri Yong-ho". */
const bareName = (name: string): string => name.replace(/\s*\([^)]*\)$/, '');

/**
 * The generated variants each Korean person may be marked by, by entity id: those of the name (when it is a plain
 * alias), less the entity's own aliases, any other entity's name or alias (any window), any variant two entities
 * would share, and anything aliasProblem refuses.
 */
export function variantAliases(entities: Iterable<ShippedEntity>): Map<string, string[]> {
  const list = [...entities];
  const names = new Map<string, Set<string>>();
  const claim = (text: string, id: string) => names.set(fold(text), new Set([...(names.get(fold(text)) ?? []), id]));
  for (const entity of list) {
    claim(bareName(entity.name), entity.id);
    for (const alias of entity.aliases) claim(aliasText(alias), entity.id);
  }
  const proposed = new Map<string, string[]>();
  const generated = new Map<string, Set<string>>();
  for (const entity of list) {
    if (entity.kind !== 'person') continue;
    const name = bareName(entity.name);
    if (!entity.aliases.some((alias) => alias === name)) continue;
    const variants = romanisationVariants(name).filter((variant) => {
      const owners = names.get(fold(variant));
      return (owners === undefined || (owners.size === 1 && owners.has(entity.id))) && aliasProblem(variant) === null;
    });
    const own = new Set(entity.aliases.map((alias) => aliasText(alias)));
    const fresh = variants.filter((variant) => !own.has(variant));
    for (const variant of variants) {
      generated.set(fold(variant), new Set([...(generated.get(fold(variant)) ?? []), entity.id]));
    }
    if (fresh.length > 0) proposed.set(entity.id, fresh);
  }
  const out = new Map<string, string[]>();
  for (const [id, variants] of proposed) {
    const kept = variants.filter((variant) => generated.get(fold(variant))?.size === 1);
    if (kept.length > 0) out.set(id, kept);
  }
  return out;
}
