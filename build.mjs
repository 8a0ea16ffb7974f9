// Builds Backgrounder for Chrome and Firefox from one manifest and one source tree:
//   node build.mjs            -> dist/chrome/, dist/firefox/ (load unpacked) and dist/*.zip (installable archives,
//                                reproducible: the same commit gives the same bytes)
//   node build.mjs --no-zip   -> skip the archives (faster, for the test loop)
// The data folder is validated first: a broken entity, source list or article sheet stops the build with a
// message naming the file and the field. The knowledge ships inside the background script only; a page receives
// just what it needs, by message.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const ROOT = dirname(fileURLToPath(import.meta.url));
// Overridable so tests can build from a folder holding broken data, or 1,000 generated sheets.
const DATA_DIR = process.env.BACKGROUNDER_DATA_DIR ?? join(ROOT, 'data');
const DIST_DIR = process.env.BACKGROUNDER_DIST_DIR ?? join(ROOT, 'dist');
export const KNOWLEDGE_MODULE = 'backgrounder:knowledge';
/**
 * How the background gets the knowledge. What ships (`json`): inside background.js as a JSON string, parsed once when
 * the background starts. For the cold-start bench's comparison only (`npm run bench -- --only cold-start --forms
 * json,literal,file`, bench/README.md): an object literal in background.js (`literal`), or `knowledge.json` in the
 * package, fetched and parsed (`file`: background.js stays small, but it calls fetch(), which the privacy test
 * forbids in any shipped script).
 */
export const KNOWLEDGE_FILE = 'knowledge.json';
const KNOWLEDGE_FORM = process.env.BACKGROUNDER_KNOWLEDGE_FORM ?? 'json';
export const ABOUT_MODULE = 'backgrounder:about';

/** Budgets (gzipped) that keep what every article view loads small. The content script carries no data. */
export const SIZE_BUDGETS = { 'content.js': 20_000, 'popup/popup.js': 20_000 };
/**
 * What one page receives from the background (what to mark, and the cards of what it marked), as JSON: the
 * build checks every curated sheet against it. It does not grow with the number of sheets.
 */
export const PAGE_DATA_BUDGET = 160_000;

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

/** The TypeScript the build itself runs (validation, shipping, the site's URL patterns), bundled for Node. */
async function buildTools() {
  const compiled = await esbuild.build({
    stdin: {
      contents: [
        "export { validateKnowledge } from './src/core/knowledge/validate';",
        "export { ship } from './src/core/knowledge/ship';",
        "export { contentScriptMatches } from './src/core/site/korea-herald';",
        "export { pageDataSizes } from './src/core/knowledge/page-data';",
        "export { zipDirectory } from './src/build/zip';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
  });
  return import(`data:text/javascript;base64,${Buffer.from(compiled.outputFiles[0].text).toString('base64')}`);
}

/** Every data file, parsed; a file that is not JSON is reported with its path. */
export function readDataFiles(dir = DATA_DIR) {
  const problems = [];
  const read = (path) => {
    const shown = relative(ROOT, path) || path;
    try {
      return { path: shown, data: JSON.parse(readFileSync(path, 'utf8')) };
    } catch (error) {
      problems.push(`${shown}: ${existsSync(path) ? `not valid JSON: ${error.message}` : 'missing'}`);
      return { path: shown, data: null };
    }
  };
  const folder = (name) =>
    existsSync(join(dir, name))
      ? readdirSync(join(dir, name))
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => read(join(dir, name, f)))
      : [];
  const files = {
    meta: read(join(dir, 'knowledge.json')),
    sources: read(join(dir, 'sources.json')),
    entities: folder('entities'),
    sheets: folder('articles'),
  };
  return { files, problems };
}

/** Validates the data folder; throws one error listing every problem in every file. */
export async function loadKnowledge(dir = DATA_DIR) {
  const tools = await buildTools();
  const { files, problems } = readDataFiles(dir);
  if (problems.length > 0) throw new Error(`Data has problems:\n  ${problems.join('\n  ')}`);
  const result = tools.validateKnowledge(files);
  if (!result.knowledge) throw new Error(`Data has problems:\n  ${result.problems.join('\n  ')}`);
  return { knowledge: result.knowledge, shipped: tools.ship(result.knowledge), tools };
}

/** esbuild plugin: `import css from './x.css?inline'` gets the stylesheet, minified, as a string. */
const inlineCssPlugin = {
  name: 'inline-css',
  setup(build) {
    build.onResolve({ filter: /\.css\?inline$/ }, (args) => ({
      path: join(args.resolveDir, args.path.replace(/\?inline$/, '')),
      namespace: 'inline-css',
    }));
    build.onLoad({ filter: /.*/, namespace: 'inline-css' }, async (args) => {
      const { code } = await esbuild.transform(readFileSync(args.path, 'utf8'), { loader: 'css', minify: true });
      return { contents: `export default ${JSON.stringify(code.trim())};`, loader: 'js' };
    });
  },
};

/**
 * What the popup and the options page say about the knowledge base (see src/shared/about.d.ts): its review date,
 * how many entities and sources, computed from the validated data at build time, and where to report an error
 * (package.json's `bugs.url`).
 */
export function aboutKnowledge(shipped) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return {
    reviewed: shipped.reviewed,
    entities: shipped.entities.length,
    sources: Object.keys(shipped.sources).length,
    issues: pkg.bugs.url,
  };
}

