/**
 * One browser test file's frame: for each browser, a session launched once, the tabs each test opens closed after
 * it, the settings put back to their defaults, and a missing browser skipped loudly (or failed under CI=true).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings';
import { BROWSER_NAMES, browsersAvailable, missingBrowserMessage, type BrowserName } from '../harness/browsers';
import { CI, ensureBuilt, OUT, type Viewport } from '../harness/paths';
import { launch, type LaunchOptions, type Session } from '../harness/session';
import { waitForMarkingSettled } from './marks';

export interface SuiteContext {
  browserName: BrowserName;
  /** The session launched for this browser (English, light, reduced motion). */
  readonly session: Session;
  /** Another session with other interface options, launched on first use and closed with the suite. */
  sessionWith(key: string, options: LaunchOptions): Promise<Session>;
  /** Closes `page` after the test. */
  track(page: Page): Page;
  /** Opens `url` served `fixture` in `session` (default: the suite's), and waits until marking settles. */
  openMarked(
    url: string,
    fixture: string | { html: string },
    opts?: { session?: Session; viewport?: Viewport; headers?: Record<string, string> },
  ): Promise<Page>;
  /** Opens `url` without waiting for marks (for pages that must stay unmarked). */
  open(
    url: string,
    fixture: string | { html: string },
    opts?: { session?: Session; viewport?: Viewport },
  ): Promise<Page>;
  popupFor(article: Page, session?: Session): Promise<Page>;
  /** Stores settings (merged over the defaults) as the options page would. */
  setSettings(change: Partial<Settings>, session?: Session): Promise<void>;
  storedSettings(session?: Session): Promise<Partial<Settings> | null>;
  badgeText(tabId: number, session?: Session): Promise<string>;
}

const available = browsersAvailable();

export function browserSuite(title: string, body: (ctx: SuiteContext) => void): void {
  describe.each(BROWSER_NAMES)(`${title} in %s`, (browserName) => {
    const missing = !available[browserName];
    if (missing) console.warn(missingBrowserMessage(browserName));
    // Without the browser: skipped, loudly (above); under CI=true the suite runs and beforeAll fails with the message.
    describe.skipIf(missing && !CI)(`(${browserName})`, () => {
      let session: Session | undefined;
      const others = new Map<string, Promise<Session>>();
      const opened: Page[] = [];

      const ctx: SuiteContext = {
        browserName,
        get session() {
          if (!session) throw new Error('the session is not launched yet');
          return session;
        },
        sessionWith(key, options) {
          let started = others.get(key);
          if (!started) {
            started = launch(browserName, options);
            others.set(key, started);
          }
          return started;
        },
        track(page) {
          opened.push(page);
          return page;
        },
        async open(url, fixture, opts = {}) {
          const s = opts.session ?? ctx.session;
          return ctx.track(await s.openArticle(url, fixture, { viewport: opts.viewport }));
        },
        async openMarked(url, fixture, opts = {}) {
          const s = opts.session ?? ctx.session;
          const page = ctx.track(await s.openArticle(url, fixture, { viewport: opts.viewport, headers: opts.headers }));
          await waitForMarkingSettled(page);
          return page;
        },
        async popupFor(article, s = ctx.session) {
          return ctx.track(await s.openPopup(await s.tabIdOf(article)));
        },
        async setSettings(change, s = ctx.session) {
          await s.extensionEval(async (next: Partial<Settings>) => {
            const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
            const api = g.browser ?? g.chrome;
            const area = api.storage.sync ?? api.storage.local;
            const stored = ((await area.get('settings')).settings ?? {}) as Partial<Settings>;
            await area.set({ settings: { ...stored, ...next } });
          }, change);
        },
        storedSettings(s = ctx.session) {
          return s.extensionEval(async () => {
            const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
            const api = g.browser ?? g.chrome;
            return ((await (api.storage.sync ?? api.storage.local).get('settings')).settings ??
              null) as Partial<Settings> | null;
          });
        },
        badgeText(tabId, s = ctx.session) {
          return s.extensionEval(async (id: number) => {
            const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
            return (g.browser ?? g.chrome).action.getBadgeText({ tabId: id });
          }, tabId);
        },
      };

      beforeAll(async () => {
        if (missing) throw new Error(missingBrowserMessage(browserName));
        await ensureBuilt();
        mkdirSync(OUT, { recursive: true });
        const started = Date.now();
        session = await launch(browserName);
        console.log(
          `[e2e] ${title} ${browserName}: launched in ${Date.now() - started} ms (${session.extensionOrigin})`,
        );
      });

      afterEach(async () => {
        for (const page of opened.splice(0)) {
          if (!page.isClosed()) await page.close().catch(() => undefined);
        }
        // Every test leaves the settings at their defaults (after its tabs are gone: nothing re-marks).
        for (const s of [session, ...(await Promise.all(others.values()))]) {
          await s?.extensionEval(async (defaults: Settings) => {
            const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
            const api = g.browser ?? g.chrome;
            await (api.storage.sync ?? api.storage.local).set({ settings: defaults });
          }, DEFAULT_SETTINGS);
        }
      });

      afterAll(async () => {
        for (const s of await Promise.all(others.values())) await s.close().catch(() => undefined);
        await session?.close();
      });

      body(ctx);
    });
  });
}
