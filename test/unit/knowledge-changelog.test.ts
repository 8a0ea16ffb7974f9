/** The changelog's knowledge part, generated from the data diff between two refs, over small synthetic data. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotAt } from '../../src/build/data-at-ref';
import { diffKnowledge, type EntityData, type Snapshot } from '../../src/build/knowledge-diff';
import { knowledgeChangelog, longDate } from '../../src/build/knowledge-changelog';

const kim: EntityData = {
  id: 'sung-kim',
  name: 'Sung Kim',
  roles: [{ title: 'US Ambassador to South Korea', from: '2011-11', until: '2014-10', sources: ['s1'] }],
  facts: [
    { date: '1960', text: 'Born in Seoul in 1960.', sources: ['s1'] },
    { date: '2014-10', text: 'Named Special Representative for North Korea Policy in October 2014.', sources: ['s2'] },
  ],
};
const talks: EntityData = {
  id: 'six-party-talks',
  name: 'Six-party talks',
  facts: [{ date: '2003-08-27', text: 'First round opened in Beijing.', sources: ['s3'] }],
};
const sheet = (id: string, headline: string | null) => ({ id, article: { headline, published: '2014-12-12' } });
const base: Snapshot = { reviewed: '2026-06-01', sources: ['s1', 's2', 's3'], entities: [kim, talks], sheets: [] };

function edited(change: (entities: EntityData[]) => void, extra: Partial<Snapshot> = {}): Snapshot {
  const entities = structuredClone(base.entities);
  change(entities);
  return { ...base, entities, ...extra };
}

describe('diffKnowledge', () => {
  it('finds nothing between equal snapshots, and says so', () => {
    const diff = diffKnowledge(base, structuredClone(base));
    expect(knowledgeChangelog(diff)).toBe(
      '### Knowledge\n\n- Review date unchanged: 1 June 2026.\n- No change to the knowledge base.\n',
    );
  });

  it('lists an entity added with its counts, and the new review date', () => {
    const added: EntityData = { id: 'glyn-davies', name: 'Glyn Davies', facts: [{ date: '2012', text: 'x' }] };
    const text = knowledgeChangelog(
      diffKnowledge(base, { ...base, reviewed: '2026-12-01', entities: [...base.entities, added] }),
    );
    expect(text).toContain('- Reviewed up to 1 December 2026 (was 1 June 2026).');
    expect(text).toContain('- Entities added (1):\n  - Glyn Davies (`glyn-davies`): 1 fact\n');
  });

  it('lists a corrected fact with its entity and each changed field, not as one added and one removed', () => {
    const after = edited((e) => {
      e[0].facts[1] = {
        date: '2014-11',
        text: 'Named Special Representative for North Korea Policy in November 2014.',
        sources: ['s2'],
      };
    });
    const diff = diffKnowledge(base, after);
    expect(diff.factsAdded).toEqual([]);
    expect(diff.factsRemoved).toEqual([]);
    expect(diff.factsCorrected.map((c) => [c.entity.id, c.fields])).toEqual([['sung-kim', ['text', 'date']]]);
    const text = knowledgeChangelog(diff);
    expect(text).toContain('- Facts corrected (1):\n  - Sung Kim (`sung-kim`), November 2014: Named');
    expect(text).toContain('    - date: 2014-10 → 2014-11\n');
    expect(text).toContain('    - text: "Named Special Representative for North Korea Policy in October 2014." → "');
  });

  it('lists a corrected role end date (until) with its entity', () => {
    const after = edited((e) => {
      e[0].roles![0].until = '2014-11';
    });
    const diff = diffKnowledge(base, after);
    expect(diff.rolesCorrected.map((c) => c.fields)).toEqual([['until']]);
    expect(knowledgeChangelog(diff)).toContain(
      '- Roles corrected (1):\n  - Sung Kim (`sung-kim`), November 2011 – November 2014: US Ambassador to South Korea\n    - until: 2014-10 → 2014-11\n',
    );
  });

  it('keeps an unrelated new fact as an addition and a dropped one as a removal', () => {
    const after = edited((e) => {
      e[1].facts = [{ date: '2007-02-13', text: 'Agreement on initial actions reached.', sources: ['s9'] }];
    });
    const diff = diffKnowledge(base, after);
    expect(diff.factsCorrected).toEqual([]);
    expect(diff.factsAdded.map((c) => c.item.date)).toEqual(['2007-02-13']);
    expect(diff.factsRemoved.map((c) => c.item.date)).toEqual(['2003-08-27']);
    const text = knowledgeChangelog(diff);
    expect(text).toContain('- Facts added (1):\n  - Six-party talks (`six-party-talks`), 13 February 2007: Agreement');
    expect(text).toContain('- Facts removed (1):\n  - Six-party talks (`six-party-talks`), 27 August 2003: First');
  });

  it('lists sheets added, sources added, and entities edited only outside facts and roles', () => {
    const after = edited(
      (e) => {
        (e[1] as EntityData & { aliases?: string[] }).aliases = ['six-party talks'];
      },
      {
        sheets: [sheet('korea-herald-2014-12-12-no-signs', 'No signs of N.K. talks')],
        sources: [...base.sources, 's4'],
      },
    );
    const text = knowledgeChangelog(diffKnowledge(base, after));
    expect(text).toContain(
      '- Article sheets added (1):\n  - `korea-herald-2014-12-12-no-signs`: "No signs of N.K. talks", 12 December 2014\n',
    );
    expect(text).toContain('- Sources: 1 added, 0 removed.');
    expect(text).toContain('- Other edits (aliases, summaries, sources, notes) in 1 entity: Six-party talks');
    expect(text).not.toContain('No change');
  });
});

describe('longDate', () => {
  it('writes full and partial dates', () => {
    expect([longDate('2026-12-01'), longDate('2014-10'), longDate('1960')]).toEqual([
      '1 December 2026',
      'October 2014',
      '1960',
    ]);
  });
});

describe('snapshotAt', () => {
  it('reads data/ at two commits of a repository, and an empty snapshot before data/ existed', () => {
    const repo = mkdtempSync(join(tmpdir(), 'backgrounder-changelog-'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: repo });
    try {
      git('init', '--quiet');
      writeFileSync(join(repo, 'README'), 'x');
      git('add', '.');
      git('commit', '--quiet', '-m', 'start');
      mkdirSync(join(repo, 'data/entities'), { recursive: true });
      mkdirSync(join(repo, 'data/articles'), { recursive: true });
      writeFileSync(join(repo, 'data/knowledge.json'), '{"reviewed":"2026-06-01"}');
      writeFileSync(join(repo, 'data/sources.json'), '{"s1":{},"s2":{},"s3":{}}');
      writeFileSync(join(repo, 'data/entities/sung-kim.json'), JSON.stringify(kim));
      git('add', '.');
      git('commit', '--quiet', '-m', 'data');
      git('tag', 'v1.0.0');
      writeFileSync(join(repo, 'data/knowledge.json'), '{"reviewed":"2026-12-01"}');
      writeFileSync(join(repo, 'data/entities/six-party-talks.json'), JSON.stringify(talks));
      git('add', '.');
      git('commit', '--quiet', '-m', 'more');

      expect(snapshotAt(repo, 'HEAD~2')).toEqual({ reviewed: null, sources: [], entities: [], sheets: [] });
      const diff = diffKnowledge(snapshotAt(repo, 'v1.0.0'), snapshotAt(repo, 'HEAD'));
      expect(diff.reviewed).toEqual({ before: '2026-06-01', after: '2026-12-01' });
      expect(diff.entitiesAdded.map((e) => e.id)).toEqual(['six-party-talks']);
      expect(() => snapshotAt(repo, 'v9.9.9')).toThrow();
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
