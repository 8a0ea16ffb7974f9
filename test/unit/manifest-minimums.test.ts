/**
 * Honest minimums: the built manifests state the oldest Chrome and Firefox the code runs in, the bundles are
 * compiled for exactly those, and the README names the same versions and the features that decide them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { MINIMUMS } from '../../build.mjs';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const chrome = JSON.parse(read('dist/chrome/manifest.json'));
const firefox = JSON.parse(read('dist/firefox/manifest.json'));
const readme = read('README.md');
const section = readme.slice(
  readme.indexOf('## Browser versions'),
  readme.indexOf('\n## ', readme.indexOf('## Browser versions') + 5),
);

describe('minimum browser versions', () => {
  it('Chrome: minimum_chrome_version 99 (promise-returning runtime.sendMessage in the content script)', () => {
    expect(chrome.minimum_chrome_version).toBe('99');
    expect(MINIMUMS.chrome).toBe(99);
  });

  it("Firefox: 140 on desktop and 142 on Android (data_collection_permissions), no Chrome key in Firefox's manifest", () => {
    expect(firefox.browser_specific_settings.gecko.strict_min_version).toBe('140.0');
    expect(firefox.browser_specific_settings.gecko_android.strict_min_version).toBe('142.0');
    expect(firefox.minimum_chrome_version).toBeUndefined();
    expect(MINIMUMS.firefox).toBe(140);
  });

  it('the README says the same versions and why', () => {
    expect(section).toContain('## Browser versions');
    expect(section).toContain('Chrome 99');
    expect(section).toContain('Firefox 140');
    expect(section).toContain('Firefox for Android 142');
    for (const feature of [
      'runtime.sendMessage',
      'showPopover',
      'showModal',
      'adoptedStyleSheets',
      'data_collection_permissions',
    ]) {
      expect(section, feature).toContain(feature);
    }
  });
});
