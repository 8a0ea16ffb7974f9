/**
 * Marks one article body and keeps it marked: in time slices (no long task on a huge page), again when the page
 * inserts content (ads, lazy blocks) but never in reaction to its own marks, and exactly undone on stop.
 */

import type { Entity, FactSheet } from '../core/fact-sheet/types';
import { mentionMarks, ENTITY_ATTR } from '../core/mark/mark-element';
import { startMarking, unmarkAll, type MarkOptions } from '../core/mark/mark';
import { textRunsOf } from '../core/mark/text-runs';
import { assignTabStops, countMentions } from '../core/mark/tab-stops';
import type { Matcher } from '../core/match/matcher';
import { matcherForSheet } from '../core/match/sheet-matcher';
import { NON_PROSE_IN_BODY } from '../core/page/layouts';
import type { Settings } from '../core/settings';
import { CardController } from './card-controller';
import { CARD_TAG } from './card-view';
import { measured, record } from './timing';

/** Work longer than this is split; well under the 50 ms that counts as a long task. */
const SLICE_MS = 8;
const REMARK_DELAY_MS = 50;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class Annotator {
  private readonly controller = new AbortController();
  private readonly entities: ReadonlyMap<string, Entity>;
  private readonly matcher: Matcher;
  private readonly markOptions: MarkOptions;
  private readonly observer: MutationObserver;
  private readonly card: CardController;
  private remarkTimer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly body: Element,
    sheet: FactSheet,
    private readonly settings: Settings,
    private readonly onChange: (counts: Record<string, number>) => void,
  ) {
    this.entities = new Map(sheet.entities.map((e) => [e.id, e]));
    this.matcher = measured('compile', () => matcherForSheet(sheet, settings.kinds));
    this.markOptions = {
      skipSelector: `${NON_PROSE_IN_BODY}, ${CARD_TAG}`,
      firstOnly: settings.mentions === 'first',
    };
    const doc = body.ownerDocument;
    this.card = new CardController(doc, {
      entities: this.entities,
      asOf: sheet.asOf,
      dwellMs: () => this.settings.cardDelayMs,
      signal: this.controller.signal,
    });
    // The page's own constructor: in a Firefox content script the sandbox global differs from the page's window.
    const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new Observer(() => this.scheduleRemark());
  }

  get signal(): AbortSignal {
    return this.controller.signal;
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
    measured('unmark', () => unmarkAll(this.body));
  }

  counts(): Record<string, number> {
    return countMentions(this.body);
  }

  /** Scrolls to the entity's first mention and opens its card. */
  reveal(entityId: string): boolean {
    const mark = mentionMarks(this.body).find((m) => m.getAttribute(ENTITY_ATTR) === entityId);
    if (!mark) return false;
    const smooth = !this.body.ownerDocument.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    mark.scrollIntoView?.({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    this.card.open(mark);
    return true;
  }

  private scheduleRemark(): void {
    if (this.signal.aborted) return;
    clearTimeout(this.remarkTimer);
    this.remarkTimer = setTimeout(() => {
      this.running = this.running.then(() => this.markAll('remark'));
    }, REMARK_DELAY_MS);
  }

  /** One marking pass over the whole body (idempotent), in slices, with the observer off while we write. */
  private async markAll(step: string): Promise<void> {
    const start = performance.now();
    // Compiling the matcher (in the constructor) was a task of its own; marking starts in the next one.
    if (step === 'annotate') await nextTask();
    // Runs are pulled lazily inside the slices, so no single task walks the whole of a huge body.
    const runs = textRunsOf(this.body, this.markOptions.skipSelector);
    const session = startMarking(this.body, this.markOptions);
    for (let done = false; !done;) {
      if (this.signal.aborted) return;
      const sliceStart = performance.now();
      this.observer.disconnect();
      while (performance.now() - sliceStart < SLICE_MS) {
        const next = runs.next();
        if (next.done) {
          done = true;
          break;
        }
        session.markRun(next.value, this.matcher);
      }
      this.observe();
      if (!done) await nextTask();
    }
    if (this.signal.aborted) return;
    this.observer.disconnect();
    assignTabStops(this.body);
    this.observe();
    record(step, start);
    this.onChange(this.counts());
  }

  private observe(): void {
    if (!this.signal.aborted) {
      this.observer.observe(this.body, { childList: true, subtree: true, characterData: true });
    }
  }
}
