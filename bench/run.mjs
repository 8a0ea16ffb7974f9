// Speed benchmark (npm run bench): OURS (the content script's compile + collectTextRuns + markRun path) against a
// bare BASELINE (TreeWalker + one alternation regex, nothing wrapped) and MARK.JS, on the real article and on
// synthetic pages of 10 kB .. 1 MB, in jsdom and in headless Chromium. See bench/README.md for what and why.
//   node bench/run.mjs            full run (about 3 minutes on 2 cores)
//   node bench/run.mjs --quick    fewer repetitions, no 300 kB / 1 MB pages (a smoke test of the harness)
//   node bench/run.mjs --full     also run mark.js where it takes minutes in Chromium (300 kB, 1 MB: ~4 min more)
// Results: a table on stdout and bench/out/results.json.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { JSDOM } from 'jsdom';
import puppeteer from 'puppeteer-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench/out');
const QUICK = process.argv.includes('--quick');
const FULL = process.argv.includes('--full');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BODY_SELECTOR = '#articleText';

// A collectable heap between repetitions, so one method's garbage is not collected inside the next one's timing.
setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/**
 * Repetitions per page and environment: warm [ours and baseline, mark.js at most]; in Chromium also `cold` runs,
 * each in a fresh renderer as on a real page load, of ours, baseline, the demonstration and the sliced way. jsdom
 * gets fewer: resetting a 1 MB body there alone takes a second or two. Medians are reported.
 */
const SIZES = QUICK
  ? [
      { id: 'syn-10k', chars: 10_000, reps: { chromium: [5, 2], jsdom: [3, 1] }, cold: 2 },
      { id: 'syn-100k', chars: 100_000, reps: { chromium: [3, 1], jsdom: [3, 1] }, cold: 2 },
    ]
  : [
      { id: 'syn-10k', chars: 10_000, reps: { chromium: [9, 3], jsdom: [7, 1] }, cold: 3 },
      { id: 'syn-100k', chars: 100_000, reps: { chromium: [7, 2], jsdom: [5, 1] }, cold: 3 },
      { id: 'syn-300k', chars: 300_000, reps: { chromium: [5, 1], jsdom: [3, 1] }, cold: 3 },
      { id: 'syn-1M', chars: 1_000_000, reps: { chromium: [5, 1], jsdom: [3, 1] }, cold: 3 },
    ];
const SEED_REPS = QUICK
  ? { reps: { chromium: [5, 3], jsdom: [5, 3] }, cold: 2 }
  : { reps: { chromium: [15, 7], jsdom: [9, 5] }, cold: 5 };
/** mark.js is skipped on a page where its time, projected linearly from the previous page, exceeds this. */
const MARKJS_BUDGET_MS = { chromium: FULL ? Infinity : 40_000, jsdom: 40_000 };
/** No further mark.js repetitions on a page once its samples add up to this. */
const MARKJS_PAGE_BUDGET_MS = 5_000;
/**
 * Phrases per mark.js call. mark.js runs its keywords by recursion (each keyword's `done` calls the next), and one
 * call with all ~1,500 synthetic phrases overflowed the stack, in jsdom and (depending on JIT state) in Chromium.
 */
const MARKJS_BATCH = 200;
/** markjsRegExp (a reference) and oursAlt (the demonstration) only in Chromium, to keep jsdom's part short. */
const METHODS = {
  chromium: ['ours', 'baseline', 'markjs', 'markjsRegExp', 'oursAlt'],
  jsdom: ['ours', 'baseline', 'markjs'],
};

// ---------------------------------------------------------------------------------------------------------------
// Deterministic inputs

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** ~400 entities with ~4 aliases each: multi-word names, titles, ministries, summits and places sharing prefixes. */
export function syntheticSheet() {
  const rnd = mulberry32(20141212);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const SYL = ['min', 'jun', 'seo', 'ha', 'yeon', 'ji', 'woo', 'hyun', 'soo', 'jae', 'eun', 'young', 'sung', 'hee'];
  const SYL2 = ['kyung', 'dong', 'tae', 'jin', 'ho', 'na', 'ra', 'bin', 'chan', 'gyu', 'won', 'hwa', 'mi', 'ri'];
  const SURNAMES = ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh', 'Shin'];
  SURNAMES.push('Kwon', 'Hwang', 'Ahn', 'Song', 'Ryu', 'Hong', 'Baker', 'Carter', 'Evans', 'Foster', 'Grant', 'Hayes');
  const TITLES = ['President', 'Minister', 'Ambassador', 'Gen.', 'Rep.', 'Prof.', 'Vice Minister', 'Prime Minister'];
  const ADJ = ['Foreign', 'National', 'Public', 'Economic', 'Regional', 'Maritime', 'Digital', 'Rural'];
  const NOUN = ['Affairs', 'Defense', 'Security', 'Trade', 'Planning', 'Health', 'Finance', 'Education', 'Safety'];
  NOUN.push('Policy');
  const place = () => cap(pick(SYL) + pick(SYL2) + (rnd() < 0.5 ? pick(['an', 'do', 'ju', 'po', 'san']) : ''));

  const taken = new Set();
  const entities = [];
  const add = (id, kind, aliases) => {
    const phrases = aliases.filter((a) => !taken.has(a));
    phrases.forEach((a) => taken.add(a));
    if (phrases.length > 0) entities.push({ id, kind, phrases });
  };
  for (let i = 0; i < 160; i++) {
    const first = cap(pick(SYL) + pick(SYL2));
    const last = pick(SURNAMES);
    const title = pick(TITLES);
    add(`person-${i}`, 'person', [
      `${first} ${last}`,
      `${title} ${first} ${last}`,
      `${title} ${last}`,
      `${last} ${first}`,
    ]);
  }
  for (let i = 0; i < ADJ.length * NOUN.length; i++) {
    const domain = `${ADJ[i % ADJ.length]} ${NOUN[Math.floor(i / ADJ.length)]}`;
    const acronym = `MO${domain
      .split(' ')
      .map((w) => w[0])
      .join('')}`;
    add(`org-${i}`, 'organisation', [`Ministry of ${domain}`, `${domain} Ministry`, `the ${domain} ministry`, acronym]);
  }
  for (let i = 0; i < 80; i++) {
    const p = place();
    const year = 1990 + Math.floor(rnd() * 35);
    add(`event-${i}`, 'event', [`the ${p} summit`, `${p} summit`, `the ${year} ${p} summit`, `${p} Declaration`]);
  }
  for (let i = 0; i < 80; i++) {
    const q = place();
    add(`place-${i}`, 'place', [q, `${q} Province`, `the ${q} Strait`, `${q} Islands`]);
  }
  return { id: 'synthetic', entities };
}

