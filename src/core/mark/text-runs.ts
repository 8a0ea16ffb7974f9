/**
 * Splits a container's visible text into runs: stretches of text that a reader sees as continuous, inside one
 * block and not interrupted by `<br>` or by a region we never mark. Phrases are matched within a run only, so a
 * match never crosses a block boundary.
 */

import { MARK_TAG } from './mark-element';

export interface TextRun {
  /** The run's text nodes, in order. */
  nodes: Text[];
  /** Offset of each node's first character in `text`. */
  starts: number[];
  /** Each node's length when collected (a changed node makes the run stale). */
  lengths: number[];
  text: string;
  /** Ranges of `text` already inside a mark (from an earlier pass); new matches must not overlap them. */
  occupied: Array<[number, number]>;
}

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

/** Elements whose text is not prose a reader reads, or that the page needs untouched to keep working. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'LABEL',
  'OUTPUT',
]);

/** True for elements whose subtree must never be marked. `extra` adds host-page regions (ads, captions...). */
export function isSkippedElement(el: Element, extraSelector: string): boolean {
  if (SKIPPED_TAGS.has(el.tagName.toUpperCase())) return true;
  // Links keep their own hover and click behaviour; a card inside them would fight with it.
  if (el.tagName === 'A' && el.hasAttribute('href')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
  return extraSelector !== '' && el.matches(extraSelector);
}

export function isBlockElement(el: Element): boolean {
  return BLOCK_TAGS.has(el.tagName.toUpperCase());
}

const newRun = (): TextRun => ({ nodes: [], starts: [], lengths: [], text: '', occupied: [] });

/**
 * The runs of `container`, handed out one by one as each closes (at a block boundary, a <br> or a skipped region),
 * so the content script can mark between pulls and never walk a huge body in one task. Marking a run between pulls
 * is safe: it splits and wraps only that run's text nodes, and the walk's pending stack holds only later nodes.
 */
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

/** Every run of `container` at once. */
export function collectTextRuns(container: Element, extraSkipSelector = ''): TextRun[] {
  return [...textRunsOf(container, extraSkipSelector)];
}
