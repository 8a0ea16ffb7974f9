/**
 * Marks that wait until their paragraph approaches the viewport. Writing a mark makes the browser restyle and lay
 * out the page again; on a long page, writing every mark at load costs the reader frames for text they may never
 * reach. The matches are already known (the popup's counts stay exact); only the writing waits.
 *
 * Which blocks are near is found from scroll and resize events, at most once per CHECK_MS, by a binary search over
 * the waiting blocks in document order: a dozen layout reads, after the browser has laid out the frame. An
 * IntersectionObserver on every waiting block (thousands on a long page) cost more than the marks themselves: the
 * browser recomputes every target on every frame the page scrolls or changes.
 */

import { isBlockElement, type TextRun } from '../core/mark/text-runs';
import type { Match } from '../core/match/matcher';

export interface PlannedRun {
  run: TextRun;
  matches: Match[];
}

interface Waiting {
  block: Element;
  runs: PlannedRun[];
}

/** A waiting paragraph this close to the viewport (screens above or below) is written now... */
const NEAR_SCREENS = 1;
/**
 * ...with every other waiting paragraph up to this far: each write costs the page a layout of the whole article
 * (thousands of paragraphs on a long page), so a few large writes cost the reader less than one per scroll step.
 */
const AHEAD_SCREENS = 3;
const CHECK_MS = 50;
/** A hidden tab renders no frames; after this the first pass is reported done anyway. */
const FIRST_REPORT_TIMEOUT_MS = 1000;
/** `a.compareDocumentPosition(b)` bit: b comes after a. */
const FOLLOWING = 4;

/** The nearest block element around `node` inside `root` (or `root`): it decides when a run is written. */
export function blockAround(node: Node | undefined, root: Element): Element {
  for (let el = node?.parentElement ?? null; el && el !== root; el = el.parentElement) {
    if (isBlockElement(el)) return el;
  }
  return root;
}

export class DeferredMarks {
  /** In document order; entries emptied by `take` or taken out of the page are dropped at the next check. */
  private waiting: Waiting[] = [];
  /**
   * Blocks deferred out of document order (a paragraph the page re-rendered, above the last one waiting): put in
   * place at the next check by binary search. Sorting the whole list instead cost a page that re-renders a
   * paragraph every few seconds thousands of position comparisons each time.
   */
  private arrivals: Waiting[] = [];
  private readonly byBlock = new Map<Element, Waiting>();
  private listening = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstReport: (() => void) | null = null;
  private readonly win: Window | null;
  private readonly onScroll = () => {
    if (this.timer === undefined) this.timer = setTimeout(() => this.check(), CHECK_MS);
  };

  constructor(
    private readonly root: Element,
    private readonly write: (runs: readonly PlannedRun[]) => void,
  ) {
    this.win = root.ownerDocument.defaultView;
  }

  /** Holds `planned` until its block comes near. */
  defer(planned: PlannedRun): void {
    const block = blockAround(planned.run.nodes[0], this.root);
    const known = this.byBlock.get(block);
    if (known) {
      known.runs.push(planned);
      return;
    }
    const entry = { block, runs: [planned] };
    const last = this.waiting.at(-1);
    const inOrder = !last || (last.block.isConnected && last.block.compareDocumentPosition(block) & FOLLOWING);
    (inOrder ? this.waiting : this.arrivals).push(entry);
    this.byBlock.set(block, entry);
  }

