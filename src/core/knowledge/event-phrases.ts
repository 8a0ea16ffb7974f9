/**
 * Events as reporters name them. From the events' `event` descriptions, the phrases a page of date D may use for an
 * event that had happened by D:
 * - nuclear tests: "fourth nuclear test", "4th nuclear test", "nuclear test in January 2016", "January 2016 nuclear
 *   test", "nuclear test of Jan. 2016"; "hydrogen bomb test" and "H-bomb test": the latest test the North had called a
 *   hydrogen bomb by D;
 * - "January 2016 test", "test in January 2016" for a nuclear test (not for launches: the North fires missiles in
 *   most months, and the knowledge base does not hold every one);
 * - summits: "summit in Singapore", "Singapore summit", "first summit between Trump and Kim" (either order); the
 *   city forms not while another summit of one of the same leaders is due within 14 days (its venue is what
 *   reporters are writing about);
 * - resolutions: "resolution 2270", as a reporter writes it in running text.
 * A phrase is kept only where the page's date and the event table leave one candidate: a phrase two events would
 * claim on D, or that another entity has as an alias, is dropped, so it marks nothing.
 */

import { NOT_AN_ENTITY, type PhraseEntry } from '../match/matcher';
import { aliasForms } from './alias-safety';
import { aliasActiveOn, aliasText } from './aliases';
import { begunBy, firstDay } from './dates';
import type { EventForm } from './schema';
import type { ShippedEntity } from './ship';

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const MONTHS = [
  ['January', 'Jan.'],
  ['February', 'Feb.'],
  ['March', 'March'],
  ['April', 'April'],
  ['May', 'May'],
  ['June', 'June'],
  ['July', 'July'],
  ['August', 'Aug.'],
  ['September', 'Sept.'],
  ['October', 'Oct.'],
  ['November', 'Nov.'],
  ['December', 'Dec.'],
];

/**
 * A summit this close ahead of a page is what the page's "summit in <city>" most likely means (reporters name the
 * expected venue before the leaders meet, often wrongly): a past summit of the same leader does not get the phrase.
 */
const UPCOMING_DAYS = 14;
const DAY_MS = 86_400_000;

