/**
 * Validates the data folder: each file against its schema, then what no single file can check (sources and posts
 * that exist, aliases that belong to one entity and are safe, chronological facts, sheets that link to real
 * entities). Every problem names the file and the field, so an editor can fix it without reading code.
 */

import * as v from 'valibot';
import { normalisePhrase } from '../match/matcher';
import { aliasForms, aliasProblem } from './alias-safety';
import { checkIdSafety } from './id-safety';
import { firstDay, lastDay } from './dates';
import { bodyKey, BODY_KEY_CHARS } from './body-key';
import { koreaDateOfIso, normaliseHeadline } from '../page/article-identity';
import {
  ArticleSheetSchema,
  EntitySchema,
  KnowledgeMetaSchema,
  SourcesSchema,
  type Alias,
  type ArticleSheet,
  type Entity,
  type Knowledge,
  type Source,
} from './schema';
import { aliasContext, aliasText, aliasWindow } from './aliases';
import { checkEntityTime, checkSheetTime } from './time-truth';

export interface DataFile {
  /** Path as an editor sees it, e.g. "data/entities/sung-kim.json". */
  path: string;
  data: unknown;
}

export interface DataFiles {
  meta: DataFile;
  sources: DataFile;
  entities: DataFile[];
  sheets: DataFile[];
}

/** "facts[2].sources[0]" from a valibot issue path. */
function fieldOf(issue: v.BaseIssue<unknown>): string {
  let field = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key;
    field += typeof key === 'number' ? `[${key}]` : field === '' ? String(key) : `.${String(key)}`;
  }
  return field || '(root)';
}

function parse<S extends v.GenericSchema>(schema: S, file: DataFile, problems: string[]): v.InferOutput<S> | null {
  const result = v.safeParse(schema, file.data);
  if (result.success) return result.output;
  for (const issue of result.issues) {
    // A strict object reports an unknown key as the key's own path.
    const message = issue.type === 'strict_object' ? `unknown field (misspelt?)` : issue.message;
    problems.push(`${file.path}: ${fieldOf(issue)}: ${message}`);
  }
  return null;
}

