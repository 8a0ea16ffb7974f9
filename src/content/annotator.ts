/**
 * Marks one article body and keeps it marked. A pass first matches without writing (in time slices, so no long
 * task on a huge page), then writes in as few frames as it can: at once the first mention of each entity (every
 * entity is reachable by Tab from there) and what is near the viewport, the rest as it approaches. It is exactly
 * undone on stop.
 *
 * After the first pass, work is proportional to what the page changes: the mutation records say which blocks
 * gained text, and only those are matched again. Changes inside skipped regions or our own UI, and changes that add
 * no text, are ignored. One pass runs at a time; changes meanwhile wait for the next. A page that keeps undoing our
 * marks slows re-marking down, and a block whose marks the page removed a few times is left alone.
 */

import type { PagePlan } from '../core/knowledge/plan';
import type { EntityView, PageViews } from '../core/knowledge/views';
import { CONTINUES_ATTR, ENTITY_ATTR, isOurMark, MARK_TAG } from '../core/mark/mark-element';
import { startMarking, unmarkAll, unwrapCopies } from '../core/mark/mark';
import { SKIPPED_UNLESS_EDITABLE, textRunsOf, type TextRun } from '../core/mark/text-runs';
import { NON_PROSE_IN_BODY } from '../core/site/korea-herald';
import { CardController } from './card-controller';
import { ChangeTracker } from './change-tracker';
import { SLICE_MS } from './constants';
import { DeferredMarks, type PlannedRun } from './deferred-marks';
import { mentionContext } from './mention-context';
import { PageMatcher, type Vocabulary } from './page-matcher';
import type { Mention } from './panel-view';
import { TabStopKeeper } from './tab-stop-keeper';
import { measured, record, summed } from './timing';

/**
 * Up to this many changed blocks are matched and written at once, in the mutation observer's callback: before the
 * page's change is rendered, so the page and its marks cost one layout, not two.
 */
const AT_ONCE_BLOCKS = 8;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export type MarkedPlan = Exclude<PagePlan, { mode: 'none' }>;

export interface AnnotatorOptions {
  firstOnly: boolean;
  cardDelayMs: () => number;
  /** Asks the background for the cards of these entities on the plan's date. */
  loadViews: (ids: string[]) => Promise<PageViews>;
  /** When the number of entities marked (written and waiting) changes: mentions per entity. */
  onChange: (counts: Record<string, number>) => void;
  /**
   * Glossary mode: the plan holds only the phrases for the words the page had (`known`); text the page adds with
   * new words is matched once their phrases have come (`phrasesFor` adds them to `known`).
   */
  vocabulary?: Vocabulary;
}

export class Annotator {
  private readonly controller = new AbortController();
  private readonly words: PageMatcher;
  private readonly skipSelector = NON_PROSE_IN_BODY;
  /** Where a change never needs marking, and a run is never marked: skipped regions (text-runs' and the site's). */
  private readonly ignoredSelector = `${SKIPPED_UNLESS_EDITABLE}, ${NON_PROSE_IN_BODY}`;
  private readonly changes: ChangeTracker;
  private readonly observer: MutationObserver;
  private readonly deferred: DeferredMarks;
  private readonly card: CardController;
  /** The first mark of every mention we wrote, until seen gone: counts, first mentions and tab stops read this. */
  private readonly marks = new Set<Element>();
  private readonly tabStops = new TabStopKeeper();
  private viewsById = new Map<string, EntityView>();
  private pageViews: PageViews | null = null;
  private remarkTimer: ReturnType<typeof setTimeout> | undefined;
  private passing = false;
  /** Inside the observer's own synchronous pass: records read meanwhile only collect blocks. */
  private syncing = false;
  private reported = -1;

