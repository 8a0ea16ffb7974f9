/**
 * Opens and closes the card and the panel. The card opens after a dwell on hover (never on pass-through), at once
 * on keyboard focus or a tap; it stays while the pointer is on the mark or the card and closes on Escape or after
 * a grace period on leave (WCAG 1.4.13: dismissible, hoverable, persistent). The panel opens on a click (unless the
 * reader is selecting text), on Enter, or on a second tap; it closes on Escape and gives focus back to the mark.
 * Positioning (place-card.ts) runs only while the card is open.
 */

import type { EntityView, PageViews } from '../core/knowledge/views';
import { ENTITY_ATTR, ourMarkAt } from '../core/mark/mark-element';
import { CardView } from './card-view';
import { LEAVE_GRACE_MS, TOUCH_ECHO_MS } from './constants';
import { PanelView, type Mention } from './panel-view';
import { placeCard } from './place-card';
import { record } from './timing';
import { trusted } from './trusted';

export interface CardControllerOptions {
  views: () => ReadonlyMap<string, EntityView>;
  pageViews: () => PageViews | null;
  /** The mentions of the entity of `mark`, and their marks, in document order (writes any still waiting). */
  mentionsOf: (mark: Element) => { mentions: Mention[]; marks: Element[] };
  dwellMs: () => number;
  signal: AbortSignal;
}

export class CardController {
  /** Built on first use: most pages never open a card, and none needs its styles parsed at load. */
  private cardView: CardView | null = null;
  private panelView: PanelView | null = null;
  private anchor: Element | null = null;
  private panelMark: Element | null = null;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private stopPositioning: (() => void) | undefined;
  /** Touch produces compatibility mouse events after a tap; they must not reopen or close the card. */
  private lastTouchAt = 0;
  /** Was the tapped mark's card already open when the tap began? (A tap focuses a tab-stop mark, which opens it.) */
  private openWhenTouched = false;
  /** Focus we give back to a mark on closing the panel must not open its card on top. */
  private returningFocus = false;

  constructor(
    private readonly doc: Document,
    private readonly options: CardControllerOptions,
  ) {
    // Listeners are removed by hand on abort: an AbortSignal from the content-script world is not always
    // accepted by the page's addEventListener (Firefox sandboxes, jsdom).
    // Every handler opens or moves the card or panel, so each takes only the reader's own (trusted) events.
    const listeners: Array<[string, (e: Event) => void, AddEventListenerOptions]> = [
      ['mouseover', (e) => this.onPointerOver(e as MouseEvent), { capture: true, passive: true }],
      ['mouseout', (e) => this.onPointerOut(e as MouseEvent), { capture: true, passive: true }],
      ['focusin', (e) => this.onFocus(e as FocusEvent), { capture: true, passive: true }],
      ['focusout', (e) => this.onBlur(e as FocusEvent), { capture: true, passive: true }],
      ['pointerdown', (e) => this.onPointerDown(e as PointerEvent), { capture: true, passive: true }],
      ['click', (e) => this.onClick(e as MouseEvent), { capture: true }],
      ['keydown', (e) => this.onKey(e as KeyboardEvent), { capture: true }],
    ];
    for (const entry of listeners) {
      const handle = entry[1];
      entry[1] = (e) => {
        if (trusted(e)) handle(e);
      };
      doc.addEventListener(...entry);
    }
    options.signal.addEventListener('abort', () => {
      for (const [type, fn, opts] of listeners) doc.removeEventListener(type, fn, opts);
      this.close();
      this.closePanel(false);
      this.cardView?.remove();
      this.panelView?.remove();
    });
  }

  private get card(): CardView {
    return (this.cardView ??= new CardView(this.doc));
  }

  private get panel(): PanelView {
    return (this.panelView ??= new PanelView(this.doc, () => this.closePanel()));
  }

  /** Is `node` part of our card or panel (whose own changes are no page content)? */
  owns(node: Node): boolean {
    return (this.cardView?.host.contains(node) ?? false) || (this.panelView?.host.contains(node) ?? false);
  }

  private get cardShown(): boolean {
    return this.cardView?.isShown ?? false;
  }

  private get panelOpen(): boolean {
    return this.panelView?.isOpen ?? false;
  }

  /** Opens the card for `mark` now. */
  open(mark: Element, hint: 'pointer' | 'touch' = 'pointer'): void {
    this.cancelTimers();
    const view = this.viewOf(mark);
    if (!view || this.panelOpen) return;
    if (this.anchor && this.anchor !== mark) this.anchor.removeAttribute('aria-describedby');
    this.anchor = mark;
    this.card.render(view, hint);
    this.card.show(mark);
    mark.setAttribute('aria-describedby', this.card.host.id);
    this.stopPositioning?.();
    const host = this.card.host;
    const place = () => {
      // A mark the page removed meanwhile: the next update (or close) settles it.
      if (!mark.isConnected) return;
      const { x, y } = placeCard(mark, host);
      host.style.setProperty('left', `${x}px`, 'important');
      host.style.setProperty('top', `${y}px`, 'important');
    };
    place();
    // While open, the card follows its mark when the page scrolls (any scroller: capture) or the window resizes,
    // at most once a frame's time. Listening only while a card is open keeps the page's event load what it was.
    const win = this.doc.defaultView;
    if (!win) return;
    let frame = 0;
    const follow = () => {
      if (!frame) frame = win.setTimeout(() => ((frame = 0), place()), 16);
    };
    const options = { capture: true, passive: true };
    win.addEventListener('scroll', follow, options);
    win.addEventListener('resize', follow, options);
    this.stopPositioning = () => {
      win.clearTimeout(frame);
      win.removeEventListener('scroll', follow, options);
      win.removeEventListener('resize', follow, options);
    };
  }

