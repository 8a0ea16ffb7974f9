/**
 * Reading marks back out of a marked DOM, for the property tests: mentions in document order, where each one is,
 * and the properties "every mark is well placed" and "every mention is one phrase of the sheet" as assertions.
 */
import { expect } from 'vitest';
import { MARK_TAG as MARK } from '../../src/core/mark/mark-element';
import { ENTITY_IDS, SHEET } from './arbitrary-dom';

export interface Mention {
  entity: string;
  pieces: Element[];
  /** A `data-continues` piece with no mention before it. */
  orphan: boolean;
}

/** Mentions in document order: a mark without `data-continues`, then the consecutive marks that have it. */
export function mentionsIn(root: Element): Mention[] {
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
export function located(root: Element, mentions: Mention[]): Array<{ start: number; end: number; entity: string }> {
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
export const normalise = (s: string) => s.trim().replace(/\s+/g, ' ');
const PHRASE_ENTITY = new Map(SHEET.map((e) => [normalise(e.phrase), e.entityId]));

/** Regions whose subtree must never hold a mark. */
export const FORBIDDEN = 'script, style, textarea, input, select, option, button, a[href], [data-svcad]';
const BLOCKS = 'p, div, blockquote, h2, section, ul, ol, li, table, tbody, tr, td';

export function isInEditable(node: Element, root: Element): boolean {
  for (let e: Element | null = node; e && e !== root.parentElement; e = e.parentElement) {
    const v = e.getAttribute('contenteditable');
    if (v !== null && v.toLowerCase() !== 'false') return true;
  }
  return false;
}

/** Property 2, as assertions: every mark is allowed where it is, and is a well-formed mark. */
export function expectMarksWellPlaced(root: Element): void {
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
export function expectMentionsArePhrases(root: Element, check: (m: Mention) => boolean = () => true): void {
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
