/**
 * The store listing in store/, English and Korean: every field the Chrome Web Store and addons.mozilla.org ask
 * for, within their length limits; a privacy policy that names exactly what the code stores; the store images at
 * the sizes the stores take.
 *
 * Limits: Chrome Web Store name 75 and summary (the manifest description) 132 characters, description 16,000;
 * addons.mozilla.org name 50 (its linter has enforced 45), summary 250. The name is held to 45 and the summary to
 * 132 so one text fits both stores.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { pngSize } from '../helpers/png';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
const LANGUAGES = ['en', 'ko'] as const;

/** The `## Field` sections of a listing file, text trimmed. */
function fields(markdown: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of markdown.split(/^## /m).slice(1)) {
    const [heading, ...body] = part.split('\n');
    out[heading.trim()] = body.join('\n').trim();
  }
  return out;
}

const LIMITS: Record<string, number> = {
  Name: 45,
  Summary: 132,
  Description: 16_000,
  Category: 200,
  'Single purpose': 1_000,
  'Permission justification: storage': 1_000,
  'Host permission justification': 1_000,
  'Remote code': 1_000,
  'Data use': 2_000,
  'Privacy policy': 500,
};

/** Characters as the stores count them (code points, not UTF-16 units). */
const length = (text: string) => [...text].length;

describe.each(LANGUAGES)('store/listing.%s.md', (language) => {
  const listing = fields(read(`store/listing.${language}.md`));
  const messages = JSON.parse(read(`src/_locales/${language}/messages.json`));

  it('has every field the two stores ask for, none empty', () => {
    expect(Object.keys(listing).sort()).toEqual(Object.keys(LIMITS).sort());
    for (const [field, text] of Object.entries(listing)) expect(text, field).not.toBe('');
  });

  it.each(Object.entries(LIMITS))('%s fits in %i characters', (field, limit) => {
    expect(length(listing[field])).toBeLessThanOrEqual(limit);
  });

  it("names the extension as its manifest does, whose description fits the store's 132 characters", () => {
    expect(listing.Name).toBe(messages.extName.message);
    expect(length(messages.extDescription.message)).toBeLessThanOrEqual(132);
  });

  it('says it collects nothing and uses no remote code', () => {
    expect(listing['Data use']).toContain('"none"');
    expect(listing['Remote code']).toMatch(/^(No\.|아니요\.)/);
  });
});

describe.each([
  ['en', 'store/privacy.md'],
  ['ko', 'store/privacy.ko.md'],
])('the privacy policy (%s)', (_language, path) => {
  const policy = read(path);

  it('lists exactly the fields of the one stored item, `settings`', () => {
    expect(read('src/shared/settings.ts')).toMatch(/const KEY = 'settings';/);
    expect(policy).toContain('`settings`');
    const listed = [...policy.matchAll(/^- `([A-Za-z]+)`:/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('names the storage areas the code uses and the one permission the manifest asks for', () => {
    expect(read('src/shared/settings.ts')).toContain('browser.storage.sync ?? browser.storage.local');
    expect(policy).toContain('`storage.sync`');
    expect(policy).toContain('`storage.local`');
    expect(JSON.parse(read('manifest.json')).permissions).toEqual(['storage']);
    expect(policy).toMatch(/`storage`/);
  });

  it("gives the project's issue tracker for questions", () => {
    expect(policy).toContain(JSON.parse(read('package.json')).bugs.url);
  });
});

describe('store images', () => {
  const shots = readdirSync(new URL('store/screenshots/', ROOT)).filter((f) => f.endsWith('.png'));
  const size = (name: string) => pngSize(readFileSync(new URL(`store/screenshots/${name}`, ROOT)));

  it('has the screenshots of both modes, light and dark, at 1280×800 (at most 5, as the Chrome Web Store takes)', () => {
    const screenshots = shots.filter((f) => f !== 'promo-tile-440x280.png').sort();
    expect(screenshots).toEqual(['curated-dark.png', 'curated-light.png', 'glossary-dark.png', 'glossary-light.png']);
    for (const name of screenshots) expect(size(name), name).toEqual({ width: 1280, height: 800 });
  });

  it('has the 440×280 promotional tile', () => {
    expect(size('promo-tile-440x280.png')).toEqual({ width: 440, height: 280 });
  });
});