  close(): void {
    this.cancelTimers();
    this.stopPositioning?.();
    this.stopPositioning = undefined;
    this.anchor?.removeAttribute('aria-describedby');
    this.anchor = null;
    this.cardView?.hide();
  }

  /** Opens the full background of the entity of `mark`. */
  openPanel(mark: Element): void {
    const view = this.viewOf(mark);
    const views = this.options.pageViews();
    if (!view || !views) return;
    this.close();
    this.panelMark = mark;
    const start = performance.now();
    const { mentions, marks } = this.options.mentionsOf(mark);
    this.panel.open({
      view,
      views,
      mentions,
      onMention: (i) => {
        const target = marks[i] ?? mark;
        this.panelMark = target;
        this.closePanel();
        target.scrollIntoView?.({ block: 'center' });
      },
    });
    record('panel', start);
  }

  /** Closes the panel and gives focus back to the mark it was opened from. */
  closePanel(returnFocus = true): void {
    if (!this.panelOpen) return;
    this.panel.close();
    const mark = this.panelMark as HTMLElement | null;
    this.panelMark = null;
    if (!returnFocus || !mark?.isConnected) return;
    // A later mention is no tab stop; it becomes focusable (not tabbable) so focus can go back to it.
    if (!mark.hasAttribute('tabindex')) mark.setAttribute('tabindex', '-1');
    this.returningFocus = true;
    mark.focus();
    this.returningFocus = false;
  }

  private viewOf(mark: Element): EntityView | undefined {
    return this.options.views().get(mark.getAttribute(ENTITY_ATTR) ?? '');
  }

  private cancelTimers(): void {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    this.openTimer = this.closeTimer = undefined;
  }

  /** Only our own marks: a page's look-alike gets no card. */
  private markOf(target: EventTarget | null): Element | null {
    return ourMarkAt(target);
  }

  private inCard(target: EventTarget | null): boolean {
    return this.cardView !== null && target === this.cardView.host;
  }

  private isTouchEcho(): boolean {
    return Date.now() - this.lastTouchAt < TOUCH_ECHO_MS;
  }

  private onPointerOver(e: MouseEvent): void {
    if (this.isTouchEcho() || this.panelOpen) return;
    if (this.inCard(e.target)) {
      clearTimeout(this.closeTimer);
      return;
    }
    const mark = this.markOf(e.target);
    if (!mark) return;
    clearTimeout(this.closeTimer);
    if (mark === this.anchor && this.cardShown) return;
    clearTimeout(this.openTimer);
    this.openTimer = setTimeout(() => this.open(mark), this.options.dwellMs());
  }

  private onPointerOut(e: MouseEvent): void {
    if (this.isTouchEcho()) return;
    const from = this.inCard(e.target) ? this.card.host : this.markOf(e.target);
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
    if (this.cardShown) this.closeTimer = setTimeout(() => this.close(), LEAVE_GRACE_MS);
  }

  private onFocus(e: FocusEvent): void {
    if (this.returningFocus) return;
    const mark = this.markOf(e.target);
    if (mark) this.open(mark, this.isTouchEcho() ? 'touch' : 'pointer');
  }

  private onBlur(e: FocusEvent): void {
    if (this.markOf(e.target) === this.anchor) this.close();
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.pointerType === 'mouse') return;
    this.lastTouchAt = Date.now();
    const mark = this.markOf(e.target);
    this.openWhenTouched = mark !== null && mark === this.anchor && this.cardShown;
  }

  /**
   * A click on a mark opens the panel, unless it ends a text selection. A first tap opens the card (with a hint to
   * tap again); a tap on the mark whose card is open opens the panel; a tap elsewhere closes the card.
   */
  private onClick(e: MouseEvent): void {
    if (this.inCard(e.target)) return;
    const mark = this.markOf(e.target);
    const touch = this.isTouchEcho();
    if (!mark) {
      if (this.cardShown && touch) this.close();
      return;
    }
    if (touch && !(this.cardShown && this.anchor === mark && this.openWhenTouched)) {
      this.open(mark, 'touch');
      return;
    }
    const selection = this.doc.getSelection?.();
    if (!touch && selection && !selection.isCollapsed) return;
    // Inside a link the link wins: it navigates as it always did.
    if (mark.closest('a[href]')) return;
    this.openPanel(mark);
  }

  private onKey(e: KeyboardEvent): void {
    if (this.panelOpen) return;
    if (e.key === 'Enter' && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      const mark = this.markOf(e.target);
      if (mark && e.target === mark) {
        e.preventDefault();
        this.openPanel(mark);
      }
      return;
    }
    if (e.key === 'Escape' && this.cardShown) this.close();
  }
}
