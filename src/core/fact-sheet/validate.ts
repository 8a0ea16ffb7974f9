/**
 * Checks a parsed fact-sheet file against the model, with messages that name the file and the field, so that an
 * editor can fix a sheet without reading code. The build refuses a sheet with any problem.
 */

import { ENTITY_KINDS } from './types';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_SUMMARY = 400;

type Json = unknown;

class Problems {
  readonly list: string[] = [];
  constructor(private readonly file: string) {}
  add(field: string, message: string): void {
    this.list.push(`${this.file}: ${field}: ${message}`);
  }
}

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: Json): v is string => typeof v === 'string' && v.trim() !== '';

function text(p: Problems, obj: Record<string, Json>, key: string, at: string, optional = false): string | null {
  const v = obj[key];
  if (v === undefined && optional) return null;
  if (!isText(v)) {
    p.add(`${at}.${key}`, 'must be a non-empty string');
    return null;
  }
  return v;
}

function array(p: Problems, obj: Record<string, Json>, key: string, at: string): Json[] {
  const v = obj[key];
  if (!Array.isArray(v)) {
    p.add(`${at}.${key}`, 'must be an array');
    return [];
  }
  return v;
}

/** Dates compare as strings once they share a format; a partial date ("2014-11") sorts before its days. */
const onOrBefore = (date: string, limit: string): boolean => date.slice(0, limit.length) <= limit;

function checkSources(p: Problems, sources: Json[], at: string): void {
  if (sources.length === 0) p.add(at, 'needs at least one source');
  sources.forEach((source, i) => {
    const here = `${at}[${i}]`;
    if (!isObject(source)) return p.add(here, 'must be an object {title, publisher, url}');
    text(p, source, 'title', here);
    text(p, source, 'publisher', here);
    const url = text(p, source, 'url', here);
    if (url !== null) {
      let parsed: URL | null = null;
      try {
        parsed = new URL(url);
      } catch {
        // reported below
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || !parsed.hostname.includes('.') || /\s/.test(url)) {
        p.add(`${here}.url`, `"${url}" is not an absolute http(s) URL`);
      }
    }
  });
}

