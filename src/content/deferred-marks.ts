/**
 * Marks that wait until their paragraph approaches the viewport. Writing a mark makes the browser restyle and lay
 * out the page again; on a long page, writing every mark at load costs the reader frames for text they may never
 * reach. The matches are already known (the popup's counts stay exact); only the writing waits.
 */

import { isBlockElement, type TextRun } from '../core/mark/text-runs';
import type { Match } from '../core/match/matcher';

export interface PlannedRun {
  run: TextRun;
  matches: Match[];
}

/** How far beyond the viewport a paragraph counts as near: one screen above and below. */
const NEAR = '100% 0px 100% 0px';
/** A hidden tab never reports intersections; after this the first pass is reported done anyway. */
const FIRST_REPORT_TIMEOUT_MS = 1000;

/** The nearest block element around `node` inside `root` (or `root`): it decides when a run is written. */
export function blockAround(node: Node | undefined, root: Element): Element {
  for (let el = node?.parentElement ?? null; el && el !== root; el = el.parentElement) {
    if (isBlockElement(el)) return el;
  }
  return root;
}

export class DeferredMarks {
  private readonly pending = new Map<Element, PlannedRun[]>();
  private readonly observer: IntersectionObserver | null;
  private firstReport: (() => void) | null = null;

  constructor(
    private readonly root: Element,
    private readonly write: (runs: readonly PlannedRun[]) => void,
  ) {
    // The page's constructor: in a Firefox content script the sandbox global differs from the page's window.
    const Observer = root.ownerDocument.defaultView?.IntersectionObserver;
    this.observer = Observer ? new Observer((entries) => this.onIntersect(entries), { rootMargin: NEAR }) : null;
  }

  /** Holds `planned` until its block comes near. */
  defer(planned: PlannedRun): void {
    const block = blockAround(planned.run.nodes[0], this.root);
    const list = this.pending.get(block);
    if (list) list.push(planned);
    else this.pending.set(block, [planned]);
  }

  /**
   * Starts watching the deferred blocks; resolves once the near ones are written (the observer's first report).
   * Without IntersectionObserver everything is written now.
   */
  start(): Promise<void> {
    if (!this.observer || this.pending.size === 0) {
      this.flush();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.reportFirst(), FIRST_REPORT_TIMEOUT_MS);
      this.firstReport = () => {
        clearTimeout(timer);
        resolve();
      };
      for (const block of this.pending.keys()) this.observer?.observe(block);
    });
  }

  /**
   * Writes now what is pending: the blocks that mention `entityId` (before the panel lists that entity's
   * mentions), or everything.
   */
  flush(entityId?: string): void {
    const mentions = (runs: PlannedRun[]) => runs.some(({ matches }) => matches.some((m) => m.entityId === entityId));
    const blocks = [...this.pending].filter(([, runs]) => entityId === undefined || mentions(runs)).map(([b]) => b);
    const runs = blocks.flatMap((b) => this.take(b));
    if (runs.length > 0) this.write(runs);
  }

  /** Mentions not yet written, by entity id. */
  pendingCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const runs of this.pending.values()) {
      for (const { matches } of runs) for (const m of matches) counts[m.entityId] = (counts[m.entityId] ?? 0) + 1;
    }
    return counts;
  }

  /** Forgets what is pending inside `block` (a pass plans it again): its own runs and those of blocks inside it. */
  dropWithin(block: Element): void {
    if (this.pending.size === 0) return;
    this.take(block);
    for (const inner of block.getElementsByTagName('*')) if (this.pending.has(inner)) this.take(inner);
    // A run whose nearest block is outside (`block` is the body's inline child): only its nodes say where it is.
    for (let at = block.parentElement; at; at = at.parentElement) {
      const runs = this.pending.get(at);
      if (!runs) continue;
      const kept = runs.filter(({ run }) => !block.contains(run.nodes[0]));
      if (kept.length === runs.length) continue;
      if (kept.length > 0) this.pending.set(at, kept);
      else this.take(at);
    }
  }

  /** Forgets everything pending (a new pass plans again). */
  clear(): void {
    this.observer?.disconnect();
    this.pending.clear();
    this.reportFirst();
  }

  private take(block: Element): PlannedRun[] {
    const runs = this.pending.get(block) ?? [];
    this.pending.delete(block);
    this.observer?.unobserve(block);
    return runs;
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    const runs = entries.filter((e) => e.isIntersecting).flatMap((e) => this.take(e.target));
    if (runs.length > 0) this.write(runs);
    this.reportFirst();
  }

  private reportFirst(): void {
    const report = this.firstReport;
    this.firstReport = null;
    report?.();
  }
}
