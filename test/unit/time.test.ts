/**
 * Time as a query, on real entities of the knowledge base: the roles held on a date (either side of each change),
 * who held a post, which facts are "at the time" and which "since then", which aliases apply, and the timeline.
 */
import { describe, expect, it } from 'vitest';
import { aliasActiveOn } from '../../src/core/knowledge/aliases';
import { begunBy, endedBy, firstDay, lastDay, stillOn, yearBefore } from '../../src/core/knowledge/dates';
import { planPage } from '../../src/core/knowledge/plan';
import {
  factsAtTheTime,
  factsSince,
  holdersOn,
  lastRoleBefore,
  rolesOn,
  timeline,
} from '../../src/core/knowledge/time';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { kb, viewsFor } from '../helpers/pipeline';

const entity = (id: string) => {
  const found = kb.entities.get(id);
  if (!found) throw new Error(`no entity ${id}`);
  return found;
};
const titlesOn = (id: string, day: string) => rolesOn(entity(id), day).map((r) => r.title);
const holderNames = (post: string, day: string) => holdersOn(post, day, kb.entities.values()).map((h) => h.person.id);

describe('partial dates', () => {
  it('cover the days they name', () => {
    expect(firstDay('2014-11')).toBe('2014-11-01');
    expect(lastDay('2014-11')).toBe('2014-11-30');
    expect(lastDay('2016-02')).toBe('2016-02-29');
    expect(lastDay('2015-02')).toBe('2015-02-28');
    expect(lastDay('2014')).toBe('2014-12-31');
  });

  it('claim only what is certain on the day: a month has begun once it is over, and ends somewhere within', () => {
    expect(begunBy('2014-12', '2014-12-12')).toBe(false);
    expect(begunBy('2014-12', '2014-12-31')).toBe(true);
    expect(begunBy('2014-12-12', '2014-12-12')).toBe(true);
    expect(begunBy('2015', '2014-12-12')).toBe(false);
    expect(stillOn('2014-11', '2014-11-01')).toBe(true);
    expect(stillOn('2014-11', '2014-11-02')).toBe(false);
    expect(endedBy('2014-11', '2014-11-30')).toBe(false);
    expect(endedBy('2014-11', '2014-12-01')).toBe(true);
    expect(stillOn(undefined, '2099-01-01')).toBe(true);
    expect(endedBy(undefined, '2099-01-01')).toBe(false);
    expect(yearBefore('2026-12-01')).toBe('2025-12-01');
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
  });
});

describe('Sung Kim, on either side of each change of post', () => {
  it.each([
    ['2007-06-01', ['Director of the Office of Korean Affairs, US State Department']],
    ['2010-01-15', ['US Special Envoy for the Six-Party Talks']],
    ['2013-06-01', ['US Ambassador to South Korea']],
    ['2014-10-24', ['US Ambassador to South Korea']],
    ['2014-10-25', []],
    ['2015-06-01', ['US Special Representative for North Korea Policy']],
    ['2017-06-01', ['US Ambassador to the Philippines']],
    ['2021-02-01', ['US Ambassador to Indonesia']],
    ['2022-03-01', ['US Ambassador to Indonesia', 'US Special Representative for North Korea']],
    ['2024-06-01', ['US Ambassador to Indonesia']],
  ])('on %s held %j', (day, titles) => {
    expect(titlesOn('sung-kim', day)).toEqual(titles);
  });

  it('a post whose end no source shows reads "as of" its last confirmation on later pages', () => {
    // The sources stop showing him in Jakarta in May 2021, over a year before the review date.
    const roleOn = (day: string) =>
      viewsFor(['sung-kim'], day).entities[0]?.rolesThen.find((r) => r.title === 'US Ambassador to Indonesia');
    expect(roleOn('2021-02-01')?.asOf).toBeUndefined();
    expect(roleOn('2024-06-01')?.asOf).toBe('2021-05-26');
  });

  it('between posts, and after the last, says what he was last', () => {
    expect(lastRoleBefore(entity('sung-kim'), '2014-10-25')?.title).toBe('US Ambassador to South Korea');
    expect(lastRoleBefore(entity('sung-kim'), '2024-06-01')?.title).toBe('US Special Representative for North Korea');
    expect(lastRoleBefore(entity('sung-kim'), '2005-01-01')).toBeNull();
  });
});

describe('who held a post on a date', () => {
  it.each([
    ['2013-06-01', ['glyn-davies']],
    ['2015-06-01', ['sung-kim']],
    ['2017-06-01', ['joseph-yun']],
    ['2019-06-01', ['stephen-biegun']],
    ['2022-06-01', ['sung-kim']],
  ])('US Special Representative for North Korea Policy on %s: %j', (day, holders) => {
    expect(holderNames('special-representative-nk-policy', day)).toEqual(holders);
  });

  it('the post card says who held it then', () => {
    const [view] = viewsFor(['special-representative-nk-policy'], '2013-06-01').entities;
    expect(view.holdersThen.map((h) => h.name)).toEqual(['Glyn Davies']);
    const [later] = viewsFor(['special-representative-nk-policy'], '2015-06-01').entities;
    expect(later.holdersThen.map((h) => h.name)).toEqual(['Sung Kim']);
  });
});

