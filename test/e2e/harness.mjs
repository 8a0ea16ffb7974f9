// One interface for driving the built extension in headless Chromium and Firefox ESR with puppeteer-core (CDP for
// Chromium, WebDriver BiDi for Firefox). Used by the vitest browser tests (extension.test.ts) and by `npm run demo`.
//
// Nothing reaches the network:
//   - every page we open intercepts its requests: the fixture is served at its real Korea Herald URL, every other
//     http(s) request is aborted, extension-internal URLs go through;
//   - anything that escapes page interception (the extension's service worker / background page, tabs the
//     extension might open, browser speculative connections) is sent to a local recording proxy that refuses it.
// Every request any of these sees is recorded and classified (see `classify`); `violations()` is what remains.
//
// Plain ESM JavaScript with JSDoc types, so node scripts can use it without a TypeScript step.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE_PAGES = join(ROOT, 'test/fixtures/pages');
export const SHEETS_DIR = join(ROOT, 'src/fact-sheets');

/** What a machine without the browsers needs (Debian/Ubuntu). */
export const INSTALL_COMMAND =
  'apt-get install -y --no-install-recommends chromium firefox-esr fonts-nanum firefox-esr-l10n-ko';

/** @typedef {'chromium' | 'firefox'} BrowserName */

/**
 * Where each browser is and which package it loads. BACKGROUNDER_CHROMIUM / BACKGROUNDER_FIREFOX override the paths.
 * For Chromium the Debian binary itself is used when present: the /usr/bin/chromium wrapper adds Google API keys
 * (sign-in traffic) and flags of its own.
 * @type {Record<BrowserName, {executable: string, dist: string}>}
 */
export const BROWSERS = {
  chromium: {
    executable:
      process.env.BACKGROUNDER_CHROMIUM ??
      (existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium'),
    dist: join(ROOT, 'dist/chrome'),
  },
  firefox: {
    executable: process.env.BACKGROUNDER_FIREFOX ?? '/usr/bin/firefox-esr',
    dist: join(ROOT, 'dist/firefox'),
  },
};

/** Pinned moz-extension UUID (pref `extensions.webextensions.uuids`), so Firefox extension URLs are known upfront. */
export const FIREFOX_EXTENSION_UUID = '5b1e6f2a-9c3d-4e7f-8a1b-0c2d3e4f5a6b';

/** The article's real new /article/<id> is unknown: PLACEHOLDER id (matching is by content, never by id). */
export const PLACEHOLDER_ARTICLE_URL = 'https://www.koreaherald.com/article/0000000000';
export const LEGACY_ARTICLE_URL = 'http://www.koreaherald.com/view.php?ud=20141212000993';

export const VIEWPORT = { width: 1280, height: 900 };
/** About the size the toolbar popup gets (its body is 380 px wide). */
export const POPUP_VIEWPORT = { width: 380, height: 700 };

const LAUNCH_TIMEOUT_MS = 30_000;

/**
 * The browsers' own background services (updates, sign-in, Remote Settings, puppeteer's dummy.test endpoints).
 * Their traffic is recorded as `browser`, not as a violation: it would happen without the extension.
 * @type {Record<BrowserName, RegExp[]>}
 */
const BROWSER_SERVICE_HOSTS = {
  chromium: [/(^|\.)google\.com$/, /(^|\.)googleapis\.com$/, /(^|\.)gstatic\.com$/, /(^|\.)gvt1\.com$/],
  firefox: [/(^|\.)mozilla\.(com|org|net)$/, /(^|\.)firefox\.com$/, /(^|\.)mozaws\.net$/, /^dummy\.test$/],
};

/** @returns {Record<BrowserName, boolean>} which browsers are installed at the paths the harness uses */
export function browsersAvailable() {
  return {
    chromium: existsSync(BROWSERS.chromium.executable),
    firefox: existsSync(BROWSERS.firefox.executable),
  };
}

/** The message to print when a browser is missing. */
export function missingBrowserMessage(/** @type {BrowserName} */ name) {
  const bar = '!'.repeat(100);
  const outcome = process.env.CI === 'true' ? 'FAIL (CI=true)' : 'are SKIPPED';
  return [
    bar,
    `!! ${name} is not installed (${BROWSERS[name].executable} is missing): the browser tests for ${name} ${outcome}.`,
    `!! Install the browsers (Debian/Ubuntu, as root) with:`,
    `!!     ${INSTALL_COMMAND}`,
    `!! Without CI=true a missing browser is skipped; under CI=true it fails the run.`,
    bar,
  ].join('\n');
}

/** The text of a page fixture in test/fixtures/pages/. */
export function fixtureHtml(/** @type {string} */ name) {
  return readFileSync(join(FIXTURE_PAGES, name), 'utf8');
}

/** @returns {any[]} every bundled fact sheet (src/fact-sheets/*.json) */
export function factSheets() {
  return readdirSync(SHEETS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(SHEETS_DIR, f), 'utf8')));
}