  constructor(
    private readonly body: Element,
    readonly plan: MarkedPlan,
    private readonly options: AnnotatorOptions,
  ) {
    this.words = new PageMatcher(plan.phrases, options.vocabulary);
    const doc = body.ownerDocument;
    this.card = new CardController(doc, {
      views: () => this.viewsById,
      pageViews: () => this.pageViews,
      mentionsOf: (mark) => this.mentionsOf(mark),
      dwellMs: options.cardDelayMs,
      signal: this.controller.signal,
    });
    // The page's constructor: in a Firefox content script the sandbox global differs from the page's window.
    const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new Observer((records) => summed('observe', () => this.onMutations(records)));
    this.deferred = new DeferredMarks(body, (runs) => this.write(runs));
    this.changes = new ChangeTracker(body, this.ignoredSelector, (node) => this.card.owns(node));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get views(): PageViews | null {
    return this.pageViews;
  }

  /** Marks the body, then watches it for inserted content. */
  async start(): Promise<void> {
    // Compiling the matcher (in the constructor) was a task of its own; matching starts in the next one.
    await nextTask();
    this.passing = true;
    // Watching from the start: what the page inserts while the first pass runs is matched by the next.
    this.observe();
    try {
      await this.pass([this.body], 'annotate');
    } finally {
      this.passing = false;
      if (this.changes.pending) this.schedule();
    }
  }

  /** Removes every mark (wherever the page moved it, and the page's copies), the card, listeners and observers. */
  stop(): void {
    this.controller.abort();
    clearTimeout(this.remarkTimer);
    this.observer.disconnect();
    this.deferred.clear();
    const doc = this.body.ownerDocument;
    measured('unmark', () => unmarkAll(doc));
    this.marks.clear();
  }

  /** Mentions per entity: those written and those waiting for their paragraph to come near. */
  counts(): Record<string, number> {
    const counts = this.deferred.pendingCounts();
    for (const mark of this.live()) {
      if (mark.hasAttribute(CONTINUES_ATTR)) continue;
      const id = mark.getAttribute(ENTITY_ATTR) ?? '';
      counts[id] = (counts[id] ?? 0) + 1;
    }
    return counts;
  }

  /** Scrolls to the entity's first mention and opens its full background. */
  reveal(entityId: string): boolean {
    const mark = this.marksOf(entityId)[0];
    if (!mark) return false;
    const smooth = !this.body.ownerDocument.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    mark.scrollIntoView?.({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    this.card.openPanel(mark);
    return true;
  }

  /** Our marks still in the page (those the page removed are forgotten). */
  private live(): Element[] {
    const live: Element[] = [];
    for (const mark of this.marks) {
      if (mark.isConnected) live.push(mark);
      else this.marks.delete(mark);
    }
    return live;
  }

  /** The first marks of the entity's mentions, in document order: one query, linear in the marks. */
  private marksOf(entityId: string): Element[] {
    this.deferred.flush(entityId);
    return [...this.body.ownerDocument.querySelectorAll(`${MARK_TAG}:not([${CONTINUES_ATTR}])`)].filter(
      (m) => isOurMark(m) && m.getAttribute(ENTITY_ATTR) === entityId,
    );
  }

  /** Every mention of the entity of `mark`, each with the sentence around it; written first if still waiting. */
  private mentionsOf(mark: Element): { mentions: Mention[]; marks: Element[] } {
    const marks = this.marksOf(mark.getAttribute(ENTITY_ATTR) ?? '');
    return { mentions: marks.map((m) => mentionContext(m, this.body, m === mark)), marks };
  }

  /** Reads what the page changed; a small change is marked at once, a larger one (or our marks undone) later. */
  private onMutations(records: MutationRecord[]): void {
    if (this.signal.aborted) return;
    const undone = this.changes.read(records);
    if (this.syncing) return;
    if (!undone && !this.changes.wholeBody && !this.passing && this.remarkTimer === undefined) this.remarkNow();
    if (this.changes.pending || this.changes.hasLost) this.schedule();
  }

  /**
   * Matches and writes a few changed blocks now (in the observer's callback, before the page's change is laid
   * out). A larger change, or one naming an entity whose card is not loaded yet, is left to the async pass.
   */
  private remarkNow(): void {
    const units = this.changes.takeFew(AT_ONCE_BLOCKS);
    if (units.length === 0) return;
    const start = performance.now();
    // New words first need their phrases from the background: the async pass asks.
    if (this.words.newWords(units).length > 0) {
      this.changes.putBack(units);
      return;
    }
    // Most changes (a clock, a counter) name nothing: one look at their text, before any bookkeeping.
    if (!units.some((unit) => this.namesSomething(unit))) return;
    const later = () => this.changes.putBack(units);
    this.syncing = true;
    try {
      this.prepare(units);
      const written = this.writtenIds();
      const session = startMarking(this.body, { firstOnly: this.options.firstOnly, marked: this.seeded(written) });
      const planned: PlannedRun[] = [];
      for (const unit of units) {
        for (const run of textRunsOf(unit, this.skipSelector)) {
          if (this.inSkipped(run)) continue;
          const matches = session.planRun(run, this.words.matcher);
          if (matches.length > 0) planned.push({ run, matches });
        }
      }
      if (planned.some(({ matches }) => matches.some((m) => !this.viewsById.has(m.entityId)))) {
        later();
        return;
      }
      if (planned.length === 0) return;
      this.place(planned, written);
      void this.deferred.start();
      record('remark', start);
      this.report();
    } catch {
      // Never an error in the page's callback stack: the async pass tries again.
      later();
    } finally {
      this.syncing = false;
    }
  }

  private namesSomething(unit: Element): boolean {
    for (const run of textRunsOf(unit, this.skipSelector))
      if (this.words.matcher.find(run.text).length > 0) return true;
    return false;
  }

  private writtenIds(): Set<string> {
    return new Set(this.live().map((m) => m.getAttribute(ENTITY_ATTR) ?? ''));
  }

  /** Entities a first-mention-only pass must not mark again: written, or waiting (read only when it matters). */
  private seeded(written: Set<string>): Set<string> | undefined {
    if (!this.options.firstOnly) return undefined;
    return new Set([...written, ...Object.keys(this.deferred.pendingCounts())]);
  }

  /** Before matching `units` again: forget what was waiting in them, and unwrap the page's copies of our marks. */
  private prepare(units: Element[]): void {
    for (const unit of units) {
      if (unit === this.body) this.deferred.clear();
      else this.deferred.dropWithin(unit);
    }
    this.withoutObserver(() => units.forEach(unwrapCopies));
  }

  /** Writes the first run that mentions an entity not yet marked now (the entity is then a Tab stop); defers the rest. */
  private place(planned: PlannedRun[], written: Set<string>): void {
    const marked = new Set(written);
    const now: PlannedRun[] = [];
    for (const item of planned) {
      const firstHere = item.matches.some((m) => !marked.has(m.entityId));
      for (const m of item.matches) marked.add(m.entityId);
      if (firstHere) now.push(item);
      else this.deferred.defer(item);
    }
    this.write(now);
  }

  /** One pass at a time: changes during a pass are picked up by the next. */
  private schedule(): void {
    if (this.signal.aborted || this.passing || this.remarkTimer !== undefined) return;
    this.remarkTimer = setTimeout(() => {
      this.remarkTimer = undefined;
      void this.remark();
    }, this.changes.backoffMs);
  }

  private async remark(): Promise<void> {
    const units = this.changes.takeAll();
    this.passing = true;
    try {
      if (this.changes.takeLost()) this.tabStops.repair(this.live());
      if (units.length > 0) await this.pass(units, 'remark');
      else this.report();
    } catch {
      // A failed pass must not end re-marking for the life of the page: the next change starts a fresh one.
    } finally {
      this.passing = false;
      if (this.changes.pending) this.schedule();
    }
  }

  /** Matches `units` (blocks, or the whole body) in slices, then writes first mentions and what is near. */
  private async pass(units: Element[], step: 'annotate' | 'remark'): Promise<void> {
    const start = performance.now();
    // The first pass's words are the plan's own; later passes may bring new ones.
    if (step === 'remark') await this.words.learn(units);
    if (this.signal.aborted) return;
    this.prepare(units);
    const written = this.writtenIds();
    const planned = await this.match(units, this.seeded(written));
    if (planned === null) return;
    if (planned.length === 0 && step === 'remark') {
      // Nothing to write: no measure, so "marking has settled" means something on a page that never stops changing.
      this.report();
      return;
    }

    const ids = new Set(written);
    for (const { matches } of planned) for (const m of matches) ids.add(m.entityId);
    if ([...ids].some((id) => !this.viewsById.has(id))) {
      try {
        const viewsStart = performance.now();
        this.pageViews = await this.options.loadViews([...ids]);
        record('views', viewsStart);
        this.viewsById = new Map(this.pageViews.entities.map((v) => [v.id, v]));
      } catch {
        // Without cards a mark would promise what it cannot show: write none this pass.
        return;
      }
      if (this.signal.aborted) return;
    }

    this.place(planned, written);
    await this.deferred.start();
    if (this.signal.aborted) return;
    record(step, start);
    this.report();
  }

  /** Tells the background when the number of entities marked changed. */
  private report(): void {
    const counts = this.counts();
    const entities = Object.keys(counts).length;
    if (entities === this.reported) return;
    this.reported = entities;
    this.options.onChange(counts);
  }

  /** The planned matches of every run of `units`, found without writing; null if stopped meanwhile. */
  private async match(units: Element[], marked: Set<string> | undefined): Promise<PlannedRun[] | null> {
    const matchStart = performance.now();
    const session = startMarking(this.body, { firstOnly: this.options.firstOnly, marked });
    const planned: PlannedRun[] = [];
    for (const unit of units) {
      // Runs are pulled lazily inside the slices, so no single task walks the whole of a huge body.
      const runs = textRunsOf(unit, this.skipSelector);
      for (let done = false; !done;) {
        if (this.signal.aborted) return null;
        const sliceStart = performance.now();
        while (performance.now() - sliceStart < SLICE_MS) {
          const next = runs.next();
          if (next.done) {
            done = true;
            break;
          }
          // The page may have inserted a region we skip (an ad) after the walk listed the skipped ones.
          if (this.inSkipped(next.value)) continue;
          const matches = session.planRun(next.value, this.words.matcher);
          if (matches.length > 0) planned.push({ run: next.value, matches });
        }
        record('slice', sliceStart);
        if (!done) await nextTask();
      }
    }
    record('match', matchStart);
    return this.signal.aborted ? null : planned;
  }

  /** Is any of the run's text inside a region we never mark (one check per parent element, not per node)? */
  private inSkipped(run: TextRun): boolean {
    let last: Element | null = null;
    for (const node of run.nodes) {
      const parent = node.parentElement;
      if (parent === last) continue;
      last = parent;
      if (!parent || parent.closest(this.ignoredSelector) !== null) return true;
    }
    return false;
  }

  /** Writes planned runs in one go, with the observer off so our own marks never trigger a pass. */
  private write(runs: readonly PlannedRun[]): void {
    if (this.signal.aborted || runs.length === 0) return;
    measured('write', () =>
      this.withoutObserver(() => {
        const session = startMarking(this.body);
        const added: Element[] = [];
        for (const item of runs) {
          // Checked again at writing: a run deferred at load may be inside a region the page has since made an ad.
          if (!this.inSkipped(item.run)) added.push(...session.writeRun(item.run, item.matches));
        }
        for (const mark of added) this.marks.add(mark);
        this.tabStops.add(added);
      }),
    );
  }

  /** Runs `work` with the observer off; what the page changed before is read first, not lost. */
  private withoutObserver(work: () => void): void {
    const pending = this.observer.takeRecords();
    this.observer.disconnect();
    try {
      if (pending.length > 0) this.onMutations(pending);
      work();
    } finally {
      if (!this.signal.aborted) this.observe();
    }
  }

  private observe(): void {
    this.observer.observe(this.body, { childList: true, subtree: true, characterData: true });
  }
}
