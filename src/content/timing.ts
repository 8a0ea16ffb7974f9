/** User Timing: every step is a `backgrounder:<step>` measure, visible in profilers and read by the benchmarks. */

export function measured<T>(step: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    record(step, start);
  }
}

export function record(step: string, start: number): void {
  try {
    performance.measure(`backgrounder:${step}`, { start, end: performance.now() });
  } catch {
    // A page that replaced `performance` must not lose its annotations over a metric.
  }
}