describe('a resolution on a page before and after its adoption', () => {
  const resolution = entity('unsc-resolution-2321');

  it('before: nothing yet at the time; its adoption is "since then"', () => {
    expect(factsAtTheTime(resolution, '2016-11-29')).toEqual([]);
    const since = factsSince(resolution, '2016-11-29', kb.reviewed);
    expect(since[0].date).toBe('2016-11-30');
    expect(since.length).toBe(resolution.facts.length);
  });

  it('after: its adoption is "at the time", later developments "since then"', () => {
    const then = factsAtTheTime(resolution, '2016-12-01');
    expect(then.map((f) => f.date).every((d) => d <= '2016-12-01')).toBe(true);
    expect(then[0].date).toBe('2016-11-30');
    expect(factsSince(resolution, '2016-12-01', kb.reviewed).every((f) => f.date > '2016-12-01')).toBe(true);
  });

  it('its number names it only once it exists', () => {
    const alias = resolution.aliases.find((a) => typeof a !== 'string' && a.text === 'Resolution 2321');
    if (!alias) throw new Error('no "Resolution 2321" alias');
    expect(aliasActiveOn(alias, '2016-11-29')).toBe(false);
    expect(aliasActiveOn(alias, '2016-11-30')).toBe(true);
  });
});

describe('glossary phrases depend on the page date', () => {
  const phrasesOn = (date: string) =>
    planPage(kb, { headlines: [], date, bodyStart: null, kinds: DEFAULT_SETTINGS.kinds, glossary: true });

  it('"fourth nuclear test" names the January 2016 test only on pages dated after it', () => {
    const named = (date: string) => {
      const plan = phrasesOn(date);
      return plan.mode === 'glossary' && plan.phrases.some((p) => p.phrase === 'fourth nuclear test');
    };
    expect(named('2014-04-03')).toBe(false);
    expect(named('2016-01-05')).toBe(false);
    expect(named('2016-01-06')).toBe(true);
    expect(named('2017-09-04')).toBe(true);
  });

  it('a page with no date gets no glossary at all', () => {
    expect(phrasesOn(null as unknown as string)).toEqual({ mode: 'none', reason: 'no-date' });
  });
});

describe('the timeline and the card lines of a page', () => {
  it('splits milestones at the date and keeps them in order', () => {
    const ids = ['six-party-talks', 'sung-kim', 'unsc-resolution-2321'];
    const { atTheTime, sinceThen } = timeline(ids.map(entity), '2014-12-12', kb.reviewed);
    expect(atTheTime.length).toBeGreaterThan(3);
    expect(sinceThen.length).toBeGreaterThan(1);
    expect(atTheTime.every((m) => firstDay(m.fact.date) <= '2014-12-12')).toBe(true);
    expect(sinceThen.every((m) => firstDay(m.fact.date) > '2014-12-12')).toBe(true);
    const dates = [...atTheTime, ...sinceThen].map((m) => firstDay(m.fact.date));
    expect(dates).toEqual([...dates].sort());
    expect(sinceThen.some((m) => m.entityId === 'unsc-resolution-2321')).toBe(true);
  });

  it('when the story has ended since, the one "since then" line says so', () => {
    const [view] = viewsFor(['sung-kim'], '2014-12-12').entities;
    expect(view.rolesThen.map((r) => r.title)).toEqual(['US Special Representative for North Korea Policy']);
    const ended = entity('sung-kim').facts.filter((f) => f.change === 'ended');
    expect(ended.length).toBeGreaterThan(0);
    expect(view.keySince).toMatchObject({ kind: 'fact', fact: { date: ended.at(-1)?.date } });
    expect(view.keySince?.kind === 'fact' && view.keySince.fact.text).toMatch(/^Retired/);
  });

  it('for a person whose story goes on, it is the latest post taken up after the date', () => {
    const [view] = viewsFor(['stephen-biegun'], '2018-09-01').entities;
    const later = (entity('stephen-biegun').roles ?? []).filter((r) => firstDay(r.from) > '2018-09-01');
    expect(later.length).toBeGreaterThan(0);
    const latest = later.sort((a, b) => firstDay(a.from).localeCompare(firstDay(b.from))).at(-1);
    expect(view.keySince).toMatchObject({ kind: 'role', role: { title: latest?.title, from: latest?.from } });
  });

  it('a draft resolution: since then it was adopted; once adopted, it was tightened', () => {
    const key = (date: string) => {
      const since = viewsFor(['unsc-resolution-2270'], date).entities[0]?.keySince;
      return since?.kind === 'fact' ? since.fact : null;
    };
    expect(key('2016-02-28')?.date).toBe('2016-03-02');
    expect(key('2016-02-28')?.text).toMatch(/^Adopted/);
    expect(key('2016-03-03')?.change).toBe('overtaken');
  });

  it('a leader who died since: the card says so', () => {
    const since = viewsFor(['kim-jong-il'], '2009-06-01').entities[0]?.keySince;
    expect(since).toMatchObject({ kind: 'fact', fact: { change: 'ended' } });
    expect(since?.kind === 'fact' && since.fact.text).toMatch(/^Died/);
  });

  it('Stephen Biegun on a February 2019 page: since then he became deputy secretary of state', () => {
    const [view] = viewsFor(['stephen-biegun'], '2019-02-15').entities;
    expect(view.keySince).toMatchObject({ kind: 'role', role: { title: 'US Deputy Secretary of State' } });
  });
});
