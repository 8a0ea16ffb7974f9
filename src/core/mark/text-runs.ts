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

/** Elements whose subtree is never marked (but for contenteditable, which is decided below), as one selector. */
export const SKIPPED_UNLESS_EDITABLE = [
  ...[...SKIPPED_TAGS].map((t) => t.toLowerCase()),
  'a[href]',
  '[aria-hidden="true"]',
  '[hidden]',
].join(', ');

const editable = (el: Element): boolean => (el.getAttribute('contenteditable') ?? '').toLowerCase() !== 'false';

/**
 * Adds every element under `root` whose subtree is skipped, found with two queries rather than checks per
 * element: in a Firefox content script each DOM call crosses a wrapper, and a long page has tens of thousands of
 * elements. Links keep their own hover and click behaviour (a card inside them would fight it); editable regions
 * are the reader's; `contenteditable="false"` is an island that is not editable, so it is skipped only for
 * another reason.
 */
function addSkippedUnder(root: Element, selector: string, skipped: Set<Element>): void {
  for (const el of root.querySelectorAll(selector)) skipped.add(el);
  for (const el of root.querySelectorAll('[contenteditable]')) if (editable(el)) skipped.add(el);
}

const isSkipped = (el: Element, selector: string): boolean =>
  el.matches(selector) || (el.hasAttribute('contenteditable') && editable(el));

export function isBlockElement(el: Element): boolean {
  return BLOCK_TAGS.has(el.tagName.toUpperCase());
}

/** Children of the container whose skipped elements are found one by one, before one query finds the rest. */
const LAZY_CHILDREN = 8;

const newRun = (): TextRun => ({ nodes: [], starts: [], lengths: [], text: '', occupied: [] });

/**
 * The runs of `container`, handed out one by one as each closes (at a block boundary, a <br> or a skipped region),
 * so a caller can stop between pulls and never walk a huge body in one task. The walk goes forward and reads where
 * it goes next before handing out a run, so a caller that marks a run between pulls (splitting and wrapping only
 * that run's text nodes) does not disturb it.
 */
export function* textRunsOf(container: Element, extraSkipSelector = ''): Generator<TextRun, void, undefined> {
  const selector =
    extraSkipSelector === '' ? SKIPPED_UNLESS_EDITABLE : `${SKIPPED_UNLESS_EDITABLE}, ${extraSkipSelector}`;
  // Filled one child of the container at a time for the first few (a caller that stops early, reading the body's
  // first words, pays only for what it read), then for the whole container in one go: per-child queries cost more.
  const skipped = new Set<Element>();
  let childrenSeen = 0;
  const reach = (child: Element) => {
    childrenSeen++;
    if (childrenSeen > LAZY_CHILDREN) return;
    if (childrenSeen === LAZY_CHILDREN) {
      addSkippedUnder(container, selector, skipped);
      return;
    }
    if (isSkipped(child, selector)) skipped.add(child);
    addSkippedUnder(child, selector, skipped);
  };
  let run = newRun();
  /** The run so far if it holds visible text, and a new empty one in its place. */
  const close = (): TextRun | null => {
    const done = run.nodes.length > 0 && /\S/.test(run.text) ? run : null;
    run = newRun();
    return done;
  };
  /** The elements we are inside, and whether each is a block (leaving a block ends the run). */
  const open: Array<{ el: Element; block: boolean }> = [];

  /** Leaves finished elements (ending the run at each block) until one has a next sibling; null at the end. */
  function* ascend(): Generator<TextRun, Node | null, undefined> {
    while (open.length > 0) {
      const { el, block } = open.pop() as { el: Element; block: boolean };
      const next = el.nextSibling;
      const done = block ? close() : null;
      if (done) yield done;
      if (next) return next;
    }
    return null;
  }

  let node: Node | null = container.firstChild;
  while (node) {
    let next: Node | null = node.nextSibling;
    let ends = false;
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      run.nodes.push(node as Text);
      run.starts.push(run.text.length);
      run.lengths.push(data.length);
      run.text += data;
    } else if (node.nodeType === 1) {
      const el = node as Element;
      if (el.localName === MARK_TAG) {
        const start = run.text.length;
        const text = el.textContent ?? '';
        run.text += text;
        run.occupied.push([start, start + text.length]);
      } else {
        if (open.length === 0) reach(el);
        if (skipped.has(el)) {
          ends = true;
        } else {
          const block = BLOCK_TAGS.has(el.tagName.toUpperCase());
          const first = el.firstChild;
          if (first) {
            open.push({ el, block });
            next = first;
          }
          ends = block;
        }
      }
    }
    if (ends) {
      const done = close();
      if (done) yield done;
    }
    node = next ?? (yield* ascend());
  }
  const done = close();
  if (done) yield done;
}

/** Every run of `container` at once. */
export function collectTextRuns(container: Element, extraSkipSelector = ''): TextRun[] {
  return [...textRunsOf(container, extraSkipSelector)];
}
