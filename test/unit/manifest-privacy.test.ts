/**
 * Least privilege and privacy, checked on the built packages rather than only declared: permissions, hosts,
 * remote code, eval, HTML parsing of data, web-accessible resources, and any way of making a network request.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentScriptMatches } from '../../src/core/site/korea-herald';

const DIST = new URL('../../dist/', import.meta.url).pathname;
const ALLOWED_PERMISSIONS = ['storage'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

/** The keys of a built manifest these tests read. */
interface BuiltManifest {
  manifest_version: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: unknown;
  externally_connectable?: unknown;
  content_scripts: Array<{ matches: string[]; all_frames?: boolean }>;
  content_security_policy?: { extension_pages?: string };
  background: unknown;
  browser_specific_settings?: {
    gecko: { id: string; strict_min_version: string; data_collection_permissions: unknown };
    gecko_android: { strict_min_version: string };
  };
}

describe.each(['chrome', 'firefox'])('the built %s package', (browser) => {
  const root = join(DIST, browser);
  let manifest: BuiltManifest;
  let scripts: Array<[string, string]>;
  beforeAll(() => {
    manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
    scripts = files(root)
      .filter((f) => f.endsWith('.js'))
      .map((f) => [f.slice(root.length + 1), readFileSync(f, 'utf8')]);
  });

  it('asks for no permission beyond storage, and no host permissions', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions ?? []).toEqual(ALLOWED_PERMISSIONS);
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toMatch(/<all_urls>|\*:\/\/\*\//);
  });

  it('runs its content script only on Korea Herald article URLs', () => {
    const cs = manifest.content_scripts;
    expect(cs).toHaveLength(1);
    expect([...cs[0].matches].sort()).toEqual(contentScriptMatches().sort());
    expect(cs[0].all_frames ?? false).toBe(false);
  });

  it('allows no remote code in extension pages', () => {
    const csp = manifest.content_security_policy?.extension_pages ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/https?:|unsafe-eval|unsafe-inline/);
    for (const page of files(root).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(page, 'utf8');
      expect(html, page).not.toMatch(/<script(?![^>]*\bsrc="[a-z/.]+\.js")[^>]*>/);
      expect(html, page).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });

  it('has no eval, no HTML parsing of strings, and no network API in any script', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const [name, code] of scripts) {
      expect(code, name).not.toMatch(/\beval\(|new Function\(|\bimportScripts\(/);
      expect(code, name).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write\(/);
      expect(code, name).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection/);
    }
  });

  it('keeps browser-specific keys out of the other browser', () => {
    if (browser === 'chrome') {
      expect(manifest.browser_specific_settings).toBeUndefined();
      expect(manifest.background).toEqual({ service_worker: 'background.js' });
    } else {
      expect(manifest.background).toEqual({ scripts: ['background.js'] });
      const settings = manifest.browser_specific_settings;
      if (!settings) throw new Error('no browser_specific_settings');
      expect(settings.gecko).toMatchObject({
        id: expect.stringMatching(/@/),
        data_collection_permissions: { required: ['none'] },
      });
      // data_collection_permissions exists from Firefox 140 (desktop) and 142 (Android): see manifest-minimums.
      expect(Number.parseFloat(settings.gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
      // Firefox for Android: declared, from the first version that supports MV3 content scripts as we use them.
      expect(Number.parseFloat(settings.gecko_android.strict_min_version)).toBeGreaterThanOrEqual(142);
    }
  });
});