function checkDate(p: Problems, obj: Record<string, Json>, key: string, at: string, optional = false): string | null {
  const date = text(p, obj, key, at, optional);
  if (date !== null && !ISO_DATE.test(date)) {
    p.add(`${at}.${key}`, `"${date}" is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    return null;
  }
  return date;
}

function checkFacts(p: Problems, facts: Json[], at: string, asOf: string, since: boolean): void {
  facts.forEach((fact, i) => {
    const here = `${at}[${i}]`;
    if (!isObject(fact)) return p.add(here, 'must be an object');
    const date = checkDate(p, fact, 'date', here);
    checkDate(p, fact, 'until', here, true);
    text(p, fact, 'text', here);
    text(p, fact, 'caveat', here, true);
    checkSources(p, array(p, fact, 'sources', here), `${here}.sources`);
    if (date !== null && asOf !== '') {
      if (since && onOrBefore(date, asOf)) p.add(`${here}.date`, `${date} is not after asOf ${asOf} ("sinceThen")`);
      if (!since && !onOrBefore(date, asOf)) p.add(`${here}.date`, `${date} is after asOf ${asOf} ("atTheTime")`);
    }
  });
}

function checkTimeline(p: Problems, items: Json[], at: string, entityIds: Set<string>): void {
  let previous = '';
  items.forEach((item, i) => {
    const here = `${at}[${i}]`;
    if (!isObject(item)) return p.add(here, 'must be an object');
    const date = checkDate(p, item, 'date', here);
    text(p, item, 'text', here);
    text(p, item, 'caveat', here, true);
    const entity = text(p, item, 'entity', here);
    if (entity !== null && !entityIds.has(entity))
      p.add(`${here}.entity`, `"${entity}" is not an entity of this sheet`);
    checkSources(p, array(p, item, 'sources', here), `${here}.sources`);
    if (date !== null) {
      if (date < previous)
        p.add(`${here}.date`, `${date} comes before the previous item (${previous}): keep it chronological`);
      previous = date;
    }
  });
}

/** Returns every problem found; an empty list means the sheet is usable. */
export function validateFactSheet(data: Json, file: string): string[] {
  const p = new Problems(file);
  if (!isObject(data)) {
    p.add('(root)', 'must be a JSON object');
    return p.list;
  }
  const id = text(p, data, 'id', 'sheet');
  if (id !== null && !KEBAB.test(id)) p.add('sheet.id', `"${id}" must be kebab-case`);
  const asOf = checkDate(p, data, 'asOf', 'sheet') ?? '';
  checkDate(p, data, 'reviewed', 'sheet');

  const article = data.article;
  if (!isObject(article)) p.add('article', 'must be an object');
  else {
    if (article.publisher !== 'The Korea Herald') p.add('article.publisher', 'must be "The Korea Herald"');
    text(p, article, 'headline', 'article');
    const published = text(p, article, 'published', 'article');
    if (published !== null && !ISO_TIMESTAMP.test(published)) {
      p.add(
        'article.published',
        `"${published}" must be an ISO timestamp with its offset, e.g. 2014-12-12T21:06:00+09:00`,
      );
    }
    for (const key of ['legacyIds', 'articleIds']) {
      array(p, article, key, 'article').forEach((v, i) => {
        if (typeof v !== 'string' || !/^\d+$/.test(v)) p.add(`article.${key}[${i}]`, 'must be a string of digits');
      });
    }
    text(p, article, 'bodyStartsWith', 'article');
    text(p, article, 'bodyEndsWith', 'article');
    text(p, article, 'credit', 'article', true);
  }

  const entityIds = new Set<string>();
  const phraseOwner = new Map<string, string>();
  array(p, data, 'entities', 'sheet').forEach((entity, i) => {
    const at = `entities[${i}]`;
    if (!isObject(entity)) return p.add(at, 'must be an object');
    const eid = text(p, entity, 'id', at);
    const here = eid === null ? at : `entities[${i}] (${eid})`;
    if (eid !== null) {
      if (!KEBAB.test(eid)) p.add(`${here}.id`, 'must be kebab-case');
      if (entityIds.has(eid)) p.add(`${here}.id`, 'is used by another entity');
      entityIds.add(eid);
    }
    if (!(ENTITY_KINDS as readonly Json[]).includes(entity.kind)) {
      p.add(`${here}.kind`, `must be one of ${ENTITY_KINDS.join(', ')}`);
    }
    text(p, entity, 'name', here);
    text(p, entity, 'role', here, true);
    const summary = text(p, entity, 'summary', here);
    if (summary !== null && summary.length > MAX_SUMMARY) p.add(`${here}.summary`, `is over ${MAX_SUMMARY} characters`);
    text(p, entity, 'whyMarked', here);
    text(p, entity, 'articleNote', here, true);
    const phrases = array(p, entity, 'phrases', here);
    if (phrases.length === 0) p.add(`${here}.phrases`, 'needs at least one phrase');
    phrases.forEach((phrase, j) => {
      if (!isText(phrase)) return p.add(`${here}.phrases[${j}]`, 'must be a non-empty string');
      const key = phrase.trim().replace(/\s+/g, ' ');
      const owner = phraseOwner.get(key);
      if (owner !== undefined && owner !== eid) p.add(`${here}.phrases[${j}]`, `"${key}" also belongs to ${owner}`);
      phraseOwner.set(key, eid ?? '');
    });
    array(p, entity, 'mentions', here).forEach((m, j) => {
      if (!isText(m)) p.add(`${here}.mentions[${j}]`, 'must be a non-empty string');
    });
    checkFacts(p, array(p, entity, 'atTheTime', here), `${here}.atTheTime`, asOf, false);
    checkFacts(p, array(p, entity, 'sinceThen', here), `${here}.sinceThen`, asOf, true);
  });

  checkTimeline(p, array(p, data, 'timelineAtTheTime', 'sheet'), 'timelineAtTheTime', entityIds);
  checkTimeline(p, array(p, data, 'timelineSinceThen', 'sheet'), 'timelineSinceThen', entityIds);
  array(p, data, 'unmarked', 'sheet').forEach((u, i) => {
    if (!isObject(u)) return p.add(`unmarked[${i}]`, 'must be an object {phrase, why}');
    text(p, u, 'phrase', `unmarked[${i}]`);
    text(p, u, 'why', `unmarked[${i}]`);
  });
  return p.list;
}
