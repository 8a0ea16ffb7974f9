/**
 * Property-based tests of marking and unmarking (src/core/mark, src/core/match) on generated article DOMs.
 *
 * On a failure fast-check reports the counterexample (pseudo-HTML, every text node a JSON string), the seed and the
 * path. Replay it with `FC_SEED=<seed> FC_PATH=<path> npx vitest run test/unit/mark.property.test.ts`; search longer
 * with FC_RUNS_FACTOR=<n>.
 */
import fc from 'fast-check';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { collectTextRuns, markMentions, startMarking, unmarkAll, type MarkOptions } from '../../src/core/mark/mark';
import { compileMatcher } from '../../src/core/match/matcher';
import {
  articleFragment,
  ENTITY_IDS,
  prose,
  inlineParagraphs,
  insertedFragment,
  plainParagraphs,
  renderInto,
  SHEET,
  type Fragment,
} from './arbitrary-dom';

const MARK = 'backgrounder-mark';
const SKIP_SELECTOR = '[data-svcad]';
const matcher = compileMatcher(SHEET);

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const path = process.env.FC_PATH || undefined;
/** FC_RUNS_FACTOR=10 runs every property ten times as often (a longer search; not for `npm test`). */
const factor = Number(process.env.FC_RUNS_FACTOR) || 1;
const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: Math.round(numRuns * factor),
  ...(seed !== undefined ? { seed } : {}),
  ...(seed !== undefined && path !== undefined ? { path } : {}),
});

// A silent console: jsdom would otherwise log the generated <style> text it cannot parse.
const { document } = new JSDOM('<!doctype html><html><body></body></html>', { virtualConsole: new VirtualConsole() })
  .window;

/** Renders the fragment into a fresh container in the shared document, runs `fn`, and removes the container. */
function withContainer<T>(fragment: Fragment, fn: (root: HTMLElement) => T): T {
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

const options = (firstOnly: boolean): MarkOptions => ({ skipSelector: SKIP_SELECTOR, firstOnly });
const mark = (root: Element, firstOnly = false) => markMentions(root, matcher, options(firstOnly));

// ---------------------------------------------------------------------------------------------------------------
// Reading the marks back

interface Mention {
  entity: string;
  pieces: Element[];
  /** A `data-continues` piece with no mention before it. */
  orphan: boolean;
}

/** Mentions in document order: a mark without `data-continues`, then the consecutive marks that have it. */
function mentionsIn(root: Element): Mention[] {
  const out: Mention[] = [];
  for (const m of root.querySelectorAll(MARK)) {
    const last = out.at(-1);
    if (m.hasAttribute('data-continues') && last) last.pieces.push(m);
    else
      out.push({ entity: m.getAttribute('data-entity') ?? '', pieces: [m], orphan: m.hasAttribute('data-continues') });
  }
  return out;
}

/** Offset of each text node of `root` in `root.textContent`. */
function textOffsets(root: Node): Map<Node, number> {
  const offsets = new Map<Node, number>();
  const walker = (root.ownerDocument ?? document).createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    offsets.set(n, at);
    at += (n as Text).length;
  }
  return offsets;
}

/** Where each mention is, by text offsets in `root`, and what it marks. */
function located(root: Element, mentions: Mention[]): Array<{ start: number; end: number; entity: string }> {
  const offsets = textOffsets(root);
  return mentions.map((m) => {
    const last = (m.pieces.at(-1) as Element).firstChild as Text;
    return {
      start: offsets.get(m.pieces[0].firstChild as Node) as number,
      end: (offsets.get(last) as number) + last.length,
      entity: m.entity,
    };
  });
}

const squash = (s: string) => s.replace(/\s+/g, '');
const normalise = (s: string) => s.trim().replace(/\s+/g, ' ');
const PHRASE_ENTITY = new Map(SHEET.map((e) => [normalise(e.phrase), e.entityId]));

/** Regions whose subtree must never hold a mark. */
const FORBIDDEN = 'script, style, textarea, input, select, option, button, a[href], [data-svcad]';
const BLOCKS = 'p, div, blockquote, h2, section, ul, ol, li, table, tbody, tr, td';

