/**
 * A demonstration for a change to src/core/mark/text-runs.ts and src/content/annotator.ts, not shipped code.
 * collectTextRuns walks the whole body before the first run is marked, in the same task as the first slice: on a
 * 1 MB body that walk alone is a long task. This is the same walk (same code, same runs) as a generator, so the
 * content script can pull runs inside its ~8 ms slices and never has to walk the whole body in one task.
 *
 * Marking a run between two pulls is safe: a run is handed out only once it is closed (at a block boundary, a <br>
 * or a skipped region), and marking splits and wraps only that run's text nodes, while the walk's pending stack
 * holds only nodes after it. The runs are checked against collectTextRuns on every benchmark page (altAgrees).
 */

import { MARK_TAG } from '../src/core/mark/mark-element';
import { isBlockElement, isSkippedElement, type TextRun } from '../src/core/mark/text-runs';

const newRun = (): TextRun => ({ nodes: [], starts: [], lengths: [], text: '', occupied: [] });

export function* textRunsOf(container: Element, extraSkipSelector = ''): Generator<TextRun, void, undefined> {
  let run = newRun();
  /** The run so far if it holds visible text, and a new empty one in its place. */
  const close = (): TextRun | null => {
    const done = run.nodes.length > 0 && /\S/.test(run.text) ? run : null;
    run = newRun();
    return done;
  };
  type Frame = { node: Node; exiting: boolean };
  const stack: Frame[] = [];
  for (let c = container.lastChild; c; c = c.previousSibling) stack.push({ node: c, exiting: false });
  while (stack.length > 0) {
    const { node, exiting } = stack.pop() as Frame;
    if (exiting) {
      const done = close();
      if (done) yield done;
      continue;
    }
    if (node.nodeType === 3) {
      const text = node as Text;
      const start = run.text.length;
      run.nodes.push(text);
      run.starts.push(start);
      run.lengths.push(text.length);
      run.text += text.data;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el.localName === MARK_TAG) {
      const start = run.text.length;
      const text = el.textContent ?? '';
      run.text += text;
      run.occupied.push([start, start + text.length]);
      continue;
    }
    const block = isBlockElement(el);
    if (isSkippedElement(el, extraSkipSelector)) {
      const done = close();
      if (done) yield done;
      continue;
    }
    if (block) {
      const done = close();
      if (done) yield done;
      stack.push({ node: el, exiting: true });
    }
    for (let c = el.lastChild; c; c = c.previousSibling) stack.push({ node: c, exiting: false });
  }
  const done = close();
  if (done) yield done;
}
