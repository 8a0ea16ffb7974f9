/**
 * Wraps every mention in a container in mark elements, and removes them again exactly. Marking only splits text
 * nodes and wraps pieces, so the page's text, links and element structure are untouched; unmarking joins the
 * split pieces back into the original text nodes.
 */

import type { Matcher, Match } from '../match/matcher';
import { collectTextRuns, type TextRun } from './text-runs';
export { collectTextRuns } from './text-runs';
import { allMarks, CONTINUES_ATTR, ENTITY_ATTR, JOINED_AFTER_ATTR, JOINED_BEFORE_ATTR, MARK_TAG } from './mark-element';

export interface MarkOptions {
  /** Selector for host-page regions inside the container that must stay unmarked (ads, captions...). */
  skipSelector?: string;
  /** Mark only the first mention of each entity. */
  firstOnly?: boolean;
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
  const seen = new Set<string>();
  if (options.firstOnly) {
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
  }
  return first;
}

function wrapRange(node: Text, from: number, to: number, entityId: string): Element {
  const doc = node.ownerDocument;
  const joinedBefore = from > 0;
  const target = joinedBefore ? node.splitText(from) : node;
  const joinedAfter = to - from < target.length;
  if (joinedAfter) target.splitText(to - from);
  const mark = doc.createElement(MARK_TAG);
  mark.setAttribute(ENTITY_ATTR, entityId);
  if (joinedBefore) mark.setAttribute(JOINED_BEFORE_ATTR, '');
  if (joinedAfter) mark.setAttribute(JOINED_AFTER_ATTR, '');
  target.replaceWith(mark);
  mark.append(target);
  return mark;
}

/** Removes every mark under `root`, restoring the text nodes as they were before marking. */
export function unmarkAll(root: ParentNode): void {
  for (const mark of allMarks(root)) unwrap(mark);
}

function unwrap(mark: Element): void {
  const parent = mark.parentNode;
  if (!parent) return;
  const prev = mark.previousSibling;
  const children = [...mark.childNodes];
  const joinBefore = mark.hasAttribute(JOINED_BEFORE_ATTR) && prev?.nodeType === 3 && children.length === 1;
  let tail: Node | null;
  if (joinBefore) {
    (prev as Text).appendData(mark.textContent ?? '');
    mark.remove();
    tail = prev;
  } else {
    mark.replaceWith(...children);
    tail = children.at(-1) ?? null;
  }
  const next = tail?.nextSibling;
  if (mark.hasAttribute(JOINED_AFTER_ATTR) && tail?.nodeType === 3 && next?.nodeType === 3) {
    (tail as Text).appendData((next as Text).data);
    next.remove();
  }
}
