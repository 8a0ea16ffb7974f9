/**
 * Wraps every mention in a container in mark elements, and removes them again exactly. Marking only splits text
 * nodes and wraps pieces, so the page's text, links and element structure are untouched; unmarking joins the
 * split pieces back into the original text nodes.
 */

import type { Matcher, Match } from '../match/matcher';
import { collectTextRuns, type TextRun } from './text-runs';
export { collectTextRuns } from './text-runs';
import {
  adoptMark,
  allMarks,
  CONTINUES_ATTR,
  ENTITY_ATTR,
  forgetMark,
  isCopyOfOurs,
  isOurMark,
  JOINED_AFTER_ATTR,
  JOINED_BEFORE_ATTR,
  MARK_TAG,
  recordMention,
  TOKEN,
  TOKEN_ATTR,
} from './mark-element';

export interface MarkOptions {
  /** Selector for host-page regions inside the container that must stay unmarked (ads, captions...). */
  skipSelector?: string;
  /** Mark only the first mention of each entity. */
  firstOnly?: boolean;
  /** With firstOnly: entities already marked elsewhere (else read from the marks in the container). */
  marked?: Iterable<string>;
}

export interface MarkResult {
  /** Marks added by this call (the first piece of each new mention). */
  added: Element[];
}

const overlaps = (m: Match, occupied: Array<[number, number]>): boolean =>
  occupied.some(([s, e]) => m.start < e && s < m.end);

/** Marks the mentions `matcher` finds in `container`. Running it again adds nothing already marked. */
export function markMentions(container: Element, matcher: Matcher, options: MarkOptions = {}): MarkResult {
  const session = startMarking(container, options);
  const added: Element[] = [];
  for (const run of collectTextRuns(container, options.skipSelector)) added.push(...session.markRun(run, matcher));
  return { added };
}

/** State shared by the runs of one marking pass (so "first mention only" holds across runs). */
export interface MarkingSession {
  /** The matches of one run that this pass will mark (none inside existing marks; first mentions only if asked). */
  planRun(run: TextRun, matcher: Matcher): Match[];
  /** Wraps planned matches; skips the run when the page changed it since it was collected. Returns the new marks. */
  writeRun(run: TextRun, planned: readonly Match[]): Element[];
  /** Plans and writes one run at once. */
  markRun(run: TextRun, matcher: Matcher): Element[];
}

export function startMarking(container: Element, options: MarkOptions = {}): MarkingSession {
  const seen = new Set<string>(options.marked);
  if (options.firstOnly && !options.marked) {
    for (const mark of allMarks(container)) seen.add(mark.getAttribute(ENTITY_ATTR) ?? '');
  }
  const session: MarkingSession = {
    planRun(run, matcher) {
      const planned: Match[] = [];
      for (const match of matcher.find(run.text)) {
        if (overlaps(match, run.occupied)) continue;
        if (options.firstOnly) {
          if (seen.has(match.entityId)) continue;
          seen.add(match.entityId);
        }
        planned.push(match);
      }
      return planned;
    },
    writeRun(run, planned) {
      if (planned.length === 0 || !runIsIntact(run)) return [];
      // Wrap from the end backwards, so the offsets of earlier matches stay valid while text nodes are split.
      const added: Element[] = [];
      for (let i = planned.length - 1; i >= 0; i--) {
        const first = wrapMatch(run, planned[i]);
        if (first) added.push(first);
      }
      return added.reverse();
    },
    markRun(run, matcher) {
      return runIsIntact(run) ? session.writeRun(run, session.planRun(run, matcher)) : [];
    },
  };
  return session;
}

/** A run collected earlier is safe to mark only while its text nodes are still in place and unchanged. */
function runIsIntact(run: TextRun): boolean {
  // Compare the text, not only its length: a page that rewrites "Kim" as "Lee" keeps the length.
  return run.nodes.every((node, i) => {
    const start = run.starts[i];
    return (
      node.isConnected && node.length === run.lengths[i] && node.data === run.text.slice(start, start + node.length)
    );
  });
}

/** Wraps one match, piece by piece where it spans several text nodes; returns the first piece. */
function wrapMatch(run: TextRun, match: Match): Element | null {
  let first: Element | null = null;
  const pieces: Element[] = [];
  for (let n = run.nodes.length - 1; n >= 0; n--) {
    const nodeStart = run.starts[n];
    const node = run.nodes[n];
    const nodeEnd = nodeStart + node.length;
    if (nodeEnd <= match.start || nodeStart >= match.end) continue;
    const from = Math.max(match.start, nodeStart) - nodeStart;
    const to = Math.min(match.end, nodeEnd) - nodeStart;
    const piece = node.data.slice(from, to);
    if (!/\S/.test(piece)) continue;
    const mark = wrapRange(node, from, to, match.entityId);
    if (first) first.setAttribute(CONTINUES_ATTR, '');
    first = mark;
    pieces.unshift(mark);
  }
  if (pieces.length > 0) recordMention(pieces);
  return first;
}

