/**
 * `npm run bench`: what Backgrounder costs a reader, measured on the built extension in headless Chromium and
 * Firefox ESR. Each page is loaded alternately with Backgrounder (at a Korea Herald article address) and without
 * it (the same page at an address the content script does not run on), in the same browser and the same run, and
 * the table gives medians and the difference. mark.js, marking the same phrases in the same page, is the outside
 * reference. See bench/README.md.
 *   npm run bench                  7 loads each way per page, after one not counted (about 4 minutes)
 *   npx tsx bench/run.ts --quick   3 loads each way, article and 150x page only
 *   npx tsx bench/run.ts --full    also mark.js on the 150x page (about a minute more)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { loadKnowledge } from '../build.mjs';
import { KnowledgeBase } from '../src/core/knowledge/knowledge-base';
import { planPage } from '../src/core/knowledge/plan';
import type { ShippedKnowledge } from '../src/core/knowledge/ship';
import { ENTITY_KINDS } from '../src/core/knowledge/kinds';
import { normaliseHeadline } from '../src/core/page/article-identity';
import { browsersAvailable, type BrowserName } from '../test/e2e/harness/browsers';
import { ensureBuilt, ROOT } from '../test/e2e/harness/paths';
import { launch, type Session } from '../test/e2e/harness/session';
import { markJsTime } from './markjs';
import { mentionsOn } from './mentions';
import { measureLoad, type Load } from './measure';
import { benchPages, type BenchPage } from './pages';
import { count, median, ms, table, times } from './stats';

const QUICK = process.argv.includes('--quick');
const FULL = process.argv.includes('--full');
const LOADS = QUICK ? 3 : 7;
const OUT = join(ROOT, 'bench/out');
const ARTICLE_URL = (id: string) =>
  `https://www.koreaherald.com/article/${id === 'article' ? '0000000000' : '0000000009'}`;
const BASELINE_URL = (id: string) => `https://www.koreaherald.com/e2e-baseline/${id}`;

/** Targets of issue 11, Chromium, same run. */
const TARGETS = { longAddedTaskMs: 150, articleAddedTaskMs: 15, longFrameMs: 50, firefoxVsChromium: 2 };

interface PageResult {
  page: BenchPage;
  /** Mentions found (the popup's counts); the loads record the marks written by the time they are read. */
  mentions: number;
  without: Load[];
  with: Load[];
  markJsMs?: number;
}

async function runBrowser(name: BrowserName, pages: BenchPage[], kb: KnowledgeBase): Promise<PageResult[]> {
  const session: Session = await launch(name);
  const results: PageResult[] = [];
  try {
    for (const page of pages) {
      const result: PageResult = {
        page,
        mentions: mentionsOn(kb, page.html, ARTICLE_URL(page.id)),
        without: [],
        with: [],
      };
      // One load each way first, not counted: the first load of a page in a session pays for cold caches.
      await measureLoad(session, BASELINE_URL(page.id), page.html, false);
      await measureLoad(session, ARTICLE_URL(page.id), page.html, true);
      // Alternate, so drift in the machine's load falls on both sides alike.
      for (let i = 0; i < LOADS; i++) {
        result.without.push(await measureLoad(session, BASELINE_URL(page.id), page.html, false));
        result.with.push(await measureLoad(session, ARTICLE_URL(page.id), page.html, true));
      }
      process.stderr.write(`  ${name} ${page.id}: ${LOADS}+${LOADS} loads\n`);
      results.push(result);
    }
  } finally {
    await session.close();
  }
  return results;
}

const med = (loads: Load[], key: keyof Load) => median(loads.map((l) => Number(l[key])));
const longest = (loads: Load[]) => Math.max(0, ...loads.flatMap((l) => l.longFrames));

function chromiumTable(results: PageResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    const side = (label: string, loads: Load[]) => [
      `${r.page.label}: ${label}`,
      loads[0]?.marked ? `${count(r.mentions)} / ${count(med(loads, 'marks'))}` : '0',
      ms(med(loads, 'taskMs')),
      ms(med(loads, 'scriptMs')),
      ms(med(loads, 'styleMs')),
      ms(med(loads, 'layoutMs')),
      count(med(loads, 'layouts')),
      ms(longest(loads)),
      loads[0].marked ? ms(med(loads, 'annotateMs')) : '–',
    ];
    rows.push(side('without', r.without), side('with Backgrounder', r.with));
    const added = (key: keyof Load) => med(r.with, key) - med(r.without, key);
    rows.push([
      `${r.page.label}: added (× page's own)`,
      '',
      `${ms(added('taskMs'))} (${times(med(r.with, 'taskMs') / med(r.without, 'taskMs'))})`,
      ms(added('scriptMs')),
      ms(added('styleMs')),
      ms(added('layoutMs')),
      count(added('layouts')),
      '',
      r.markJsMs === undefined ? '' : `mark.js: ${ms(r.markJsMs)}`,
    ]);
  }
  return table(
    [
      'Chromium page load',
      'mentions / marks written',
      'main-thread task',
      'script',
      'style',
      'layout',
      'layouts',
      'longest LoAF after load',
      'backgrounder:annotate',
    ],
    rows,
  );
}