function isInEditable(node: Element, root: Element): boolean {
  for (let e: Element | null = node; e && e !== root.parentElement; e = e.parentElement) {
    const v = e.getAttribute('contenteditable');
    if (v !== null && v.toLowerCase() !== 'false') return true;
  }
  return false;
}

/** Property 2, as assertions: every mark is allowed where it is, and is a well-formed mark. */
function expectMarksWellPlaced(root: Element): void {
  const problems: string[] = [];
  for (const m of root.querySelectorAll(MARK)) {
    const problem = (what: string) => problems.push(`${what}: ${JSON.stringify(m.parentElement?.outerHTML)}`);
    if (m.parentElement?.closest(FORBIDDEN)) problem('mark in a region never to be marked');
    if (isInEditable(m, root)) problem('mark in an editable region');
    if (m.parentElement?.closest(MARK)) problem('nested mark');
    if (!ENTITY_IDS.has(m.getAttribute('data-entity') ?? '')) problem('mark for an entity not in the sheet');
    if (!/\S/.test(m.textContent ?? '')) problem('white-space-only mark');
    if (m.childNodes.length !== 1 || m.firstChild?.nodeType !== 3) problem('mark not holding exactly one text node');
  }
  expect(problems).toEqual([]);
}

/** Property 5, as assertions: each mention (or each that `check` selects) is one phrase of the sheet, in one block. */
function expectMentionsArePhrases(root: Element, check: (m: Mention) => boolean = () => true): void {
  const mentions = mentionsIn(root);
  const where = located(root, mentions);
  const text = root.textContent ?? '';
  mentions.forEach((m, i) => {
    if (!check(m)) return;
    const pieces = m.pieces.map((p) => p.textContent ?? '');
    expect(m.orphan, `a continuing piece without a mention: ${JSON.stringify(pieces)}`).toBe(false);
    for (const p of m.pieces) expect(p.getAttribute('data-entity')).toBe(m.entity);
    // The text from the start of the first piece to the end of the last one.
    const spanned = normalise(text.slice(where[i].start, where[i].end));
    expect(PHRASE_ENTITY.get(spanned), `mention ${JSON.stringify(pieces)} spans ${JSON.stringify(spanned)}`).toBe(
      m.entity,
    );
    expect(squash(pieces.join(''))).toBe(squash(spanned));
    const blocks = new Set(m.pieces.map((p) => p.closest(BLOCKS) ?? root));
    expect(blocks.size, `mention ${JSON.stringify(pieces)} crosses blocks`).toBe(1);
    expect([...blocks][0] === root || root.contains([...blocks][0])).toBe(true);
    // Nor does a mention run across a <br> or a region that is never marked (which separates words even when empty).
    const first = m.pieces[0];
    const last = m.pieces.at(-1) as Element;
    const between = [...root.querySelectorAll(`br, ${FORBIDDEN}, [contenteditable]`)].filter(
      (e) =>
        first.compareDocumentPosition(e) & 4 /* FOLLOWING */ &&
        last.compareDocumentPosition(e) & 2 /* PRECEDING */ &&
        (e.localName === 'br' || e.matches(FORBIDDEN) || isInEditable(e, root)),
    );
    expect(
      between.map((e) => e.localName),
      `mention ${JSON.stringify(pieces)} runs across`,
    ).toEqual([]);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The reference implementation for property 6

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch);
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
const codePointBefore = (s: string, i: number): string | undefined =>
  i === 0
    ? undefined
    : String.fromCodePoint(s.codePointAt(i >= 2 && /[\udc00-\udfff]/.test(s[i - 1]) ? i - 2 : i - 1)!);
const codePointAt = (s: string, i: number): string | undefined =>
  i >= s.length ? undefined : String.fromCodePoint(s.codePointAt(i)!);

/** A hyphen between word characters joins them into one word ("Musudan-ri"). */
const joinedBefore = (s: string, i: number) => s[i - 1] === '-' && isWordChar(codePointBefore(s, i - 1));
const joinedAfter = (s: string, i: number) => s[i] === '-' && isWordChar(codePointAt(s, i + 1));

/** Length of `phrase` matched at `text[i]` (a phrase space matches one or more white-space characters), or -1. */
function matchAt(text: string, i: number, phrase: string): number {
  let j = i;
  for (const ch of phrase) {
    if (ch === ' ') {
      if (!isSpace(text[j])) return -1;
      while (isSpace(text[j])) j++;
    } else if (text.startsWith(ch, j)) j += ch.length;
    else return -1;
  }
  return j - i;
}

/** Leftmost-longest, whole-word, non-overlapping scan: the specification of the matcher, written plainly. */
function referenceFind(text: string): Array<{ start: number; end: number; entity: string }> {
  const phrases = SHEET.map((e) => ({ phrase: normalise(e.phrase), entity: e.entityId }));
  const found: Array<{ start: number; end: number; entity: string }> = [];
  let i = 0;
  while (i < text.length) {
    let best: { len: number; entity: string } | null = null;
    if (!isWordChar(codePointBefore(text, i)) && !joinedBefore(text, i)) {
      for (const { phrase, entity } of phrases) {
        const len = matchAt(text, i, phrase);
        if (len <= 0 || isWordChar(codePointAt(text, i + len)) || joinedAfter(text, i + len)) continue;
        if (!best || len > best.len) best = { len, entity };
      }
    }
    if (best) {
      found.push({ start: i, end: i + best.len, entity: best.entity });
      i += best.len;
    } else i += 1;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------

describe('marking generated article DOMs (property-based)', () => {
  it('1. keeps the text of the container unchanged', () => {
    fc.assert(
      fc.property(articleFragment, fc.boolean(), (fragment, firstOnly) =>
        withContainer(fragment, (root) => {
          const before = root.textContent;
          mark(root, firstOnly);
          expect(root.textContent).toBe(before);
        }),
      ),
      params(150),
    );
  });

  it('2. puts marks only where they may be, never nested, always for a sheet entity, never on white space', () => {
    fc.assert(
      fc.property(articleFragment, fc.boolean(), (fragment, firstOnly) =>
        withContainer(fragment, (root) => {
          mark(root, firstOnly);
          expectMarksWellPlaced(root);
        }),
      ),
      params(200),
    );
  });

  it('3. is idempotent: a second pass adds nothing and changes nothing', () => {
    fc.assert(
      fc.property(articleFragment, fc.boolean(), (fragment, firstOnly) =>
        withContainer(fragment, (root) => {
          mark(root, firstOnly);
          const html = root.innerHTML;
          const once = root.cloneNode(true);
          const second = mark(root, firstOnly);
          expect(second.added).toEqual([]);
          expect(root.innerHTML).toBe(html);
          expect(root.isEqualNode(once)).toBe(true);
        }),
      ),
      params(150),
    );
  });

  describe('4. unmarking restores the DOM exactly, text node for text node', () => {
    it('after one pass', () => {
      fc.assert(
        fc.property(articleFragment, fc.boolean(), (fragment, firstOnly) =>
          withContainer(fragment, (root) => {
            const original = root.cloneNode(true);
            mark(root, firstOnly);
            unmarkAll(root);
            expect(root.isEqualNode(original)).toBe(true);
          }),
        ),
        params(150),
      );
    });

    it('after two passes', () => {
      fc.assert(
        fc.property(articleFragment, fc.boolean(), (fragment, firstOnly) =>
          withContainer(fragment, (root) => {
            const original = root.cloneNode(true);
            mark(root, firstOnly);
            mark(root, firstOnly);
            unmarkAll(root);
            expect(root.isEqualNode(original)).toBe(true);
          }),
        ),
        params(100),
      );
    });

    it('after a pass with part of the sheet and a pass with all of it (which marks only whole new phrases)', () => {
      fc.assert(
        fc.property(articleFragment, fc.subarray([...SHEET]), fc.boolean(), (fragment, part, firstOnly) =>
          withContainer(fragment, (root) => {
            const original = root.cloneNode(true);
            markMentions(root, compileMatcher(part), options(firstOnly));
            const earlier = new Set(root.querySelectorAll(MARK));
            mark(root, firstOnly);
            expectMarksWellPlaced(root);
            expectMentionsArePhrases(root, (m) => m.pieces.every((p) => !earlier.has(p)));
            unmarkAll(root);
            expect(root.isEqualNode(original)).toBe(true);
          }),
        ),
        params(100),
      );
    });

    it('after marking, inserting new content, and marking again', () => {
      const insertion = fc.record({ target: fc.nat(), atStart: fc.boolean(), fragment: insertedFragment });
      fc.assert(
        fc.property(
          articleFragment,
          fc.array(insertion, { minLength: 1, maxLength: 3 }),
          fc.boolean(),
          (fragment, inserts, firstOnly) =>
            withContainer(fragment, (root) => {
              const expected = root.cloneNode(true) as Element;
              mark(root, firstOnly);
              // Insert the same content at the same place of the marked page and of the unmarked copy. Marking only
              // adds marks, so the page's own elements keep their document order: index k is the same element in both.
              const elementsOf = (r: Element) => [
                r,
                ...[...r.querySelectorAll('*')].filter((e) => e.localName !== MARK),
              ];
              for (const { target, atStart, fragment: added } of inserts) {
                for (const r of [root, expected]) {
                  const els = elementsOf(r);
                  const parent = els[target % els.length];
                  renderInto(parent, added.children, atStart ? parent.firstChild : null);
                }
              }
              const text = root.textContent;
              const earlier = new Set(root.querySelectorAll(MARK));
              mark(root, firstOnly);
              expect(root.textContent).toBe(text);
              expectMarksWellPlaced(root);
              // Property 5 for the new mentions only: content inserted into an earlier mention can split it (a block put
              // between its pieces), and marking does not revisit earlier marks.
              expectMentionsArePhrases(root, (m) => m.pieces.every((p) => !earlier.has(p)));
              unmarkAll(root);
              expect(root.isEqualNode(expected)).toBe(true);
            }),
        ),
        params(200),
      );
    });
  });

  it('5. marks whole phrases of the sheet, each within one block', () => {
    fc.assert(
      fc.property(articleFragment, fc.boolean(), (fragment, firstOnly) =>
        withContainer(fragment, (root) => {
          const { added } = mark(root, firstOnly);
          expectMentionsArePhrases(root);
          // The call reports the first piece of each new mention, in document order.
          expect(added).toEqual(mentionsIn(root).map((m) => m.pieces[0]));
        }),
      ),
      params(200),
    );
  });

  describe('6. marks exactly what a reference leftmost-longest whole-word scan of each paragraph finds', () => {
    const expectAsReference = (fragment: Fragment) =>
      withContainer(fragment, (root) => {
        mark(root);
        const ps = [...root.children];
        const actual = ps.map((p) => located(p, mentionsIn(p)));
        const expected = ps.map((p) => referenceFind(p.textContent ?? ''));
        expect(actual).toEqual(expected);
      });

    it('on plain paragraphs (text nodes only, split anywhere)', () => {
      fc.assert(fc.property(plainParagraphs, expectAsReference), params(250));
    });

    it('on paragraphs whose text is split across inline elements too', () => {
      fc.assert(fc.property(inlineParagraphs, expectAsReference), params(150));
    });
  });

  it('7. with firstOnly, marks exactly the first mention of each entity, and only that', () => {
    fc.assert(
      fc.property(articleFragment, fc.boolean(), (fragment, twice) => {
        const all = withContainer(fragment, (root) => {
          mark(root);
          return located(root, mentionsIn(root));
        });
        withContainer(fragment, (root) => {
          mark(root, true);
          if (twice) mark(root, true);
          const firsts = located(root, mentionsIn(root));
          const entities = firsts.map((m) => m.entity);
          expect(new Set(entities).size, `entities marked: ${entities.join(', ')}`).toBe(entities.length);
          const expected = all.filter((m, i) => all.findIndex((n) => n.entity === m.entity) === i);
          expect(firsts).toEqual(expected);
        });
      }),
      params(150),
    );
  });

  it('8. marking runs collected earlier (as the annotator does, in slices) leaves runs the page changed alone', () => {
    const change = fc.record({
      index: fc.nat(),
      kind: fc.constantFrom('same length', 'other length', 'remove', 'remove parent'),
      text: prose,
    });
    const textNodes = (root: Node) => {
      const walker = (root.ownerDocument ?? document).createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
      const out: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
      return out;
    };
    fc.assert(
      fc.property(
        articleFragment,
        fc.array(change, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (fragment, changes, firstOnly) =>
          withContainer(fragment, (root) => {
            const runs = collectTextRuns(root, SKIP_SELECTOR);
            const nodes = textNodes(root);
            if (nodes.length === 0) return;
            // The page changes between collecting and marking.
            for (const { index, kind, text: t } of changes) {
              const node = nodes[index % nodes.length];
              if (kind === 'same length') node.data = t.repeat(node.length).slice(0, node.length);
              else if (kind === 'other length') node.data = t;
              else if (kind === 'remove') node.remove();
              else if (node.parentNode !== root) node.parentElement?.remove();
            }
            const expected = root.cloneNode(true);
            const text = root.textContent;
            const session = startMarking(root, options(firstOnly));
            for (const run of runs) session.markRun(run, matcher);
            expect(root.textContent).toBe(text);
            expectMarksWellPlaced(root);
            expectMentionsArePhrases(root);
            unmarkAll(root);
            expect(root.isEqualNode(expected)).toBe(true);
          }),
      ),
      params(100),
    );
  });

  it('the generators make mentions common, and often split across nodes', () => {
    const sample = fc.sample(articleFragment, { numRuns: 200, ...(seed !== undefined ? { seed } : {}) });
    let withMarks = 0;
    let withSplit = 0;
    for (const fragment of sample) {
      withContainer(fragment, (root) => {
        mark(root);
        const mentions = mentionsIn(root);
        if (mentions.length > 0) withMarks++;
        if (mentions.some((m) => m.pieces.length > 1)) withSplit++;
      });
    }
    expect(withMarks).toBeGreaterThan(sample.length * 0.6);
    expect(withSplit).toBeGreaterThan(sample.length * 0.1);
  });
});

// Bugs the properties found, as plain examples.
describe('regressions found by the properties', () => {
  it('a combining mark is part of a word: decomposed "café" glued to "Sung Kim" is no whole-word "Sung Kim"', () => {
    // Property 6, seed -1571730948: <p>"cafe\u0301Sung Kim "</p> marked "Sung Kim"; the reference marks only "Kim",
    // as the matcher itself does for the same text in NFC ("caféSung Kim").
    const found = (t: string) => matcher.find(t).map((m) => t.slice(m.start, m.end));
    expect(found('cafe\u0301Sung Kim ')).toEqual(['Kim']);
    expect(found('caf\u00e9Sung Kim ')).toEqual(['Kim']);
    expect(found('Kim\u0301 and Kim')).toEqual(['Kim']);
    withContainer(
      { children: [{ k: 'el', tag: 'p', attrs: {}, children: [{ k: 'text', t: 'cafe\u0301Sung Kim' }] }] },
      (root) => {
        mark(root);
        expect([...root.querySelectorAll(MARK)].map((m) => m.textContent)).toEqual(['Kim']);
      },
    );
  });

  it('a run whose text the page rewrote at the same length since it was collected is not marked', () => {
    // Property 8, seed -969125599: a text node of a collected run rewritten at the same length ("a host of UN Security
    // Council resolutions" -> "Sung Sung Sung ...") was marked as "unsc-resolutions", since only lengths were compared.
    const { document: doc } = new JSDOM('<div><p>Kim said</p></div>', { virtualConsole: new VirtualConsole() }).window;
    const root = doc.querySelector('div') as HTMLElement;
    const runs = collectTextRuns(root);
    (root.querySelector('p')?.firstChild as Text).data = 'Lee said';
    const session = startMarking(root);
    expect(runs.flatMap((run) => session.markRun(run, matcher))).toEqual([]);
    expect(root.innerHTML).toBe('<p>Lee said</p>');
  });
});
