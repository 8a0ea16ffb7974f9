import { describe, expect, it } from 'vitest';
import { compileMatcher, NOT_AN_ENTITY } from '../../src/core/match/matcher';

const matcher = compileMatcher([
  { phrase: 'Sung Kim', entityId: 'sung-kim' },
  { phrase: 'Kim', entityId: 'sung-kim' },
  { phrase: 'six-party talks', entityId: 'six-party-talks' },
  { phrase: 'the talks', entityId: 'six-party-talks' },
  { phrase: 'UN Security Council', entityId: 'unsc' },
  { phrase: 'a host of UN Security Council resolutions', entityId: 'resolutions' },
]);
const found = (text: string) => matcher.find(text).map((m) => [text.slice(m.start, m.end), m.entityId]);

describe('compileMatcher', () => {
  it('prefers the longest phrase at a position', () => {
    expect(found('said Sung Kim, and Kim agreed')).toEqual([
      ['Sung Kim', 'sung-kim'],
      ['Kim', 'sung-kim'],
    ]);
    expect(found('banned by a host of UN Security Council resolutions and the UN Security Council')).toEqual([
      ['a host of UN Security Council resolutions', 'resolutions'],
      ['UN Security Council', 'unsc'],
    ]);
  });

  it('matches whole words only, case-sensitively', () => {
    expect(found('Kimchi and kim and Kimberley')).toEqual([]);
    expect(found('KIM')).toEqual([]);
    expect(found('(Kim)')).toEqual([['Kim', 'sung-kim']]);
  });

  it('treats a hyphen between letters as part of a word, not a boundary', () => {
    const launches = compileMatcher([
      { phrase: 'Musudan', entityId: 'musudan' },
      { phrase: 'Malligyong-1', entityId: 'malligyong' },
    ]);
    const hits = (text: string) => launches.find(text).map((m) => text.slice(m.start, m.end));
    expect(hits('launched from Musudan-ri, not a Musudan')).toEqual(['Musudan']);
    expect(hits('the Malligyong-1-1 failed; the Malligyong-1 flew')).toEqual(['Malligyong-1']);
    expect(hits('pro-Musudan and Musudan-')).toEqual(['Musudan']);
    expect(found("Sung Kim's trip, a Sung Kim-led team")).toEqual([['Sung Kim', 'sung-kim']]);
  });

  it('lets a blocker phrase win over an alias inside it, and mark nothing', () => {
    const withBlocker = compileMatcher([
      { phrase: 'Kim Il-sung', entityId: 'kim-il-sung' },
      { phrase: 'Kim Il-sung University', entityId: NOT_AN_ENTITY },
    ]);
    const text = 'Kim Il-sung founded Kim Il-sung University';
    expect(withBlocker.find(text).map((m) => [text.slice(m.start, m.end), m.entityId])).toEqual([
      ['Kim Il-sung', 'kim-il-sung'],
    ]);
  });

  it('treats any white space in the page as the space in a phrase', () => {
    expect(found('the six-party\n   talks resumed')).toEqual([['six-party\n   talks', 'six-party-talks']]);
    expect(found('Sung\u00a0Kim')).toEqual([['Sung\u00a0Kim', 'sung-kim']]);
  });

  it('escapes phrases that contain regular-expression syntax', () => {
    const m = compileMatcher([{ phrase: 'U.S. (AFP)', entityId: 'x' }]);
    expect(m.find('USx (AFP)')).toEqual([]);
    expect(m.find('the U.S. (AFP) said')).toHaveLength(1);
  });

  it('finds nothing without phrases and refuses a phrase owned by two entities', () => {
    expect(compileMatcher([]).find('anything')).toEqual([]);
    expect(() =>
      compileMatcher([
        { phrase: 'Kim', entityId: 'a' },
        { phrase: 'Kim', entityId: 'b' },
      ]),
    ).toThrow(/both/);
  });

  it('handles Hangul and other letters as word characters', () => {
    const m = compileMatcher([{ phrase: '김성', entityId: 'k' }]);
    expect(m.find('김성 대사')).toHaveLength(1);
    expect(m.find('김성용')).toHaveLength(0);
  });
});
