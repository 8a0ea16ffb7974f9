/**
 * The card: a compact, non-interactive `role="tooltip"` read at a glance. Name, what the entity was on the
 * article's date, one or two sentences, the article's note, the one line that matters most since then, and a hint
 * that the full background is one click or key away. Its host is a light-DOM element (so a mark's
 * `aria-describedby` can point at it: ids do not cross shadow roots) in the top layer (Popover API), so
 * `overflow: hidden` ancestors and z-index stacks on the page cannot clip or cover it.
 */

import { formatDate } from '../core/format-date';
import type { EntityView } from '../core/knowledge/views';
import { t } from '../shared/i18n';
import { keySinceLine, roleLine, shortForm } from '../shared/entity-text';
import { CARD_CSS } from './card-styles';
import { TOKEN } from '../core/mark/mark-element';
import { CARD_ID, CARD_TAG } from './constants';
import { createShadowHost, el, setShown, uiText } from './shadow-host';

export type CardHint = 'pointer' | 'touch';

/** The card is read at a glance: the note and the "since then" line in short, the rest one click away. */
export const NOTE_CHARS = 200;
export const SINCE_CHARS = 160;
/** Role lines a card shows; a leader's other concurrent titles are in the full background. */
export const CARD_ROLES = 2;

export class CardView {
  readonly host: HTMLElement;
  private readonly content: HTMLElement;
  private shown = false;
  /** What the card shows now, besides the entity: the page date and the hint. */
  private rendered = '';
  private readonly lang = t('uiLang');

  constructor(private readonly doc: Document) {
    const { host, root } = createShadowHost(doc, CARD_TAG, CARD_CSS, [
      ['width', 'max-content'],
      ['height', 'auto'],
      ['max-width', 'min(360px, calc(100vw - 16px))'],
    ]);
    this.host = host;
    host.id = CARD_ID;
    host.setAttribute('role', 'tooltip');
    host.setAttribute('popover', 'manual');
    this.content = el(doc, 'div', 'view card');
    this.content.lang = 'en';
    root.append(this.content);
    setShown(host, false);
  }

  get isShown(): boolean {
    return this.shown;
  }

  render(view: EntityView, hint: CardHint): void {
    const key = `${view.date}|${hint}`;
    if (this.host.dataset.entity === view.id && this.rendered === key) return;
    this.content.replaceChildren(...this.build(view, hint));
    this.host.dataset.entity = view.id;
    this.host.dataset.hint = hint;
    this.rendered = key;
  }

  private build(view: EntityView, hint: CardHint): Node[] {
    const d = this.doc;
    const parts: Node[] = [el(d, 'p', 'name', view.name)];
    const roles = roleLine(view, t, this.lang);
    // The date the card speaks from, on the line that carries the role: no line reads as "now".
    const onDate = formatDate(view.date, this.lang);
    roles.slice(0, CARD_ROLES).forEach((part, i) => {
      const role = el(d, 'p', 'role');
      if (i === 0) role.append(uiText(d, 'span', 'on', t('cardOnDate', onDate), this.lang), ' ');
      role.append(`${part.title} `, uiText(d, 'span', '', `(${part.when})`, this.lang));
      parts.push(role);
    });
    if (roles.length === 0) parts.push(uiText(d, 'p', 'role on', t('cardAsOfArticle', onDate), this.lang));
    if (roles.length > CARD_ROLES) {
      parts.push(uiText(d, 'p', 'role more', t('cardMoreRoles', String(roles.length - CARD_ROLES)), this.lang));
    }
    if (view.summary) parts.push(el(d, 'p', 'summary', view.summary));
    if (view.note) {
      const note = el(d, 'p', 'note');
      note.append(uiText(d, 'strong', '', `${t('noteLabel')}: `, this.lang), shortForm(view.note, NOTE_CHARS));
      parts.push(note);
    }
    const key = keySinceLine(view, t);
    if (key) {
      const since = el(d, 'p', 'since');
      since.append(
        uiText(d, 'span', 'heading', t('sinceThenHeading'), this.lang),
        ' ',
        uiText(d, 'span', 'date', formatDate(key.date, this.lang), this.lang),
        ' ',
        shortForm(key.text, SINCE_CHARS),
      );
      parts.push(since);
    }
    parts.push(uiText(d, 'p', 'hint', t(hint === 'touch' ? 'hintTap' : 'hintPointer'), this.lang));
    return parts;
  }

  /**
   * Shows the card in the page's main landmark when `anchor` is in one (landmark navigation then finds it with the
   * text it describes, and no content sits outside the page's landmarks), else at the end of the body.
   */
  show(anchor?: Element): void {
    const home = anchor?.closest('main, [role="main"]') ?? this.doc.body ?? this.doc.documentElement;
    if (this.host.parentNode !== home) home.append(this.host);
    // A page element with our id before the card would take the mark's aria-describedby: the card's id moves.
    if (this.doc.getElementById(this.host.id) !== this.host) this.host.id = `${CARD_ID}-${TOKEN}`;
    setShown(this.host, true);
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
    setShown(this.host, false);
  }

  remove(): void {
    this.hide();
    this.host.remove();
  }
}
