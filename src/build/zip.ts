/**
 * A deterministic zip of a folder: the same files give the same bytes on any machine, in any folder, at any time.
 * Entries are sorted by path (bytewise), carry one fixed timestamp and fixed Unix permissions (0644 files, no
 * folder entries), relative paths only, and are compressed by fflate's pure-JavaScript deflate, so the output does
 * not depend on the zlib that the Node binary was linked against.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/**
 * The time every entry carries, 2000-01-01 00:00:00, or SOURCE_DATE_EPOCH (seconds) when that is set. Zip stores
 * local "DOS" time fields: the Date is built from UTC fields as if local, so the time zone of the build machine
 * does not change the bytes.
 */
export function entryTime(sourceDateEpoch = process.env.SOURCE_DATE_EPOCH): Date {
  const utc = sourceDateEpoch ? new Date(Number(sourceDateEpoch) * 1000) : new Date(Date.UTC(2000, 0, 1));
  if (Number.isNaN(utc.getTime()) || utc.getUTCFullYear() < 1980) {
    throw new Error(`SOURCE_DATE_EPOCH=${sourceDateEpoch} is not a time zip can store (1980 or later)`);
  }
  return new Date(
    utc.getUTCFullYear(),
    utc.getUTCMonth(),
    utc.getUTCDate(),
    utc.getUTCHours(),
    utc.getUTCMinutes(),
    utc.getUTCSeconds(),
  );
}

/** Every file under `dir`, as forward-slash paths relative to it, sorted bytewise. */
export function filesUnder(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const name of readdirSync(join(dir, prefix))) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) found.push(...filesUnder(dir, path));
    else found.push(path);
  }
  return found.sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.from(a) > Buffer.from(b) ? 1 : 0));
}

/** -rw-r--r-- as a regular file, in the high half of the external attributes (made by Unix). */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
const UNIX = 3;

/** Zips `files` (path -> contents) in the order given, deterministically. */
export function zipEntries(files: Array<[string, Uint8Array]>, time = entryTime()): Uint8Array {
  const entries: Zippable = {};
  for (const [path, contents] of files) {
    if (path.startsWith('/') || path.split('/').includes('..')) throw new Error(`not a relative path: ${path}`);
    // fflate takes an object, and JavaScript puts integer-like keys first whatever the insertion order.
    if (/^\d+$/.test(path)) throw new Error(`a top-level file named only with digits would be reordered: ${path}`);
    entries[path] = [contents, { level: 9, mtime: time, os: UNIX, attrs: FILE_ATTRIBUTES }];
  }
  return zipSync(entries);
}

/** The zip of everything under `dir`. */
export function zipDirectory(dir: string, time = entryTime()): Uint8Array {
  return zipEntries(
    filesUnder(dir).map((path) => [path, readFileSync(join(dir, path))]),
    time,
  );
}
