/**
 * What the matcher and plain objects can hold. Ids become keys of plain objects everywhere (sources by id, counts
 * by entity, messages), so an id that is also a property every object has (`constructor`, `__proto__`,
 * `toString`...) would be found where it was never defined, or rewrite the object's prototype. A phrase that does
 * not start and end with a letter or digit, or that the matcher cannot find in its own text, marks nothing, or
 * breaks marking around it.
 */
import { compileMatcher } from '../match/matcher';
import type { Entity } from './schema';
import { aliasText } from './aliases';

const inherited = (id: string): boolean => id in Object.prototype || id === '__proto__';
const EDGES = /^[\p{L}\p{N}][\s\S]*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u;

/** Why `phrase` cannot be matched as written, or null. */
export function phraseProblem(phrase: string): string | null {
  const text = phrase.trim();
  if (!EDGES.test(text)) return 'must start and end with a letter or digit';
  const found = compileMatcher([{ phrase: text, entityId: 'x' }]).find(text);
  if (found.length !== 1 || found[0].start !== 0 || found[0].end !== text.length) return 'the matcher cannot find it';
  return null;
}

export interface IdSafetyInput {
  entities: Entity[];
  paths: Map<Entity, string>;
  /** As parsed (the schema library drops keys like `constructor`) and as written in the file. */
  sources: Record<string, unknown>;
  sourcesFile: { path: string; data: unknown };
}

export function checkIdSafety({ entities, paths, sources, sourcesFile }: IdSafetyInput, problems: string[]): void {
  const sourcesPath = sourcesFile.path;
  const written = typeof sourcesFile.data === 'object' && sourcesFile.data !== null ? sourcesFile.data : {};
  for (const id of Object.keys(written)) {
    if (inherited(id)) problems.push(`${sourcesPath}: ${id}: not a usable source id (every object has it)`);
  }
  for (const entity of entities) {
    const path = paths.get(entity) ?? entity.id;
    if (inherited(entity.id)) problems.push(`${path}: id: "${entity.id}" is not a usable id (every object has it)`);
    const cited = [...(entity.roles ?? []), ...entity.facts].flatMap((item) => item.sources);
    // validate.ts reports a missing source; one that `in` finds on the prototype slips past it.
    for (const ref of cited) {
      if (ref in sources && !Object.hasOwn(sources, ref)) {
        problems.push(`${path}: sources: "${ref}" is not in data/sources.json`);
      }
    }
    entity.aliases.forEach((alias, i) => {
      const problem = phraseProblem(aliasText(alias));
      if (problem) problems.push(`${path}: aliases[${i}]: "${aliasText(alias)}" ${problem}`);
    });
  }
}
