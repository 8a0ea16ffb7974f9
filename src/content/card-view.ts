/**
 * The one card element. Its host is a light-DOM `role="tooltip"` element (so a mark's `aria-describedby` can
 * point at it: ids do not cross shadow roots) holding an open shadow root with the content, styled by a
 * constructable stylesheet (page CSS cannot reach it and a page CSP cannot block it). It lives in the top layer
 * (Popover API), so `overflow: hidden` ancestors and z-index stacks on the page cannot clip or cover it.
 */

import { formatPeriod } from '../core/fact-sheet/dates';
import { sourceNames } from '../core/fact-sheet/sources';
import type { Entity, Fact } from '../core/fact-sheet/types';
import { t } from '../shared/i18n';
import { CARD_CSS } from './card-styles';

export const CARD_TAG = 'backgrounder-card';
export const CARD_ID = 'backgrounder-card';
const MAX_FACTS = 3;

/** Inline declarations with `!important` outrank every page rule, including `* { all: unset !important }`. */
const HOST_STYLE: Record<string, string> = {
  display: 'block',
  position: 'fixed',
  inset: 'auto',
  top: '0px',
  left: '0px',
  margin: '0',
  padding: '0',
  border: '0',
  background: 'transparent',
  overflow: 'visible',
  width: 'max-content',
  height: 'auto',
  'max-width': 'min(24rem, calc(100vw - 16px))',
  'z-index': '2147483647',
  visibility: 'visible',
  opacity: '1',
  transform: 'none',
  filter: 'none',
  'pointer-events': 'auto',
  'font-size': '16px',
};

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class CardView {
  readonly host: HTMLElement;
  private readonly content: HTMLElement;
  private shown = false;
  private readonly rendered = new Map<string, Node[]>();

  constructor(
    private readonly doc: Document,
    private readonly asOf: string,
  ) {
    this.host = doc.createElement(CARD_TAG);
    this.host.id = CARD_ID;
    this.host.setAttribute('role', 'tooltip');
    this.host.setAttribute('popover', 'manual');
    const shadow = this.host.attachShadow({ mode: 'open' });
    adoptStyles(shadow, doc);
    this.content = el(doc, 'div', 'card');
    this.content.lang = 'en';
    shadow.append(this.content);
    for (const [prop, value] of Object.entries(HOST_STYLE)) this.host.style.setProperty(prop, value, 'important');
    this.setVisible(false);
  }

  get isShown(): boolean {
    return this.shown;
  }

  render(entity: Entity): void {
    if (this.host.dataset.entity === entity.id) return;
    let parts = this.rendered.get(entity.id);
    if (!parts) {
      parts = this.build(entity);
      this.rendered.set(entity.id, parts);
    }
    this.content.replaceChildren(...parts);
    this.host.dataset.entity = entity.id;
  }

  /** A card's content never changes, so each entity's nodes are built once and reused. */
  private build(entity: Entity): Node[] {
    const d = this.doc;
    const parts: Node[] = [el(d, 'p', 'name', entity.name)];
    if (entity.role) parts.push(el(d, 'p', 'role', entity.role));
    parts.push(el(d, 'p', 'summary', entity.summary));
    if (entity.articleNote) {
      const note = el(d, 'p', 'note');
      note.append(el(d, 'strong', '', `${t('noteLabel')}: `), entity.articleNote);
      parts.push(note);
    }
    const atTheTime = entity.atTheTime.slice(-MAX_FACTS);
    const sinceThen = entity.sinceThen.slice(-MAX_FACTS);
    parts.push(...this.factSection(t('atTheTimeHeading', formatPeriod(this.asOf)), atTheTime));
    parts.push(...this.factSection(t('sinceThenHeading'), sinceThen));
    const names = sourceNames([...atTheTime, ...sinceThen]);
    if (names.length > 0) parts.push(el(d, 'p', 'sources', `${t('sourcesLabel')}: ${names.join(', ')}`));
    return parts;
  }

  private factSection(heading: string, facts: readonly Fact[]): Node[] {
    if (facts.length === 0) return [];
    const list = el(this.doc, 'ul', 'facts');
    for (const fact of facts) {
      const item = el(this.doc, 'li', '');
      item.append(el(this.doc, 'span', 'date', formatPeriod(fact.date, fact.until)), ' ', fact.text);
      list.append(item);
    }
    const title = el(this.doc, 'p', 'heading', heading);
    title.lang = t('uiLang');
    return [title, list];
  }

  /**
   * Shows the card in the page's main landmark when `anchor` is in one (landmark navigation then finds it with the
   * text it describes, and no content sits outside the page's landmarks), else at the end of the body.
   */
  show(anchor?: Element): void {
    const home = anchor?.closest('main, [role="main"]') ?? this.doc.body ?? this.doc.documentElement;
    if (this.host.parentNode !== home) home.append(this.host);
    this.setVisible(true);
    try {
      if (!this.host.matches(':popover-open')) this.host.showPopover();
    } catch {
      // No Popover API (or the page removed the attribute): the fixed, max-z-index host still shows.
    }
    this.shown = true;
  }

  hide(): void {
    this.shown = false;
    try {
      if (this.host.matches(':popover-open')) this.host.hidePopover();
    } catch {
      // See show().
    }
    this.setVisible(false);
  }

  remove(): void {
    this.hide();
    this.host.remove();
  }

  /** Scrolls the card's content by `step` px (a fraction of its height when |step| < 1); false if it cannot move. */
  scrollBy(step: number): boolean {
    const box = this.content;
    const before = box.scrollTop;
    box.scrollTop = before + (Math.abs(step) < 1 ? step * box.clientHeight : step);
    return box.scrollTop !== before;
  }

  private setVisible(visible: boolean): void {
    this.host.style.setProperty('display', visible ? 'block' : 'none', 'important');
  }
}

function adoptStyles(shadow: ShadowRoot, doc: Document): void {
  try {
    // Firefox content scripts must build the sheet from the page's own constructor to adopt it.
    const Sheet = (doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet) as typeof CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(CARD_CSS);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = CARD_CSS;
    shadow.append(style);
  }
}
