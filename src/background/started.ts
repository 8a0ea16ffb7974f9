/**
 * Imported first by the background script: marks when its code starts to run (`backgrounder:script-start`), so the
 * cold-start bench can tell the browser's start of the worker from the script's own work (see startup.ts).
 */
try {
  performance.mark('backgrounder:script-start');
} catch {
  // Timing is for the bench.
}
export {};
