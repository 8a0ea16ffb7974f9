/**
 * npm run release on a clean clone: what it refuses (a changelog still "Unreleased", a dirty tree, a version
 * already tagged, knowledge changed without a new review date) and what it writes into dist/release/<version>/.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanClone, git, type Clone } from '../helpers/clean-clone';

const NEXT = '9.8.7';
let clone: Clone;
let dir: string;

/** Runs `npm run release`'s script in the clone (asynchronously: the test worker keeps answering the runner). */
async function release(): Promise<{ status: number | null; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(join(dir, 'node_modules/.bin/tsx'), ['src/build/release.ts'], {
      cwd: dir,
    });
    return { status: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? null, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** What a releaser commits before `npm run release`: the new version, and the Unreleased section named. */
function prepare(version: string): void {
  for (const file of ['manifest.json', 'package.json']) {
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"version": "[^"]+"/, `"version": "${version}"`));
  }
  const changelog = join(dir, 'CHANGELOG.md');
  writeFileSync(changelog, readFileSync(changelog, 'utf8').replace(/^## Unreleased$/m, `## ${version} — 2026-12-08`));
  git(dir, 'commit', '--quiet', '-am', `Release ${version}`);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(() => {
  clone = cleanClone('backgrounder-release-');
  dir = clone.dir;
});
afterAll(() => clone.remove());

describe('npm run release refuses', () => {
  it('a changelog that still has an Unreleased section', async () => {
    const changelog = join(dir, 'CHANGELOG.md');
    const text = readFileSync(changelog, 'utf8');
    if (!/^## Unreleased$/m.test(text)) {
      writeFileSync(changelog, text.replace(/^## \d/m, '## Unreleased\n\n- Something.\n\n$&'));
      git(dir, 'commit', '--quiet', '-am', 'An Unreleased section');
    }
    const { status, output } = await release();
    expect(status).toBe(1);
    expect(output).toMatch(/release refused: CHANGELOG\.md still has an "## Unreleased" section/);
  });

  it('a dirty tree, and writes nothing', async () => {
    writeFileSync(join(dir, 'stray.txt'), 'not committed');
    const { status, output } = await release();
    rmSync(join(dir, 'stray.txt'));
    expect(status).toBe(1);
    expect(output).toMatch(/release refused: the working tree is not clean[^]*stray\.txt/);
    expect(() => readdirSync(join(dir, 'dist/release'))).toThrow();
  });

  it('a manifest and package.json that disagree on the version', async () => {
    const path = join(dir, 'package.json');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace(/"version": "[^"]+"/, '"version": "0.0.1"'));
    git(dir, 'commit', '--quiet', '-am', 'mismatch');
    const { status, output } = await release();
    git(dir, 'reset', '--quiet', '--hard', 'HEAD~1');
    expect(status).toBe(1);
    expect(output).toMatch(/manifest\.json says .* but package\.json says 0\.0\.1/);
  });
});

describe('npm run release on a clean, prepared tree', () => {
  let out: string;
  let ran: { status: number | null; output: string };
  beforeAll(async () => {
    prepare(NEXT);
    ran = await release();
    out = join(dir, 'dist/release', NEXT);
  }, 60_000);

  it('writes the two store packages, the source archive, SHA256SUMS and the changelog section', () => {
    expect(ran.status, ran.output).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      `CHANGELOG-${NEXT}.md`,
      'SHA256SUMS',
      `backgrounder-${NEXT}-source.zip`,
      `backgrounder-chrome-${NEXT}.zip`,
      `backgrounder-firefox-${NEXT}.zip`,
    ]);
    const section = readFileSync(join(out, `CHANGELOG-${NEXT}.md`), 'utf8');
    expect(section.split('\n')[0]).toBe(`## ${NEXT} — 2026-12-08`);
    expect(section).not.toContain('## 1.0.0');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('SHA256SUMS holds the right hash of each archive (sha256sum -c format)', () => {
    const lines = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const [hash, name] = line.split('  ');
      expect(sha256(readFileSync(join(out, name))), name).toBe(hash);
    }
  });

  it('the packages are the manifests of the new version for each store', () => {
    const chrome = unzipSync(readFileSync(join(out, `backgrounder-chrome-${NEXT}.zip`)));
    const firefox = unzipSync(readFileSync(join(out, `backgrounder-firefox-${NEXT}.zip`)));
    const manifest = (files: Record<string, Uint8Array>) =>
      JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest(chrome).version).toBe(NEXT);
    expect(manifest(chrome).browser_specific_settings).toBeUndefined();
    expect(manifest(firefox).browser_specific_settings.gecko.id).toBeTruthy();
  });

  it('the source archive is the tracked files at HEAD plus BUILDING.md, without node_modules or dist', () => {
    const files = Object.keys(unzipSync(readFileSync(join(out, `backgrounder-${NEXT}-source.zip`))));
    const tracked = git(dir, 'ls-files').split('\n');
    expect(files.sort()).toEqual([...tracked, 'BUILDING.md'].sort());
    expect(files.some((f) => f.startsWith('node_modules/') || f.startsWith('dist/'))).toBe(false);
  });

  it("BUILDING.md's two commands, run in the unpacked source elsewhere, rebuild the AMO package byte for byte", async () => {
    const source = unzipSync(readFileSync(join(out, `backgrounder-${NEXT}-source.zip`)));
    const building = new TextDecoder().decode(source['BUILDING.md']);
    const commands = /```sh\n([^]*?)```/.exec(building)?.[1].trim().split('\n');
    expect(commands).toEqual(['npm ci', 'npm run build']);
    const amo = `backgrounder-firefox-${NEXT}.zip`;
    const expected = sha256(readFileSync(join(out, amo)));
    expect(building).toContain(`${expected}  dist/${amo}`);

    const elsewhere = mkdtempSync(join(tmpdir(), 'backgrounder-amo-review-'));
    try {
      for (const [path, bytes] of Object.entries(source)) {
        mkdirSync(dirname(join(elsewhere, path)), { recursive: true });
        writeFileSync(join(elsewhere, path), bytes);
      }
      // `npm ci` would install package-lock.json's exact versions from the registry; the tests share ours instead.
      symlinkSync(join(dir, 'node_modules'), join(elsewhere, 'node_modules'), 'dir');
      await promisify(execFile)('npm', ['run', 'build'], {
        cwd: elsewhere,
        env: { ...process.env, TZ: 'Pacific/Auckland' },
      });
      expect(sha256(readFileSync(join(elsewhere, 'dist', amo)))).toBe(expected);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses the same version again once it is tagged', async () => {
    git(dir, 'tag', `v${NEXT}`);
    const { status, output } = await release();
    expect(status).toBe(1);
    expect(output).toContain(`release refused: version ${NEXT} is already released (tag v${NEXT} exists)`);
  });

  it('refuses a next release whose data changed with the same review date', async () => {
    const entity = join(dir, 'data/entities', readdirSync(join(dir, 'data/entities'))[0]);
    const data = JSON.parse(readFileSync(entity, 'utf8'));
    data.summary = `${data.summary} (edited)`;
    writeFileSync(entity, `${JSON.stringify(data, null, 2)}\n`);
    const changelog = join(dir, 'CHANGELOG.md');
    writeFileSync(changelog, readFileSync(changelog, 'utf8').replace(/^(## 9\.8\.7)/m, '## 9.8.8 — 2026-12-09\n\n$1'));
    git(dir, 'commit', '--quiet', '-am', 'data edit');
    prepareVersionOnly('9.8.8');
    const { status, output } = await release();
    expect(status).toBe(1);
    expect(output).toMatch(/data\/ changed since v9\.8\.7 but data\/knowledge\.json still says reviewed/);
  });
});

function prepareVersionOnly(version: string): void {
  for (const file of ['manifest.json', 'package.json']) {
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"version": "[^"]+"/, `"version": "${version}"`));
  }
  git(dir, 'commit', '--quiet', '-am', `Version ${version}`);
}