  /**
   * Starts watching the waiting blocks; resolves once the near ones are written (after the next frame). Without a
   * window (or with nothing waiting) everything is written now.
   */
  start(): Promise<void> {
    const win = this.win;
    if (!win || typeof win.requestAnimationFrame !== 'function' || this.byBlock.size === 0) {
      this.flush();
      return Promise.resolve();
    }
    if (!this.listening) {
      this.listening = true;
      const options = { capture: true, passive: true };
      win.addEventListener('scroll', this.onScroll, options);
      win.addEventListener('resize', this.onScroll, options);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.reportFirst(), FIRST_REPORT_TIMEOUT_MS);
      this.firstReport = () => {
        clearTimeout(timer);
        resolve();
      };
      // After the frame is laid out: reading positions then forces no extra layout.
      // At load, only what is within a screen: the reader has not moved yet, and the page is still settling.
      win.requestAnimationFrame(() =>
        setTimeout(() => {
          this.check(NEAR_SCREENS);
          this.reportFirst();
        }, 0),
      );
    });
  }

  /**
   * Writes now what is pending: the blocks that mention `entityId` (before the panel lists that entity's
   * mentions), or everything.
   */
  flush(entityId?: string): void {
    const mentions = (runs: PlannedRun[]) => runs.some(({ matches }) => matches.some((m) => m.entityId === entityId));
    const blocks = [...this.byBlock.values()].filter((w) => entityId === undefined || mentions(w.runs));
    const runs = blocks.flatMap((w) => this.take(w));
    if (runs.length > 0) this.write(runs);
  }

  /** Mentions not yet written, by entity id. */
  pendingCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { runs } of this.byBlock.values()) {
      for (const { matches } of runs) for (const m of matches) counts[m.entityId] = (counts[m.entityId] ?? 0) + 1;
    }
    return counts;
  }

  /** Forgets what is pending inside `block` (a pass plans it again): its own runs and those of blocks inside it. */
  dropWithin(block: Element): void {
    if (this.byBlock.size === 0) return;
    const own = this.byBlock.get(block);
    if (own) this.take(own);
    for (const inner of block.getElementsByTagName('*')) {
      const entry = this.byBlock.get(inner);
      if (entry) this.take(entry);
    }
    // A run whose nearest block is outside (`block` is the body's inline child): only its nodes say where it is.
    for (let at = block.parentElement; at; at = at.parentElement) {
      const entry = this.byBlock.get(at);
      if (entry) entry.runs = entry.runs.filter(({ run }) => !block.contains(run.nodes[0]));
      if (entry && entry.runs.length === 0) this.take(entry);
    }
  }

  /** Forgets everything pending (a new pass plans again). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.listening && this.win) {
      const options = { capture: true, passive: true };
      this.win.removeEventListener('scroll', this.onScroll, options);
      this.win.removeEventListener('resize', this.onScroll, options);
    }
    this.listening = false;
    this.waiting = [];
    this.arrivals = [];
    this.byBlock.clear();
    this.reportFirst();
  }

  private take(entry: Waiting): PlannedRun[] {
    const runs = entry.runs;
    entry.runs = [];
    this.byBlock.delete(entry.block);
    return runs;
  }

  /** Once a waiting block is within a screen of the viewport, writes it and those within `aheadScreens`. */
  private check(aheadScreens = AHEAD_SCREENS): void {
    this.timer = undefined;
    const win = this.win;
    if (!win) return;
    this.waiting = this.waiting.filter((w) => this.stillWaiting(w));
    for (const entry of this.arrivals) {
      if (this.stillWaiting(entry)) this.waiting.splice(this.positionOf(entry.block), 0, entry);
    }
    this.arrivals = [];
    const list = this.waiting;
    const near = win.innerHeight * NEAR_SCREENS;
    const ahead = win.innerHeight * aheadScreens;
    // The first block whose bottom is below the top of the written range.
    let lo = 0;
    for (let hi = list.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (list[mid].block.getBoundingClientRect().bottom < -ahead) lo = mid + 1;
      else hi = mid;
    }
    const inRange: Waiting[] = [];
    let close = false;
    for (let i = lo; i < list.length; i++) {
      const box = list[i].block.getBoundingClientRect();
      if (box.top > win.innerHeight + ahead) break;
      if (box.bottom < -ahead) continue;
      inRange.push(list[i]);
      close ||= box.bottom >= -near && box.top <= win.innerHeight + near;
    }
    // Nothing within a screen yet: the marks written last time still cover what the reader can reach.
    if (!close) return;
    const runs = inRange.flatMap((w) => this.take(w));
    if (runs.length > 0) this.write(runs);
  }

  /** An entry with runs whose block is still in the page; one the page took out is forgotten with its text. */
  private stillWaiting(entry: Waiting): boolean {
    if (entry.runs.length === 0) return false;
    if (entry.block.isConnected) return true;
    this.take(entry);
    return false;
  }

  /** Where `block` goes in the (document-ordered, connected) waiting list: log n position comparisons. */
  private positionOf(block: Element): number {
    let lo = 0;
    for (let hi = this.waiting.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (this.waiting[mid].block.compareDocumentPosition(block) & FOLLOWING) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private reportFirst(): void {
    const report = this.firstReport;
    this.firstReport = null;
    report?.();
  }
}
