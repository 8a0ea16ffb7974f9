/**
 * What the property tests of marking share: the sheet's matcher, fast-check's parameters (FC_SEED, FC_PATH and
 * FC_RUNS_FACTOR from the environment), a quiet jsdom document and a container to render each generated DOM into.
 */
import fc from 'fast-check';
import { JSDOM, VirtualConsole } from 'jsdom';
import { markMentions, type MarkOptions } from '../../src/core/mark/mark';
import { MARK_TAG } from '../../src/core/mark/mark-element';
import { compileMatcher } from '../../src/core/match/matcher';
import { renderInto, SHEET, type Fragment } from './arbitrary-dom';

export const MARK = MARK_TAG;
export const SKIP_SELECTOR = '[data-svcad]';
export const matcher = compileMatcher(SHEET);

export const FC_SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const path = process.env.FC_PATH || undefined;
/** FC_RUNS_FACTOR=10 runs every property ten times as often (a longer search; not for `npm test`). */
const factor = Number(process.env.FC_RUNS_FACTOR) || 1;
export const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: Math.round(numRuns * factor),
  ...(FC_SEED !== undefined ? { seed: FC_SEED } : {}),
  ...(FC_SEED !== undefined && path !== undefined ? { path } : {}),
});

// A silent console: jsdom would otherwise log the generated <style> text it cannot parse.
export const { document } = new JSDOM('<!doctype html><html><body></body></html>', {
  virtualConsole: new VirtualConsole(),
}).window;

/** Renders the fragment into a fresh container in the shared document, runs `fn`, and removes the container. */
export function withContainer<T>(fragment: Fragment, fn: (root: HTMLElement) => T): T {
  const root = document.createElement('div');
  root.id = 'article';
  renderInto(root, fragment.children);
  document.body.append(root);
  try {
    return fn(root);
  } finally {
    root.remove();
  }
}

export const options = (firstOnly: boolean): MarkOptions => ({ skipSelector: SKIP_SELECTOR, firstOnly });
export const mark = (root: Element, firstOnly = false) => markMentions(root, matcher, options(firstOnly));
