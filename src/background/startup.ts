/**
 * The background's start as User Timing entries, read by the cold-start bench (bench/cold-start.ts): from the
 * background's start (the service worker's or event page's time origin) to the knowledge base parsed, indexed and
 * ready, and how long the first page plan took. A handful of entries per start, none per page after the first.
 *   backgrounder:kb-start   mark, just before the knowledge is parsed (written by the knowledge module, build.mjs)
 *   backgrounder:kb-parse   measure, the JSON.parse of the shipped knowledge (build.mjs)
 *   backgrounder:kb-load    measure, from kb-start to the knowledge base indexed
 *   backgrounder:kb-ready   mark, the knowledge base ready: its startTime is the time since the background started
 *   backgrounder:first-plan measure, the first page-plan request answered
 */

export function recordKnowledgeReady(): void {
  try {
    const [start] = performance.getEntriesByName('backgrounder:kb-start', 'mark');
    performance.measure('backgrounder:kb-load', { start: start?.startTime ?? 0, end: performance.now() });
    performance.mark('backgrounder:kb-ready');
  } catch {
    // Timing is for the bench: a background without User Timing still answers.
  }
}

let planned = false;

/** Runs the page-plan `work`, recording the first one's time. */
export function firstPlanTimed<T>(work: () => T): T {
  if (planned) return work();
  planned = true;
  const start = performance.now();
  try {
    return work();
  } finally {
    try {
      performance.measure('backgrounder:first-plan', { start, end: performance.now() });
    } catch {
      // As above.
    }
  }
}
