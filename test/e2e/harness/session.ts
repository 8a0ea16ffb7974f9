/**
 * One interface for driving the built extension in headless Chromium and Firefox ESR with puppeteer-core (CDP for
 * Chromium, WebDriver BiDi for Firefox), with no network (see network.ts). Used by the browser tests, the demo and
 * the benchmark.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page, type Target } from 'puppeteer-core';
import {
  BROWSERS,
  chromiumArgs,
  FIREFOX_EXTENSION_UUID,
  firefoxPrefs,
  missingBrowserMessage,
  type BrowserName,
  type InterfaceOptions,
} from './browsers';
import { RequestLog, startRecordingProxy, type RecordedRequest } from './network';
import { fixtureHtml, POPUP_VIEWPORT, VIEWPORT, type Viewport } from './paths';

const LAUNCH_TIMEOUT_MS = 30_000;

export interface ConsoleEntry {
  type: string;
  text: string;
  url: string;
}

export interface LaunchOptions extends InterfaceOptions {
  /** The unpacked extension to install (default dist/chrome or dist/firefox); null for none (a bare browser). */
  extensionDir?: string | null;
  headless?: boolean;
  /**
   * Chromium: record what the extension's service worker asks the network for (default true). Its DevTools session
   * holds a restarted worker paused at its start, so the cold-start bench, which stops and wakes the worker, does
   * without it.
   */
  watchServiceWorker?: boolean;
}

export interface Session {
  name: BrowserName;
  browser: Browser;
  /** chrome-extension://<id> or moz-extension://<uuid>; '' without an extension. */
  extensionOrigin: string;
  /** Every request recorded so far, classified. */
  requests: RecordedRequest[];
  /** Requests that are none of: the served fixture, a resource the fixture references, extension-internal. */
  violations(): RecordedRequest[];
  classify(url: string): RecordedRequest['kind'];
  /** Runs `fn` in an extension page, where `browser.*` (Firefox) or `chrome.*` (Chromium) is available. */
  extensionEval<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T>;
  /** The extension tab id of `page` (brings it to the front and asks which tab is active). */
  tabIdOf(page: Page): Promise<number>;
  /** Console errors and uncaught exceptions of every page opened so far (closed ones included). */
  problems(): Array<ConsoleEntry & { page: string }>;
  problemsOf(page: Page): ConsoleEntry[];
  /**
   * Opens `url` in a new tab, served `fixture` (a file in test/fixtures/pages/ or `{ html }`). For the page as the
   * site serves it, without Backgrounder, serve it at an address outside the content-script matches (e.g.
   * /e2e-baseline/...): page JavaScript cannot be switched off in Firefox over BiDi, and content scripts run anyway.
   */
  openArticle(
    url: string,
    fixture: string | { html: string },
    opts?: { headers?: Record<string, string>; viewport?: Viewport },
  ): Promise<Page>;
  /** Serves `html` at `url` to every tab from now on (what `openArticle` does before it navigates). */
  serve(url: string, html: string, headers?: Record<string, string>): void;
  /** A new tab, instrumented, not yet navigated: for callers that must prepare it first (the benchmark). */
  newTab(viewport?: Viewport): Promise<Page>;
  /** Opens an extension page (path inside the package, e.g. `options/options.html`) in a new tab. */
  openExtensionPage(path: string, viewport?: Viewport): Promise<Page>;
  /** The toolbar popup as a tab for the article tab `tabId`, once it has rendered (`body[data-ready]`). */
  openPopup(tabId: number): Promise<Page>;
  screenshot(page: Page, path: string): Promise<void>;
  close(): Promise<void>;
}

/** BiDi has no resource types. */
function resourceTypeOf(request: HTTPRequest): string {
  try {
    return request.resourceType();
  } catch {
    return request.isNavigationRequest() ? 'document' : 'other';
  }
}

