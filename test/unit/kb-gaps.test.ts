/**
 * The gap report (`npm run kb:gaps`, src/build/gap-report.ts) over a few articles written here, read against the
 * real knowledge base as glossary mode reads them: a name it does not know is listed, one it knows is not, and the
 * list is ordered by how often each occurs.
 */
import { describe, expect, it } from 'vitest';
import { formatGapReport, gapReport, unresolvedNames, type GapArticle } from '../../src/build/gap-report';
import { kb } from '../helpers/pipeline';

// Ko Myong-sik and Pak Sol-ju are made up: no entity has these names.
const articles: GapArticle[] = [
  {
    name: '20190301000001',
    date: '2019-03-01',
    paragraphs: [
      'SEOUL (Yonhap) -- Kim Yo-jong met Ko Myong-sik in Pyongyang on Monday, the Defense Ministry said.',
      'Ko later told Pak Sol-ju about the Singapore summit and the summit in Ulaanbaatar.',
    ],
  },
  {
    name: '20190302000002',
    date: '2019-03-02',
    paragraphs: ['The meeting was arranged by Foreign Minister Ko Myong-sik, officials said on Tuesday.'],
  },
];

describe('kb:gaps', () => {
  const report = gapReport(kb, articles);
  const names = report.names.map((g) => g.text);

  it('lists a name the knowledge base does not resolve, with its count and articles', () => {
    expect(report.names[0]).toEqual({
      text: 'Ko Myong-sik',
      kind: 'name',
      count: 2,
      articles: ['20190301000001', '20190302000002'],
    });
    expect(names).toContain('Pak Sol-ju');
  });

  it('does not list a name it resolves, nor the stoplists (datelines, wires, days, places, titles)', () => {
    expect(names).not.toContain('Kim Yo-jong');
    for (const noise of ['SEOUL', 'Seoul', 'Yonhap', 'Monday', 'Tuesday', 'Pyongyang', 'Foreign Minister', 'The']) {
      expect(names).not.toContain(noise);
    }
    // A surname alone after the full name is a back-reference, not a gap of its own.
    expect(names).not.toContain('Ko');
    // A title before an institution is part of its name.
    expect(names).toContain('Defense Ministry');
  });

  it('orders the list by count, most frequent first', () => {
    const counts = report.names.map((g) => g.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(report.names.findIndex((g) => g.text === 'Ko Myong-sik')).toBeLessThan(
      report.names.findIndex((g) => g.text === 'Pak Sol-ju'),
    );
  });

  it('lists an event phrase the event grammar does not resolve, and not one it does', () => {
    const events = report.events.map((g) => g.text);
    expect(events).toContain('summit in Ulaanbaatar');
    expect(events).not.toContain('Singapore summit');
  });

  it('splits a run of capitalised words where the matcher covers part of it', () => {
    const text = 'Vice Chairman Kim Yo-jong Ko Myong-sik';
    const at = text.indexOf('Kim Yo-jong');
    expect(unresolvedNames(text, [{ start: at, end: at + 'Kim Yo-jong'.length, entityId: 'kim-yo-jong' }])).toEqual([
      'Ko Myong-sik',
    ]);
  });

  it('prints the top N with counts and articles', () => {
    const text = formatGapReport(report, 1);
    expect(text).toMatch(/^\s+2 {2}Ko Myong-sik\s+2 articles: 20190301000001 20190302000002$/m);
    expect(text).not.toContain('Pak Sol-ju');
  });
});