/** "1st", "2nd", "3rd", "4th", "11th". */
export function ordinalDigits(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "January 2016" and "Jan. 2016" for each month an event fell in. */
function monthsOf(dates: readonly string[]): string[] {
  const months = new Set<string>();
  for (const date of dates) {
    const [year, month] = date.split('-');
    if (!month) continue;
    for (const name of MONTHS[Number(month) - 1] ?? []) months.add(`${name} ${year}`);
  }
  return [...months];
}

interface Dated {
  entity: ShippedEntity;
  event: EventForm;
}

/** Phrases for each event begun by `day`; the same phrase from two events is dropped later. */
function candidates(events: readonly Dated[], day: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (phrase: string, entity: ShippedEntity) => out.push([phrase, entity.id]);
  const happened = events.filter(({ event }) => begunBy(event.dates[0] ?? '9999', day));
  const upcoming = events
    .map(({ event }) => event)
    .filter((event) => {
      if (event.type !== 'summit') return false;
      const ahead = (Date.parse(firstDay(event.dates[0] ?? '')) - Date.parse(day)) / DAY_MS;
      return ahead > 0 && ahead <= UPCOMING_DAYS;
    })
    .flatMap((event) => (event.type === 'summit' ? [event] : []));

  for (const { entity, event } of happened) {
    const months = monthsOf(event.dates);
    if (event.type === 'nuclear-test') {
      const word = ORDINAL_WORDS[event.ordinal - 1];
      if (word) add(`${word} nuclear test`, entity);
      add(`${ordinalDigits(event.ordinal)} nuclear test`, entity);
      for (const m of months) {
        for (const form of [`nuclear test in ${m}`, `nuclear test of ${m}`, `${m} nuclear test`]) add(form, entity);
      }
    }
    if (event.type === 'nuclear-test') {
      for (const m of months) for (const form of [`${m} test`, `test in ${m}`]) add(form, entity);
    }
    if (event.type === 'summit') {
      if (!upcoming.some((next) => sharesParty(next.parties, event.parties))) {
        add(`summit in ${event.city}`, entity);
        add(`${event.city} summit`, entity);
      }
      const ordinal = happened
        .filter(({ event: other }) => other.type === 'summit' && samePair(other.parties, event.parties))
        .sort((a, b) => firstDay(a.event.dates[0] ?? '').localeCompare(firstDay(b.event.dates[0] ?? '')))
        .findIndex((other) => other.entity.id === entity.id);
      const word = ORDINAL_WORDS[ordinal];
      const [a = [], b = []] = event.parties;
      if (word) {
        for (const x of a) {
          for (const y of b) {
            add(`${word} summit between ${x} and ${y}`, entity);
            add(`${word} summit between ${y} and ${x}`, entity);
          }
        }
      }
    }
  }

  // The H-bomb test: the latest test the North had called a hydrogen bomb by this page's date.
  const hydrogen = happened
    .filter(({ event }) => event.type === 'nuclear-test' && event.claimedHydrogen)
    .sort((a, b) => firstDay(a.event.dates[0] ?? '').localeCompare(firstDay(b.event.dates[0] ?? '')))
    .at(-1);
  if (hydrogen) {
    for (const form of ['hydrogen bomb test', 'H-bomb test', 'hydrogen-bomb test']) add(form, hydrogen.entity);
  }
  return out;
}

/** Do two summits have a leader in common (by the first form of each party's name)? */
const sharesParty = (a: readonly string[][], b: readonly string[][]): boolean =>
  a.some((x) => b.some((y) => x[0] !== undefined && x[0] === y[0]));

const samePair = (a: readonly string[][], b: readonly string[][]): boolean => {
  const key = (parties: readonly string[][]) =>
    parties
      .map((p) => p[0] ?? '')
      .sort()
      .join('|');
  return key(a) === key(b);
};

/** "Resolution 2270" → "resolution 2270", in the alias's window. */
function resolutionForms(entity: ShippedEntity, day: string): Array<[string, string]> {
  if (entity.kind !== 'resolution') return [];
  return entity.aliases
    .filter((alias) => aliasActiveOn(alias, day))
    .map(aliasText)
    .filter((text) => /^Resolution \d{4}$/.test(text))
    .map((text) => [text.toLowerCase(), entity.id]);
}

/**
 * The descriptive phrases that name one event on a page of date `day`, none that another entity already names or
 * that two events share.
 */
export function eventPhrases(entities: readonly ShippedEntity[], day: string): PhraseEntry[] {
  const events = entities.flatMap((entity) => (entity.event ? [{ entity, event: entity.event }] : []));
  const found = [...candidates(events, day), ...entities.flatMap((e) => resolutionForms(e, day))];

  const owners = new Map<string, Set<string>>();
  for (const entity of entities) {
    for (const alias of entity.aliases) {
      for (const form of aliasForms(aliasText(alias))) {
        owners.set(form.toLowerCase(), new Set([...(owners.get(form.toLowerCase()) ?? []), entity.id]));
      }
    }
  }
  const claims = new Map<string, Set<string>>();
  for (const [phrase, id] of found) claims.set(phrase, new Set([...(claims.get(phrase) ?? []), id]));

  const phrases: PhraseEntry[] = [];
  for (const [phrase, ids] of claims) {
    if (ids.size > 1) {
      // Two events fit ("the Panmunjom summit" after May 2018): the phrase marks nothing, not even the place in it.
      if (!owners.has(phrase.toLowerCase()))
        phrases.push(...aliasForms(phrase).map((form) => ({ phrase: form, entityId: NOT_AN_ENTITY })));
      continue;
    }
    const [entityId] = ids;
    const owner = owners.get(phrase.toLowerCase());
    if (entityId === undefined || (owner && !owner.has(entityId))) continue;
    phrases.push(...aliasForms(phrase).map((form) => ({ phrase: form, entityId })));
  }
  return phrases;
}
