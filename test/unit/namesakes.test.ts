/**
 * Namesakes told apart (issue 16, part 2). A name two entities share marks one of them only where the page's date
 * (the alias's window) or a context near the name (within NEAR_CHARS, in the same paragraph) decides; where neither
 * decides it marks nothing. Each namesake entity of the real knowledge base is shown here with both people.
 */
import { describe, expect, it } from 'vitest';
import { validateKnowledge, type DataFiles } from '../../src/core/knowledge/validate';
import { compileMatcher, NEAR_CHARS, NOT_AN_ENTITY } from '../../src/core/match/matcher';
import { glossaryMatches } from '../helpers/pipeline';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { readDataFiles } from '../../build.mjs';

/** What glossary mode marks in `text` on a page of `date`: [marked text, entity id]. */
const marks = glossaryMatches;
const marksOf = (name: string, text: string, date: string) => marks(text, date).filter(([t]) => t === name);

describe('the matcher with contexts', () => {
  const matcher = compileMatcher([
    { phrase: 'Ri Yong-ho', entityId: 'diplomat', near: ['foreign minister'] },
    { phrase: 'Ri Yong-ho', entityId: 'general', near: ['army chief'] },
    { phrase: 'Lu Kang', entityId: 'lu-kang', near: ['spokesman'] },
    { phrase: 'Ri', entityId: 'someone' },
  ]);
  const found = (text: string) => matcher.find(text).map((m) => [text.slice(m.start, m.end), m.entityId]);

  it('marks the one entity whose context occurs near the name, before or after it, in any case', () => {
    expect(found('Foreign Minister Ri Yong-ho said')).toEqual([['Ri Yong-ho', 'diplomat']]);
    expect(found('Ri Yong-ho, the army chief, said')).toEqual([['Ri Yong-ho', 'general']]);
    expect(found('Ri Yong-ho, the North’s foreign\nminister')).toEqual([['Ri Yong-ho', 'diplomat']]);
  });

  it('marks nothing, and lets no shorter phrase in, where no context or both occur', () => {
    expect(found('Ri Yong-ho said')).toEqual([]);
    expect(found('Army chief and foreign minister: Ri Yong-ho')).toEqual([]);
  });

  it('counts a context only as whole words, and only within NEAR_CHARS of the name', () => {
    expect(found('the army chiefs met Ri Yong-ho')).toEqual([]);
    const far = `army chief ${'x'.repeat(NEAR_CHARS)} Ri Yong-ho`;
    expect(found(far)).toEqual([]);
    expect(found(`army chief ${'x'.repeat(NEAR_CHARS - 20)} Ri Yong-ho`)).toEqual([['Ri Yong-ho', 'general']]);
  });

  it('applies a context to an unshared phrase too, and a plain phrase of the same entity wins', () => {
    expect(found('Lu Kang said')).toEqual([]);
    expect(found('spokesman Lu Kang said')).toEqual([['Lu Kang', 'lu-kang']]);
    const both = compileMatcher([
      { phrase: 'Lu Kang', entityId: 'lu-kang', near: ['spokesman'] },
      { phrase: 'Lu Kang', entityId: 'lu-kang' },
      { phrase: 'Lu Kang', entityId: NOT_AN_ENTITY },
    ]);
    expect(both.find('Lu Kang said')).toHaveLength(1);
  });

  it('refuses two entities sharing a phrase when one has no context', () => {
    expect(() =>
      compileMatcher([
        { phrase: 'Ri Yong-ho', entityId: 'diplomat' },
        { phrase: 'Ri Yong-ho', entityId: 'general', near: ['army chief'] },
      ]),
    ).toThrow(/belongs to both/);
  });
});

