/**
 * The knowledge folder depends only downward: the schema and dates at the bottom; validation (build time), the
 * shipped form and the time queries (run time) each on top of them, never on each other in a circle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../src/core/knowledge');

function importsOf(file: string): string[] {
  const text = readFileSync(join(DIR, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from '\.\/([\w-]+)'/gm)].map((m) => `${m[1]}.ts`);
}

const graph = new Map(
  readdirSync(DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => [f, importsOf(f)]),
);

/** Every module `file` reaches through its imports. */
function reach(file: string, seen = new Set<string>()): Set<string> {
  for (const next of graph.get(file) ?? []) {
    if (seen.has(next)) continue;
    seen.add(next);
    reach(next, seen);
  }
  return seen;
}

describe('src/core/knowledge imports', () => {
  it.each([...graph.keys()])('%s is not in an import circle', (file) => {
    expect(reach(file).has(file)).toBe(false);
  });

  it('validation, the shipped form and the time queries do not reach each other', () => {
    const layers = { validation: 'validate.ts', shipped: 'ship.ts', time: 'time.ts', views: 'views.ts' };
    expect([...reach(layers.validation)].filter((f) => ['ship.ts', 'time.ts', 'views.ts'].includes(f))).toEqual([]);
    expect(reach(layers.shipped).has('validate.ts')).toBe(false);
    expect(reach(layers.time).has('validate.ts')).toBe(false);
    expect(reach(layers.views).has('validate.ts')).toBe(false);
  });
});
