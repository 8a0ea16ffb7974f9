/**
 * How current the knowledge is, as the popup and the options page say it, and the cap that keeps a card's "since
 * then" from implying anything after the review date.
 */
import { readdirSync, readFileSync } from 'node:fs';
import about from 'backgrounder:about';
import { describe, expect, it } from 'vitest';
import { factsSince, timeline } from '../../src/core/knowledge/time';
import type { ShippedEntity } from '../../src/core/knowledge/ship';
import { countsLine, issuesUrl, reviewedLine } from '../../src/shared/knowledge-age';
import { getMessageFrom } from '../helpers/fake-browser';

const en = getMessageFrom('en');
const ko = getMessageFrom('ko');
const readJson = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

describe('the review date line', () => {
  it('reads "Background checked up to 1 Dec 2026" in English and gives the Korean date in Korean', () => {
    expect(reviewedLine(en, '2026-12-01')).toBe('Background checked up to 1 Dec 2026');
    expect(reviewedLine(ko, '2026-12-01')).toBe('배경 정보 확인 기준일: 2026년 12월 1일');
  });

  it("is built from data/knowledge.json's review date, not written by hand", () => {
    expect(about.reviewed).toBe(readJson('data/knowledge.json').reviewed);
  });
});

describe('the knowledge base counts', () => {
  it('are the entity files and the sources of data/', () => {
    const entities = readdirSync(new URL('../../data/entities/', import.meta.url)).filter((f) => f.endsWith('.json'));
    expect(about.entities).toBe(entities.length);
    expect(about.sources).toBe(Object.keys(readJson('data/sources.json')).length);
  });

  it("are written with the interface language's digit grouping", () => {
    expect(countsLine(en, { entities: 179, sources: 1072 })).toBe(
      '179 people, posts, events, resolutions and other entries, citing 1,072 public sources.',
    );
    expect(countsLine(ko, { entities: 179, sources: 1072 })).toContain('179개 항목, 공개 출처 1,072건');
  });

  it("the error link goes to package.json's issue tracker", () => {
    expect(issuesUrl()).toBe(readJson('package.json').bugs.url);
    expect(issuesUrl()).toMatch(/^https:\/\//);
  });
});

describe('a card\'s "since then" stops at the review date', () => {
  const entity = {
    id: 'x',
    kind: 'event',
    name: 'X',
    summary: 'x',
    aliases: ['X'],
    facts: [
      { date: '2014-12-01', text: 'before the article', sources: ['s'] },
      { date: '2016-03-02', text: 'after the article', sources: ['s'], milestone: true },
      {
        date: '2026-12',
        text: 'dated by the review month only, so possibly after its day',
        sources: ['s'],
        milestone: true,
      },
      { date: '2027-01', text: 'the month after the review', sources: ['s'], milestone: true },
      { date: '2027-01-15', text: 'after the review date', sources: ['s'], milestone: true },
    ],
  } as unknown as ShippedEntity;

  it('factsSince leaves out facts dated after the review date', () => {
    // "2026-12" may be after 1 December: a card claims only what is certain by the review date.
    expect(factsSince(entity, '2014-12-12', '2026-12-01').map((f) => f.date)).toEqual(['2016-03-02']);
    expect(factsSince(entity, '2014-12-12', '2027-02-01').map((f) => f.date)).toEqual([
      '2016-03-02',
      '2026-12',
      '2027-01',
      '2027-01-15',
    ]);
  });

  it('the timeline leaves them out of "since then" too', () => {
    expect(timeline([entity], '2014-12-12', '2026-12-01').sinceThen.map((m) => m.fact.date)).toEqual(['2016-03-02']);
  });
});