/**
 * The background's `loadKnowledge(url)` (see KNOWLEDGE_FORM), with the User Timing marks of src/background/startup.ts:
 * kb-start before the knowledge is read, kb-parse around its JSON.parse.
 */
function knowledgeLoader(shipped) {
  const parse = (text) =>
    [
      "performance.mark('backgrounder:kb-parse-start');",
      `const knowledge = JSON.parse(${text});`,
      "performance.measure('backgrounder:kb-parse', 'backgrounder:kb-parse-start');",
      'return knowledge;',
    ].join('\n');
  if (KNOWLEDGE_FORM === 'file') {
    return [
      'export default async function loadKnowledge(url) {',
      "performance.mark('backgrounder:kb-start');",
      'const text = await (await fetch(url)).text();',
      parse('text'),
      '}',
    ].join('\n');
  }
  const body =
    KNOWLEDGE_FORM === 'literal'
      ? `return ${JSON.stringify(shipped)};`
      : parse(JSON.stringify(JSON.stringify(shipped)));
  return [
    'export default async function loadKnowledge() {',
    "performance.mark('backgrounder:kb-start');",
    body,
    '}',
  ].join('\n');
}

/**
 * esbuild plugin: `import knowledge from 'backgrounder:knowledge'` gets the shipped knowledge;
 * `import about from 'backgrounder:about'` the few figures of `aboutKnowledge`.
 */