function firefoxTable(results: PageResult[], chromium: PageResult[]): string {
  return table(
    [
      'Firefox page load',
      'mentions / marks written',
      'annotate (wall)',
      'vs Chromium',
      'longest frame gap: without',
      'with',
      'longest main-thread hold: without',
      'with',
    ],
    results.map((r) => {
      const ch = chromium.find((c) => c.page.id === r.page.id);
      const annotate = med(r.with, 'annotateMs');
      return [
        r.page.label,
        `${count(r.mentions)} / ${count(med(r.with, 'marks'))}`,
        ms(annotate),
        ch ? times(annotate / med(ch.with, 'annotateMs')) : '–',
        ms(median(r.without.map((l) => l.longestFrameGap))),
        ms(median(r.with.map((l) => l.longestFrameGap))),
        ms(median(r.without.map((l) => l.longestBlock))),
        ms(median(r.with.map((l) => l.longestBlock))),
      ];
    }),
  );
}

function verdicts(chromium: PageResult[], firefox: PageResult[]): string[] {
  const byId = (rs: PageResult[], id: string) => rs.find((r) => r.page.id === id);
  const lines: string[] = [];
  const check = (ok: boolean, text: string) => lines.push(`${ok ? 'met    ' : 'NOT MET'} ${text}`);
  const long = byId(chromium, 'long-150x');
  const article = byId(chromium, 'article');
  if (long) {
    const added = med(long.with, 'taskMs') - med(long.without, 'taskMs');
    check(
      added <= TARGETS.longAddedTaskMs,
      `150x page: added main-thread time ${ms(added)} (target ≤ ${TARGETS.longAddedTaskMs} ms)`,
    );
    // A long frame after load that the page has without Backgrounder too is the page's own, not ours.
    const ours = longest(long.with);
    const own = longest(long.without);
    check(
      ours <= Math.max(TARGETS.longFrameMs, own),
      `150x page: longest animation frame after load ${ms(ours)} with Backgrounder, ${ms(own)} without ` +
        `(target: none over ${TARGETS.longFrameMs} ms caused by marking)`,
    );
  }
  if (article) {
    const added = med(article.with, 'taskMs') - med(article.without, 'taskMs');
    check(
      added <= TARGETS.articleAddedTaskMs,
      `article: added main-thread time ${ms(added)} (target ≤ ${TARGETS.articleAddedTaskMs} ms)`,
    );
  }
  for (const f of firefox) {
    const c = byId(chromium, f.page.id);
    if (!c) continue;
    const ratio = med(f.with, 'annotateMs') / med(c.with, 'annotateMs');
    check(
      ratio <= TARGETS.firefoxVsChromium,
      `${f.page.label}: Firefox annotate ${times(ratio)} Chromium's (target ≤ ${TARGETS.firefoxVsChromium}×)`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const available = browsersAvailable();
  if (!available.chromium) throw new Error('Chromium is not installed: see README.md for the install command');
  await ensureBuilt();
  const pages = benchPages().filter((p) => !QUICK || p.id !== 'long-1mb');
  const started = Date.now();
  process.stderr.write(`bench: ${pages.length} pages, ${LOADS} loads each way, on ${cpus().length} cores\n`);

  const { shipped } = (await loadKnowledge()) as { shipped: ShippedKnowledge };
  const kb = new KnowledgeBase(shipped);
  const chromium = await runBrowser('chromium', pages, kb);
  // mark.js, on the page without Backgrounder, marking the phrases the content script marks there.
  const plan = planPage(kb, {
    headlines: [normaliseHeadline('No signs North Korea ready for nuclear talks: US envoy')],
    date: '2014-12-12',
    bodyStart: null,
    kinds: ENTITY_KINDS,
    glossary: true,
  });
  const phrases = plan.mode === 'none' ? [] : [...new Set(plan.phrases.map((p) => p.phrase))];
  const markJsPages = chromium.filter((r) => r.page.id === 'article' || (FULL && r.page.id === 'long-150x'));
  if (markJsPages.length > 0) {
    const session = await launch('chromium', { extensionDir: null });
    try {
      for (const r of markJsPages)
        r.markJsMs = await markJsTime(session, BASELINE_URL(r.page.id), r.page.html, phrases);
    } finally {
      await session.close();
    }
  }
  const firefox = available.firefox ? await runBrowser('firefox', pages, kb) : [];

  const output = [
    chromiumTable(chromium),
    '',
    firefox.length ? firefoxTable(firefox, chromium) : 'Firefox ESR is not installed: no Firefox figures.',
    '',
    ...verdicts(chromium, firefox),
    '',
    `${LOADS} loads each way per page, medians; ${((Date.now() - started) / 1000).toFixed(0)} s on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}.`,
  ].join('\n');
  console.log(output);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    join(OUT, 'results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), chromium, firefox: firefox, output }, (k, v) => (k === 'html' ? undefined : v), 2)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
});
