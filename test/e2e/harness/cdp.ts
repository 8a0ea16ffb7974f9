/** Chromium-only measurements over the DevTools protocol. */
import type { CDPSession } from 'puppeteer-core';

/** The page's renderer counters after a forced garbage collection (twice: finalisers can release more). */
export async function chromiumCountersAfterGc(cdp: CDPSession) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const heap = await cdp.send('Runtime.getHeapUsage');
  return { documents: dom.documents, nodes: dom.nodes, listeners: dom.jsEventListeners, heapUsed: heap.usedSize };
}

/** `Performance.getMetrics` as a name → value map (TaskDuration, LayoutDuration, LayoutCount... in seconds). */
export async function performanceMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
