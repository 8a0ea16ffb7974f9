/**
 * npm run release: everything one release needs, in dist/release/<version>/:
 *   backgrounder-chrome-<version>.zip    for the Chrome Web Store
 *   backgrounder-firefox-<version>.zip   for addons.mozilla.org (AMO)
 *   backgrounder-<version>-source.zip    AMO's source archive, with BUILDING.md
 *   SHA256SUMS                           of the three archives (sha256sum -c SHA256SUMS)
 *   CHANGELOG-<version>.md               this version's section of CHANGELOG.md
 * It refuses a dirty tree, a version whose tag v<version> exists, a changelog not ready for the version, and
 * knowledge changed since the last tag without a new review date. It creates no tag: see README, Releasing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { releaseSection } from './changelog-section';
import { sourceArchive } from './source-archive';

const root = process.cwd();
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;

function refuse(reason: string): never {
  console.error(`release refused: ${reason}`);
  process.exit(1);
}

function checkTree(): void {
  const dirty = git('status', '--porcelain', '--untracked-files=normal');
  if (dirty) refuse(`the working tree is not clean (commit or stash first):\n${dirty}`);
}

function checkVersion(): string {
  const version = readJson('manifest.json').version as string;
  const pkg = readJson('package.json').version;
  if (pkg !== version) refuse(`manifest.json says ${version} but package.json says ${String(pkg)}`);
  if (git('tag', '--list', `v${version}`)) refuse(`version ${version} is already released (tag v${version} exists)`);
  return version;
}

/** A release whose data/ changed since the last tag must carry a new review date. */
function checkReviewDate(): void {
  const last = git('tag', '--list', 'v*', '--sort=-v:refname').split('\n').find(Boolean);
  if (!last) return;
  const changed = git('diff', '--name-only', last, 'HEAD', '--', 'data/');
  if (!changed) return;
  const before = JSON.parse(git('show', `${last}:data/knowledge.json`)).reviewed;
  const now = readJson('data/knowledge.json').reviewed;
  if (before === now) {
    refuse(`data/ changed since ${last} but data/knowledge.json still says reviewed ${String(now)}: set the new date`);
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function main(): void {
  checkTree();
  const version = checkVersion();
  checkReviewDate();
  let section;
  try {
    section = releaseSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version);
  } catch (error) {
    refuse((error as Error).message);
  }

  execFileSync('node', ['build.mjs'], { cwd: root, stdio: 'inherit' });
  const out = join(root, 'dist/release', version);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const packages = ['chrome', 'firefox'].map((b) => `backgrounder-${b}-${version}.zip`);
  for (const name of packages) copyFileSync(join(root, 'dist', name), join(out, name));
  const firefoxZip = packages[1];
  const source = `backgrounder-${version}-source.zip`;
  writeFileSync(
    join(out, source),
    sourceArchive(root, {
      version,
      commit: git('rev-parse', 'HEAD'),
      firefoxZip,
      firefoxSha256: sha256(readFileSync(join(out, firefoxZip))),
      nodeVersion: process.version.replace(/^v/, ''),
      npmVersion: execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim(),
    }),
  );
  const sums = [...packages, source].map((name) => `${sha256(readFileSync(join(out, name)))}  ${name}`);
  writeFileSync(join(out, 'SHA256SUMS'), `${sums.join('\n')}\n`);
  writeFileSync(join(out, `CHANGELOG-${version}.md`), section.text);
  // Still clean: the build writes only ignored files.
  checkTree();
  console.log(`\nrelease ${version} in dist/release/${version}/:\n  ${sums.join('\n  ')}\n`);
  console.log(
    `Next: submit the packages (README, Releasing), then tag this commit: git tag -a v${version} -m ${version}`,
  );
}

main();