function checkEntity(
  entity: Entity,
  path: string,
  ids: Map<string, Entity>,
  sources: Record<string, Source>,
  used: Set<string>,
  reviewed: string | undefined,
  problems: string[],
): void {
  const add = (field: string, message: string) => problems.push(`${path}: ${field}: ${message}`);
  const cite = (field: string, refs: readonly string[]) =>
    refs.forEach((ref, i) => {
      if (ref in sources) used.add(ref);
      else add(`${field}.sources[${i}]`, `"${ref}" is not in data/sources.json`);
    });

  const fileId = path.replace(/^.*\//, '').replace(/\.json$/, '');
  if (entity.id !== fileId) add('id', `"${entity.id}" must equal the file name ("${fileId}")`);

  entity.aliases.forEach((alias, i) => {
    const problem = aliasProblem(aliasText(alias));
    if (problem) add(`aliases[${i}]`, `${problem}: it could name something else`);
    if (typeof alias !== 'string' && alias.from && alias.until && lastDay(alias.until) < firstDay(alias.from)) {
      add(`aliases[${i}]`, 'until is before from');
    }
  });

  (entity.roles ?? []).forEach((role, i) => {
    const field = `roles[${i}]`;
    cite(field, role.sources);
    if (role.until && lastDay(role.until) < firstDay(role.from)) add(`${field}.until`, `is before from (${role.from})`);
    if (role.lastConfirmed && role.until) add(`${field}.lastConfirmed`, 'only for a role without until');
    if (!role.lastConfirmed && !role.until) {
      add(`${field}.lastConfirmed`, 'a role without until needs the last date a source shows it held');
    }
    if (role.lastConfirmed && lastDay(role.lastConfirmed) < firstDay(role.from)) {
      add(`${field}.lastConfirmed`, `is before from (${role.from})`);
    }
    if (role.lastConfirmed && reviewed && firstDay(role.lastConfirmed) > reviewed) {
      add(`${field}.lastConfirmed`, `is after the review date (${reviewed})`);
    }
    if (role.post !== undefined) {
      const post = ids.get(role.post);
      if (!post) add(`${field}.post`, `"${role.post}" is not an entity`);
      else if (post.kind !== 'post') add(`${field}.post`, `"${role.post}" is a ${post.kind}, not a post`);
    }
  });
  if (entity.roles && entity.kind !== 'person') add('roles', `only people hold roles (this is a ${entity.kind})`);

  let previous = '';
  entity.facts.forEach((fact, i) => {
    const field = `facts[${i}]`;
    cite(field, fact.sources);
    if (fact.until && lastDay(fact.until) < firstDay(fact.date)) add(`${field}.until`, `is before date (${fact.date})`);
    const start = firstDay(fact.date);
    if (start < previous) add(`${field}.date`, `${fact.date} comes before the previous fact: keep facts oldest first`);
    previous = start;
  });

  if (entity.event) {
    // What the descriptive phrases rely on is what the entity's own, sourced facts say.
    const { event } = entity;
    if (entity.kind !== 'event') add('event', `only events have one (this is a ${entity.kind})`);
    event.dates.forEach((date, i) => {
      if (!entity.facts.some((f) => f.date === date)) add(`event.dates[${i}]`, `no fact is dated ${date}`);
    });
    if (
      event.type === 'nuclear-test' &&
      event.claimedHydrogen &&
      !entity.facts.some((f) => /hydrogen|H-bomb/i.test(f.text))
    ) {
      add('event.claimedHydrogen', 'no fact says the North called it a hydrogen bomb');
    }
  }

  (entity.related ?? []).forEach((id, i) => {
    if (!ids.has(id)) add(`related[${i}]`, `"${id}" is not an entity`);
  });
}

function checkSheet(sheet: ArticleSheet, path: string, ids: Map<string, Entity>, problems: string[]): void {
  const add = (field: string, message: string) => problems.push(`${path}: ${field}: ${message}`);
  const owner = new Map<string, string>();
  const claim = (phrase: string, entityId: string, field: string) => {
    const key = normalisePhrase(phrase);
    const other = owner.get(key);
    if (other !== undefined && other !== entityId) add(field, `"${key}" also names ${other} in this sheet`);
    owner.set(key, entityId);
  };
  const linked = new Set<string>();
  sheet.entities.forEach((link, i) => {
    const field = `entities[${i}] (${link.id})`;
    const entity = ids.get(link.id);
    if (!entity) return add(`${field}.id`, `"${link.id}" is not an entity in data/entities/`);
    if (linked.has(link.id)) add(`${field}.id`, 'is linked twice');
    linked.add(link.id);
    for (const alias of entity.aliases) for (const form of aliasForms(aliasText(alias))) claim(form, link.id, field);
    (link.phrases ?? []).forEach((phrase, j) => claim(phrase, link.id, `${field}.phrases[${j}]`));
    if (entity.aliases.length === 0 && (link.phrases ?? []).length === 0) {
      add(`${field}.phrases`, `${link.id} has no aliases, so the sheet must give the phrases that mark it`);
    }
  });
}

interface Claim {
  entity: Entity;
  index: number;
  alias: Alias;
}

/**
 * Two entities may share an alias's text (namesakes) only where the dates or the context tell them apart: where
 * their windows overlap, each alias needs a context, and no context string may be both's. A context is only for a
 * shared name (elsewhere a window is the tool).
 */
function checkNamesakes(entities: readonly Entity[], paths: Map<Entity, string>, problems: string[]): void {
  const byForm = new Map<string, Claim[]>();
  for (const entity of entities) {
    entity.aliases.forEach((alias, index) => {
      for (const form of aliasForms(normalisePhrase(aliasText(alias)))) {
        const claims = byForm.get(form) ?? [];
        if (!claims.some((c) => c.entity === entity && c.index === index)) claims.push({ entity, index, alias });
        byForm.set(form, claims);
      }
    });
  }
  const shared = new Set<Claim>();
  const reported = new Set<string>();
  for (const [form, claims] of byForm) {
    for (const [n, a] of claims.entries()) {
      for (const b of claims.slice(n + 1)) {
        if (a.entity === b.entity) continue;
        shared.add(a);
        shared.add(b);
        const [aFrom, aUntil] = aliasWindow(a.alias);
        const [bFrom, bUntil] = aliasWindow(b.alias);
        if (aUntil < bFrom || bUntil < aFrom) continue;
        const where = `${paths.get(b.entity) ?? b.entity.id}: aliases[${b.index}]`;
        const key = `${where}|${a.entity.id}`;
        if (reported.has(key)) continue;
        const aContext = aliasContext(a.alias);
        const bContext = aliasContext(b.alias);
        if (!aContext || !bContext) {
          reported.add(key);
          const lacking = [!aContext ? `${a.entity.id}'s aliases[${a.index}]` : '', !bContext ? 'this one' : '']
            .filter(Boolean)
            .join(' and ');
          problems.push(
            `${where}: "${form}" is also an alias of ${a.entity.id} on overlapping dates: namesakes need a context ` +
              `on each alias where their windows overlap (${lacking} has none), or windows that do not overlap`,
          );
          continue;
        }
        const lower = new Set(aContext.map((c) => normalisePhrase(c).toLowerCase()));
        const both = bContext.filter((c) => lower.has(normalisePhrase(c).toLowerCase()));
        if (both.length > 0) {
          reported.add(key);
          problems.push(
            `${where}.context: "${both[0]}" is also a context of ${a.entity.id}'s "${form}": it cannot tell them apart`,
          );
        }
      }
    }
  }
  for (const entity of entities) {
    entity.aliases.forEach((alias, index) => {
      if (!aliasContext(alias)) return;
      if ([...shared].some((c) => c.entity === entity && c.index === index)) return;
      problems.push(
        `${paths.get(entity) ?? entity.id}: aliases[${index}].context: "${aliasText(alias)}" is no other entity's ` +
          'alias: a context is only for a name two entities share (limit an unshared alias with a window)',
      );
    });
  }
}

/** Every problem in the data folder; `knowledge` is null unless there are none. */
export function validateKnowledge(files: DataFiles): { problems: string[]; knowledge: Knowledge | null } {
  const problems: string[] = [];
  const meta = parse(KnowledgeMetaSchema, files.meta, problems);
  const sources = parse(SourcesSchema, files.sources, problems) ?? {};

  const entities: Entity[] = [];
  const paths = new Map<Entity, string>();
  for (const file of files.entities) {
    const entity = parse(EntitySchema, file, problems);
    if (entity) {
      entities.push(entity);
      paths.set(entity, file.path);
    }
  }
  const ids = new Map<string, Entity>();
  for (const entity of entities) {
    if (ids.has(entity.id)) problems.push(`${paths.get(entity)}: id: "${entity.id}" is used by another entity`);
    ids.set(entity.id, entity);
  }

  const used = new Set<string>();
  for (const entity of entities) {
    checkEntity(entity, paths.get(entity) ?? entity.id, ids, sources, used, meta?.reviewed, problems);
  }
  checkNamesakes(entities, paths, problems);
  checkIdSafety({ entities, paths, sources, sourcesFile: files.sources }, problems);
  for (const id of Object.keys(sources)) {
    if (!used.has(id)) problems.push(`${files.sources.path}: ${id}: no fact or role cites this source`);
  }
  const byUrl = new Map<string, string>();
  for (const [id, source] of Object.entries(sources)) {
    const other = byUrl.get(source.url);
    if (other) problems.push(`${files.sources.path}: ${id}: same url as ${other}; cite one id`);
    byUrl.set(source.url, id);
  }

  const sheets: ArticleSheet[] = [];
  const sheetIds = new Set<string>();
  const identities = new Map<string, string>();
  for (const file of files.sheets) {
    const sheet = parse(ArticleSheetSchema, file, problems);
    if (!sheet) continue;
    sheets.push(sheet);
    checkSheet(sheet, file.path, ids, problems);
    checkSheetTime(sheet, (field, message) => problems.push(`${file.path}: ${field}: ${message}`));
    if (sheetIds.has(sheet.id)) problems.push(`${file.path}: id: "${sheet.id}" is used by another sheet`);
    const fileId = file.path.replace(/^.*\//, '').replace(/\.json$/, '');
    if (sheet.id !== fileId) problems.push(`${file.path}: id: "${sheet.id}" must equal the file name ("${fileId}")`);
    sheetIds.add(sheet.id);
    const { headline, bodyStartsWith } = sheet.article;
    const identity = `${koreaDateOfIso(sheet.article.published)}|${headline === null ? bodyKey(bodyStartsWith) : normaliseHeadline(headline)}`;
    const other = identities.get(identity);
    if (other)
      problems.push(
        `${file.path}: article: same date and ${headline === null ? 'first words' : 'headline'} as sheet ${other}`,
      );
    if (headline === null && bodyKey(bodyStartsWith).length < BODY_KEY_CHARS) {
      problems.push(
        `${file.path}: article.bodyStartsWith: a sheet without a headline needs at least ${BODY_KEY_CHARS} characters of the body's start`,
      );
    }
    identities.set(identity, sheet.id);
  }

  const sheetDates = new Map<string, string[]>();
  for (const sheet of sheets) {
    const date = koreaDateOfIso(sheet.article.published);
    if (date) for (const link of sheet.entities) sheetDates.set(link.id, [...(sheetDates.get(link.id) ?? []), date]);
  }
  for (const entity of entities) {
    const path = paths.get(entity) ?? entity.id;
    checkEntityTime(entity, sheetDates.get(entity.id) ?? [], (field, message) =>
      problems.push(`${path}: ${field}: ${message}`),
    );
  }

  const ok = problems.length === 0 && meta !== null;
  return { problems, knowledge: ok ? { meta, sources, entities, sheets } : null };
}