function wrapRange(node: Text, from: number, to: number, entityId: string): Element {
  const doc = node.ownerDocument;
  const joinedBefore = from > 0;
  const target = joinedBefore ? split(node, from) : node;
  const joinedAfter = to - from < target.length;
  if (joinedAfter) split(target, to - from);
  const mark = doc.createElement(MARK_TAG);
  adoptMark(mark);
  mark.setAttribute(ENTITY_ATTR, entityId);
  mark.setAttribute(TOKEN_ATTR, TOKEN);
  if (joinedBefore) mark.setAttribute(JOINED_BEFORE_ATTR, '');
  if (joinedAfter) mark.setAttribute(JOINED_AFTER_ATTR, '');
  target.replaceWith(mark);
  mark.append(target);
  return mark;
}

/**
 * Removes every mark of ours under `root`, and every copy the page made of one, restoring the text nodes as they
 * were before marking. Whatever the page put inside or around a mark since (a link, a `<font>` from page
 * translation, its own text) stays where it is. A look-alike the page wrote itself is not touched.
 */
export function unmarkAll(root: ParentNode): void {
  // Last first: a later pass may have split a mark's trailing piece again, and that split is undone before it.
  for (const mark of [...root.querySelectorAll(MARK_TAG)].reverse()) {
    if (isOurMark(mark)) unwrap(mark);
    else if (isCopyOfOurs(mark)) unwrapCopy(mark);
  }
}

/**
 * Each text node we split off, with the page's node it came from. splitText leaves the first part in the page's
 * node, so that node is always the leftmost of its pieces: joining a piece into its left neighbour of the same
 * origin gives the page back its own node, and never removes one of the page's.
 */
const ORIGIN = new WeakMap<Text, Text>();
const originOf = (t: Text): Text => ORIGIN.get(t) ?? t;

function split(node: Text, offset: number): Text {
  const piece = node.splitText(offset);
  ORIGIN.set(piece, originOf(node));
  return piece;
}

const isText = (n: Node | null | undefined): n is Text => n?.nodeType === 3;

/** Joins `piece` into the text node before it when both came from one page node; returns the node now holding it. */
function joinLeft(piece: Text): Text {
  const prev = piece.previousSibling;
  if (!isText(prev) || piece === originOf(piece) || originOf(prev) !== originOf(piece)) return piece;
  prev.appendData(piece.data);
  piece.remove();
  return prev;
}

function joinRight(node: Text): void {
  const next = node.nextSibling;
  if (isText(next) && next !== originOf(next) && originOf(next) === originOf(node)) {
    node.appendData(next.data);
    next.remove();
  }
}

/**
 * The mark's children take its place, whatever they are now (the page may have put a link or a `<font>` inside),
 * and the text pieces at its edges are joined back to the neighbours they were split from.
 */
function unwrap(mark: Element): void {
  forgetMark(mark);
  const children = [...mark.childNodes];
  if (!mark.parentNode) return;
  mark.replaceWith(...children);
  const first = children[0];
  const last = children.at(-1);
  const joined = isText(first) ? joinLeft(first) : null;
  if (isText(last)) joinRight(last === first && joined ? joined : last);
}

/** A page's copy of one of our marks: its children take its place, and split text is joined back where it can be. */
function unwrapCopy(mark: Element): void {
  const children = [...mark.childNodes];
  const only = children.length === 1 && children[0].nodeType === 3 ? (children[0] as Text) : null;
  const prev = mark.previousSibling;
  if (only && mark.hasAttribute(JOINED_BEFORE_ATTR) && prev?.nodeType === 3) {
    (prev as Text).appendData(only.data);
    mark.remove();
    joinAfter(mark, prev as Text);
    return;
  }
  mark.replaceWith(...children);
  if (only) joinAfter(mark, only);
}

function joinAfter(mark: Element, tail: Text): void {
  const next = tail.nextSibling;
  if (mark.hasAttribute(JOINED_AFTER_ATTR) && next?.nodeType === 3) {
    tail.appendData((next as Text).data);
    next.remove();
  }
}

/** Removes the page's copies of our marks under `root` (a re-rendered paragraph), so it can be marked afresh. */
export function unwrapCopies(root: Element): void {
  for (const mark of root.querySelectorAll(MARK_TAG)) if (isCopyOfOurs(mark)) unwrapCopy(mark);
}
