/**
 * What changed in the knowledge base between two snapshots of data/: entities added or removed, facts and roles
 * added, corrected or removed (listed with their entity), article sheets added or removed, and the review date.
 * Facts and roles have no ids, so a removed item and an added item of the same entity are paired as one
 * correction when they are alike (see `likeness`); what stays unpaired is an addition or a removal.
 */

/** The fields of a fact or role the changelog compares; anything else (sources, caveats) is not listed. */
export interface DatedItem {
  text?: string;
  title?: string;
  post?: string;
  date?: string;
  from?: string;
  until?: string;
  sources?: string[];
}

export interface EntityData {
  id: string;
  name: string;
  facts: DatedItem[];
  roles?: DatedItem[];
}

export interface SheetData {
  id: string;
  article: { headline: string | null; published: string };
}

export interface Snapshot {
  reviewed: string | null;
  /** Ids of data/sources.json. */
  sources: string[];
  entities: EntityData[];
  sheets: SheetData[];
}

export interface Correction {
  entity: EntityData;
  before: DatedItem;
  after: DatedItem;
  /** The compared fields that differ: text, title, post, date, from, until. */
  fields: string[];
}

export interface ItemChange {
  entity: EntityData;
  item: DatedItem;
}

export interface KnowledgeDiff {
  reviewed: { before: string | null; after: string | null };
  entitiesAdded: EntityData[];
  entitiesRemoved: EntityData[];
  factsAdded: ItemChange[];
  factsCorrected: Correction[];
  factsRemoved: ItemChange[];
  rolesAdded: ItemChange[];
  rolesCorrected: Correction[];
  rolesRemoved: ItemChange[];
  sheetsAdded: SheetData[];
  sheetsRemoved: SheetData[];
  sourcesAdded: string[];
  sourcesRemoved: string[];
  /** Entities edited elsewhere than in the facts' and roles' compared fields (aliases, summary, sources...). */
  entitiesEdited: EntityData[];
}

const COMPARED = ['text', 'title', 'post', 'date', 'from', 'until'] as const;

const same = (a: DatedItem, b: DatedItem) => COMPARED.every((f) => a[f] === b[f]);
const differing = (a: DatedItem, b: DatedItem) => COMPARED.filter((f) => a[f] !== b[f]);

const words = (s: string | undefined) => new Set((s ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
function overlap<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * How alike two versions of an item are, 0..: shared words of the text or title (Jaccard), plus the same start
 * date, the same post, or shared sources. At 0.5 or more they are one item corrected.
 */
export function likeness(a: DatedItem, b: DatedItem): number {
  const start = (x: DatedItem) => x.date ?? x.from;
  return (
    overlap(words(a.text ?? a.title), words(b.text ?? b.title)) +
    (start(a) !== undefined && start(a) === start(b) ? 0.3 : 0) +
    (a.post !== undefined && a.post === b.post ? 0.3 : 0) +
    (overlap(new Set(a.sources ?? []), new Set(b.sources ?? [])) > 0 ? 0.3 : 0)
  );
}
const ALIKE = 0.5;

function compareItems(
  entity: EntityData,
  before: DatedItem[],
  after: DatedItem[],
): { added: ItemChange[]; corrected: Correction[]; removed: ItemChange[] } {
  const gone = before.filter((b) => !after.some((a) => same(a, b)));
  const fresh = after.filter((a) => !before.some((b) => same(a, b)));
  // Best pairs first, each item in at most one pair.
  const pairs = gone
    .flatMap((b) => fresh.map((a) => ({ b, a, score: likeness(b, a) })))
    .filter((p) => p.score >= ALIKE)
    .sort((x, y) => y.score - x.score);
  const paired = new Set<DatedItem>();
  const corrected: Correction[] = [];
  for (const { b, a } of pairs) {
    if (paired.has(b) || paired.has(a)) continue;
    paired.add(b).add(a);
    corrected.push({ entity, before: b, after: a, fields: differing(b, a) });
  }
  corrected.sort((x, y) => after.indexOf(x.after) - after.indexOf(y.after));
  return {
    added: fresh.filter((a) => !paired.has(a)).map((item) => ({ entity, item })),
    corrected,
    removed: gone.filter((b) => !paired.has(b)).map((item) => ({ entity, item })),
  };
}

const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
const byIdOrder = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function diffKnowledge(before: Snapshot, after: Snapshot): KnowledgeDiff {
  const oldEntities = byId(before.entities);
  const newEntities = byId(after.entities);
  const diff: KnowledgeDiff = {
    reviewed: { before: before.reviewed, after: after.reviewed },
    entitiesAdded: after.entities.filter((e) => !oldEntities.has(e.id)).sort(byIdOrder),
    entitiesRemoved: before.entities.filter((e) => !newEntities.has(e.id)).sort(byIdOrder),
    factsAdded: [],
    factsCorrected: [],
    factsRemoved: [],
    rolesAdded: [],
    rolesCorrected: [],
    rolesRemoved: [],
    sheetsAdded: after.sheets.filter((s) => !before.sheets.some((o) => o.id === s.id)).sort(byIdOrder),
    sheetsRemoved: before.sheets.filter((s) => !after.sheets.some((n) => n.id === s.id)).sort(byIdOrder),
    sourcesAdded: after.sources.filter((id) => !before.sources.includes(id)).sort(),
    sourcesRemoved: before.sources.filter((id) => !after.sources.includes(id)).sort(),
    entitiesEdited: [],
  };
  for (const entity of [...after.entities].sort(byIdOrder)) {
    const old = oldEntities.get(entity.id);
    if (!old) continue;
    const facts = compareItems(entity, old.facts, entity.facts);
    diff.factsAdded.push(...facts.added);
    diff.factsCorrected.push(...facts.corrected);
    diff.factsRemoved.push(...facts.removed);
    const roles = compareItems(entity, old.roles ?? [], entity.roles ?? []);
    diff.rolesAdded.push(...roles.added);
    diff.rolesCorrected.push(...roles.corrected);
    diff.rolesRemoved.push(...roles.removed);
    const listed = [facts, roles].some((c) => c.added.length + c.corrected.length + c.removed.length > 0);
    if (!listed && JSON.stringify(old) !== JSON.stringify(entity)) diff.entitiesEdited.push(entity);
  }
  return diff;
}

export function isEmpty(diff: KnowledgeDiff): boolean {
  return (
    diff.reviewed.before === diff.reviewed.after &&
    Object.entries(diff).every(([key, value]) => key === 'reviewed' || (value as unknown[]).length === 0)
  );
}
