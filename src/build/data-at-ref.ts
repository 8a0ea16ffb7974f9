/** A snapshot of data/ as it is at a git ref (a tag, a commit, a branch), read with `git show`. */
import { execFileSync } from 'node:child_process';
import type { EntityData, SheetData, Snapshot } from './knowledge-diff';

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });

function readJson(cwd: string, ref: string, path: string): unknown {
  const text = git(cwd, ['show', `${ref}:${path}`]);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${ref}:${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * data/ at `ref` (a commit, a tag, or a tree such as git's empty tree) in the repository at `cwd`. A ref from before
 * data/ existed gives an empty snapshot.
 */
export function snapshotAt(cwd: string, ref: string): Snapshot {
  git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{tree}`]);
  const files = git(cwd, ['ls-tree', '-r', '--name-only', ref, '--', 'data/'])
    .split('\n')
    .filter((f) => f.endsWith('.json'))
    .sort();
  const inFolder = (folder: string) => files.filter((f) => f.startsWith(`data/${folder}/`));
  const meta = files.includes('data/knowledge.json')
    ? (readJson(cwd, ref, 'data/knowledge.json') as { reviewed?: string })
    : {};
  const sources = files.includes('data/sources.json')
    ? Object.keys(readJson(cwd, ref, 'data/sources.json') as Record<string, unknown>)
    : [];
  return {
    reviewed: meta.reviewed ?? null,
    sources,
    entities: inFolder('entities').map((f) => readJson(cwd, ref, f) as EntityData),
    sheets: inFolder('articles').map((f) => readJson(cwd, ref, f) as SheetData),
  };
}
