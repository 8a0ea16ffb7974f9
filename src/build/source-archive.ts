/**
 * The source archive AMO asks for when a package holds bundled code: every file git tracks at HEAD (so no
 * node_modules, no dist), plus a BUILDING.md whose two commands rebuild the Firefox package byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipEntries } from './zip';

export interface BuildInfo {
  version: string;
  commit: string;
  firefoxZip: string;
  firefoxSha256: string;
  nodeVersion: string;
  npmVersion: string;
}

export function buildingMd(info: BuildInfo): string {
  return `# Building Backgrounder ${info.version} from this source

This archive holds every file of the project's repository at commit \`${info.commit}\`, without
\`node_modules/\`. Built as below it gives the Firefox package submitted to addons.mozilla.org byte for byte.

Requirements: Linux, macOS or Windows with Node.js 20 or later and npm (the release was built with Node
${info.nodeVersion} and npm ${info.npmVersion}). No other tool, no network access beyond the npm registry for
\`npm ci\`.

From the folder this file is in, run:

\`\`\`sh
npm ci
npm run build
\`\`\`

The build validates the knowledge base in \`data/\`, bundles the TypeScript in \`src/\` with esbuild (exact
versions pinned in \`package-lock.json\`), and writes \`dist/${info.firefoxZip}\` (and the Chrome package beside
it). Its SHA-256 is:

\`\`\`
${info.firefoxSha256}  dist/${info.firefoxZip}
\`\`\`

Check it with \`sha256sum dist/${info.firefoxZip}\` (or \`shasum -a 256\` on macOS). The archive is reproducible:
entries are sorted, stamped 2000-01-01 00:00 with fixed permissions (see \`src/build/zip.ts\`), and nothing in the
output depends on the folder, the clock or the time zone. The unpacked package is \`dist/firefox/\`.
`;
}

/** The tracked files of the repository at `root` (whose tree must be clean), as zip entries, sorted. */
export function trackedFiles(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

export function sourceArchive(root: string, info: BuildInfo): Uint8Array {
  const files: Array<[string, Uint8Array]> = trackedFiles(root).map((path) => [path, readFileSync(join(root, path))]);
  if (files.some(([path]) => path === 'BUILDING.md')) throw new Error('BUILDING.md is tracked: it would be replaced');
  files.push(['BUILDING.md', new TextEncoder().encode(buildingMd(info))]);
  files.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return zipEntries(files);
}
