/**
 * What Backgrounder costs after load, next to the load phase (measure.ts), with and without it in the same run:
 *   - live body: the page keeps changing (a clock in the article body every 100 ms, one paragraph re-rendered from
 *     the page's own copy every 2 s), measured over 10 s of idle reading;
 *   - scroll: the reader reads the page top to bottom, a wheel step of 1,200 px every 100 ms, while the marks
 *     waiting for their paragraphs are written;
 *   - panel: opening the full background of an entity with 5,000 mentions (every mention listed with its sentence).
 * Chromium: the renderer's main-thread totals over CDP and long animation frames in the window. Firefox (no CDP):
 * the time Backgrounder's own synchronous steps took (its `backgrounder:observe`, `slice`, `write` and `panel`
 * measures; style and layout they cause are not in it) and the longest gap between animation frames.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { performanceMetrics } from '../test/e2e/harness/cdp';
import { ROOT } from '../test/e2e/harness/paths';
import type { Session } from '../test/e2e/harness/session';
import { waitForMarkingSettled } from '../test/e2e/support/marks';
import { LONG_FRAME_MS } from './measure';

export const LIVE_MS = 10_000;
const FRAME_WITNESS = readFileSync(join(ROOT, 'bench/frame-witness.js'), 'utf8');
/** The page's own script of the live-body phase: plain JavaScript, run in the page. */
const LIVE_SCRIPT = `(() => {
  const start = () => {
    const body = document.getElementById('articleText');
    const clock = document.createElement('p');
    clock.id = 'bench-clock';
    body.prepend(clock);
    setInterval(() => { clock.textContent = 'Updated ' + new Date().toISOString(); }, 100);
    // Re-rendered from the page's own copy, as a framework renders from state: Backgrounder's marks in it go.
    const paragraphs = [...body.querySelectorAll('p:not(#bench-clock)')].slice(0, 6);
    const sources = paragraphs.map((p) => p.innerHTML);
    let n = 0;
    setInterval(() => {
      const i = n++ % paragraphs.length;
      const fresh = document.createElement('p');
      fresh.innerHTML = sources[i];
      paragraphs[i].replaceWith(fresh);
      paragraphs[i] = fresh;
    }, 2000);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();`;

export interface Phase {
  marked: boolean;
  /** Length of the measured window. */
  wallMs: number;
  /** Renderer main-thread totals over the window (Chromium; NaN in Firefox). */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  /** Backgrounder's own synchronous steps in the window (its User Timing measures). */
  ownMs: number;
  /** Long animation frames in the window (Chromium), and the longest frame gap (both). */
  longFrames: number[];
  longestFrameGap: number;
  marks: number;
}

interface Window0 {
  t0: number;
  metrics: Record<string, number>;
}

async function open(session: Session, url: string, html: string, marked: boolean, extra = ''): Promise<Page> {
  session.serve(url, html.replace('<head>', `<head><script>${FRAME_WITNESS}${extra}</script>`));
  const page = await session.newTab();
  await page.bringToFront();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  if (marked) await waitForMarkingSettled(page, { quietMs: 300, timeoutMs: 60_000 });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return page;
}

async function begin(page: Page, cdp: CDPSession | null): Promise<Window0> {
  return {
    t0: await page.evaluate(() => performance.now()),
    metrics: cdp ? await performanceMetrics(cdp) : {},
  };
}

async function end(page: Page, cdp: CDPSession | null, from: Window0, marked: boolean): Promise<Phase> {
  const metrics = cdp ? await performanceMetrics(cdp) : {};
  const seen = await page.evaluate(
    (t0: number, tag: string) => {
      const w = window as unknown as {
        __bench: { loafs: Array<{ d: number; at: number }>; gaps: number[]; gapsAt: number[] };
      };
      const own = ['observe', 'slice', 'write', 'panel']
        .flatMap((step) => performance.getEntriesByName(`backgrounder:${step}`, 'measure'))
        .filter((m) => m.startTime >= t0)
        .reduce((sum, m) => sum + m.duration, 0);
      return {
        now: performance.now(),
        own,
        loafs: w.__bench.loafs.filter((l) => l.at >= t0).map((l) => l.d),
        gaps: w.__bench.gaps.filter((_, i) => w.__bench.gapsAt[i] >= t0),
        marks: document.querySelectorAll(tag).length,
      };
    },
    from.t0,
    'backgrounder-mark',
  );
  const delta = (name: string) => ((metrics[name] ?? Number.NaN) - (from.metrics[name] ?? Number.NaN)) * 1000;
  return {
    marked,
    wallMs: seen.now - from.t0,
    taskMs: delta('TaskDuration'),
    scriptMs: delta('ScriptDuration'),
    layoutMs: delta('LayoutDuration'),
    ownMs: seen.own,
    longFrames: seen.loafs.filter((d) => d > LONG_FRAME_MS),
    longestFrameGap: Math.max(0, ...seen.gaps),
    marks: seen.marks,
  };
}

/** 10 s of a page whose body changes every 100 ms. */
export async function measureLiveBody(session: Session, url: string, html: string, marked: boolean): Promise<Phase> {
  const page = await open(session, url, html, marked, LIVE_SCRIPT);
  try {
    const cdp = session.name === 'chromium' ? await page.createCDPSession() : null;
    await cdp?.send('Performance.enable');
    const from = await begin(page, cdp);
    await new Promise((resolve) => setTimeout(resolve, LIVE_MS));
    return await end(page, cdp, from, marked);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** The page read top to bottom: a 1,200 px wheel step every 100 ms until the end, then 1 s for the last marks. */
export async function measureScroll(session: Session, url: string, html: string, marked: boolean): Promise<Phase> {
  const page = await open(session, url, html, marked);
  try {
    const cdp = session.name === 'chromium' ? await page.createCDPSession() : null;
    await cdp?.send('Performance.enable');
    const viewport = page.viewport() ?? { width: 1280, height: 800 };
    await page.mouse.move(viewport.width / 2, viewport.height / 2);
    const from = await begin(page, cdp);
    for (;;) {
      const step = Date.now();
      await page.mouse.wheel({ deltaY: 1_200 });
      const atEnd = await page.evaluate(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 2);
      if (atEnd) break;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - step))));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return await end(page, cdp, from, marked);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Opens the full background of the entity with the most mentions by keyboard; the panel's own measure. */
export async function measurePanel(
  session: Session,
  url: string,
  html: string,
  entityId: string,
): Promise<{ panelMs: number; listed: number }> {
  const page = await open(session, url, html, true);
  try {
    await page.focus(`backgrounder-mark[tabindex="0"][data-entity="${entityId}"]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => performance.getEntriesByName('backgrounder:panel', 'measure').length > 0, {
      timeout: 60_000,
      polling: 100,
    });
    return await page.evaluate(() => {
      const panel = document.querySelector('backgrounder-panel')?.shadowRoot;
      return {
        panelMs: performance.getEntriesByName('backgrounder:panel', 'measure')[0]?.duration ?? Number.NaN,
        listed: panel?.querySelectorAll('.mention').length ?? 0,
      };
    });
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** A page whose body names `phrase` `mentions` times, five to a paragraph, after the seed article's own body. */
export function manyMentionsPage(article: string, phrase: string, mentions: number): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < mentions / 5; i++) {
    paragraphs.push(
      `<p>${Array.from({ length: 5 }, (_, k) => `On day ${i * 5 + k}, ${phrase} spoke again.`).join(' ')}</p>`,
    );
  }
  return article.replace(/(<article id="articleText"[^>]*>[\s\S]*?)(<\/article>)/, `$1${paragraphs.join('')}$2`);
}
