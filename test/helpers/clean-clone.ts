/**
 * Clean clones of this repository's HEAD in temporary folders, sharing this checkout's node_modules by symlink (so
 * no install), for tests that build or release from a clean tree.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

export const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

export interface Clone {
  dir: string;
  remove(): void;
}

/** A clone of `commit` (default HEAD) in a new folder whose name starts with `prefix`. */
export function cleanClone(prefix: string, commit = git(REPO_ROOT, 'rev-parse', 'HEAD')): Clone {
  const parent = mkdtempSync(join(tmpdir(), prefix));
  const dir = join(parent, 'backgrounder');
  execFileSync('git', ['clone', '--quiet', '--shared', '--no-checkout', REPO_ROOT, dir], { stdio: 'ignore' });
  git(dir, 'reset', '--quiet', '--hard', commit);
  git(dir, 'config', 'user.email', 'test@backgrounder.example');
  git(dir, 'config', 'user.name', 'Backgrounder test');
  // .gitignore's `node_modules/` matches a folder, not a symlink: ignore the link in this clone only.
  appendFileSync(join(dir, '.git/info/exclude'), '\n/node_modules\n');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}
