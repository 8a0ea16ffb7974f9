/**
 * An update keeps what the reader set, in both browsers: the real 1.0.0 (built from its commit) stores a reader's
 * settings, the new build (this tree's, its version bumped) replaces it in the same profile as an update, and the
 * settings read back unchanged, through storage and on the new options page.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/core/settings';
import { cleanClone, type Clone } from '../helpers/clean-clone';
import {
  BROWSER_NAMES,
  BROWSERS,
  browsersAvailable,
  missingBrowserMessage,
  type BrowserName,
} from './harness/browsers';
import { CI, ensureBuilt } from './harness/paths';
import { launch, type Session } from './harness/session';
import { POLL } from './support/poll';

/** The commit released as 1.0.0 (CHANGELOG.md). */
const RELEASE_1_0_0 = '9a46760';
const NEXT_VERSION = '1.1.0';
const V1_0_0_SETTINGS: Settings = JSON.parse(
  readFileSync(new URL('../fixtures/settings/1.0.0.json', import.meta.url), 'utf8'),
);
const available = browsersAvailable();

let clone: Clone;
const work = mkdtempSync(join(tmpdir(), 'backgrounder-update-'));

beforeAll(async () => {
  await ensureBuilt();
  clone = cleanClone('backgrounder-1.0.0-', RELEASE_1_0_0);
  await promisify(execFile)('node', ['build.mjs', '--no-zip'], { cwd: clone.dir });
}, 60_000);
afterAll(() => {
  clone?.remove();
  rmSync(work, { recursive: true, force: true });
});

/** A package folder: `from`'s files, with the manifest's version set to `version`. */
function packageAt(dir: string, from: string, version?: string): string {
  rmSync(dir, { recursive: true, force: true });
  cpSync(from, dir, { recursive: true });
  if (version) {
    const path = join(dir, 'manifest.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), version }, null, 2));
  }
  return dir;
}

/** The extension's manifest version and stored settings, read in an extension page. */
function readBack(page: Page): Promise<{ version: string; settings: unknown }> {
  return page.evaluate(async () => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    const api = g.browser ?? g.chrome;
    const { settings } = await (api.storage.sync ?? api.storage.local).get('settings');
    return { version: api.runtime.getManifest().version, settings };
  });
}

/**
 * The options page of the running extension once it is `version` (the old version's pages close as it is
 * replaced, so each try opens a new one).
 */
async function optionsOf(session: Session, version: string): Promise<Page> {
  const deadline = Date.now() + 20_000;
  let last: unknown = null;
  for (;;) {
    const page = await session.openExtensionPage('options/options.html').catch((error: unknown) => {
      last = error;
      return null;
    });
    if (page) {
      const seen = await readBack(page).catch((error: unknown) => {
        last = error;
        return null;
      });
      if (seen?.version === version) return page;
      last = seen ?? last;
      await page.close().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`the extension did not become ${version}: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What the options page shows: what a reader sees of their settings after the update. */
async function optionsView(page: Page) {
  return page.evaluate(() => {
    const value = (selector: string) => document.querySelector<HTMLInputElement>(selector);
    return {
      enabled: value('#enabled')?.checked,
      kinds: [...document.querySelectorAll<HTMLInputElement>('#kinds input:checked')].map((b) => b.value).sort(),
      mentions: value('input[name="mentions"]:checked')?.value,
      glossary: value('input[name="glossary"]:checked')?.value,
      cardDelayMs: Number(value('#delay')?.value),
      reviewed: document.getElementById('about-reviewed')?.textContent ?? '',
    };
  });
}

describe.each(BROWSER_NAMES)('an update from 1.0.0 in %s', (name: BrowserName) => {
  const missing = !available[name];
  if (missing) console.warn(missingBrowserMessage(name));

  it.skipIf(missing && !CI)(
    "keeps the reader's settings: storage and the options page show 1.0.0's values",
    async () => {
      const folder = name === 'chromium' ? 'chrome' : 'firefox';
      const installed = packageAt(join(work, name, 'extension'), join(clone.dir, 'dist', folder));
      const session = await launch(name, { extensionDir: installed });
      try {
        const first = await session.openExtensionPage('options/options.html');
        expect((await readBack(first)).version).toBe('1.0.0');
        // 1.0.0 stores the settings, as its options page would.
        await session.extensionEval(async (next: Settings) => {
          const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
          const api = g.browser ?? g.chrome;
          await (api.storage.sync ?? api.storage.local).set({ settings: next });
        }, V1_0_0_SETTINGS);

        if (name === 'chromium') {
          // An unpacked extension updates when its folder holds a new version and it is loaded again.
          packageAt(installed, BROWSERS.chromium.dist, NEXT_VERSION);
          const id = new URL(session.extensionOrigin).host;
          expect(await session.browser.installExtension(installed)).toBe(id);
        } else {
          // Installing the same add-on id again at a higher version is Firefox's update.
          const next = packageAt(join(work, name, 'next'), BROWSERS.firefox.dist, NEXT_VERSION);
          expect(await session.browser.installExtension(next)).toBe(
            JSON.parse(readFileSync(join(next, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id,
          );
        }

        const options = await optionsOf(session, NEXT_VERSION);
        expect((await readBack(options)).settings).toEqual(V1_0_0_SETTINGS);
        await options.waitForFunction(() => document.body.dataset.ready === 'true', POLL);
        const view = await optionsView(options);
        expect(view).toEqual({
          enabled: V1_0_0_SETTINGS.enabled,
          kinds: [...V1_0_0_SETTINGS.kinds].sort(),
          mentions: V1_0_0_SETTINGS.mentions,
          glossary: V1_0_0_SETTINGS.glossary,
          cardDelayMs: V1_0_0_SETTINGS.cardDelayMs,
          // The new build's options page (1.0.0 had no review date on it).
          reviewed: expect.stringMatching(/^Background checked up to \d{1,2} [A-Z][a-z]{2,3} \d{4}$/),
        });
        // Reading them changed nothing either.
        expect((await readBack(options)).settings).toEqual(V1_0_0_SETTINGS);
        expect(session.problems()).toEqual([]);
      } finally {
        await session.close();
      }
    },
    90_000,
  );
});
