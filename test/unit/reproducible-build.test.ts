/**
 * Two builds of the same commit, from two clean clones in different folders, with other file times, another time
 * zone, another umask and a later clock, give byte-identical store packages.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanClone, type Clone } from '../helpers/clean-clone';

const version = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')).version as string;
const PACKAGES = [`backgrounder-chrome-${version}.zip`, `backgrounder-firefox-${version}.zip`];

function touchAll(dir: string, time: Date): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) touchAll(path, time);
    utimesSync(path, time, time);
  }
}

/** Asynchronous, so the test worker keeps answering the runner while the build runs. */
async function build(dir: string, env: Record<string, string>, umask: string): Promise<void> {
  await promisify(execFile)('sh', ['-c', `umask ${umask} && node build.mjs`], {
    cwd: dir,
    env: { ...process.env, ...env },
  });
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('two builds of one commit from two clean clones', () => {
  const clones: Clone[] = [];
  let first: Record<string, string>;
  let second: Record<string, string>;

  beforeAll(async () => {
    const a = cleanClone('backgrounder-repro-a-');
    const b = cleanClone('backgrounder-other-folder-');
    clones.push(a, b);
    touchAll(a.dir, new Date('2021-03-04T05:06:07Z'));
    await build(a.dir, { TZ: 'UTC' }, '022');
    // Later, elsewhere: a 2-second step of zip time would show in a leaked timestamp.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    touchAll(b.dir, new Date());
    await build(b.dir, { TZ: 'Asia/Seoul', LANG: 'ko_KR.UTF-8' }, '077');
    const hashes = (dir: string) => Object.fromEntries(PACKAGES.map((p) => [p, sha256(join(dir, 'dist', p))]));
    first = hashes(a.dir);
    second = hashes(b.dir);
  }, 60_000);
  afterAll(() => clones.forEach((c) => c.remove()));

  it.each(PACKAGES)('%s has the same SHA-256 both times', (name) => {
    console.log(`${name}: ${first[name]} / ${second[name]}`);
    expect(second[name]).toBe(first[name]);
  });

  it('the packages are not empty and differ from each other', () => {
    expect(first[PACKAGES[0]]).not.toBe(first[PACKAGES[1]]);
    for (const clone of clones) {
      for (const p of PACKAGES) expect(statSync(join(clone.dir, 'dist', p)).size).toBeGreaterThan(100_000);
    }
  });
});
