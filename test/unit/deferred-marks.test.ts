/**
 * Marks waiting for their paragraph: written when the paragraph comes within a screen of the viewport, in document
 * order whatever order the page's changes deferred them in, and forgotten with a paragraph the page took out.
 * jsdom has no layout: each paragraph is given a box 100 px high, stacked, in a 500 px high window.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { TextRun } from '../../src/core/mark/text-runs';
import { DeferredMarks, type PlannedRun } from '../../src/content/deferred-marks';

const ROW_PX = 100;

function page(paragraphs: number) {
  const dom = new JSDOM(`<div id="body">${'<p>Sung Kim met officials.</p>'.repeat(paragraphs)}</div>`, {
    pretendToBeVisual: true,
  });
  const win = dom.window as unknown as Window;
  Object.defineProperty(win, 'innerHeight', { value: 500 });
  const body = win.document.getElementById('body')!;
  const scroll = { y: 0 };
  // Each paragraph's box follows its place among the body's current children, as layout would.
  const place = (p: Element) => {
    const top = [...body.children].indexOf(p) * ROW_PX - scroll.y;
    return { top, bottom: top + ROW_PX, left: 0, right: 100, width: 100, height: ROW_PX, x: 0, y: top } as DOMRect;
  };
  for (const p of body.children) p.getBoundingClientRect = () => place(p);
  return { dom, body, scroll };
}

function planned(p: Element, entityId = 'sung-kim'): PlannedRun {
  const node = p.firstChild as Text;
  const run: TextRun = { nodes: [node], starts: [0], lengths: [node.length], text: node.data, occupied: [] };
  return { run, matches: [{ start: 0, end: 8, entityId }] };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('marks waiting for their paragraph', () => {
  it('writes the paragraphs near the viewport, including one deferred out of order', async () => {
    const { body } = page(100);
    const paragraphs = [...body.children];
    const written: number[] = [];
    const deferred = new DeferredMarks(body, (runs) =>
      runs.forEach((r) => written.push(paragraphs.indexOf(r.run.nodes[0].parentElement!))),
    );
    // Load: paragraphs 30-99 wait, in document order; then the page re-renders paragraph 3 and it waits too.
    for (const p of paragraphs.slice(30)) deferred.defer(planned(p));
    deferred.defer(planned(paragraphs[3]));
    await deferred.start();
    // Viewport 0-500 px: paragraph 3 (300 px) is near; 30 and on start at 3,000 px, beyond three screens.
    expect(written).toEqual([3]);
    expect(deferred.pendingCounts()).toEqual({ 'sung-kim': 70 });
  });

  it('at load writes a screen around the viewport; while scrolling, once one is within a screen, three screens ahead', async () => {
    const { dom, body, scroll } = page(100);
    const paragraphs = [...body.children];
    const written: number[] = [];
    const deferred = new DeferredMarks(body, (runs) =>
      runs.forEach((r) => written.push(paragraphs.indexOf(r.run.nodes[0].parentElement!))),
    );
    const scrollTo = async (y: number) => {
      scroll.y = y;
      dom.window.dispatchEvent(new dom.window.Event('scroll'));
      await new Promise((resolve) => setTimeout(resolve, 80));
    };
    for (const p of paragraphs.slice(11)) deferred.defer(planned(p));
    deferred.defer(planned(paragraphs[2]));
    await deferred.start();
    // At load only what is within a screen: paragraph 2.
    expect(written).toEqual([2]);
    await scrollTo(2_050); // paragraph 15 is within a screen: written with everything from 550 to 4,050 px
    expect(written).toEqual([2, ...range(11, 40)]);
    await scrollTo(2_500); // the next waiting paragraph (41, at 4,100 px) is 1,100 px below the viewport: not yet
    expect(written).toEqual([2, ...range(11, 40)]);
    await scrollTo(3_200); // now within a screen: written to 5,200 px
    expect(written).toEqual([2, ...range(11, 52)]);
    expect(deferred.pendingCounts()).toEqual({ 'sung-kim': 90 - 1 - 30 - 12 });
  });

  it('forgets a waiting paragraph the page took out, and counts it no more', async () => {
    const { body } = page(100);
    const paragraphs = [...body.children];
    const written: Element[] = [];
    const deferred = new DeferredMarks(body, (runs) =>
      runs.forEach((r) => written.push(r.run.nodes[0].parentElement!)),
    );
    for (const p of paragraphs.slice(40)) deferred.defer(planned(p));
    paragraphs[45].remove();
    deferred.defer(planned(paragraphs[1]));
    await deferred.start();
    expect(written).toEqual([paragraphs[1]]);
    expect(deferred.pendingCounts()).toEqual({ 'sung-kim': 59 });
  });
});
