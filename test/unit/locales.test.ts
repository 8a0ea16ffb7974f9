/** Every locale has every key, every key is used, and placeholders line up. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesOf } from '../helpers/fake-browser';

const ROOT = new URL('../..', import.meta.url).pathname;
const locales = readdirSync(join(ROOT, 'src/_locales'));
const english = messagesOf('en');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return f === '_locales' ? [] : sources(path);
    return /\.(ts|html)$/.test(f) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('_locales', () => {
  it('has English as the default and a Korean translation', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
    expect(manifest.default_locale).toBe('en');
    expect(locales.sort()).toEqual(['en', 'ko']);
  });

  it.each(locales)('%s has exactly the English keys, with the same placeholders', (locale) => {
    const messages = messagesOf(locale);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    for (const [key, entry] of Object.entries(messages)) {
      expect(entry.message.trim(), `${locale}.${key}`).not.toBe('');
      const names = (m: string) => [...m.matchAll(/\$([A-Z_]+)\$/g)].map((x) => x[1]).sort();
      expect(names(entry.message), `${locale}.${key}`).toEqual(names(english[key].message));
    }
  });

  it('uses every key somewhere (code, pages or manifest), and no key that does not exist', () => {
    const code = [...sources(join(ROOT, 'src')), readFileSync(join(ROOT, 'manifest.json'), 'utf8')].join('\n');
    const used = (key: string) =>
      code.includes(`'${key}'`) ||
      code.includes(`"${key}"`) ||
      code.includes(`__MSG_${key}__`) ||
      (key.startsWith('kind_') && code.includes('`kind_${'));
    expect(Object.keys(english).filter((k) => !used(k))).toEqual([]);
    const referenced = [
      ...code.matchAll(/\bt\('([A-Za-z_]+)'/g),
      ...code.matchAll(/data-i18n(?:-title)?="([A-Za-z_]+)"/g),
    ].map((m) => m[1]);
    expect(referenced.filter((k) => !(k in english))).toEqual([]);
  });
});
