/**
 * Events as reporters name them, resolved by the page's date over the event table of the real knowledge base: a
 * phrase marks the one event the date and the table leave, and nothing where they leave none or two.
 */
import { describe, expect, it } from 'vitest';
import { eventPhrases, ordinalDigits } from '../../src/core/knowledge/event-phrases';
import { compileMatcher, NOT_AN_ENTITY } from '../../src/core/match/matcher';
import { glossaryMatches, kb } from '../helpers/pipeline';

const entities = [...kb.entities.values()];
/** What the phrase marks on a page of `date`, if anything. */
function resolve(text: string, date: string): string | null {
  const phrases = eventPhrases(entities, date);
  const hit = phrases.find((p) => p.phrase === text);
  return hit && hit.entityId !== NOT_AN_ENTITY ? hit.entityId : null;
}

/** The entities glossary mode marks in `text` on a page of `date`: aliases and event phrases together. */
const marked = (text: string, date: string): string[] =>
  glossaryMatches(text, date)
    .map(([, id]) => id)
    .filter((id) => id !== NOT_AN_ENTITY);

describe('event phrases', () => {
  it('writes ordinals as reporters do', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinalDigits)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
    ]);
  });

  it.each([
    ['nuclear test in January 2016', '2016-03-01', 'fourth-nuclear-test-2016'],
    ['January 2016 nuclear test', '2019-05-01', 'fourth-nuclear-test-2016'],
    ['nuclear test of Sept. 2017', '2017-09-04', 'sixth-nuclear-test-2017'],
    ['September 2016 test', '2016-10-01', 'fifth-nuclear-test-2016'],
    ['6th nuclear test', '2018-01-01', 'sixth-nuclear-test-2017'],
    ['fourth nuclear test', '2016-01-06', 'fourth-nuclear-test-2016'],
    // The H-bomb test: January 2016 on a 2016 page, September 2017 on a later one.
    ['hydrogen bomb test', '2016-06-01', 'fourth-nuclear-test-2016'],
    ['H-bomb test', '2016-06-01', 'fourth-nuclear-test-2016'],
    ['hydrogen bomb test', '2018-02-01', 'sixth-nuclear-test-2017'],
    ['summit in Singapore', '2018-06-13', 'singapore-summit-2018'],
    ['first summit between Trump and Kim', '2019-01-10', 'singapore-summit-2018'],
    ['first summit between Kim Jong-un and Donald Trump', '2019-01-10', 'singapore-summit-2018'],
    ['second summit between Trump and Kim', '2019-03-01', 'hanoi-summit-2019'],
    ['summit in Hanoi', '2019-03-01', 'hanoi-summit-2019'],
    ['resolution 2270', '2016-03-03', 'unsc-resolution-2270'],
    // The Putin–Kim summits, counted apart from the Trump–Kim ones.
    ['summit in Vladivostok', '2019-05-01', 'vladivostok-summit-2019'],
    ['first summit between Putin and Kim', '2023-09-20', 'vladivostok-summit-2019'],
    ['Vostochny summit', '2023-09-14', 'vostochny-summit-2023'],
    ['second summit between Kim Jong-un and Vladimir Putin', '2024-07-01', 'vostochny-summit-2023'],
    ['third summit between Putin and Kim', '2024-06-20', 'pyongyang-summit-2024'],
    // Moon and Kim: April and May 2018 at Panmunjom, September 2018 in Pyongyang.
    ['Panmunjom summit', '2018-05-01', 'panmunjom-summit-2018'],
    ['second summit between Moon and Kim', '2018-07-01', 'panmunjom-summit-may-2018'],
    ['third summit between Moon Jae-in and Kim Jong-un', '2019-01-01', 'pyongyang-summit-2018'],
    ['summit in Pyongyang', '2018-10-01', 'pyongyang-summit-2018'],
  ])('"%s" on a page of %s names %s', (text, date, id) => {
    expect(resolve(text, date)).toBe(id);
  });

  it.each([
    // Before the event, the phrase names nothing yet (a threatened test, a planned summit).
    ['nuclear test in January 2016', '2016-01-05'],
    ['hydrogen bomb test', '2015-12-01'],
    ['second summit between Trump and Kim', '2019-01-10'],
    ['summit in Singapore', '2018-06-01'],
    ['resolution 2270', '2016-02-28'],
    ['summit in Vostochny', '2023-09-12'],
    ['third summit between Putin and Kim', '2024-06-18'],
    // A summit of the same leader due within two weeks: the page's "summit in <city>" is about that one.
    ['summit in Pyongyang', '2024-06-18'],
    ['summit in Vladivostok', '2023-09-11'],
    // Two summits in one place by the page's date.
    ['Panmunjom summit', '2018-06-01'],
    ['summit in Pyongyang', '2024-06-20'],
    // No test that month: nothing to name.
    ['nuclear test in March 2016', '2016-06-01'],
  ])('"%s" on a page of %s names nothing', (text, date) => {
    expect(resolve(text, date)).toBeNull();
  });

  it('a phrase two events share marks nothing, not even the place inside it', () => {
    expect(marked('the Panmunjom summit in April 2018', '2021-10-04')).toEqual([]);
    expect(marked('talks at Panmunjom', '2021-10-04')).toEqual(['panmunjom']);
  });

  it('never gives a phrase to two entities, nor one that another entity has as an alias', () => {
    for (const date of ['2010-01-01', '2016-06-01', '2018-07-01', '2020-01-01', '2026-11-30']) {
      const phrases = eventPhrases(entities, date);
      // compileMatcher keeps one entity per phrase; the grammar must not have offered two.
      const owners = new Map<string, Set<string>>();
      for (const p of phrases) owners.set(p.phrase, new Set([...(owners.get(p.phrase) ?? []), p.entityId]));
      expect([...owners].filter(([, ids]) => ids.size > 1)).toEqual([]);
      expect(() => compileMatcher(phrases)).not.toThrow();
    }
  });

  it('are marked in glossary mode, in running text', async () => {
    const { planPage } = await import('../../src/core/knowledge/plan');
    const plan = planPage(kb, {
      headlines: [],
      date: '2016-06-01',
      bodyStart: null,
      kinds: ['event', 'resolution'],
      glossary: true,
    });
    expect(plan.mode).toBe('glossary');
    if (plan.mode !== 'glossary') return;
    const matcher = compileMatcher(plan.phrases);
    const text = 'Since the nuclear test in January 2016, which the North called an H-bomb test, talks have stalled.';
    const found = matcher.find(text).map((m) => [text.slice(m.start, m.end), m.entityId]);
    expect(found).toEqual([
      ['nuclear test in January 2016', 'fourth-nuclear-test-2016'],
      ['H-bomb test', 'fourth-nuclear-test-2016'],
    ]);
  });
});