export async function launch(browserName: BrowserName, options: LaunchOptions = {}): Promise<Session> {
  const spec = BROWSERS[browserName];
  if (!existsSync(spec.executable)) throw new Error(missingBrowserMessage(browserName));
  const extensionDir = options.extensionDir === undefined ? spec.dist : options.extensionDir;
  const headless = options.headless ?? true;
  const log = new RequestLog(browserName);
  const proxy = await startRecordingProxy((url, method) => log.record(url, method, 'proxy', 'escaped', 'refused'));
  const profile = mkdtempSync(join(tmpdir(), `backgrounder-e2e-${browserName}-`));

  let browser: Browser;
  try {
    if (browserName === 'chromium') {
      browser = await puppeteer.launch({
        browser: 'chrome',
        executablePath: spec.executable,
        headless,
        pipe: true,
        userDataDir: profile,
        ...(extensionDir ? { enableExtensions: [extensionDir] } : {}),
        // On Linux Chromium takes its UI locale from the environment (LANGUAGE), not only from --lang.
        ...(options.locale ? { env: { ...process.env, LANGUAGE: options.locale.replace('-', '_') } } : {}),
        defaultViewport: VIEWPORT,
        timeout: LAUNCH_TIMEOUT_MS,
        args: chromiumArgs(proxy.port, options, VIEWPORT),
      });
      if (extensionDir) {
        const worker = await browser.waitForTarget(
          (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
          { timeout: LAUNCH_TIMEOUT_MS },
        );
        log.extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
      }
    } else {
      const manifest = extensionDir ? JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) : null;
      const geckoId: string = manifest?.browser_specific_settings?.gecko?.id ?? 'none@backgrounder.example';
      if (extensionDir && !manifest?.browser_specific_settings?.gecko?.id) {
        throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
      }
      browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: spec.executable,
        headless,
        userDataDir: profile,
        defaultViewport: VIEWPORT,
        timeout: LAUNCH_TIMEOUT_MS,
        // Lets BiDi navigate tabs to moz-extension:// pages (the popup opened as a tab).
        args: ['--remote-allow-system-access'],
        // Release builds honour `services.settings.server` (Remote Settings, set to a dummy host by puppeteer)
        // only with this variable; without it Firefox polls firefox.settings.services.mozilla.com.
        env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
        extraPrefsFirefox: firefoxPrefs(geckoId, proxy.port, options),
      });
      if (extensionDir) {
        const installed = await browser.installExtension(extensionDir);
        if (installed !== geckoId) throw new Error(`Firefox installed the extension as ${installed}, not ${geckoId}`);
        log.extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
      }
    }
  } catch (error) {
    await proxy.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }

  /** Pages we instrumented ourselves (others, e.g. tabs opened by the extension, are instrumented on creation). */
  const instrumented = new WeakSet<Page>();
  const pageProblems = new Map<Page, ConsoleEntry[]>();
  const allProblems: Array<ConsoleEntry & { page: string }> = [];

  /** Intercepts and records every request of `page`; collects its console errors and uncaught errors. */
  async function instrument(page: Page, label: string): Promise<void> {
    instrumented.add(page);
    const problems: ConsoleEntry[] = [];
    pageProblems.set(page, problems);
    const note = (entry: ConsoleEntry) => {
      problems.push(entry);
      allProblems.push({ ...entry, page: `${label} ${page.url()}` });
    };
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location()?.url ?? '';
      // The harness itself aborted this resource of the fixture (no network): not the page's or the extension's.
      if (/^Failed to load resource/.test(message.text()) && log.classify(url) === 'fixture-resource') return;
      note({ type: 'console.error', text: message.text(), url });
    });
    page.on('pageerror', (error) => {
      note({ type: 'uncaught', text: String((error as Error)?.stack ?? error), url: page.url() });
    });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      const url = request.url();
      const route = log.routes.get(url.split('#')[0]);
      const from = `${label} ${page.url()}`;
      const type = resourceTypeOf(request);
      if (route && ['GET', 'HEAD'].includes(request.method())) {
        log.record(url, request.method(), from, type, 'served');
        void request
          .respond({
            status: route.status ?? 200,
            contentType: route.contentType ?? 'text/html; charset=utf-8',
            headers: route.headers ?? {},
            body: route.body,
          })
          .catch(() => undefined);
      } else if (/^(https?|wss?|ftp):/i.test(url)) {
        log.record(url, request.method(), from, type, 'aborted');
        void request.abort('blockedbyclient').catch(() => undefined);
      } else {
        log.record(url, request.method(), from, type, 'continued');
        void request.continue().catch(() => undefined);
      }
    });
  }

  /** Settles when the tab we are opening ourselves is instrumented. */
  let opening: Promise<void> = Promise.resolve();
  // Tabs we did not open ourselves (the extension opening one, window.open): instrument them too.
  browser.on('targetcreated', (target: Target) => {
    if (target.type() !== 'page') return;
    void target
      .page()
      .then(async (page) => {
        await opening;
        if (!page || instrumented.has(page)) return;
        return instrument(page, 'unexpected tab');
      })
      .catch(() => undefined);
  });

  // Chromium: the extension's service worker is a target of its own; record what it asks the network for.
  if (browserName === 'chromium' && log.extensionOrigin && options.watchServiceWorker !== false) {
    const watchWorker = async (target: Target) => {
      if (target.type() !== 'service_worker' || !target.url().startsWith(log.extensionOrigin)) return;
      const cdp = await target.createCDPSession();
      cdp.on('Network.requestWillBeSent', (event) =>
        log.record(event.request.url, event.request.method, 'service worker', event.type ?? 'other', 'observed'),
      );
      await cdp.send('Network.enable');
    };
    for (const target of browser.targets()) void watchWorker(target).catch(() => undefined);
    browser.on('targetcreated', (target: Target) => void watchWorker(target).catch(() => undefined));
  }

  async function newTab(label: string, viewport: Viewport = VIEWPORT): Promise<Page> {
    const created = opening.then(async () => {
      const page = await browser.newPage();
      await instrument(page, label);
      return page;
    });
    opening = created.then(
      () => undefined,
      () => undefined,
    );
    const page = await created;
    await page.setViewport(viewport);
    return page;
  }

  /**
   * Navigates `page` and waits for it to load. Firefox over BiDi never reports the load of a moz-extension://
   * page, so there the navigation is started without waiting and the document's own state is polled instead.
   */
  async function navigate(page: Page, url: string): Promise<void> {
    if (browserName === 'firefox' && url.startsWith('moz-extension:')) {
      page.goto(url).catch(() => undefined);
      // While the navigation commits, Firefox can swap the realm under a polling evaluation and report an internal
      // error: puppeteer gives up with "Waiting failed". That is the navigation still in progress: ask again.
      for (let attempt = 1; ; attempt++) {
        try {
          await page.waitForFunction((u) => location.href === u && document.readyState === 'complete', {}, url);
          break;
        } catch (error) {
          if (attempt >= 30 || (error as Error)?.name === 'TimeoutError') throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } else {
      await page.goto(url, { waitUntil: 'load' });
    }
  }

  let helperPage: Page | null = null;
  /** An extension page (the options page) kept open to run extension API calls from. */
  async function helper(): Promise<Page> {
    if (!helperPage || helperPage.isClosed()) {
      helperPage = await newTab('extension helper');
      await navigate(helperPage, `${log.extensionOrigin}/options/options.html`);
    }
    return helperPage;
  }

  async function extensionEval<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T> {
    const page = await helper();
    return page.evaluate(fn as (...a: unknown[]) => T | Promise<T>, ...args) as Promise<T>;
  }

  return {
    name: browserName,
    browser,
    extensionOrigin: log.extensionOrigin,
    requests: log.requests,
    violations: () => log.violations(),
    classify: (url) => log.classify(url),
    extensionEval,
    async tabIdOf(page) {
      await helper();
      await page.bringToFront();
      const id = await extensionEval(async () => {
        const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
        const [tab] = await (g.browser ?? g.chrome).tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id ?? null;
      });
      if (typeof id !== 'number') throw new Error(`could not find the tab id of ${page.url()}`);
      return id;
    },
    problems: () => [...allProblems],
    problemsOf: (page) => [...(pageProblems.get(page) ?? [])],
    async openArticle(url, fixture, opts = {}) {
      const html = typeof fixture === 'string' ? fixtureHtml(fixture) : fixture.html;
      log.serve(url.split('#')[0], { body: html, headers: opts.headers });
      const page = await newTab('article', opts.viewport);
      await navigate(page, url);
      return page;
    },
    serve(url, html, headers) {
      log.serve(url.split('#')[0], { body: html, headers });
    },
    newTab: (viewport) => newTab('tab', viewport),
    async openExtensionPage(path, viewport = VIEWPORT) {
      const page = await newTab('extension page', viewport);
      await navigate(page, `${log.extensionOrigin}/${path}`);
      return page;
    },
    async openPopup(tabId) {
      const page = await newTab('popup', POPUP_VIEWPORT);
      await navigate(page, `${log.extensionOrigin}/popup/popup.html?tabId=${tabId}`);
      await page.waitForFunction(() => document.body?.dataset.ready === 'true');
      return page;
    },
    async screenshot(page, path) {
      await page.bringToFront();
      await page.screenshot({ path: path as `${string}.png` });
    },
    async close() {
      try {
        await browser.close();
      } finally {
        await proxy.close();
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}
