// Runs first in each bench page, as the page's own script. Plain JavaScript read as text: a function stringified
// from TypeScript under tsx carries esbuild's `__name` helper, which does not exist in the page.
// Records long animation frames where the browser reports them (Chromium); elsewhere (Firefox) the gaps between
// animation frames and between zero-delay tasks, which is how long the main thread was held by other work.
(() => {
  const bench = { loafs: [], gaps: [], gapsAt: [], blocks: [] };
  window.__bench = bench;
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.loafs.push({ d: entry.duration, at: entry.startTime });
    }).observe({ type: 'long-animation-frame', buffered: true });
    // Chromium: the frames themselves are reported; the probes below would only add work to both sides.
    return;
  }
  // Firefox: no long-animation-frame entries, so what a page can observe: the gaps between animation frames and
  // between zero-delay tasks after load.
  let lastFrame = 0;
  const onFrame = (now) => {
    if (lastFrame && document.readyState === 'complete') {
      bench.gaps.push(now - lastFrame);
      bench.gapsAt.push(now);
    }
    lastFrame = now;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  let lastTask = performance.now();
  const onTask = () => {
    const now = performance.now();
    if (document.readyState === 'complete') bench.blocks.push(now - lastTask);
    lastTask = now;
    setTimeout(onTask, 0);
  };
  setTimeout(onTask, 0);
})();
