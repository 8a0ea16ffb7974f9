/** The Firefox package passes Mozilla's add-on linter with no errors and no warnings. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('web-ext lint on dist/firefox', () => {
  it('reports 0 errors and 0 warnings', () => {
    const root = new URL('../..', import.meta.url).pathname;
    let out: string;
    try {
      out = execFileSync('node_modules/.bin/web-ext', ['lint', '--source-dir', 'dist/firefox', '--output', 'json'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      out = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(out.slice(out.indexOf('{')));
    const described = (list: Array<{ code: string; message: string }>) => list.map((m) => `${m.code}: ${m.message}`);
    expect(described(report.errors)).toEqual([]);
    expect(described(report.warnings)).toEqual([]);
  }, 60_000);
});
