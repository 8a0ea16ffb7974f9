/**
 * One page load as the reader pays for it, in the real browser with the built extension, against the same page at
 * an address the content script does not run on. Chromium: the renderer's main-thread totals from CDP
 * `Performance.getMetrics` (task, script, style, layout, layout count) over the whole load, long animation frames
 * (and those running our content script), marks and `backgrounder:annotate`. Firefox (no CDP): the annotate wall
 * time and the longest gap between animation frames the page can observe.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { performanceMetrics } from '../test/e2e/harness/cdp';
import { ROOT } from '../test/e2e/harness/paths';
import type { Session } from '../test/e2e/harness/session';
import { waitForMarkingSettled } from '../test/e2e/support/marks';

/** After load, the page (and Backgrounder) get this long before the totals are read: both sides wait the same. */
const SETTLE_MS = 1_500;
/** A frame longer than this is a long animation frame (the browser's own threshold). */
export const LONG_FRAME_MS = 50;

export interface Load {
  marked: boolean;
  marks: number;
  /** Main-thread totals of the renderer over the load, in ms (Chromium), and the layout count. */
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  layouts: number;
  /** Long animation frames ending after the load event (Chromium). */
  longFrames: number[];
  /** The longest gap between two animation frames after load (what a page can observe of a long frame). */
  longestFrameGap: number;
  /** The longest the main thread was held between two zero-delay tasks after load. */
  longestBlock: number;
  annotateMs: number;
}

interface Witnessed {
  loafs: Array<{ d: number; at: number }>;
  gaps: number[];
  blocks: number[];
}

const FRAME_WITNESS = readFileSync(join(ROOT, 'bench/frame-witness.js'), 'utf8');

export async function measureLoad(session: Session, url: string, html: string, marked: boolean): Promise<Load> {
  // The witness goes into the page itself, first in <head>: both browsers run it before anything else.
  session.serve(url, html.replace('<head>', `<head><script>${FRAME_WITNESS}</script>`));
  const page: Page = await session.newTab();
  try {
    const cdp = session.name === 'chromium' ? await page.createCDPSession() : null;
    await cdp?.send('Performance.enable');
    await page.bringToFront();
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    if (marked) await waitForMarkingSettled(page, { quietMs: 300, timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const metrics = cdp ? await performanceMetrics(cdp) : {};
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __bench: Witnessed };
      const loaded = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)?.loadEventEnd ?? 0;
      return {
        // After load: the page's own loading frames come before; Backgrounder starts at document_idle.
        loafs: w.__bench.loafs.filter((l) => l.at + l.d > loaded),
        gaps: w.__bench.gaps,
        blocks: w.__bench.blocks,
        marks: document.querySelectorAll('backgrounder-mark').length,
        annotate: performance.getEntriesByName('backgrounder:annotate', 'measure')[0]?.duration ?? Number.NaN,
      };
    });
    const s = (name: string) => (metrics[name] ?? Number.NaN) * 1000;
    return {
      marked,
      marks: seen.marks,
      taskMs: s('TaskDuration'),
      scriptMs: s('ScriptDuration'),
      styleMs: s('RecalcStyleDuration'),
      layoutMs: s('LayoutDuration'),
      layouts: metrics.LayoutCount ?? Number.NaN,
      longFrames: seen.loafs.filter((l) => l.d > LONG_FRAME_MS).map((l) => l.d),
      longestFrameGap: Math.max(0, ...seen.gaps),
      longestBlock: Math.max(0, ...seen.blocks),
      annotateMs: seen.annotate,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}
