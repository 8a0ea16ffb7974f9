/**
 * Opens and closes the card: after a dwell on hover (never on pass-through), at once on keyboard focus or tap,
 * kept open while the pointer is on the mark or the card, closed on Escape or after a grace period on leave
 * (WCAG 1.4.13: dismissible, hoverable, persistent). Positioning runs only while the card is open.
 */

import { autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom';
import type { Entity } from '../core/fact-sheet/types';
import { ENTITY_ATTR, MARK_TAG } from '../core/mark/mark-element';
import { CARD_ID, CardView } from './card-view';

const LEAVE_GRACE_MS = 300;
/** Keys that scroll an open card from its focused mark: px, or a fraction of the card's height when below 1. */
const SCROLL_KEYS: Partial<Record<string, number>> = { ArrowDown: 40, ArrowUp: -40, PageDown: 0.9, PageUp: -0.9 };

export interface CardControllerOptions {
  entities: ReadonlyMap<string, Entity>;
  asOf: string;
  dwellMs: () => number;
  signal: AbortSignal;
}

export class CardController {
  private readonly view: CardView;
  private anchor: Element | null = null;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private stopPositioning: (() => void) | undefined;
  /** Touch produces compatibility mouse events after a tap; they must not reopen or close the card. */
  private lastTouchAt = 0;
  /** Was the tapped mark's card already open when the tap began? (A tap focuses a tab-stop mark, which opens it.) */
  private openWhenTouched = false;

  constructor(
    private readonly doc: Document,
    private readonly options: CardControllerOptions,
  ) {
    this.view = new CardView(doc, options.asOf);
    // Listeners are removed by hand on abort: an AbortSignal from the content-script world is not always
    // accepted by the page's addEventListener (Firefox sandboxes, jsdom).
    const listeners: Array<[string, (e: Event) => void, AddEventListenerOptions]> = [
      ['mouseover', (e) => this.onPointerOver(e as MouseEvent), { capture: true, passive: true }],
      ['mouseout', (e) => this.onPointerOut(e as MouseEvent), { capture: true, passive: true }],
      ['focusin', (e) => this.onFocus(e as FocusEvent), { capture: true, passive: true }],
      ['focusout', (e) => this.onBlur(e as FocusEvent), { capture: true, passive: true }],
      ['pointerdown', (e) => this.onPointerDown(e as PointerEvent), { capture: true, passive: true }],
      ['click', (e) => this.onClick(e as MouseEvent), { capture: true, passive: true }],
      ['keydown', (e) => this.onKey(e as KeyboardEvent), { capture: true }],
    ];
    for (const [type, fn, opts] of listeners) doc.addEventListener(type, fn, opts);
    options.signal.addEventListener('abort', () => {
      for (const [type, fn, opts] of listeners) doc.removeEventListener(type, fn, opts);
    });
    options.signal.addEventListener('abort', () => this.destroy());
  }

  get openEntity(): string | null {
    return this.view.isShown ? (this.anchor?.getAttribute(ENTITY_ATTR) ?? null) : null;
  }

  get cardElement(): HTMLElement {
    return this.view.host;
  }

  /** Opens the card for `mark` now. */
  open(mark: Element): void {
    this.cancelTimers();
    const entity = this.options.entities.get(mark.getAttribute(ENTITY_ATTR) ?? '');
    if (!entity) return;
    if (this.anchor && this.anchor !== mark) this.anchor.removeAttribute('aria-describedby');
    this.anchor = mark;
    this.view.render(entity);
    this.view.show(mark);
    mark.setAttribute('aria-describedby', CARD_ID);
    this.stopPositioning?.();
    const host = this.view.host;
    this.stopPositioning = autoUpdate(mark, host, () => {
      void computePosition(mark, host, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          inline(),
          offset(6),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          // Never taller than the room on the chosen side: the card scrolls inside instead of leaving the screen.
          size({
            padding: 8,
            apply: ({ availableHeight }) =>
              host.style.setProperty('--backgrounder-room', `${Math.max(120, Math.floor(availableHeight))}px`),
          }),
        ],
      })
        .then(({ x, y }) => {
          host.style.setProperty('left', `${x}px`, 'important');
          host.style.setProperty('top', `${y}px`, 'important');
        })
        .catch(() => {
          // A mark removed by the page mid-update: the next update (or close) settles it; never an error.
        });
    });
  }

  close(): void {
    this.cancelTimers();
    this.stopPositioning?.();
    this.stopPositioning = undefined;
    this.anchor?.removeAttribute('aria-describedby');
    this.anchor = null;
    this.view.hide();
  }

  private destroy(): void {
    this.close();
    this.view.remove();
  }

  private cancelTimers(): void {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    this.openTimer = this.closeTimer = undefined;
  }

  private markOf(target: EventTarget | null): Element | null {
    // Duck-typed: `instanceof` across the content-script/page boundary is unreliable in Firefox.
    const node = target as Partial<Element> | null;
    return node && node.nodeType === 1 && typeof node.closest === 'function' ? node.closest(MARK_TAG) : null;
  }

  private inCard(target: EventTarget | null): boolean {
    return target === this.view.host;
  }

  private isTouchEcho(): boolean {
    return Date.now() - this.lastTouchAt < 800;
  }

  private onPointerOver(e: MouseEvent): void {
    if (this.isTouchEcho()) return;
    if (this.inCard(e.target)) {
      clearTimeout(this.closeTimer);
      return;
    }
    const mark = this.markOf(e.target);
    if (!mark) return;
    clearTimeout(this.closeTimer);
    if (mark === this.anchor && this.view.isShown) return;
    clearTimeout(this.openTimer);
    this.openTimer = setTimeout(() => this.open(mark), this.options.dwellMs());
  }

  private onPointerOut(e: MouseEvent): void {
    if (this.isTouchEcho()) return;
    const from = this.inCard(e.target) ? this.view.host : this.markOf(e.target);
    if (!from) return;
    const to = e.relatedTarget as Node | null;
    if (
      to &&
      typeof to.nodeType === 'number' &&
      (from.contains(to) || this.inCard(to) || (this.anchor !== null && this.markOf(to) === this.anchor))
    ) {
      return;
    }
    clearTimeout(this.openTimer);
    if (this.view.isShown) this.closeTimer = setTimeout(() => this.close(), LEAVE_GRACE_MS);
  }

  private onFocus(e: FocusEvent): void {
    const mark = this.markOf(e.target);
    if (mark) this.open(mark);
  }

  private onBlur(e: FocusEvent): void {
    if (this.markOf(e.target) === this.anchor) this.close();
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.pointerType === 'mouse') return;
    this.lastTouchAt = Date.now();
    const mark = this.markOf(e.target);
    this.openWhenTouched = mark !== null && mark === this.anchor && this.view.isShown;
  }

  /** A tap (or click) on a mark toggles its card; a tap elsewhere closes it. */
  private onClick(e: MouseEvent): void {
    if (this.inCard(e.target)) return;
    const mark = this.markOf(e.target);
    if (!mark) {
      if (this.view.isShown && this.isTouchEcho()) this.close();
      return;
    }
    if (this.view.isShown && this.anchor === mark && this.isTouchEcho() && this.openWhenTouched) this.close();
    else this.open(mark);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.view.isShown) return;
    if (e.key === 'Escape') {
      this.close();
      return;
    }
    // The card never takes focus, so while its mark has focus the scrolling keys scroll the card first (as they
    // would a focused scroll container), then the page: a keyboard reader can read a card taller than its room.
    const step = SCROLL_KEYS[e.key];
    if (step === undefined || e.target !== this.anchor || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (this.view.scrollBy(step)) e.preventDefault();
  }
}
