/**
 * What a page loads does not grow with the number of articles. With 1,000 generated article sheets bundled: the
 * content script is the same file (it carries no data) within its budget, one page's data stays within its
 * budget and the same size, finding a sheet takes well under a millisecond, and nothing editorial ships.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { loadKnowledge, PAGE_DATA_BUDGET, SIZE_BUDGETS } from '../../build.mjs';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base';
import { pageDataOf } from '../../src/core/knowledge/page-data';
import type { ShippedKnowledge } from '../../src/core/knowledge/ship';
import { normaliseHeadline } from '../../src/core/page/article-identity';
import { editorial, SEED_SHEET_ID } from '../helpers/editorial';

const ROOT = new URL('../..', import.meta.url).pathname;
const SHEETS = 1_000;

/**
 * An article sheet for one of the 300 days up to 1 December 2026 (an article after everything it links, so its
 * notes and cards are true on its date), linking five entities that have aliases.
 */
function generatedSheet(n: number, ids: string[]) {
  const day = new Date(Date.UTC(2026, 11, 1 - (n % 300))).toISOString().slice(0, 10);
  const links = [0, 1, 2, 3, 4].map((k) => ids[(n * 7 + k * 13) % ids.length]);
  return {
    id: `generated-${String(n).padStart(4, '0')}`,
    article: {
      publisher: 'The Korea Herald',
      headline: `Generated article ${n} about North Korea`,
      published: `${day}T12:00:00+09:00`,
      legacyIds: [`${day.replace(/-/g, '')}${String(n).padStart(6, '0')}`],
      articleIds: [],
      bodyStartsWith: `SEOUL (Yonhap) - Generated article number ${n} begins here with enough words to be found.`,
      bodyEndsWith: `and it ends here, article ${n}.`,
    },
    entities: [...new Set(links)].map((id) => ({
      id,
      phrases: [`the generated phrase ${n} for ${id}`],
      note: `A note of article ${n} on this entity, said neutrally.`,
      mentions: [`the generated phrase ${n} for ${id}`],
      whyMarked: `Editorial reason ${n}: never shipped.`,
    })),
    unmarked: [{ phrase: `Unmarked ${n}`, why: `Editorial decision ${n}: never shipped.` }],
  };
}

describe(`with ${SHEETS} article sheets bundled`, () => {
  let dir: string;
  let big: ShippedKnowledge;
  let small: ShippedKnowledge;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backgrounder-scale-'));
    cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
    const named = editorial.entities.filter((e) => e.aliases.length > 0).map((e) => e.id);
    for (let n = 0; n < SHEETS; n++) {
      const sheet = generatedSheet(n, named);
      writeFileSync(join(dir, 'data/articles', `${sheet.id}.json`), JSON.stringify(sheet));
    }
    execFileSync('node', ['build.mjs', '--no-zip'], {
      cwd: ROOT,
      env: { ...process.env, BACKGROUNDER_DATA_DIR: join(dir, 'data'), BACKGROUNDER_DIST_DIR: join(dir, 'dist') },
      stdio: 'pipe',
    });
    big = (await loadKnowledge(join(dir, 'data'))).shipped;
    small = (await loadKnowledge(join(ROOT, 'data'))).shipped;
  }, 120_000);

  it('builds, and the content script is the very same file, within its budget', () => {
    expect(big.sheets.length).toBe(small.sheets.length + SHEETS);
    const content = readFileSync(join(dir, 'dist/chrome/content.js'));
    expect(content.equals(readFileSync(join(ROOT, 'dist/chrome/content.js')))).toBe(true);
    expect(gzipSync(content).length).toBeLessThanOrEqual(SIZE_BUDGETS['content.js']);
  });

  it('one page receives the same data as with one sheet, within the budget', () => {
    const withOne = pageDataOf(new KnowledgeBase(small), SEED_SHEET_ID);
    const withAll = pageDataOf(new KnowledgeBase(big), SEED_SHEET_ID);
    console.log(
      `[scale] seed article page data: ${withOne} B with ${small.sheets.length} sheet(s), ${withAll} B with ${big.sheets.length}`,
    );
    expect(withAll).toBe(withOne);
    expect(withAll).toBeLessThanOrEqual(PAGE_DATA_BUDGET);
    const generated = pageDataOf(new KnowledgeBase(big), 'generated-0500');
    expect(generated).toBeLessThanOrEqual(PAGE_DATA_BUDGET);
  });

  it('finds a sheet by headline (or first words) and date in well under a millisecond', () => {
    const kb = new KnowledgeBase(big);
    // A sheet without a headline is found by its date and first words.
    const queries = big.sheets.map((s) => ({
      id: s.id,
      headlines: s.headline === null ? [] : [s.headline],
      date: s.date,
      bodyStart: s.headline === null ? s.bodyStartsWith : null,
    }));
    const started = performance.now();
    let found = 0;
    for (const q of queries) if (kb.findSheet(q.headlines, q.date, q.bodyStart)?.id === q.id) found++;
    const perLookup = (performance.now() - started) / queries.length;
    console.log(`[scale] ${queries.length} lookups, ${(perLookup * 1000).toFixed(2)} µs each`);
    expect(found).toBe(queries.length);
    expect(perLookup).toBeLessThan(1);
    // Another date or headline finds nothing.
    expect(kb.findSheet([normaliseHeadline('Generated article 5 about North Korea')], '1999-01-01')).toBeNull();
  });

  it('ships no editorial field: no mention lists, reasons, decisions not to mark, or editor notes', () => {
    const background = readFileSync(join(dir, 'dist/chrome/background.js'), 'utf8');
    for (const word of [
      'whyMarked',
      'editorNote',
      'unmarked',
      '"mentions"',
      'Editorial reason',
      'Editorial decision',
    ]) {
      expect(background, word).not.toContain(word);
    }
    const seedWhy = editorial.sheets.find((s) => s.id === SEED_SHEET_ID)?.entities[0].whyMarked ?? '';
    expect(seedWhy.length).toBeGreaterThan(10);
    expect(background).not.toContain(JSON.stringify(seedWhy).slice(1, 40));
  });
});