function knowledgePlugin(shipped) {
  return {
    name: 'knowledge',
    setup(build) {
      build.onResolve({ filter: /^backgrounder:about$/ }, () => ({ path: 'about', namespace: 'about' }));
      build.onLoad({ filter: /.*/, namespace: 'about' }, () => ({
        contents: `export default ${JSON.stringify(aboutKnowledge(shipped))};`,
        loader: 'js',
      }));
      // The knowledge itself (the tests' pipeline imports it; vitest.config.ts makes the same module).
      build.onResolve({ filter: /^backgrounder:knowledge$/ }, () => ({ path: 'knowledge', namespace: 'knowledge' }));
      build.onLoad({ filter: /.*/, namespace: 'knowledge' }, () => ({
        contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(shipped))});`,
        loader: 'js',
      }));
      // How the background loads it (src/background/knowledge-loader.d.ts), timed for the cold-start bench.
      build.onResolve({ filter: /^backgrounder:knowledge-loader$/ }, () => ({ path: 'loader', namespace: 'loader' }));
      build.onLoad({ filter: /.*/, namespace: 'loader' }, () => ({ contents: knowledgeLoader(shipped), loader: 'js' }));
    },
  };
}

/** The content script uses the browsers' native API (see src/content/native-browser.ts); the rest the polyfill. */
const CONTENT_ENTRY = 'content';

/**
 * The oldest browsers the code runs in, from manifest.json (README, "Browser versions"): esbuild compiles for
 * them, so the bundles use no syntax they lack.
 */
const SOURCE_MANIFEST = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
export const MINIMUMS = {
  chrome: Number(SOURCE_MANIFEST.minimum_chrome_version),
  firefox: Math.min(
    Number.parseInt(SOURCE_MANIFEST.browser_specific_settings.gecko.strict_min_version, 10),
    Number.parseInt(SOURCE_MANIFEST.browser_specific_settings.gecko_android.strict_min_version, 10),
  ),
};
const NATIVE_BROWSER = join(ROOT, 'src/content/native-browser.ts');

function bundleOptions(shipped, outdir, entries) {
  const content = Object.keys(entries).includes(CONTENT_ENTRY);
  return {
    entryPoints: entries,
    outdir,
    bundle: true,
    format: 'iife',
    target: [`chrome${MINIMUMS.chrome}`, `firefox${MINIMUMS.firefox}`],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [knowledgePlugin(shipped), inlineCssPlugin],
    ...(content ? { alias: { 'webextension-polyfill': NATIVE_BROWSER } } : {}),
  };
}

/**
 * The one source manifest, with the content-script matches from the site module, and each browser's foreign keys
 * removed so neither warns about the other's.
 */
export function manifestFor(browser, source, matches) {
  const manifest = structuredClone(source);
  for (const script of manifest.content_scripts) script.matches = matches;
  if (browser === 'chrome') {
    delete manifest.browser_specific_settings;
    manifest.background = { service_worker: manifest.background.service_worker };
  } else {
    delete manifest.minimum_chrome_version;
    manifest.background = { scripts: manifest.background.scripts };
  }
  return manifest;
}

async function buildBrowser(browser, shipped, manifest) {
  const out = join(DIST_DIR, browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { [CONTENT_ENTRY]: content, ...others } = ENTRIES;
  await esbuild.build(bundleOptions(shipped, out, { [CONTENT_ENTRY]: content }));
  await esbuild.build(bundleOptions(shipped, out, others));
  for (const [from, to] of STATIC) cpSync(join(ROOT, from), join(out, to), { recursive: true });
  mkdirSync(join(out, 'icons'));
  for (const icon of readdirSync(join(ROOT, 'icons')).filter((f) => f.endsWith('.png'))) {
    cpSync(join(ROOT, 'icons', icon), join(out, 'icons', icon));
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (KNOWLEDGE_FORM === 'file') writeFileSync(join(out, KNOWLEDGE_FILE), JSON.stringify(shipped));
}

/** Gzipped sizes of the built scripts. */
function measureSizes(browserDir) {
  const sizes = {};
  for (const name of Object.keys(ENTRIES).map((e) => `${e}.js`)) {
    const contents = readFileSync(join(browserDir, name));
    sizes[name] = { raw: contents.length, gzip: gzipSync(contents).length };
  }
  return sizes;
}

/**
 * The installable archive of one browser's package, byte for byte the same from any clone at any time (sorted
 * entries, one fixed timestamp, fixed permissions: see src/build/zip.ts).
 */
function zip(tools, browser, version) {
  const path = join(DIST_DIR, `backgrounder-${browser}-${version}.zip`);
  writeFileSync(path, tools.zipDirectory(join(DIST_DIR, browser)));
  return relative(ROOT, path);
}

export async function build({ archives = true, quiet = false } = {}) {
  const log = quiet ? () => {} : (line) => console.log(line);
  const { knowledge, shipped, tools } = await loadKnowledge();
  const facts = knowledge.entities.reduce((n, e) => n + e.facts.length, 0);
  log(
    `knowledge: ${knowledge.entities.length} entities, ${facts} facts, ${Object.keys(knowledge.sources).length} sources; ` +
      `${knowledge.sheets.length} article sheet${knowledge.sheets.length === 1 ? '' : 's'}`,
  );
  const pageData = tools.pageDataSizes(shipped);
  const heavy = pageData.filter(({ bytes }) => bytes > PAGE_DATA_BUDGET);
  if (heavy.length > 0) {
    const lines = heavy.map(({ sheetId, bytes }) => `data/articles/${sheetId}.json: ${bytes} B`);
    throw new Error(`Page data over the ${PAGE_DATA_BUDGET} B budget:\n  ${lines.join('\n  ')}`);
  }
  log(
    `page data: at most ${Math.max(...pageData.map((p) => p.bytes))} B per curated article (budget ${PAGE_DATA_BUDGET} B)`,
  );
  const source = SOURCE_MANIFEST;
  const matches = tools.contentScriptMatches();
  for (const browser of ['chrome', 'firefox']) {
    await buildBrowser(browser, shipped, manifestFor(browser, source, matches));
    log(
      `built ${relative(ROOT, join(DIST_DIR, browser))}/${archives ? ` and ${zip(tools, browser, source.version)}` : ''}`,
    );
  }
  const sizes = measureSizes(join(DIST_DIR, 'chrome'));
  if (KNOWLEDGE_FORM === 'file') {
    const contents = readFileSync(join(DIST_DIR, 'chrome', KNOWLEDGE_FILE));
    sizes[KNOWLEDGE_FILE] = { raw: contents.length, gzip: gzipSync(contents).length };
  }
  const overBudget = [];
  for (const [file, { raw, gzip }] of Object.entries(sizes)) {
    const budget = SIZE_BUDGETS[file];
    log(
      `  ${file.padEnd(22)} ${String(raw).padStart(8)} B, ${String(gzip).padStart(7)} B gzipped${budget ? ` (budget ${budget} B)` : ''}`,
    );
    if (budget && gzip > budget) overBudget.push(`${file}: ${gzip} B gzipped > ${budget} B`);
  }
  if (overBudget.length > 0) throw new Error(`Size budget exceeded:\n  ${overBudget.join('\n  ')}`);
  return { knowledge, shipped, sizes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--check`: validate data/ only (what an editor runs after each change), without bundling.
  const run = process.argv.includes('--check')
    ? loadKnowledge().then(({ knowledge }) => console.log(`data/ is valid: ${knowledge.entities.length} entities`))
    : build({ archives: !process.argv.includes('--no-zip') });
  run.catch((error) => {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  });
}
