/** Polls with a timer, not requestAnimationFrame: background tabs get no animation frames. */
export const POLL = { polling: 50, timeout: 10_000 };
/** The same budget for vitest's expect.poll. */
export const EXPECT_POLL = { interval: 50, timeout: 10_000 };