const FILLER = `the of and to in a that is for on with as was by at from it an be said are has have which this
  not but were had its they their would will been more after also who about than over into other government two
  officials year new last people told week country could some first when would one may since talks between
  economic security military policy state plans meeting nuclear program sanctions agreement officials support
  trade minister president ministry summit province islands strait declaration reporters statement analysts
  Seoul Washington Beijing Tokyo Pyongyang Monday Tuesday Wednesday Thursday Friday Ministry President Minister
  National Foreign Regional Digital Public Park Kim Lee according spokesman expected earlier further discussed
  regional cooperation tension border defense exports growth budget election parliament committee proposal`
  .split(/\s+/)
  .filter(Boolean);

/**
 * Article body HTML of about `chars` characters of text: <p> paragraphs, some <b>, <a href>, <br> and an
 * occasional photo block (a region the content script skips). About one mention per 18 words.
 */
export function syntheticBody(sheet, chars, seed) {
  const rnd = mulberry32(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  // Zipf-like popularity: a few entities are mentioned often, most rarely.
  const weights = sheet.entities.map((_, i) => 1 / Math.pow(i + 1, 0.8));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = [];
  weights.reduce((acc, w, i) => (cumulative[i] = acc + w / total), 0);
  const pickEntity = () => {
    const r = rnd();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return sheet.entities[lo];
  };
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 17);
    const parts = [];
    let text = '';
    for (let w = 0; w < n; w++) {
      let word;
      let html;
      if (rnd() < 1 / 18) {
        word = pick(pickEntity().phrases);
        const r = rnd();
        if (r < 0.03) html = `<b>${word}</b>`;
        else if (r < 0.04 && word.includes(' '))
          html = `<b>${word.replace(' ', '</b> ')}`; // split across <b>
        else html = word;
      } else {
        word = pick(FILLER);
        if (w === 0) word = cap(word);
        const r = rnd();
        html =
          r < 0.04 ? `<b>${word}</b>` : r < 0.07 ? `<a href="/article/${Math.floor(rnd() * 1e6)}">${word}</a>` : word;
      }
      const punct = w === n - 1 ? '.' : rnd() < 0.08 ? ',' : '';
      parts.push(html + punct);
      text += (w ? ' ' : '') + word + punct;
    }
    return { html: parts.join(' '), text };
  };
  const paragraphs = [];
  let length = 0;
  let p = 0;
  while (length < chars) {
    if (p > 0 && p % 25 === 0) {
      const s = sentence();
      paragraphs.push(`<div class="article-photo-wrap"><figure><figcaption>${s.html}</figcaption></figure></div>`);
      length += s.text.length + 1;
    }
    const count = 2 + Math.floor(rnd() * 4);
    const htmls = [];
    for (let i = 0; i < count; i++) {
      const s = sentence();
      htmls.push(s.html);
      length += s.text.length + 1;
    }
    paragraphs.push(`<p>${htmls.map((h, i) => (i > 0 && rnd() < 0.1 ? `<br>${h}` : h)).join(' ')}</p>`);
    p++;
  }
  return paragraphs.join('\n');
}