describe('the namesakes of the knowledge base', () => {
  it('Ri Yong-ho: the diplomat and the army chief, told apart by context (both were public figures from 2003)', () => {
    expect(marksOf('Ri Yong-ho', 'Foreign Minister Ri Yong-ho arrived in New York.', '2017-09-20')).toEqual([
      ['Ri Yong-ho', 'ri-yong-ho'],
    ]);
    expect(marksOf('Ri Yong-ho', 'Vice Marshal Ri Yong-ho, the army chief, was removed.', '2012-07-16')).toEqual([
      ['Ri Yong-ho', 'ri-yong-ho-kpa'],
    ]);
    expect(marksOf('Ri Yong-ho', 'Ri Yong-ho, the North’s chief delegate, left Beijing.', '2013-09-20')).toEqual([
      ['Ri Yong-ho', 'ri-yong-ho'],
    ]);
    // Nothing decides: no mark, on any date.
    for (const date of ['2005-06-01', '2011-01-01', '2018-01-01']) {
      expect(marksOf('Ri Yong-ho', 'Ri Yong-ho attended the meeting.', date)).toEqual([]);
    }
    // The window narrows the army chief's context: before February 2009 he was not yet army chief.
    expect(marksOf('Ri Yong-ho', 'The army chief Ri Yong-ho spoke.', '2008-06-01')).toEqual([]);
    expect(marksOf('Ri Yong-ho', 'The army chief Ri Yong-ho spoke.', '2010-06-01')).toEqual([
      ['Ri Yong-ho', 'ri-yong-ho-kpa'],
    ]);
    expect(marksOf('Ri Yong-ho', 'Ri Yong-ho of the Pyongyang Defence Command', '2006-06-01')).toEqual([
      ['Ri Yong-ho', 'ri-yong-ho-kpa'],
    ]);
  });

  it('Kim Yong-chol: the spy chief in his window; the unification minister misspelt "Kim Yeong-chul" never', () => {
    expect(marksOf('Kim Yong-chol', 'Kim Yong-chol met Mike Pompeo.', '2018-06-01')).toEqual([
      ['Kim Yong-chol', 'kim-yong-chol'],
    ]);
    expect(marksOf('Kim Yong-chol', 'A Kim Yong-chol was named.', '2005-01-01')).toEqual([]);
    expect(marksOf('Kim Yong-chol', 'A Kim Yong-chol was named.', '2025-01-01')).toEqual([]);
    const text = 'Unification Minister Kim Yeong-chul met the envoy.';
    expect(marks(text, '2019-08-21').filter(([, id]) => id === 'kim-yong-chol')).toEqual([]);
  });

  it('Kim Sung-hwan: the foreign minister on a 2011 page; the 2025 environment minister never', () => {
    expect(marksOf('Kim Sung-hwan', 'Foreign Minister Kim Sung-hwan said', '2011-12-07')).toEqual([
      ['Kim Sung-hwan', 'kim-sung-hwan'],
    ]);
    expect(marksOf('Kim Sung-hwan', 'Environment Minister Kim Sung-hwan said', '2025-07-01')).toEqual([]);
    // Kim Sung-han, another person, is not marked as him.
    expect(marks('Kim Sung-han said', '2012-06-01').filter(([, id]) => id === 'kim-sung-hwan')).toEqual([]);
  });

  it('Kim Il-chol: the admiral while he was minister; the later vice premier never', () => {
    expect(marksOf('Kim Il-chol', 'Kim Il-chol, the armed forces minister', '2005-01-01')).toEqual([
      ['Kim Il-chol', 'kim-il-chol'],
    ]);
    expect(marksOf('Kim Il-chol', 'Vice Premier Kim Il-chol', '2020-05-01')).toEqual([]);
  });

  it('Kwon Yong-jin: the general in his window; the Daegu mayor Kwon Young-jin never', () => {
    expect(marksOf('Kwon Yong-jin', 'Kwon Yong-jin was elected', '2021-06-01')).toEqual([
      ['Kwon Yong-jin', 'kwon-yong-jin'],
    ]);
    expect(marksOf('Kwon Yong-jin', 'Kwon Yong-jin said', '2019-01-01')).toEqual([]);
    expect(marks('Daegu Mayor Kwon Young-jin said', '2021-06-01').filter(([, id]) => id === 'kwon-yong-jin')).toEqual(
      [],
    );
  });
});

describe('the build on namesakes', () => {
  const DATA = new URL('../../data/', import.meta.url);
  const problems = (change: (files: DataFiles) => void): string => {
    const files = structuredClone(readDataFiles(DATA.pathname).files) as DataFiles;
    change(files);
    return validateKnowledge(files).problems.join('\n');
  };
  const aliases = (files: DataFiles, id: string): unknown[] => {
    const file = files.entities.find((f) => f.path.endsWith(`/${id}.json`));
    if (!file) throw new Error(id);
    return (file.data as { aliases: unknown[] }).aliases;
  };

  it('rejects an empty context', () => {
    expect(
      problems((f) => {
        aliases(f, 'ri-yong-ho')[0] = { text: 'Ri Yong-ho', context: [] };
      }),
    ).toMatch(/ri-yong-ho\.json: aliases\[0\]\.context: must not be empty/);
  });

  it('rejects a context on a name no other entity has', () => {
    expect(
      problems((f) => {
        aliases(f, 'wang-yi')[0] = { text: 'Wang Yi', context: ['foreign minister'] };
      }),
    ).toMatch(/wang-yi\.json: aliases\[0\]\.context: "Wang Yi" is no other entity's alias/);
  });

  it('rejects two entities sharing a name on overlapping dates without a context on each', () => {
    expect(
      problems((f) => {
        aliases(f, 'ri-yong-ho')[0] = 'Ri Yong-ho';
      }),
    ).toMatch(
      /ri-yong-ho(-kpa)?\.json: aliases\[\d\]: "Ri Yong-ho" is also an alias of ri-yong-ho(-kpa)? on overlapping dates/,
    );
    expect(
      problems((f) => {
        aliases(f, 'ri-yong-ho-kpa').push({ text: 'Kim Sung-hwan', from: '2012' });
      }),
    ).toMatch(/"Kim Sung-hwan" is also an alias of .* on overlapping dates/);
  });

  it('accepts the same name in windows that do not overlap, and rejects a context both namesakes list', () => {
    expect(
      problems((f) => {
        aliases(f, 'ri-yong-ho-kpa').push({ text: 'Kim Sung-hwan', from: '2014' });
      }),
    ).not.toMatch(/Kim Sung-hwan/);
    expect(
      problems((f) => {
        aliases(f, 'ri-yong-ho')[0] = { text: 'Ri Yong-ho', context: ['Army chief'] };
      }),
    ).toMatch(/context: "Army chief" is also a context of ri-yong-ho-kpa's "Ri Yong-ho"/);
  });
});
