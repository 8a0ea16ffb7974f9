/** Which browsers the tests drive, where they are, and what to say when one is missing. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSER_NAMES: readonly BrowserName[] = ['chromium', 'firefox'];

/** What a machine without the browsers needs (Debian/Ubuntu). */
export const INSTALL_COMMAND =
  'apt-get install -y --no-install-recommends chromium firefox-esr fonts-nanum firefox-esr-l10n-ko';

/**
 * Where each browser is and which package it loads. BACKGROUNDER_CHROMIUM / BACKGROUNDER_FIREFOX override the paths.
 * For Chromium the Debian binary itself is used when present: the /usr/bin/chromium wrapper adds Google API keys
 * (sign-in traffic) and flags of its own.
 */
export const BROWSERS: Record<BrowserName, { executable: string; dist: string }> = {
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

/** Firefox takes its UI locale from a language pack; Debian ships Korean as firefox-esr-l10n-ko. */
export const FIREFOX_KO_LANGPACK = [
  '/usr/lib/firefox-esr/browser/extensions/langpack-ko@firefox-esr.mozilla.org.xpi',
  '/usr/share/firefox-esr/browser/extensions/langpack-ko@firefox-esr.mozilla.org.xpi',
  '/usr/lib/firefox-esr/browser/extensions/langpack-ko@firefox.mozilla.org.xpi',
].find((file) => existsSync(file));

export function browsersAvailable(): Record<BrowserName, boolean> {
  return {
    chromium: existsSync(BROWSERS.chromium.executable),
    firefox: existsSync(BROWSERS.firefox.executable),
  };
}

/** The message to print when a browser is missing. */
export function missingBrowserMessage(name: BrowserName): string {
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

export interface InterfaceOptions {
  /** e.g. 'ko': Chromium gets --lang and LANGUAGE, Firefox intl.locale.requested (needs its language pack). */
  locale?: string;
  /** prefers-color-scheme in every page. */
  colorScheme?: 'light' | 'dark';
  /** false stops forcing prefers-reduced-motion: reduce. */
  reducedMotion?: boolean;
}

/** Firefox prefs: the pinned extension UUID, English UI, all traffic through the recording proxy, no prefetching. */
export function firefoxPrefs(geckoId: string, proxyPort: number, options: InterfaceOptions): Record<string, unknown> {
  const prefs: Record<string, unknown> = {
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

/** Chromium flags for the same interface options, the recording proxy and no background networking. */
export function chromiumArgs(proxyPort: number, options: InterfaceOptions, window: { width: number; height: number }) {
  return [
    '--no-sandbox',
    '--disable-gpu',
    `--lang=${options.locale ?? 'en-US'}`,
    ...(options.reducedMotion === false ? [] : ['--force-prefers-reduced-motion']),
    `--blink-settings=preferredColorScheme=${options.colorScheme === 'dark' ? 0 : 1}`,
    `--proxy-server=http://127.0.0.1:${proxyPort}`,
    '--proxy-bypass-list=<-loopback>',
    '--dns-prefetch-disable',
    '--disable-component-update',
    '--disable-domain-reliability',
    // HttpsUpgrades would turn the legacy http:// article address into an https:// request.
    '--disable-features=NetworkPrediction,OptimizationHints,MediaRouter,NetworkTimeServiceQuerying,HttpsUpgrades',
    `--window-size=${window.width},${window.height}`,
  ];
}
