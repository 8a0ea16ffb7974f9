/** The deterministic zip writer the build uses for both store packages. */
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { entryTime, filesUnder, zipDirectory, zipEntries } from '../../src/build/zip';

const made: string[] = [];
function folder(files: Record<string, string>, mtime: Date, mode = 0o644): string {
  const dir = mkdtempSync(join(tmpdir(), 'backgrounder-zip-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
    chmodSync(join(dir, path), mode);
    utimesSync(join(dir, path), mtime, mtime);
  }
  return dir;
}
afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The central directory's entries: name, DOS time and date, external attributes, made-by system. */
function centralEntries(
  zip: Uint8Array,
): Array<{ name: string; time: number; date: number; attrs: number; os: number }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  let at = view.getUint32(end + 16, true);
  const entries = [];
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    entries.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
      attrs: view.getUint32(at + 38, true),
      os: view.getUint8(at + 5),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

describe('zipDirectory', () => {
  const files = { 'b.js': 'b', 'a/z.json': '{}', 'a/b/c.txt': 'deep', 'B.txt': 'upper', 'manifest.json': '{"v":1}' };

  it('gives the same bytes for the same files with other timestamps, permissions and folders', () => {
    const one = zipDirectory(folder(files, new Date('2020-05-05T10:00:00Z'), 0o600));
    const two = zipDirectory(folder(files, new Date('2026-12-07T23:59:59Z'), 0o755));
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
  });

  it('changes when a file changes', () => {
    const one = zipDirectory(folder(files, new Date()));
    const two = zipDirectory(folder({ ...files, 'b.js': 'c' }, new Date()));
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(false);
  });

  it('holds every file with its contents, sorted bytewise, relative paths, no folder entries', () => {
    const dir = folder(files, new Date());
    const zip = zipDirectory(dir);
    const names = centralEntries(zip).map((e) => e.name);
    expect(names).toEqual(['B.txt', 'a/b/c.txt', 'a/z.json', 'b.js', 'manifest.json']);
    expect(names.join('\n')).not.toContain(dir);
    const back = unzipSync(zip);
    for (const [path, text] of Object.entries(files)) expect(new TextDecoder().decode(back[path])).toBe(text);
  });

  it('stamps every entry 2000-01-01 00:00, -rw-r--r--, made by Unix', () => {
    for (const entry of centralEntries(zipDirectory(folder(files, new Date())))) {
      expect(entry.date).toBe(((2000 - 1980) << 9) | (1 << 5) | 1);
      expect(entry.time).toBe(0);
      expect(entry.attrs >>> 16).toBe(0o100644);
      expect(entry.os).toBe(3);
    }
  });
});

describe('entryTime', () => {
  it('reads SOURCE_DATE_EPOCH as UTC whatever the time zone', () => {
    const t = entryTime('1765152000'); // 2025-12-08T00:00:00Z
    expect([t.getFullYear(), t.getMonth(), t.getDate(), t.getHours()]).toEqual([2025, 11, 8, 0]);
  });

  it('refuses a time zip cannot hold', () => {
    expect(() => entryTime('0')).toThrow(/1980 or later/);
    expect(() => entryTime('soon')).toThrow(/SOURCE_DATE_EPOCH/);
  });
});

describe('zipEntries', () => {
  it('refuses absolute paths, parent references and digit-only names', () => {
    const bytes = new Uint8Array([1]);
    expect(() => zipEntries([['/etc/passwd', bytes]])).toThrow(/relative/);
    expect(() => zipEntries([['a/../../x', bytes]])).toThrow(/relative/);
    expect(() => zipEntries([['123', bytes]])).toThrow(/digits/);
  });
});

describe('filesUnder', () => {
  it('lists nested files with forward slashes', () => {
    expect(filesUnder(folder({ 'x/y/z': '1', w: '2' }, new Date()))).toEqual(['w', 'x/y/z']);
  });
});