export const pageHtml = (title, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>` +
  `<main><h1 class="news_title">${title}</h1><article id="articleText" class="news_content article-body">\n` +
  `${body}\n</article></main></body></html>`;

function realPage() {
  const fixture = join(ROOT, 'test/fixtures/pages/kh-current.html');
  if (existsSync(fixture))
    return { source: 'test/fixtures/pages/kh-current.html', html: readFileSync(fixture, 'utf8') };
  const text = readFileSync(join(ROOT, 'test/fixtures/article/korea-herald-2014-12-12.txt'), 'utf8');
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.findIndex((l) => l.startsWith('BEIJING'));
  const paragraphs = lines.slice(Math.max(start, 0)).filter(Boolean);
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return {
    source: 'test/fixtures/article/korea-herald-2014-12-12.txt (wrapped in <p>)',
    html: pageHtml(
      'No signs North Korea ready for nuclear talks: US envoy',
      paragraphs.map((l) => `<p>${esc(l)}</p>`).join('\n'),
    ),
  };
}

/** Whatever sheet JSON is in src/fact-sheets (the 2014-12-12 one if several), reduced to ids and phrases. */
function realSheet() {
  const dir = join(ROOT, 'src/fact-sheets');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const file = files.find((f) => f.includes('2014-12-12')) ?? files[0];
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const entities = (Array.isArray(data.entities) ? data.entities : [])
    .filter((e) => e && typeof e.id === 'string' && Array.isArray(e.phrases))
    .map((e) => ({ id: e.id, phrases: e.phrases.filter((p) => typeof p === 'string') }));
  return { id: data.id ?? file, file: `src/fact-sheets/${file}`, entities };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const median = (xs) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));
const ratio = (a, b) => (a === null || b === null || b === 0 ? null : a / b);
const phrasesOf = (sheet) => [...new Set(sheet.entities.flatMap((e) => e.phrases))];

async function bundleHarness() {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'bench/entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'BackgrounderBench',
    target: ['chrome120', 'node20'],
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/**
 * Warm rounds of every method, the order rotated every round so drift and noise hit all alike; then the profile of
 * ours, and in Chromium the cold runs (fresh renderer each) and the content-script slicing.
 */
async function measurePage(env, page, phrases) {
  const [reps, markReps] = page.reps[env.name];
  const samples = Object.fromEntries(METHODS.chromium.map((m) => [m, []]));
  const breakdown = [];
  const breakdownAlt = [];
  const found = {};
  for (let r = 0; r < reps; r++) {
    const markJsSpent = samples.markjs.reduce((a, b) => a + b, 0);
    const wantMarkJs = r < markReps && !page.skipMarkJs && markJsSpent < MARKJS_PAGE_BUDGET_MS;
    const methods = METHODS[env.name].filter((m) => m !== 'markjs' || wantMarkJs);
    for (let k = 0; k < methods.length; k++) {
      const method = methods[(k + r) % methods.length];
      const res = await env.run(method, phrases);
      samples[method].push(res.ms);
      found[method] = res.found;
      if (method === 'ours') breakdown.push(res);
      if (method === 'oursAlt') breakdownAlt.push(res);
    }
  }
  const profiles = [];
  const profileRuns = env.name === 'jsdom' && page.chars > 200_000 ? 1 : 3;
  for (let i = 0; i < profileRuns; i++) profiles.push(await env.profile());
  const medianOf = (rows) =>
    rows.length === 0 ? null : Object.fromEntries(Object.keys(rows[0]).map((k) => [k, median(rows.map((x) => x[k]))]));
  const result = {
    samples,
    found,
    ours: median(samples.ours),
    baseline: median(samples.baseline),
    markjs: median(samples.markjs),
    markjsRegExp: median(samples.markjsRegExp),
    oursAlt: median(samples.oursAlt),
    altAgrees: env.name === 'chromium' || page.chars <= 100_000 ? await env.altAgrees() : null,
    oursSteps: medianOf(breakdown.map(({ compile, collect, mark }) => ({ compile, collect, mark }))),
    oursAltSteps: medianOf(breakdownAlt.map(({ compile, collect, mark }) => ({ compile, collect, mark }))),
    profile: medianOf(profiles),
    cold: null,
    sliced: null,
  };
  if (env.cold) {
    const cold = { ours: [], baseline: [], sliced: [], oursAlt: [], slicedAlt: [] };
    for (let i = 0; i < page.cold; i++) {
      for (const method of Object.keys(cold)) cold[method].push(await env.cold(method, page, phrases));
    }
    const warmSliced = [];
    for (let i = 0; i < 2; i++) warmSliced.push(await env.run('sliced', phrases));
    result.cold = {
      ours: median(cold.ours.map((x) => x.ms)),
      baseline: median(cold.baseline.map((x) => x.ms)),
      oursAlt: median(cold.oursAlt.map((x) => x.ms)),
      oursSteps: medianOf(cold.ours.map(({ compile, collect, mark }) => ({ compile, collect, mark }))),
      oursAltSteps: medianOf(cold.oursAlt.map(({ compile, collect, mark }) => ({ compile, collect, mark }))),
      oursSamples: cold.ours.map((x) => x.ms),
      baselineSamples: cold.baseline.map((x) => x.ms),
    };
    const summarise = (runs) => ({
      runs,
      totalMs: median(runs.map((x) => x.totalMs)),
      slices: median(runs.map((x) => x.sliceCount)),
      firstTaskMs: median(runs.map((x) => x.firstTaskMs)),
      maxTaskMs: median(runs.map((x) => x.maxTaskMs)),
      worstTaskMs: Math.max(...runs.map((x) => x.maxTaskMs)),
      maxLaterSliceMs: Math.max(...runs.map((x) => x.maxLaterSliceMs)),
      longTasks: runs.map((x) => x.longTasks ?? '-').join('/'),
      maxLongTaskMs: Math.max(...runs.map((x) => x.maxLongTaskMs ?? 0)),
      maxLoafMs: Math.max(...runs.map((x) => x.maxLoafMs ?? 0)),
    });
    result.sliced = {
      cold: summarise(cold.sliced),
      warm: summarise(warmSliced),
      coldAlt: summarise(cold.slicedAlt),
    };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Environments

function jsdomEnv(harness, markJsSource) {
  let dom;
  let original;
  let sheet;
  const context = () => dom.getInternalVMContext();
  const B = () => dom.window.BackgrounderBench;
  const body = () => dom.window.document.querySelector(BODY_SELECTOR);
  const fresh = () => {
    body().innerHTML = original;
    gc();
    return body();
  };
  return {
    name: 'jsdom',
    async load(page) {
      dom?.window.close();
      dom = new JSDOM(page.html, { runScripts: 'outside-only', url: 'https://www.koreaherald.com/article/10000000' });
      vm.runInContext(harness, context());
      vm.runInContext(markJsSource, context());
      original = body().innerHTML;
      sheet = page.sheet;
      return body().textContent.length;
    },
    async run(method, phrases) {
      const c = fresh();
      if (method === 'ours') return B().runOurs(c, sheet);
      if (method === 'oursAlt') return B().runOursAlt(c, sheet);
      if (method === 'baseline') return B().runBaseline(c, phrases);
      if (method === 'markjs') return B().runMarkJs(c, phrases, MARKJS_BATCH);
      return B().runMarkJsRegExp(c, phrases);
    },
    async profile() {
      return B().profileOurs(fresh(), sheet);
    },
    async altAgrees() {
      return B().altAgrees(fresh(), sheet);
    },
    close() {
      dom?.window.close();
    },
  };
}

/** In the page: a fresh copy of the body, collected garbage and a laid-out page, as when the content script runs. */
function pageReset(sel) {
  const c = document.querySelector(sel);
  c.innerHTML = window.__original;
  window.gc?.();
  void document.body.offsetHeight;
  return c;
}

/** In the page: the content-script way, watched by long-task and long-animation-frame observers. */
async function pageSliced(sel, sheet, reset, options) {
  const c = reset ? pageReset(sel) : document.querySelector(sel);
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
  const entries = { longtask: [], 'long-animation-frame': [] };
  const observers = [];
  for (const type of Object.keys(entries)) {
    if (!PerformanceObserver.supportedEntryTypes.includes(type)) {
      entries[type] = null;
      continue;
    }
    const o = new PerformanceObserver((list) => entries[type].push(...list.getEntries().map((e) => e.duration)));
    o.observe({ type, buffered: false });
    observers.push([type, o]);
  }
  const result = await window.BackgrounderBench.runOursSliced(c, sheet, options);
  // Let the page render the marks and the observers deliver.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200)));
  for (const [type, o] of observers) {
    entries[type].push(...o.takeRecords().map((e) => e.duration));
    o.disconnect();
  }
  const max = (xs) => (xs === null ? null : xs.length ? Math.max(...xs) : 0);
  return {
    totalMs: result.totalMs,
    firstTaskMs: result.firstTaskMs,
    compileMs: result.compileMs,
    collectMs: result.collectMs,
    sliceCount: result.slices.length,
    maxTaskMs: result.maxTaskMs,
    maxLaterSliceMs: result.slices.length > 1 ? Math.max(...result.slices.slice(1)) : 0,
    longTasks: entries.longtask === null ? null : entries.longtask.length,
    maxLongTaskMs: max(entries.longtask),
    maxLoafMs: max(entries['long-animation-frame']),
    found: result.found,
  };
}

async function chromiumEnv(harness, markJsSource) {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    protocolTimeout: 900_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      '--js-flags=--expose-gc',
    ],
  });
  /** A page with the article, the harness (and mark.js) injected; no network: every http(s) request is refused. */
  const openPage = async (context, html, withMarkJs) => {
    const p = await context.newPage();
    await p.setRequestInterception(true);
    p.on('request', (req) => (/^(https?|wss?):/.test(req.url()) ? req.abort() : req.continue()));
    p.on('pageerror', (e) => console.error(`  [page error] ${e.message}`));
    await p.setContent(html, { waitUntil: 'load' });
    await p.addScriptTag({ content: harness });
    await p.addScriptTag({ content: `${pageReset}\n${pageSliced}` });
    if (withMarkJs) await p.addScriptTag({ content: markJsSource });
    return p;
  };
  const installPage = (p, sheet) =>
    p.evaluate(
      (sel, s) => {
        window.__sheet = s;
        window.__original = document.querySelector(sel).innerHTML;
        return document.querySelector(sel).textContent.length;
      },
      BODY_SELECTOR,
      sheet,
    );
  let page = null;
  const version = await browser.version();
  return {
    name: 'chromium',
    version,
    async load(p) {
      await page?.close();
      page = await openPage(browser.defaultBrowserContext(), p.html, true);
      return installPage(page, p.sheet);
    },
    async run(method, phrases) {
      if (method === 'sliced') return page.evaluate((sel) => pageSliced(sel, window.__sheet, true, {}), BODY_SELECTOR);
      return page.evaluate(
        (sel, m, p, batch) => {
          const c = pageReset(sel);
          const B = window.BackgrounderBench;
          if (m === 'ours') return B.runOurs(c, window.__sheet);
          if (m === 'oursAlt') return B.runOursAlt(c, window.__sheet);
          if (m === 'baseline') return B.runBaseline(c, p);
          if (m === 'markjs') return B.runMarkJs(c, p, batch);
          return B.runMarkJsRegExp(c, p);
        },
        BODY_SELECTOR,
        method,
        phrases,
        MARKJS_BATCH,
      );
    },
    async profile() {
      return page.evaluate(
        (sel) => window.BackgrounderBench.profileOurs(pageReset(sel), window.__sheet),
        BODY_SELECTOR,
      );
    },
    async altAgrees() {
      return page.evaluate((sel) => window.BackgrounderBench.altAgrees(pageReset(sel), window.__sheet), BODY_SELECTOR);
    },
    /** One run in a fresh browser context, hence a fresh renderer and V8 isolate: nothing compiled or cached yet. */
    async cold(method, p, phrases) {
      const context = await browser.createBrowserContext();
      try {
        const fresh = await openPage(context, p.html, false);
        if (method === 'sliced') {
          return await fresh.evaluate((sel, s) => pageSliced(sel, s, false, {}), BODY_SELECTOR, p.sheet);
        }
        if (method === 'slicedAlt') {
          const options = { alt: true };
          return await fresh.evaluate((sel, s, o) => pageSliced(sel, s, false, o), BODY_SELECTOR, p.sheet, options);
        }
        return await fresh.evaluate(
          (sel, m, s, ph) => {
            const c = document.querySelector(sel);
            void document.body.offsetHeight;
            const B = window.BackgrounderBench;
            if (m === 'ours') return B.runOurs(c, s);
            if (m === 'oursAlt') return B.runOursAlt(c, s);
            return B.runBaseline(c, ph);
          },
          BODY_SELECTOR,
          method,
          p.sheet,
          phrases,
        );
      } finally {
        await context.close();
      }
    },
    close: () => browser.close(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function main() {
  const started = Date.now();
  if (!existsSync(join(ROOT, 'dist/chrome/content.js'))) {
    const { build } = await import('../build.mjs');
    await build({ archives: false, quiet: true });
  }
  mkdirSync(OUT, { recursive: true });
  const harness = await bundleHarness();
  const markJsVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/mark.js/package.json'), 'utf8')).version;
  const markJsSource = readFileSync(join(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');
  const { MARKJS_OPTIONS, SLICE_MS } = vm.runInNewContext(`${harness}; BackgrounderBench`, {});

  const real = realPage();
  const seedSheet = realSheet();
  const synSheet = syntheticSheet();
  const pages = [
    { id: 'seed', label: 'seed article', html: real.html, sheet: seedSheet, ...SEED_REPS },
    ...SIZES.map((size, i) => ({
      id: size.id,
      label: `synthetic ${size.chars >= 1e6 ? `${size.chars / 1e6} MB` : `${size.chars / 1e3} kB`}`,
      html: pageHtml(`Synthetic ${size.id}`, syntheticBody(synSheet, size.chars, 1000 + i)),
      sheet: synSheet,
      reps: size.reps,
      cold: size.cold,
      synthetic: true,
    })),
  ];

  const cpuModel = readFileSync('/proc/cpuinfo', 'utf8')
    .match(/^model name\s*:\s*(.*)$/m)?.[1]
    ?.trim();
  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    jsdom: JSON.parse(readFileSync(join(ROOT, 'node_modules/jsdom/package.json'), 'utf8')).version,
    chromium: null,
    markjs: markJsVersion,
    cpu: `${cpuModel ?? cpus()[0]?.model} x ${cpus().length}`,
    mode: QUICK ? 'quick' : FULL ? 'full' : 'default',
  };

  const results = [];
  const envs = [jsdomEnv(harness, markJsSource), await chromiumEnv(harness, markJsSource)];
  environment.chromium = envs[1].version;
  try {
    for (const env of envs) {
      // Warm-up: JIT the harness and mark.js on the seed and the small synthetic page before anything is timed.
      await env.load(pages[0]);
      for (let i = 0; i < 3; i++) for (const m of METHODS[env.name]) await env.run(m, phrasesOf(seedSheet));
      await env.load(pages[1]);
      for (let i = 0; i < 3; i++) for (const m of ['ours', 'baseline']) await env.run(m, phrasesOf(synSheet));

      let markJsMsPerChar = null;
      for (const page of pages) {
        const t = Date.now();
        const phrases = phrasesOf(page.sheet);
        const chars = await env.load(page);
        const projected = page.synthetic && markJsMsPerChar !== null ? markJsMsPerChar * chars : 0;
        const skipMarkJs = projected > MARKJS_BUDGET_MS[env.name];
        const m = await measurePage(env, { ...page, skipMarkJs, chars }, phrases);
        if (page.synthetic && m.markjs !== null) markJsMsPerChar = m.markjs / chars;
        const row = {
          env: env.name,
          page: page.id,
          label: page.label,
          chars,
          kB: chars / 1000,
          entities: page.sheet.entities.length,
          phrases: phrases.length,
          ...m,
          markjsSkipped: skipMarkJs ? { projectedMs: projected } : null,
          oursOverBaseline: ratio(m.ours, m.baseline),
          markjsOverOurs: ratio(m.markjs, m.ours),
          coldOursOverBaseline: m.cold ? ratio(m.cold.ours, m.cold.baseline) : null,
        };
        results.push(row);
        console.error(
          `  ${env.name.padEnd(8)} ${page.label.padEnd(18)} ours ${fmt(m.ours)} ms, baseline ${fmt(m.baseline)} ms, ` +
            `mark.js ${skipMarkJs ? `skipped (projected ${fmt(projected / 1000, 0)} s)` : `${fmt(m.markjs)} ms`}` +
            (m.cold ? `, cold ours ${fmt(m.cold.ours)} / baseline ${fmt(m.cold.baseline)} ms` : '') +
            (m.sliced ? `, longest task ${fmt(m.sliced.cold.worstTaskMs)} ms` : '') +
            ` [${((Date.now() - t) / 1000).toFixed(1)} s]`,
        );
      }
    }
  } finally {
    for (const env of envs) await env.close();
  }

  const gz = (file) => {
    const path = join(ROOT, 'dist/chrome', file);
    if (!existsSync(path)) return null;
    const data = readFileSync(path);
    return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
  };
  const sizes = { 'content.js': gz('content.js'), 'popup/popup.js': gz('popup/popup.js') };

  // Growth: time per 100 kB of body text on the synthetic pages (warm medians; cold too in Chromium).
  const growth = {};
  for (const env of envs.map((e) => e.name)) {
    growth[env] = results
      .filter((r) => r.env === env && r.page.startsWith('syn-'))
      .map((r) => ({
        page: r.page,
        kB: r.kB,
        oursPer100kB: (r.ours / r.kB) * 100,
        oursMarkOnlyPer100kB: (r.oursSteps.mark / r.kB) * 100,
        baselinePer100kB: (r.baseline / r.kB) * 100,
        markjsPer100kB: r.markjs === null ? null : (r.markjs / r.kB) * 100,
        coldOursPer100kB: r.cold ? (r.cold.ours / r.kB) * 100 : null,
      }));
  }

  const output = {
    environment,
    sliceMs: SLICE_MS,
    markjsOptions: MARKJS_OPTIONS,
    markjsBatch: MARKJS_BATCH,
    inputs: {
      seedPage: real.source,
      seedSheet: seedSheet.file,
      seedEntities: seedSheet.entities.length,
      seedPhrases: phrasesOf(seedSheet).length,
      syntheticEntities: synSheet.entities.length,
      syntheticPhrases: phrasesOf(synSheet).length,
    },
    results,
    growth,
    sizes,
    verdicts: computeVerdicts(results, growth),
    wallSeconds: (Date.now() - started) / 1000,
  };
  writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
  print(output);
}

function computeVerdicts(results, growth) {
  const get = (env, page) => results.find((r) => r.env === env && r.page === page);
  const largest = results.filter((r) => r.page.startsWith('syn-')).at(-1).page;
  const envs = [...new Set(results.map((r) => r.env))].sort(); // chromium first
  const verdict = (target, f) => {
    const perEnv = Object.fromEntries(envs.map((env) => [env, f(env)]));
    return { target, met: perEnv.chromium.met, perEnv };
  };
  const out = [];
  out.push(
    verdict('seed article marked in a few ms (ours <= 5 ms)', (env) => {
      const r = get(env, 'seed');
      const worst = r.cold ? Math.max(r.ours, r.cold.ours) : r.ours;
      return {
        met: worst <= 5,
        detail: `warm ${fmt(r.ours, 2)} ms${r.cold ? `, cold (fresh renderer, as on a page load) ${fmt(r.cold.ours, 2)} ms` : ''}`,
      };
    }),
  );
  out.push(
    verdict('ours <= 3x baseline at every size', (env) => {
      const rows = results.filter((r) => r.env === env);
      const list = (key) => rows.map((r) => `${r.page} ${fmt(r[key], 1)}x`).join(', ');
      const warmMet = rows.every((r) => r.oursOverBaseline <= 3);
      const coldMet = rows.every((r) => r.coldOursOverBaseline === null || r.coldOursOverBaseline <= 3);
      return {
        met: warmMet && coldMet,
        detail: `warm: ${list('oursOverBaseline')}${rows[0].cold ? `; cold: ${list('coldOursOverBaseline')}` : ''}`,
      };
    }),
  );
  out.push(
    verdict(`mark.js >= 20x slower than ours on the largest page (${largest})`, (env) => {
      const r = get(env, largest);
      if (r.markjs !== null) {
        return {
          met: r.markjsOverOurs >= 20,
          detail: `${fmt(r.markjsOverOurs)}x (${fmt(r.markjs, 0)} vs ${fmt(r.ours)} ms)`,
        };
      }
      // mark.js's time only grows with the page, so its time on the largest page it ran gives a lower bound.
      const measured = results.filter((x) => x.env === env && x.page.startsWith('syn-') && x.markjs !== null).at(-1);
      if (!measured) return { met: null, detail: 'mark.js not measured on any synthetic page' };
      const bound = measured.markjs / r.ours;
      return {
        met: bound >= 20 ? true : null,
        detail:
          `not run on ${largest} (projected ${fmt(r.markjsSkipped.projectedMs / 1000, 0)} s${env === 'chromium' ? '; --full runs it' : ''}); ` +
          `lower bound: mark.js on ${measured.page} (${fmt(measured.markjs, 0)} ms) / ours on ${largest} (${fmt(r.ours)} ms) ` +
          `= ${fmt(bound)}x; linear projection ${fmt(r.markjsSkipped.projectedMs / r.ours, 0)}x`,
      };
    }),
  );
  out.push(
    verdict('linear growth (ms per kB at the largest page within 2x of at 100 kB)', (env) => {
      const g = growth[env];
      const at100 = g.find((x) => x.page === 'syn-100k');
      const atMax = g.at(-1);
      const q = atMax.oursPer100kB / at100.oursPer100kB;
      return {
        met: q <= 2,
        detail:
          `warm ${fmt(at100.oursPer100kB, 2)} -> ${fmt(atMax.oursPer100kB, 2)} ms/100 kB (${fmt(q, 2)}x)` +
          (at100.coldOursPer100kB === null
            ? ''
            : `; cold ${fmt(at100.coldOursPer100kB, 2)} -> ${fmt(atMax.coldOursPer100kB, 2)} (${fmt(atMax.coldOursPer100kB / at100.coldOursPer100kB, 2)}x)`),
      };
    }),
  );
  const big = get('chromium', largest).sliced;
  const c0 = big.cold.runs.reduce((w, r) => (r.maxTaskMs > w.maxTaskMs ? r : w));
  out.push({
    target: `no slice > 50 ms on the largest page (${largest}, Chromium, sliced like annotator.ts)`,
    met: Math.max(big.cold.worstTaskMs, big.warm.worstTaskMs) <= 50,
    perEnv: {
      chromium: {
        met: Math.max(big.cold.worstTaskMs, big.warm.worstTaskMs) <= 50,
        detail:
          `longest task cold ${fmt(big.cold.worstTaskMs)} ms (compile ${fmt(c0.compileMs)} + collect ${fmt(c0.collectMs)} + ` +
          `first slice, one task), warm ${fmt(big.warm.worstTaskMs)} ms, demonstration cold ${fmt(big.coldAlt.worstTaskMs)} ms; later slices <= ${fmt(Math.max(big.cold.maxLaterSliceMs, big.warm.maxLaterSliceMs))} ms; ` +
          `longtask observer max ${fmt(Math.max(big.cold.maxLongTaskMs, big.warm.maxLongTaskMs))} ms; ` +
          `long-animation-frame max ${fmt(Math.max(big.cold.maxLoafMs, big.warm.maxLoafMs))} ms`,
      },
    },
  });
  return out;
}

function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (align?.[i] === 'l' ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function print(o) {
  const e = o.environment;
  const log = (line = '') => console.log(line);
  log('\nBackgrounder speed benchmark');
  log(`date ${e.date}; node ${e.node}; jsdom ${e.jsdom}; ${e.chromium}; mark.js ${e.markjs}; ${e.mode} run`);
  log(`cpu ${e.cpu}`);
  log(
    `seed: ${o.inputs.seedPage} + ${o.inputs.seedSheet} (${o.inputs.seedEntities} entities, ${o.inputs.seedPhrases} phrases); ` +
      `synthetic: ${o.inputs.syntheticEntities} entities, ${o.inputs.syntheticPhrases} phrases`,
  );
  log(`mark.js: new Mark(body).mark(phrases, ${JSON.stringify(o.markjsOptions)})`);
  log(
    `  phrases sorted longest first, sequential calls of <= ${o.markjsBatch} (one call with all overflows the stack)`,
  );
  log('ours = compileMatcher + collectTextRuns + startMarking/markRun of every run (marks the DOM);');
  log('baseline = TreeWalker(SHOW_TEXT) + one global alternation regex per text node, counting, nothing wrapped.');
  log('warm = median of repetitions in one page (fresh DOM each); cold = median of runs each in a fresh renderer.\n');
  log(
    table(
      [
        'env',
        'page',
        'text kB',
        'reps',
        'ours ms',
        'base ms',
        'mark.js ms',
        'ours/base',
        'mark.js/ours',
        'max slice ms',
        'cold ours',
        'cold base',
        'cold o/b',
        'o/b of mins',
      ],
      o.results.map((r) => [
        r.env,
        r.label,
        fmt(r.kB, 1),
        `${r.samples.ours.length}/${r.samples.markjs.length}`,
        fmt(r.ours, 2),
        fmt(r.baseline, 2),
        r.markjs === null ? `(~${fmt(r.markjsSkipped.projectedMs / 1000, 0)} s)` : fmt(r.markjs, 1),
        fmt(r.oursOverBaseline, 2),
        fmt(r.markjsOverOurs, 0),
        r.sliced ? fmt(Math.max(r.sliced.cold.worstTaskMs, r.sliced.warm.worstTaskMs)) : 'n/a',
        r.cold ? fmt(r.cold.ours, 2) : 'n/a',
        r.cold ? fmt(r.cold.baseline, 2) : 'n/a',
        r.cold ? fmt(r.coldOursOverBaseline, 2) : 'n/a',
        fmt(ratio(Math.min(...r.samples.ours), Math.min(...r.samples.baseline)), 2),
      ]),
      ['l', 'l'],
    ),
  );
  log('o/b of mins: fastest ours / fastest baseline (warm), less sensitive to other load on the machine.');
  log('mark.js ms in parentheses: not run, linear projection from the previous page (see --full).');
  log(
    'max slice ms: longest task of the sliced marking, cold or warm, worst run (compile + collect + first slice is one task).',
  );

  log(
    '\nmatches found (ours: mentions marked; baseline: regex matches, no word boundaries, links too; mark.js: marks)',
  );
  log(
    table(
      ['env', 'page', 'ours', 'baseline', 'mark.js', 'mark.js RegExp'],
      o.results.map((r) => [
        r.env,
        r.label,
        r.found.ours,
        r.found.baseline,
        r.found.markjs ?? '-',
        r.found.markjsRegExp ?? '-',
      ]),
      ['l', 'l'],
    ),
  );

  log('\nwhere OURS spends its time (ms, medians). steps: the timed runs split; profile: 3 extra runs where');
  log('find1/find2 = the regex alone over every run, first and second pass; wrap = markRun of every run minus find2.');
  log('mark.js RegExp = markRegExp(baseline regex): the baseline plus mark.js walking and wrapping (for scale).');
  log(
    table(
      [
        'env',
        'page',
        'compile',
        'collect',
        'mark',
        '| find1',
        'find2',
        'wrap',
        'runs',
        'nodes',
        'marks',
        '| cold compile',
        'cold collect',
        'cold mark',
        '| mark.js RE',
      ],
      o.results.map((r) => [
        r.env,
        r.label,
        fmt(r.oursSteps.compile, 2),
        fmt(r.oursSteps.collect, 2),
        fmt(r.oursSteps.mark, 2),
        `| ${fmt(r.profile.find1, 2)}`,
        fmt(r.profile.find2, 2),
        fmt(r.profile.wrap, 2),
        r.profile.runs,
        r.profile.nodes,
        r.profile.marks,
        r.cold ? `| ${fmt(r.cold.oursSteps.compile, 2)}` : '| n/a',
        r.cold ? fmt(r.cold.oursSteps.collect, 2) : 'n/a',
        r.cold ? fmt(r.cold.oursSteps.mark, 2) : 'n/a',
        `| ${fmt(r.markjsRegExp, 2)}`,
      ]),
      ['l', 'l'],
    ),
  );

  log(
    '\ndemonstration, Chromium: ours with bench/alt-matcher.ts in place of compileMatcher (same collect and markRun).',
  );
  log('steps = compile / collect / mark ms. The sliced demonstration is in the next table.');
  const steps = (x) => (x ? `${fmt(x.compile, 1)} / ${fmt(x.collect, 1)} / ${fmt(x.mark, 1)}` : 'n/a');
  log(
    table(
      [
        'page',
        'ours',
        'alt',
        'alt/base',
        'ours steps',
        'alt steps',
        '| cold ours',
        'cold alt',
        'cold alt/base',
        'cold ours steps',
        'cold alt steps',
      ],
      o.results
        .filter((r) => r.env === 'chromium')
        .map((r) => [
          r.label,
          fmt(r.ours, 2),
          fmt(r.oursAlt, 2),
          fmt(ratio(r.oursAlt, r.baseline), 2),
          steps(r.oursSteps),
          steps(r.oursAltSteps),
          `| ${fmt(r.cold.ours, 2)}`,
          fmt(r.cold.oursAlt, 2),
          fmt(ratio(r.cold.oursAlt, r.cold.baseline), 2),
          steps(r.cold.oursSteps),
          steps(r.cold.oursAltSteps),
        ]),
      ['l'],
    ),
  );
  log(
    'same matches (alt-matcher) and same marked DOM (alt-text-runs, marking between pulls) as src: ' +
      o.results
        .filter((r) => r.altAgrees !== null)
        .map((r) => `${r.env} ${r.page} ${r.altAgrees ? 'yes' : 'NO'}`)
        .join(', '),
  );

  log(`\nChromium, sliced like annotator.ts (${o.sliceMs} ms slices, setTimeout(0) between), cold = fresh renderer;`);
  log('times are the longest task per run (median / worst of runs); LoAF = long-animation-frame entries (incl. style');
  log('and layout of the new marks); demo = alt-matcher compile, a yield, then runs pulled from alt-text-runs');
  log('inside the slices (no separate collect task).');
  log(
    table(
      [
        'page',
        'total ms',
        'slices',
        'first task',
        'max task',
        'worst',
        'later slices max',
        'long tasks',
        'max longtask',
        'max LoAF',
        '| warm worst',
        'warm LoAF',
        '| demo cold worst',
        'demo total',
      ],
      o.results
        .filter((r) => r.sliced)
        .map((r) => [
          r.label,
          fmt(r.sliced.cold.totalMs),
          r.sliced.cold.slices,
          fmt(r.sliced.cold.firstTaskMs),
          fmt(r.sliced.cold.maxTaskMs),
          fmt(r.sliced.cold.worstTaskMs),
          fmt(r.sliced.cold.maxLaterSliceMs),
          r.sliced.cold.longTasks,
          fmt(r.sliced.cold.maxLongTaskMs),
          fmt(r.sliced.cold.maxLoafMs),
          `| ${fmt(r.sliced.warm.worstTaskMs)}`,
          fmt(r.sliced.warm.maxLoafMs),
          `| ${fmt(r.sliced.coldAlt.worstTaskMs)}`,
          fmt(r.sliced.coldAlt.totalMs),
        ]),
      ['l'],
    ),
  );

  log('\ngrowth: ms per 100 kB of body text (ours mark = markRun step only, without the fixed compile cost)');
  const growthRows = [];
  for (const [env, g] of Object.entries(o.growth)) {
    for (const x of g) {
      growthRows.push([
        env,
        x.page,
        fmt(x.kB, 0),
        fmt(x.oursPer100kB, 2),
        fmt(x.oursMarkOnlyPer100kB, 2),
        fmt(x.coldOursPer100kB, 2),
        fmt(x.baselinePer100kB, 2),
        fmt(x.markjsPer100kB, 0),
      ]);
    }
  }
  log(table(['env', 'page', 'kB', 'ours', 'ours mark', 'cold ours', 'baseline', 'mark.js'], growthRows, ['l', 'l']));

  log('\nbundle sizes (dist/chrome as built, with fact-sheet data; build.mjs budgets 20000 B gzipped without sheets)');
  for (const [file, size] of Object.entries(o.sizes)) {
    log(`  ${file.padEnd(16)} ${size ? `${size.raw} B raw, ${size.gzip} B gzipped` : 'missing (run node build.mjs)'}`);
  }

  log('\nverdicts (met = met in Chromium, the target browser; jsdom for reference)');
  const mark = (met) => (met === true ? 'MET   ' : met === false ? 'MISSED' : 'N/A   ');
  for (const v of o.verdicts) {
    log(`  ${mark(v.met)} ${v.target}`);
    for (const [env, d] of Object.entries(v.perEnv))
      log(`           ${env.padEnd(8)} ${mark(d.met).trim()}: ${d.detail}`);
  }
  log(`\nwall time ${o.wallSeconds.toFixed(0)} s; JSON: bench/out/results.json`);
}
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
