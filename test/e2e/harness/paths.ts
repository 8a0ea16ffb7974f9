/** Where things are, the addresses fixtures are served at, and the interface text tests compare against. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURE_PAGES = join(ROOT, 'test/fixtures/pages');
/** Where tests write what a person may want to look at (screenshots of failures, figures). */
export const OUT = join(ROOT, 'test/e2e/out');
/** Where a README screenshot goes: docs/screenshots/ when UPDATE_SCREENSHOTS=1, otherwise OUT. */
export function screenshotPath(name: `${string}.png`): `${string}.png` {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : OUT;
  mkdirSync(dir, { recursive: true });
  return join(dir, name) as `${string}.png`;
}

/** The article's real new /article/<id> is unknown: PLACEHOLDER id (matching is by content, never by id). */
export const PLACEHOLDER_ARTICLE_URL = 'https://www.koreaherald.com/article/0000000000';
export const LEGACY_ARTICLE_URL = 'http://www.koreaherald.com/view.php?ud=20141212000993';
/** The same fixture at an address the content script does not run on: the page exactly as the site serves it. */
export const BASELINE_URL = 'https://www.koreaherald.com/e2e-baseline/article-0000000000';

export interface Viewport {
  width: number;
  height: number;
}
export const VIEWPORT: Viewport = { width: 1280, height: 900 };
/** About the size the toolbar popup gets (its body is 380 px wide). */
export const POPUP_VIEWPORT: Viewport = { width: 380, height: 700 };
/** A phone (Pixel 7 class) in portrait. */
export const MOBILE_VIEWPORT: Viewport = { width: 412, height: 915 };

export const CI = process.env.CI === 'true';

/** The text of a page fixture in test/fixtures/pages/. */
export function fixtureHtml(name: string): string {
  return readFileSync(join(FIXTURE_PAGES, name), 'utf8');
}

export type Messages = Record<string, { message: string }>;

export function readMessages(locale: string): Messages {
  return JSON.parse(readFileSync(join(ROOT, 'src/_locales', locale, 'messages.json'), 'utf8'));
}

const EN = readMessages('en');

/** The extension's English interface text, for assertions on what users read. */
export function messageText(key: string): string {
  const entry = EN[key];
  if (!entry) throw new Error(`no message "${key}" in src/_locales/en/messages.json`);
  return entry.message;
}

/** A message with its $PLACEHOLDER$s as wildcards, as a whole-string pattern. */
export const messagePattern = (message: string): RegExp =>
  new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\$[A-Z_]+\\\$/g, '.+')}$`);

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Builds dist/ (no archives) when it is missing or older than src/, data/ or manifest.json, so a test run never
 * drives a stale package. `npm test` builds first, so there this does nothing.
 */
export async function ensureBuilt(): Promise<boolean> {
  const built = ['chrome', 'firefox'].map((b) => join(ROOT, 'dist', b, 'manifest.json'));
  const sources = Math.max(
    newestMtime(join(ROOT, 'src')),
    newestMtime(join(ROOT, 'data')),
    newestMtime(join(ROOT, 'manifest.json')),
  );
  if (built.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return false;
  const { build } = (await import(pathToFileURL(join(ROOT, 'build.mjs')).href)) as {
    build(options: { archives: boolean; quiet: boolean }): Promise<unknown>;
  };
  await build({ archives: false, quiet: true });
  return true;
}
