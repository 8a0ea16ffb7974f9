import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFactSheet } from '../../src/core/fact-sheet/validate';

const SHEETS = new URL('../../src/fact-sheets/', import.meta.url);
const sheetFiles = readdirSync(SHEETS).filter((f) => f.endsWith('.json'));
const realSheet = () => JSON.parse(readFileSync(new URL(sheetFiles[0], SHEETS), 'utf8'));

describe('validateFactSheet', () => {
  it.each(sheetFiles)('accepts the bundled sheet %s', (file) => {
    expect(validateFactSheet(JSON.parse(readFileSync(new URL(file, SHEETS), 'utf8')), file)).toEqual([]);
  });

  it('names the file and field of an entity without a summary', () => {
    const sheet = realSheet();
    delete sheet.entities[0].summary;
    expect(validateFactSheet(sheet, 'x.json')).toContainEqual(
      `x.json: entities[0] (${sheet.entities[0].id}).summary: must be a non-empty string`,
    );
  });

  it('refuses a fact without a source or a date, and a malformed source URL', () => {
    const sheet = realSheet();
    const fact = sheet.entities[0].atTheTime[0];
    const problems = (f: (s: typeof sheet) => void) => {
      const copy = structuredClone(sheet);
      f(copy);
      return validateFactSheet(copy, 'x.json').join('\n');
    };
    expect(problems((s) => (s.entities[0].atTheTime[0].sources = []))).toMatch(
      /atTheTime\[0\]\.sources: needs at least one source/,
    );
    expect(problems((s) => delete s.entities[0].atTheTime[0].date)).toMatch(
      /atTheTime\[0\]\.date: must be a non-empty string/,
    );
    expect(problems((s) => (s.entities[0].atTheTime[0].date = '12/12/2014'))).toMatch(/is not an ISO date/);
    expect(problems((s) => (s.entities[0].atTheTime[0].sources[0].url = 'www.un.org/press'))).toMatch(
      /sources\[0\]\.url: "www.un.org\/press" is not an absolute http\(s\) URL/,
    );
    expect(problems((s) => (s.entities[0].atTheTime[0].sources[0].url = 'javascript:alert(1)'))).toMatch(
      /not an absolute/,
    );
    expect(fact).toBeDefined();
  });

  it('keeps "at the time" and "since then" on their sides of the article date', () => {
    const sheet = realSheet();
    sheet.entities[0].atTheTime[0].date = '2015-01-01';
    expect(validateFactSheet(sheet, 'x.json').join('\n')).toMatch(/is after asOf 2014-12-12/);
  });

  it('refuses unknown kinds, duplicate ids, shared phrases and timeline items pointing nowhere', () => {
    const broken = (f: (s: ReturnType<typeof realSheet>) => void) => {
      const sheet = realSheet();
      f(sheet);
      return validateFactSheet(sheet, 'x.json').join('\n');
    };
    const text = [
      broken((s) => (s.entities[0].kind = 'celebrity')),
      broken((s) => (s.entities[1].id = s.entities[0].id)),
      broken((s) => s.entities[1].phrases.push(s.entities[0].phrases[0])),
      broken((s) => (s.timelineAtTheTime[0].entity = 'nobody')),
    ].join('\n');
    expect(text).toMatch(/\.kind: must be one of/);
    expect(text).toMatch(/is used by another entity/);
    expect(text).toMatch(/also belongs to/);
    expect(text).toMatch(/"nobody" is not an entity of this sheet/);
  });
});

describe('the build', () => {
  it('refuses a malformed sheet with a message naming the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sheets-'));
    const sheet = realSheet();
    sheet.entities[0].atTheTime[0].sources[0].url = 'not a url';
    writeFileSync(join(dir, 'broken-article.json'), JSON.stringify(sheet));
    let output = '';
    try {
      execFileSync('node', ['build.mjs', '--no-zip'], {
        cwd: new URL('../..', import.meta.url),
        env: { ...process.env, BACKGROUNDER_SHEETS_DIR: dir },
        stdio: 'pipe',
      });
    } catch (error) {
      output = String((error as { stderr: Buffer }).stderr);
    }
    expect(output).toMatch(/broken-article\.json: entities\[0\] \([a-z-]+\)\.atTheTime\[0\]\.sources\[0\]\.url/);
  });
});
