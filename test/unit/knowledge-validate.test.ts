/** The data folder's validation: every real file passes; each kind of mistake is named by file and field. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateKnowledge, type DataFiles } from '../../src/core/knowledge/validate';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { readDataFiles } from '../../build.mjs';

const DATA = new URL('../../data/', import.meta.url);
const real = (): DataFiles => structuredClone(readDataFiles(DATA.pathname).files);
/** The raw JSON of an entity file, typed as far as these tests break it. */
interface RawEntity {
  summary?: string;
  aliases: unknown[];
  roles: Array<{ until?: string; post?: string }>;
  facts: Array<{ date: string; sources: string[]; sorces?: string[] }>;
}
interface RawSheet {
  entities: Array<{ id: string; phrases: string[] }>;
}
const entity = (files: DataFiles, id: string): RawEntity => {
  const file = files.entities.find((f) => f.path.endsWith(`/${id}.json`));
  if (!file) throw new Error(id);
  return file.data as RawEntity;
};
const seedSheet = (files: DataFiles) => files.sheets.find((f) => f.path.includes('2014-12-12'))?.data as RawSheet;
const problems = (change: (files: DataFiles) => void) => {
  const files = real();
  change(files);
  return validateKnowledge(files).problems.join('\n');
};

describe('the data folder', () => {
  it('is valid as committed: every entity, source and article sheet', () => {
    const { files, problems: unreadable } = readDataFiles(DATA.pathname);
    expect(unreadable).toEqual([]);
    expect(validateKnowledge(files).problems).toEqual([]);
  });
});

describe('validateKnowledge names the file and the field', () => {
  it('of a missing summary and a misspelt key', () => {
    expect(problems((f) => delete entity(f, 'sung-kim').summary)).toMatch(/data\/entities\/sung-kim\.json: summary: /);
    expect(
      problems((f) => {
        const e = entity(f, 'sung-kim');
        e.facts[0].sorces = e.facts[0].sources;
      }),
    ).toMatch(/data\/entities\/sung-kim\.json: facts\[0\]\.sorces: unknown field/);
  });

  it('of a fact without a source, a bad date, a source that is not listed and a malformed URL', () => {
    expect(problems((f) => (entity(f, 'sung-kim').facts[0].sources = []))).toMatch(
      /sung-kim\.json: facts\[0\]\.sources: needs at least one source/,
    );
    expect(problems((f) => (entity(f, 'sung-kim').facts[0].date = '12/12/2014'))).toMatch(
      /sung-kim\.json: facts\[0\]\.date: must be an ISO date/,
    );
    expect(problems((f) => (entity(f, 'sung-kim').facts[0].sources = ['no-such-source']))).toMatch(
      /sung-kim\.json: facts\[0\]\.sources\[0\]: "no-such-source" is not in data\/sources\.json/,
    );
    expect(
      problems((f) => {
        const sources = f.sources.data as Record<string, { url: string }>;
        sources[Object.keys(sources)[0]].url = 'javascript:alert(1)';
      }),
    ).toMatch(/data\/sources\.json: [a-z0-9-]+\.url: must be an absolute http\(s\) URL/);
  });

  it('of facts out of order, a role ending before it starts and a role post that is not a post', () => {
    expect(problems((f) => entity(f, 'sung-kim').facts.reverse())).toMatch(
      /facts\[\d+\]\.date: .* keep facts oldest first/,
    );
    expect(problems((f) => (entity(f, 'sung-kim').roles[0].until = '1999'))).toMatch(
      /sung-kim\.json: roles\[0\]\.until: is before from/,
    );
    expect(problems((f) => (entity(f, 'sung-kim').roles[2].post = 'six-party-talks'))).toMatch(
      /roles\[2\]\.post: "six-party-talks" is a talks, not a post/,
    );
  });

  it('of an unsafe alias and of an alias two entities share', () => {
    expect(problems((f) => entity(f, 'sung-kim').aliases.push('Kim'))).toMatch(
      /aliases\[\d+\]: "Kim" is a bare surname/,
    );
    expect(problems((f) => entity(f, 'six-party-talks').aliases.push('the talks'))).toMatch(/"the talks" is a generic/);
    expect(problems((f) => entity(f, 'james-clapper').aliases.push('Sung Kim'))).toMatch(
      /(sung-kim|james-clapper)\.json: aliases\[\d+\]: "Sung Kim" is also an alias of (james-clapper|sung-kim)/,
    );
  });

  it('of a sheet linking to an unknown entity, or giving one phrase to two entities', () => {
    expect(problems((f) => (seedSheet(f).entities[0].id = 'nobody'))).toMatch(
      /data\/articles\/[a-z0-9-]+\.json: entities\[0\] \(nobody\)\.id: "nobody" is not an entity/,
    );
    expect(problems((f) => seedSheet(f).entities[1].phrases.push('Kim'))).toMatch(/"Kim" also names sung-kim/);
  });

  it('of a source no fact cites', () => {
    expect(
      problems((f) => {
        (f.sources.data as Record<string, unknown>)['unused-source'] = {
          title: 'T',
          publisher: 'P',
          url: 'https://example.org/unused',
        };
      }),
    ).toMatch(/data\/sources\.json: unused-source: no fact or role cites this source/);
  });
});

describe('the build', () => {
  it('refuses broken data with a message naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'data-'));
    cpSync(DATA, dir, { recursive: true });
    const path = join(dir, 'entities', 'sung-kim.json');
    const broken = JSON.parse(readFileSync(path, 'utf8'));
    broken.facts[0].date = 'last year';
    writeFileSync(path, JSON.stringify(broken));
    let output = '';
    try {
      execFileSync('node', ['build.mjs', '--no-zip'], {
        cwd: new URL('../..', import.meta.url),
        env: { ...process.env, BACKGROUNDER_DATA_DIR: dir, BACKGROUNDER_DIST_DIR: join(dir, 'dist') },
        stdio: 'pipe',
      });
    } catch (error) {
      output = String((error as { stderr: Buffer }).stderr);
    }
    expect(output).toMatch(/entities\/sung-kim\.json: facts\[0\]\.date: must be an ISO date/);
  });
});