/** The extension's English interface text (src/_locales/en/messages.json), for assertions on what users read. */
export function messageText(/** @type {string} */ key) {
  const messages = JSON.parse(readFileSync(join(ROOT, 'src/_locales/en/messages.json'), 'utf8'));
  if (!messages[key]) throw new Error(`no message "${key}" in src/_locales/en/messages.json`);
  return /** @type {string} */ (messages[key].message);
}

function newestMtime(/** @type {string} */ path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Builds dist/ (no archives) when it is missing or older than src/ or manifest.json, so a test run never drives a
 * stale package. `npm test` builds first, so there this does nothing.
 */
export async function ensureBuilt() {
  const built = ['chrome', 'firefox'].map((b) => join(ROOT, 'dist', b, 'manifest.json'));
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'manifest.json')));
  if (built.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return false;
  const { build } = await import(pathToFileURL(join(ROOT, 'build.mjs')).href);
  await build({ archives: false, quiet: true });
  return true;
}

/**
 * Every URL a fixture's markup would make the browser load: src/srcset/poster/data attributes, <link href> (not
 * <a href>), and CSS url(...), resolved against the page's URL.
 */
export function referencedUrls(/** @type {string} */ html, /** @type {string} */ pageUrl) {
  const found = new Set();
  const add = (/** @type {string} */ raw) => {
    const value = raw.trim().replace(/&amp;/g, '&');
    if (!value || value.startsWith('#') || /^(data|javascript|about|blob):/i.test(value)) return;
    try {
      const url = new URL(value, pageUrl);
      url.hash = '';
      found.add(url.href);
    } catch {
      // Not a URL: nothing the browser would load.
    }
  };
  for (const m of html.matchAll(/\s(?:src|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) add(m[1] ?? m[2]);
  for (const m of html.matchAll(/\ssrcset\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    for (const candidate of (m[1] ?? m[2]).split(',')) add(candidate.trim().split(/\s+/)[0] ?? '');
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(m[0]);
    if (href) add(href[1] ?? href[2]);
  }
  for (const m of html.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)/gi)) add(m[1] ?? m[2] ?? m[3]);
  return found;
}

/**
 * @typedef {'fixture' | 'fixture-resource' | 'extension' | 'local' | 'browser' | 'violation'} RequestClass
 * @typedef {{ url: string, method: string, from: string, type: string, kind: RequestClass,
 *             action: 'served' | 'aborted' | 'continued' | 'refused' | 'observed' }} RecordedRequest
 * @typedef {{ type: string, text: string, url: string }} ConsoleEntry
 * @typedef {{ body: string, headers?: Record<string, string>, contentType?: string, status?: number }} Route
 */

/**
 * A local HTTP proxy every browser request that escapes page interception goes to. It records the request (for
 * https only the host is visible: CONNECT host:443) and refuses it.
 */
async function startRecordingProxy(/** @type {(url: string, method: string) => void} */ onRequest) {
  const server = createServer((req, res) => {
    onRequest(req.url ?? '', req.method ?? 'GET');
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
    res.end('blocked by the Backgrounder test harness');
  });
  server.on('connect', (req, socket) => {
    onRequest(`https://${req.url}/`, 'CONNECT');
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('upgrade', (req, socket) => {
    onRequest(req.url ?? '', 'UPGRADE');
    socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/** Firefox prefs: the pinned extension UUID, English UI, all traffic through the recording proxy, no prefetching. */
function firefoxPrefs(/** @type {string} */ geckoId, /** @type {number} */ proxyPort) {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
    'intl.locale.requested': 'en-US',
    'intl.accept_languages': 'en-US, en',
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.http.speculative-parallel-limit': 0,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'ui.prefersReducedMotion': 1,
    'layout.css.prefers-color-scheme.content-override': 1,
  };
}

/**
 * A launched browser with the extension installed.
 * @typedef {Awaited<ReturnType<typeof launch>>} Session
 * @typedef {Awaited<ReturnType<Session['openArticle']>>} ArticlePage
 */

/**
 * Launches `browserName` headless with the built extension from `extensionDir` (default dist/chrome or
 * dist/firefox).
 * @param {BrowserName} browserName
 * Optional interface settings (defaults: English UI, light scheme, reduced motion on):
 *   `locale` (e.g. 'ko'): Chromium gets `--lang` and LANGUAGE, Firefox `intl.locale.requested` (a UI locale
 *   needs its language pack: ESR without one stays en-US); `colorScheme` 'dark' for prefers-color-scheme: dark in
 *   every page (Chromium blink setting, Firefox content override: Firefox over BiDi cannot emulate media
 *   features per page); `reducedMotion: false` to stop forcing prefers-reduced-motion: reduce.
 * @param {{ extensionDir?: string, headless?: boolean, locale?: string, colorScheme?: 'light' | 'dark',
 *            reducedMotion?: boolean }} [options]
 */
export async function launch(browserName, options = {}) {
  const spec = BROWSERS[browserName];
  if (!spec) throw new Error(`unknown browser "${browserName}" (chromium or firefox)`);
  if (!existsSync(spec.executable)) throw new Error(missingBrowserMessage(browserName));
  const extensionDir = options.extensionDir ?? spec.dist;
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  const headless = options.headless ?? true;

  /** @type {RecordedRequest[]} */
  const requests = [];
  /** Fixtures being served, by URL (without fragment). @type {Map<string, Route>} */
  const routes = new Map();
  /** URLs the served fixtures reference (images, styles, scripts). @type {Set<string>} */
  const fixtureResources = new Set();
  let extensionOrigin = '';

  /** @returns {RequestClass} */
  const classify = (/** @type {string} */ url) => {
    const bare = url.split('#')[0];
    if (routes.has(bare)) return 'fixture';
    if (fixtureResources.has(bare)) return 'fixture-resource';
    if (extensionOrigin && (bare === extensionOrigin || bare.startsWith(`${extensionOrigin}/`))) return 'extension';
    if (/^(data|blob|about):/i.test(bare)) return 'local';
    return 'violation';
  };
  /** Hosts of the pages being served and of the resources they reference. @type {Set<string>} */
  const pageHosts = new Set();
  /**
   * What reached the recording proxy escaped every page's interception. The browser's own services (see
   * BROWSER_SERVICE_HOSTS) and speculative connections (CONNECT, the request inside is not visible) to the hosts the
   * served pages use are the browser's doing; a fixture's own resources keep their class; anything else is a
   * violation.
   * @returns {RequestClass}
   */
  const classifyEscaped = (/** @type {string} */ url, /** @type {string} */ method) => {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      return 'violation';
    }
    if (BROWSER_SERVICE_HOSTS[browserName].some((re) => re.test(host))) return 'browser';
    // A page's own request can escape interception when its tab closes while it is in flight.
    if (method !== 'CONNECT' && ['fixture', 'fixture-resource'].includes(classify(url))) return classify(url);
    if (method === 'CONNECT' && pageHosts.has(host)) return 'browser';
    return 'violation';
  };
  const record = (
    /** @type {string} */ url,
    /** @type {string} */ method,
    /** @type {string} */ from,
    /** @type {string} */ type,
    /** @type {RecordedRequest['action']} */ action,
  ) => {
    const kind = from === 'proxy' ? classifyEscaped(url, method) : classify(url);
    requests.push({ url, method, from, type, kind, action });
  };

  const proxy = await startRecordingProxy((url, method) => record(url, method, 'proxy', 'escaped', 'refused'));
  const profile = mkdtempSync(join(tmpdir(), `backgrounder-e2e-${browserName}-`));

  /** @type {import('puppeteer-core').Browser} */
  let browser;
  try {
    if (browserName === 'chromium') {
      browser = await puppeteer.launch({
        browser: 'chrome',
        executablePath: spec.executable,
        headless,
        pipe: true,
        userDataDir: profile,
        enableExtensions: [extensionDir],
        // On Linux Chromium takes its UI locale from the environment (LANGUAGE), not only from --lang.
        ...(options.locale ? { env: { ...process.env, LANGUAGE: options.locale.replace('-', '_') } } : {}),
        defaultViewport: VIEWPORT,
        timeout: LAUNCH_TIMEOUT_MS,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          `--lang=${options.locale ?? 'en-US'}`,
          ...(options.reducedMotion === false ? [] : ['--force-prefers-reduced-motion']),
          `--blink-settings=preferredColorScheme=${options.colorScheme === 'dark' ? 0 : 1}`,
          `--proxy-server=http://127.0.0.1:${proxy.port}`,
          '--proxy-bypass-list=<-loopback>',
          '--dns-prefetch-disable',
          '--disable-component-update',
          '--disable-domain-reliability',
          // HttpsUpgrades would turn the legacy http:// article address into an https:// request.
          '--disable-features=NetworkPrediction,OptimizationHints,MediaRouter,NetworkTimeServiceQuerying,HttpsUpgrades',
          `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
        ],
      });
      const worker = await browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
        { timeout: LAUNCH_TIMEOUT_MS },
      );
      extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
    } else {
      const geckoId = manifest.browser_specific_settings?.gecko?.id;
      if (!geckoId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
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
        extraPrefsFirefox: { ...firefoxPrefs(geckoId, proxy.port), ...firefoxInterfacePrefs(options) },
      });
      const installed = await browser.installExtension(extensionDir);
      if (installed !== geckoId) throw new Error(`Firefox installed the extension as ${installed}, not ${geckoId}`);
      extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
    }
  } catch (error) {
    await proxy.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }

  /** BiDi has no resource types. */
  const resourceTypeOf = (/** @type {import('puppeteer-core').HTTPRequest} */ request) => {
    try {
      return request.resourceType();
    } catch {
      return request.isNavigationRequest() ? 'document' : 'other';
    }
  };

  /** Serves `route` at `url` to every tab; what its markup references becomes `fixture-resource`. */
  function serve(/** @type {string} */ url, /** @type {Route} */ route) {
    routes.set(url, route);
    pageHosts.add(new URL(url).hostname);
    const references = referencedUrls(route.body, url);
    // Browsers ask every page's origin for /favicon.ico unless the page names an icon.
    references.add(new URL('/favicon.ico', url).href);
    for (const resource of references) {
      if (resource === url) continue;
      fixtureResources.add(resource);
      try {
        pageHosts.add(new URL(resource).hostname);
      } catch {
        // referencedUrls only returns absolute URLs
      }
    }
  }

  /** Pages we instrumented ourselves (others, e.g. tabs opened by the extension, are instrumented on creation). */
  const instrumented = new WeakSet();
  /** Console errors and uncaught exceptions per page. @type {Map<import('puppeteer-core').Page, ConsoleEntry[]>} */
  const pageProblems = new Map();
  /** Every page's problems, labelled with the page. @type {Array<ConsoleEntry & {page: string}>} */
  const allProblems = [];

  /** Intercepts and records every request of `page`; collects its console errors and uncaught errors. */
  async function instrument(/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ label) {
    instrumented.add(page);
    /** @type {ConsoleEntry[]} */
    const problems = [];
    pageProblems.set(page, problems);
    const note = (/** @type {ConsoleEntry} */ entry) => {
      problems.push(entry);
      allProblems.push({ ...entry, page: `${label} ${page.url()}` });
    };
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location()?.url ?? '';
      // The harness itself aborted this resource of the fixture (no network): not the page's or the extension's.
      if (/^Failed to load resource/.test(message.text()) && classify(url) === 'fixture-resource') return;
      note({ type: 'console.error', text: message.text(), url });
    });
    page.on('pageerror', (error) => {
      note({ type: 'uncaught', text: String(/** @type {Error} */ (error)?.stack ?? error), url: page.url() });
    });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      const url = request.url();
      const bare = url.split('#')[0];
      const route = routes.get(bare);
      const from = `${label} ${page.url()}`;
      const type = resourceTypeOf(request);
      if (route && ['GET', 'HEAD'].includes(request.method())) {
        record(url, request.method(), from, type, 'served');
        void request
          .respond({
            status: route.status ?? 200,
            contentType: route.contentType ?? 'text/html; charset=utf-8',
            headers: route.headers ?? {},
            body: route.body,
          })
          .catch(() => undefined);
      } else if (/^(https?|wss?|ftp):/i.test(url)) {
        record(url, request.method(), from, type, 'aborted');
        void request.abort('blockedbyclient').catch(() => undefined);
      } else {
        record(url, request.method(), from, type, 'continued');
        void request.continue().catch(() => undefined);
      }
    });
  }

  /** Settles when the tab we are opening ourselves is instrumented. */
  let opening = Promise.resolve();
  // Tabs we did not open ourselves (the extension opening one, window.open): instrument them too.
  browser.on('targetcreated', (target) => {
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

  // Chromium: the extension's service worker is a target of its own; record what it asks the network for
  // (the proxy refuses it anyway).
  if (browserName === 'chromium') {
    const watchWorker = async (/** @type {import('puppeteer-core').Target} */ target) => {
      if (target.type() !== 'service_worker' || !target.url().startsWith(extensionOrigin)) return;
      const cdp = await target.createCDPSession();
      cdp.on('Network.requestWillBeSent', (event) =>
        record(event.request.url, event.request.method, 'service worker', event.type ?? 'other', 'observed'),
      );
      await cdp.send('Network.enable');
    };
    for (const target of browser.targets()) void watchWorker(target).catch(() => undefined);
    browser.on('targetcreated', (target) => void watchWorker(target).catch(() => undefined));
  }

  /** Opens a new tab, instrumented, with the given viewport. */
  async function newTab(/** @type {string} */ label, viewport = VIEWPORT) {
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
  async function navigate(/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ url) {
    if (browserName === 'firefox' && url.startsWith('moz-extension:')) {
      page.goto(url).catch(() => undefined);
      // While the navigation commits, Firefox can swap the realm under a polling evaluation and report an internal
      // error ("right-hand side of 'in' should be an object, got null"): puppeteer gives up with "Waiting failed".
      // That is the navigation still in progress, not a failure: ask again (a timeout still fails).
      for (let attempt = 1; ; attempt++) {
        try {
          await page.waitForFunction((u) => location.href === u && document.readyState === 'complete', {}, url);
          break;
        } catch (error) {
          if (attempt >= 30 || /** @type {Error} */ (error)?.name === 'TimeoutError') throw error;
          // The same internal error repeats until the realm settles: give it a moment before asking again.
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } else {
      await page.goto(url, { waitUntil: 'load' });
    }
  }

  /** @type {import('puppeteer-core').Page | null} */
  let helperPage = null;
  /** An extension page (the options page) kept open to run extension API calls from. */
  async function helper() {
    if (!helperPage || helperPage.isClosed()) {
      helperPage = await newTab('extension helper');
      await navigate(helperPage, `${extensionOrigin}/options/options.html`);
    }
    return helperPage;
  }

  /**
   * Runs `fn` in an extension page, where `browser.*` (Firefox) or `chrome.*` (Chromium) is available.
   * @template T
   * @param {(...args: any[]) => T | Promise<T>} fn
   * @param {...any} args
   * @returns {Promise<T>}
   */
  async function extensionEval(fn, ...args) {
    const page = await helper();
    return /** @type {Promise<T>} */ (page.evaluate(fn, ...args));
  }

  /** The extension tab id of `page` (brings it to the front and asks which tab is active). */
  async function tabIdOf(/** @type {import('puppeteer-core').Page} */ page) {
    await helper();
    await page.bringToFront();
    const id = await extensionEval(async () => {
      // `browser` in Firefox, `chrome` in Chromium.
      const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
      const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id ?? null;
    });
    if (typeof id !== 'number') throw new Error(`could not find the tab id of ${page.url()}`);
    return id;
  }

  return {
    name: browserName,
    browser,
    extensionDir,
    /** chrome-extension://<id> or moz-extension://<uuid> */
    extensionOrigin,
    /** Every request recorded so far, classified. */
    requests,
    /** Requests that are none of: the served fixture, a resource the fixture references, extension-internal. */
    violations: () => requests.filter((r) => r.kind === 'violation'),
    classify,
    extensionEval,
    tabIdOf,

    /** Console errors and uncaught exceptions of every page opened so far (closed ones included). */
    problems: () => [...allProblems],
    /** Console errors and uncaught exceptions `page` reported so far. */
    problemsOf: (/** @type {import('puppeteer-core').Page} */ page) => [...(pageProblems.get(page) ?? [])],

    /**
     * Opens `url` in a new tab, served `fixture` (a file name in test/fixtures/pages/ or `{ html }`), optionally
     * with extra response headers (e.g. a strict Content-Security-Policy).
     * @param {string} url
     * @param {string | { html: string }} fixture
     * For the page as the site serves it, without Backgrounder, serve the fixture at an address outside the
     * content-script matches (e.g. `/e2e-baseline/...`): page JavaScript cannot be switched off in Firefox over BiDi
     * (`emulation.setScriptingEnabled` is unknown to ESR 153), and in Chromium content scripts run regardless.
     * @param {{ headers?: Record<string, string> }} [opts]
     */
    async openArticle(url, fixture, opts = {}) {
      const html = typeof fixture === 'string' ? fixtureHtml(fixture) : fixture.html;
      const bare = url.split('#')[0];
      serve(bare, { body: html, headers: opts.headers });
      const page = await newTab('article');
      await navigate(page, url);
      return page;
    },

    /** Opens an extension page (path inside the package, e.g. `popup/popup.html?tabId=3`) in a new tab. */
    async openExtensionPage(/** @type {string} */ path, viewport = VIEWPORT) {
      const page = await newTab('extension page', viewport);
      await navigate(page, `${extensionOrigin}/${path}`);
      return page;
    },

    /**
     * Opens the toolbar popup as a tab for the article tab `tabId` (`popup/popup.html?tabId=N`) and waits until it
     * has rendered (`body[data-ready]`).
     */
    async openPopup(/** @type {number} */ tabId) {
      const page = await newTab('popup', POPUP_VIEWPORT);
      await navigate(page, `${extensionOrigin}/popup/popup.html?tabId=${tabId}`);
      await page.waitForFunction(() => document.body?.dataset.ready === 'true');
      return page;
    },

    /** Full-viewport screenshot. */
    async screenshot(/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ path) {
      await page.bringToFront();
      await page.screenshot({ path: /** @type {`${string}.png`} */ (path) });
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

// ---------------------------------------------------------------------------------------------------------------
// Helpers for the hostile-page tests (hostile.test.ts). Added after the fact: nothing above depends on them.
// ---------------------------------------------------------------------------------------------------------------

/** A CSP hash source value: base64 SHA-256 of the exact text, as browsers print it in their violation reports. */
function cspHash(/** @type {string} */ text) {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

const decodeAttribute = (/** @type {string} */ value) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * What a page's own markup would make a Content-Security-Policy block: the hashes of its executable inline
 * scripts, inline `<style>` elements and `style=""` attributes (as Chromium and Firefox name them in their reports:
 * `'sha256-<base64>'`), and the URLs it references (images, styles, scripts; see `referencedUrls`).
 * @param {string} html
 * @param {string} pageUrl
 */
export function pageOwnCspSources(html, pageUrl) {
  /** @type {Set<string>} */
  const hashes = new Set();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const type = /\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[1]);
    const t = (type?.[1] ?? type?.[2] ?? type?.[3] ?? '').trim().toLowerCase();
    // Data blocks (JSON-LD...) are never executed, so no policy blocks them.
    const executable = t === '' || t === 'module' || /^(text|application)\/(x-)?(java|ecma)script$/.test(t);
    if (executable && !/\ssrc\s*=/i.test(m[1]) && m[2] !== '') hashes.add(cspHash(m[2]));
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) hashes.add(cspHash(m[1]));
  for (const m of html.matchAll(/\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    hashes.add(cspHash(decodeAttribute(m[1] ?? m[2])));
  }
  return { hashes, urls: referencedUrls(html, pageUrl) };
}

/**
 * Is `text` (a console error or uncaught error a browser logged) a Content-Security-Policy report about the page's
 * own inline script/style (named by its hash) or one of the page's own resources (named by its URL), for one of
 * `directives`? Chromium logs these as console errors ("Executing inline script violates ... 'sha256-...'",
 * "Loading the image '<url>' violates ..."), Firefox over BiDi as uncaught errors ("Content-Security-Policy: The
 * page's settings blocked ... 'sha256-...'"). A report about anything else (e.g. a style the extension added) is not.
 * @param {string} text
 * @param {{ hashes: Set<string>, urls: Set<string> }} own  see `pageOwnCspSources`
 * @param {string[]} [directives]
 */
export function isPageOwnCspReport(text, own, directives = ['script-src', 'img-src', 'style-src']) {
  if (!/Content[- ]Security[- ]Policy/i.test(text)) return false;
  const named = [...text.matchAll(/(script|img|style|default)-src(-elem|-attr)?\b/g)].map((m) => `${m[1]}-src`);
  if (named.length === 0 || !named.every((d) => directives.includes(d))) return false;
  const hashes = [...text.matchAll(/'sha256-([A-Za-z0-9+/=]+)'/g)].map((m) => m[1]);
  if (hashes.length > 0) return hashes.every((h) => own.hashes.has(h));
  const urls = [...text.matchAll(/https?:\/\/[^\s'"“”<>]+/g)].map((m) => m[0].replace(/[.,;)]+$/, ''));
  return urls.length > 0 && urls.every((u) => own.urls.has(u.split('#')[0]));
}

/**
 * Waits until the content script's marking has settled: at least one marking pass measured
 * (`backgrounder:annotate`), and no new `annotate`/`remark` measure for `quietMs`. Polls from Node with plain
 * evaluations (no page timers, no rAF: works in background tabs and under a strict page CSP).
 * @param {import('puppeteer-core').Page} page
 * @param {{ quietMs?: number, timeoutMs?: number }} [options]
 * @returns {Promise<{ annotate: number, remark: number }>} the measure counts once settled
 */
export async function waitForMarkingSettled(page, { quietMs = 300, timeoutMs = 10_000 } = {}) {
  const started = Date.now();
  let last = '';
  let since = Date.now();
  for (;;) {
    const counts = await page.evaluate(() => ({
      annotate: performance.getEntriesByName('backgrounder:annotate', 'measure').length,
      remark: performance.getEntriesByName('backgrounder:remark', 'measure').length,
    }));
    const key = `${counts.annotate}/${counts.remark}`;
    if (key !== last) {
      last = key;
      since = Date.now();
    } else if (counts.annotate > 0 && Date.now() - since >= quietMs) {
      return counts;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`marking did not settle within ${timeoutMs} ms (measures annotate/remark: ${key})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Chromium only: the page's renderer counters after a forced garbage collection, over CDP
 * (`HeapProfiler.collectGarbage`, then `Memory.getDOMCounters` and `Runtime.getHeapUsage`).
 * @param {import('puppeteer-core').CDPSession} cdp  a session from `page.createCDPSession()`
 * @returns {Promise<{ documents: number, nodes: number, listeners: number, heapUsed: number }>}
 */
export async function chromiumCountersAfterGc(cdp) {
  await cdp.send('HeapProfiler.enable');
  // Twice: the first collection can leave objects that only its finalisers released.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const heap = await cdp.send('Runtime.getHeapUsage');
  return { documents: dom.documents, nodes: dom.nodes, listeners: dom.jsEventListeners, heapUsed: heap.usedSize };
}

// ---------------------------------------------------------------------------------------------------------------
// Interface options for `launch` (locale, colour scheme, motion) and helpers for the reader tests
// (reader.test.ts). Added after the fact: nothing above depends on them except `launch`'s optional settings.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Firefox prefs for `launch`'s `locale`, `colorScheme` and `reducedMotion` options (merged over `firefoxPrefs`).
 * @param {{ locale?: string, colorScheme?: 'light' | 'dark', reducedMotion?: boolean }} options
 * @returns {Record<string, string | number | boolean>}
 */
function firefoxInterfacePrefs(options) {
  /** @type {Record<string, string | number | boolean>} */
  const prefs = {};
  if (options.locale) {
    prefs['intl.locale.requested'] = options.locale;
    prefs['intl.accept_languages'] = `${options.locale}, en`;
  }
  if (options.colorScheme === 'dark') {
    // 0 dark, 1 light, 2 follow the browser theme.
    prefs['layout.css.prefers-color-scheme.content-override'] = 0;
    prefs['ui.systemUsesDarkTheme'] = 1;
  }
  if (options.reducedMotion === false) prefs['ui.prefersReducedMotion'] = 0;
  return prefs;
}
