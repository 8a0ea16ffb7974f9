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

/** How often the summed time of a frequent step becomes one measure. */
const SUM_EVERY_MS = 1_000;
const sums = new Map<string, { total: number; since: number }>();

/**
 * For steps that run on every change a page makes (a clock: ten times a second), one measure per entry would grow
 * the page's performance timeline without bound. Their time is summed and recorded at most once a second, as one
 * measure as long as the time they took, ending now.
 */
export function summed<T>(step: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    const now = performance.now();
    const sum = sums.get(step) ?? { total: 0, since: start };
    sum.total += now - start;
    if (now - sum.since >= SUM_EVERY_MS) {
      record(step, now - sum.total);
      sums.delete(step);
    } else {
      sums.set(step, sum);
    }
  }
}
