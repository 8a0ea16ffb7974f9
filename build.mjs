// Builds Backgrounder for Chrome and Firefox from one manifest and one source tree:
//   node build.mjs            -> dist/chrome/, dist/firefox/ (load unpacked) and dist/*.zip (installable archives)
//   node build.mjs --no-zip   -> skip the archives (faster, for the test loop)
// Fact sheets are validated first: a malformed sheet stops the build with a message naming the file and field.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const ROOT = dirname(fileURLToPath(import.meta.url));
// Overridable so a test can build from a folder holding a broken sheet and see the build refuse it.
const SHEETS_DIR = process.env.BACKGROUNDER_SHEETS_DIR ?? join(ROOT, 'src/fact-sheets');
export const FACT_SHEETS_MODULE = 'backgrounder:fact-sheets';

/** Budgets (gzipped, without fact-sheet data) that keep the content script cheap on every article view. */
export const SIZE_BUDGETS = { 'content.js': 20_000, 'popup/popup.js': 20_000 };

const ENTRIES = {
  content: 'src/content/index.ts',
  background: 'src/background/index.ts',
  'popup/popup': 'src/popup/index.ts',
  'options/options': 'src/options/index.ts',
};
const STATIC = [
  ['src/content/content.css', 'content.css'],
  ['src/popup/popup.html', 'popup/popup.html'],
  ['src/popup/popup.css', 'popup/popup.css'],
  ['src/options/options.html', 'options/options.html'],
  ['src/options/options.css', 'options/options.css'],
  ['src/_locales', '_locales'],
];

/** Reads and validates every sheet; throws one error listing every problem in every file. */
export async function loadFactSheets(dir = SHEETS_DIR) {
  const compiled = await esbuild.build({
    entryPoints: [join(ROOT, 'src/core/fact-sheet/validate.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
  });
  const code = compiled.outputFiles[0].text;
  const { validateFactSheet } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const problems = [];
  const sheets = [];
  for (const file of files) {
    const path = relative(ROOT, join(dir, file));
    let data;
    try {
      data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(`${path}: not valid JSON: ${error.message}`);
      continue;
    }
    const found = validateFactSheet(data, path);
    problems.push(...found);
    if (found.length === 0) sheets.push(data);
  }
  const ids = sheets.map((s) => s.id);
  ids.forEach((id, i) => ids.indexOf(id) !== i && problems.push(`src/fact-sheets: two sheets share the id "${id}"`));
  if (problems.length > 0) throw new Error(`Fact sheets have problems:\n  ${problems.join('\n  ')}`);
  return sheets;
}

/** esbuild plugin: `import sheets from 'backgrounder:fact-sheets'` gets the validated sheets. */
function factSheetsPlugin(sheets) {
  return {
    name: 'fact-sheets',
    setup(build) {
      build.onResolve({ filter: /^backgrounder:fact-sheets$/ }, () => ({ path: 'sheets', namespace: 'fact-sheets' }));
      build.onLoad({ filter: /.*/, namespace: 'fact-sheets' }, () => ({
        contents: `export default ${JSON.stringify(sheets)};`,
        loader: 'js',
      }));
    },
  };
}

function bundleOptions(sheets, outdir) {
  return {
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox142'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
    plugins: [factSheetsPlugin(sheets)],
  };
}

/** The one source manifest, with each browser's foreign keys removed so neither warns about the other's. */
export function manifestFor(browser, source) {
  const manifest = structuredClone(source);
  if (browser === 'chrome') {
    delete manifest.browser_specific_settings;
    manifest.background = { service_worker: manifest.background.service_worker };
  } else {
    manifest.background = { scripts: manifest.background.scripts };
  }
  return manifest;
}

async function buildBrowser(browser, sheets, sourceManifest) {
  const out = join(ROOT, 'dist', browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await esbuild.build(bundleOptions(sheets, out));
  for (const [from, to] of STATIC) cpSync(join(ROOT, from), join(out, to), { recursive: true });
  mkdirSync(join(out, 'icons'));
  for (const icon of readdirSync(join(ROOT, 'icons')).filter((f) => f.endsWith('.png'))) {
    cpSync(join(ROOT, 'icons', icon), join(out, 'icons', icon));
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifestFor(browser, sourceManifest), null, 2)}\n`);
  return out;
}

/** Gzipped sizes of the scripts, measured on a build without fact-sheet data. */
async function measureSizes() {
  const result = await esbuild.build({ ...bundleOptions([], 'dist/.size'), write: false });
  const sizes = {};
  for (const file of result.outputFiles) {
    const name = file.path.slice(file.path.indexOf('dist/.size/') + 'dist/.size/'.length);
    sizes[name] = { raw: file.contents.length, gzip: gzipSync(file.contents).length };
  }
  return sizes;
}

function zip(browser, version) {
  const filename = `backgrounder-${browser}-${version}.zip`;
  execFileSync(
    join(ROOT, 'node_modules/.bin/web-ext'),
    ['build', '--source-dir', `dist/${browser}`, '--artifacts-dir', 'dist', '--filename', filename, '--overwrite-dest'],
    { cwd: ROOT, stdio: 'pipe' },
  );
  return `dist/${filename}`;
}

export async function build({ archives = true, quiet = false } = {}) {
  const log = quiet ? () => {} : (line) => console.log(line);
  const sheets = await loadFactSheets();
  log(
    `fact sheets: ${sheets.length} valid (${sheets.map((s) => `${s.id}: ${s.entities.length} entities`).join('; ')})`,
  );
  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  for (const browser of ['chrome', 'firefox']) {
    await buildBrowser(browser, sheets, manifest);
    log(`built dist/${browser}/${archives ? ` and ${zip(browser, manifest.version)}` : ''}`);
  }
  const sizes = await measureSizes();
  const overBudget = [];
  for (const [file, { raw, gzip }] of Object.entries(sizes)) {
    const budget = SIZE_BUDGETS[file];
    log(
      `  ${file.padEnd(22)} ${String(raw).padStart(7)} B, ${String(gzip).padStart(6)} B gzipped${budget ? ` (budget ${budget} B)` : ''}`,
    );
    if (budget && gzip > budget) overBudget.push(`${file}: ${gzip} B gzipped > ${budget} B`);
  }
  if (overBudget.length > 0)
    throw new Error(`Size budget exceeded (without fact-sheet data):\n  ${overBudget.join('\n  ')}`);
  return { sheets, sizes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  build({ archives: !process.argv.includes('--no-zip') }).catch((error) => {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  });
}
