/**
 * Marks one article body and keeps it marked. A pass first matches without writing (in time slices, so no long
 * task on a huge page), then writes in as few frames as it can: at once the first mention of each entity (every
 * entity is reachable by Tab from there) and what is near the viewport, the rest as it approaches. It marks again
 * when the page inserts content (ads, lazy blocks) but never in reaction to its own marks, and is exactly undone on
 * stop.
 */

import type { PagePlan } from '../core/knowledge/plan';
import type { EntityView, PageViews } from '../core/knowledge/views';
import { ENTITY_ATTR, mentionMarks } from '../core/mark/mark-element';
import { startMarking, unmarkAll } from '../core/mark/mark';
import { assignTabStops, countMentions } from '../core/mark/tab-stops';
import { textRunsOf } from '../core/mark/text-runs';
import { compileMatcher, type Matcher } from '../core/match/matcher';
import { NON_PROSE_IN_BODY } from '../core/site/korea-herald';
import { CardController } from './card-controller';
import { CARD_TAG, SLICE_MS } from './constants';
import { DeferredMarks, type PlannedRun } from './deferred-marks';
import { mentionContext } from './mention-context';
import type { Mention } from './panel-view';
import { measured, record } from './timing';

const REMARK_DELAY_MS = 50;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export type MarkedPlan = Exclude<PagePlan, { mode: 'none' }>;

export interface AnnotatorOptions {
  firstOnly: boolean;
  cardDelayMs: () => number;
  /** Asks the background for the cards of these entities on the plan's date. */
  loadViews: (ids: string[]) => Promise<PageViews>;
  /** After each pass: mentions per entity (written and waiting). */
  onChange: (counts: Record<string, number>) => void;
}

export class Annotator {
  private readonly controller = new AbortController();
  private readonly matcher: Matcher;
  private readonly skipSelector = `${NON_PROSE_IN_BODY}, ${CARD_TAG}`;
  private readonly observer: MutationObserver;
  private readonly deferred: DeferredMarks;
  private readonly card: CardController;
  private viewsById = new Map<string, EntityView>();
  private pageViews: PageViews | null = null;
  private remarkTimer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly body: Element,
    readonly plan: MarkedPlan,
    private readonly options: AnnotatorOptions,
  ) {
    this.matcher = measured('compile', () => compileMatcher(plan.phrases));
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
    this.observer = new Observer(() => this.scheduleRemark());
    this.deferred = new DeferredMarks(body, (runs) => this.write(runs));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get views(): PageViews | null {
    return this.pageViews;
  }

  /** Marks the body, then watches it for inserted content. */
  start(): Promise<void> {
    this.running = this.markAll('annotate');
    return this.running;
  }

  /** Removes every mark, the card and every listener and observer. */
  stop(): void {
    this.controller.abort();
    clearTimeout(this.remarkTimer);
    this.observer.disconnect();
    this.deferred.clear();
    measured('unmark', () => unmarkAll(this.body));
  }

  /** Mentions per entity: those written and those waiting for their paragraph to come near. */
  counts(): Record<string, number> {
    const counts = countMentions(this.body);
    for (const [id, n] of Object.entries(this.deferred.pendingCounts())) counts[id] = (counts[id] ?? 0) + n;
    return counts;
  }

  /** Scrolls to the entity's first mention and opens its full background. */
  reveal(entityId: string): boolean {
    const mark = mentionMarks(this.body).find((m) => m.getAttribute(ENTITY_ATTR) === entityId);
    if (!mark) return false;
    const smooth = !this.body.ownerDocument.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    mark.scrollIntoView?.({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    this.card.openPanel(mark);
    return true;
  }

  /** Every mention of the entity of `mark`, each with the sentence around it; written first if still waiting. */
  private mentionsOf(mark: Element): { mentions: Mention[]; marks: Element[] } {
    const id = mark.getAttribute(ENTITY_ATTR);
    if (id !== null) this.deferred.flush(id);
    const marks = mentionMarks(this.body).filter((m) => m.getAttribute(ENTITY_ATTR) === id);
    return { mentions: marks.map((m) => mentionContext(m, this.body, m === mark)), marks };
  }

  private scheduleRemark(): void {
    if (this.signal.aborted) return;
    clearTimeout(this.remarkTimer);
    this.remarkTimer = setTimeout(() => {
      this.running = this.running.then(() => this.markAll('remark'));
    }, REMARK_DELAY_MS);
  }

  /** One pass over the whole body (idempotent): match in slices, then write first mentions and what is near. */
  private async markAll(step: 'annotate' | 'remark'): Promise<void> {
    const start = performance.now();
    // Compiling the matcher (in the constructor) was a task of its own; matching starts in the next one.
    if (step === 'annotate') await nextTask();
    this.deferred.clear();
    const matchStart = performance.now();
    const planned = await this.match();
    if (planned === null) return;
    record('match', matchStart);

    // Entities already written (earlier passes) and those this pass found.
    const written = Object.keys(countMentions(this.body));
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

    // The first run that mentions an entity not yet marked is written now: the entity is then a Tab stop.
    const marked = new Set(written);
    const now: PlannedRun[] = [];
    for (const item of planned) {
      const firstHere = item.matches.some((m) => !marked.has(m.entityId));
      for (const m of item.matches) marked.add(m.entityId);
      if (firstHere) now.push(item);
      else this.deferred.defer(item);
    }
    measured('write', () => this.write(now));
    await this.deferred.start();
    if (this.signal.aborted) return;
    record(step, start);
    this.options.onChange(this.counts());
  }

  /** The planned matches of every run, found without writing; null if stopped meanwhile. */
  private async match(): Promise<PlannedRun[] | null> {
    // Runs are pulled lazily inside the slices, so no single task walks the whole of a huge body.
    const runs = textRunsOf(this.body, this.skipSelector);
    const session = startMarking(this.body, { skipSelector: this.skipSelector, firstOnly: this.options.firstOnly });
    const planned: PlannedRun[] = [];
    for (let done = false; !done;) {
      if (this.signal.aborted) return null;
      const sliceStart = performance.now();
      while (performance.now() - sliceStart < SLICE_MS) {
        const next = runs.next();
        if (next.done) {
          done = true;
          break;
        }
        const matches = session.planRun(next.value, this.matcher);
        if (matches.length > 0) planned.push({ run: next.value, matches });
      }
      if (!done) await nextTask();
    }
    return this.signal.aborted ? null : planned;
  }

  /** Writes planned runs in one go, with the observer off so our own marks never trigger a pass. */
  private write(runs: readonly PlannedRun[]): void {
    if (this.signal.aborted) return;
    this.observer.disconnect();
    const session = startMarking(this.body);
    for (const { run, matches } of runs) session.writeRun(run, matches);
    assignTabStops(this.body);
    this.observer.observe(this.body, { childList: true, subtree: true, characterData: true });
  }
}
