/**
 * The background's cold start (issue 16's budget): how long a freshly started background takes to parse and index
 * the knowledge base and answer its first page plan. Read from the background's own User Timing entries
 * (src/background/startup.ts), so the harness's round trips are not in the figures.
 *   - Chromium: the service worker is stopped (its target closed, as an idle worker is), then woken by a glossary
 *     page-plan request from an extension page: a cold worker, as a reader's first article after a pause meets it.
 *   - Firefox: the event page is started afresh by reloading the extension (runtime.reload() from one of its
 *     pages); the same request then asks for a plan, and the event page's window (runtime.getBackgroundPage())
 *     is read.
 * Figures per start: `readyMs`, the knowledge base ready, in ms since the background's time origin (the worker or
 * event page starting: loading and compiling background.js is in it); `loadMs`, parsing and indexing alone
 * (kb-load), of which `parseMs` the JSON.parse; `firstPlanMs`, the first glossary plan.
 */
import type { Page } from 'puppeteer-core';
import { ENTITY_KINDS } from '../src/core/knowledge/kinds';
import type { Session } from '../test/e2e/harness/session';

export interface ColdStart {
  readyMs: number;
  /** When background.js began to run, in ms since the background's time origin. */
  scriptStartMs: number;
  loadMs: number;
  parseMs: number;
  firstPlanMs: number;
}

/** What a glossary page of 1 March 2019 asks for: every entity's aliases valid that day, and the event phrases. */
const PLAN_REQUEST = {
  type: 'page-plan',
  headlines: [],
  date: '2019-03-01',
  bodyStart: null,
  kinds: [...ENTITY_KINDS],
  glossary: true,
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the plan request from a fresh extension page; returns the page (the caller closes it). */
async function askForPlan(session: Session): Promise<Page> {
  const page = await session.openExtensionPage('options/options.html');
  const reply = await page.evaluate(async (request) => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    const plan = (await (g.browser ?? g.chrome).runtime.sendMessage(request)) as { mode?: string } | undefined;
    return plan?.mode ?? 'no reply';
  }, PLAN_REQUEST);
  if (reply !== 'glossary') throw new Error(`cold start: the plan request got "${reply}", not a glossary plan`);
  return page;
}

async function chromiumColdStart(session: Session): Promise<ColdStart> {
  // Stopped as Chromium stops an idle worker (DevTools' "Stop"), over the CDP ServiceWorker domain of a tab.
  const tab = await session.newTab();
  try {
    const cdp = await tab.createCDPSession();
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const v of event.versions)
        if (v.scriptURL.startsWith(session.extensionOrigin)) statuses.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // Chromium may start it again at once (an install's pending events): that start is as cold as ours.
    for (let i = 0; i < 100 && !statuses.includes('stopped'); i++) await pause(50);
    if (!statuses.includes('stopped')) throw new Error(`cold start: the service worker did not stop (${statuses})`);
    await cdp.detach();
  } finally {
    await tab.close().catch(() => undefined);
  }
  const page = await askForPlan(session);
  try {
    return await readWorker(session);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** What the code below evaluates in the background: its start's User Timing entries. */
const readTimings = (performance: string) => `(() => {
  const one = (name) => ${performance}.getEntriesByName(name)[0];
  return {
    readyMs: one('backgrounder:kb-ready')?.startTime ?? NaN,
    scriptStartMs: one('backgrounder:script-start')?.startTime ?? NaN,
    loadMs: one('backgrounder:kb-load')?.duration ?? NaN,
    parseMs: one('backgrounder:kb-parse')?.duration ?? NaN,
    firstPlanMs: one('backgrounder:first-plan')?.duration ?? NaN,
  };
})()`;

/**
 * The running worker's timings, over a CDP session of its own: puppeteer keeps a stopped worker's target (and its
 * dead session) listed, and a woken worker under the same target id is not announced again.
 */
async function readWorker(session: Session): Promise<ColdStart> {
  const cdp = await session.browser.target().createCDPSession();
  try {
    for (let i = 0; i < 100; i++) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const info = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(session.extensionOrigin));
      if (info) {
        const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: true });
        const worker = cdp.connection()?.session(sessionId);
        if (!worker) throw new Error('cold start: could not attach to the service worker');
        try {
          const { result } = await worker.send('Runtime.evaluate', {
            expression: readTimings('performance'),
            returnByValue: true,
          });
          return result.value as ColdStart;
        } finally {
          await worker.detach().catch(() => undefined);
        }
      }
      await pause(50);
    }
    throw new Error('cold start: no service worker after the plan request');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function firefoxColdStart(session: Session): Promise<ColdStart> {
  // runtime.reload() starts the event page afresh and keeps the extension's origin (a reinstall would not).
  const old = await session.openExtensionPage('options/options.html');
  await old
    .evaluate(() => {
      const g = globalThis as unknown as { browser: typeof chrome };
      setTimeout(() => g.browser.runtime.reload(), 0);
    })
    .catch(() => undefined);
  for (let i = 0; i < 100 && !old.isClosed(); i++) await pause(50);
  await old.close().catch(() => undefined);
  await pause(500);
  const page = await askForPlan(session);
  try {
    // The event page's window, from an extension page of the same extension.
    return (await page.evaluate(
      `browser.runtime.getBackgroundPage().then((background) => ${readTimings('background.performance')})`,
    )) as ColdStart;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** One cold start of the background in this session's browser. */
export const coldStart = (session: Session): Promise<ColdStart> =>
  session.name === 'chromium' ? chromiumColdStart(session) : firefoxColdStart(session);

/** `runs` cold starts of the background in this session's browser (plus one first, not counted). */
export async function measureColdStarts(session: Session, runs: number): Promise<ColdStart[]> {
  await pause(1_000);
  await coldStart(session);
  const out: ColdStart[] = [];
  for (let i = 0; i < runs; i++) out.push(await coldStart(session));
  return out;
}

/**
 * The same cold start for several builds of the extension (one session each, open side by side), taking turns
 * start by start so that the machine's load falls on each alike.
 */
export async function compareColdStarts(
  sessions: ReadonlyArray<[string, Session]>,
  runs: number,
): Promise<Array<[string, ColdStart[]]>> {
  await pause(1_000);
  for (const [, session] of sessions) await coldStart(session);
  const out = sessions.map(([label]) => [label, [] as ColdStart[]] as [string, ColdStart[]]);
  for (let i = 0; i < runs; i++) {
    for (const [k, [, session]] of sessions.entries()) out[k][1].push(await coldStart(session));
  }
  return out;
}
