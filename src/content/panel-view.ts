/**
 * The full background of one entity: every fact, split at the article's date, each with its date, caveat and
 * sources as links; the posts held and which was held then; the entity's mentions in this article. A `<dialog>` in
 * a shadow root, opened modally: it takes focus, sits in the top layer (no page z-index, clipping or CSS reaches
 * it) and keeps the rest of the page inert while open.
 */

import { formatDate, formatPeriod } from '../core/format-date';
import type { PageViews, EntityView, SinceItem } from '../core/knowledge/views';
import { periodText, roleLine } from '../shared/entity-text';
import { t } from '../shared/i18n';
import { PANEL_CSS } from './card-styles';
import { PANEL_TAG } from './constants';
import { createShadowHost, el, setShown, uiText } from './shadow-host';
import { trusted } from './trusted';

export interface Mention {
  /** The sentence around the mention, split where the mention is. */
  before: string;
  text: string;
  after: string;
  /** Is this the mention the panel was opened from? */
  current: boolean;
}

export interface PanelContent {
  view: EntityView;
  views: PageViews;
  mentions: Mention[];
  onMention: (index: number) => void;
}

export class PanelView {
  readonly host: HTMLElement;
  private readonly dialog: HTMLDialogElement;
  private readonly lang = t('uiLang');
  private onMention: (index: number) => void = () => undefined;

  constructor(
    private readonly doc: Document,
    onClose: () => void,
  ) {
    const { host, root } = createShadowHost(doc, PANEL_TAG, PANEL_CSS, [
      ['width', '0px'],
      ['height', '0px'],
    ]);
    this.host = host;
    this.dialog = el(doc, 'dialog', 'view panel');
    this.dialog.lang = 'en';
    this.dialog.setAttribute('aria-labelledby', 'backgrounder-panel-title');
    root.append(this.dialog);
    // Escape: close through our own path, so focus goes back to the mark.
    this.dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      onClose();
    });
    // One listener for every control, so opening the panel again and again adds none: a click on the backdrop
    // (the dialog box itself, outside its content) or the close button closes it; a mention goes to it.
    this.dialog.addEventListener('click', (e) => {
      if (!trusted(e)) return;
      const target = e.target as Partial<Element> | null;
      const control = typeof target?.closest === 'function' ? target.closest('.close, .mention') : null;
      if (e.target === this.dialog || control?.classList.contains('close')) onClose();
      else if (control) this.onMention(Number((control as HTMLElement).dataset.index));
    });
    this.dialog.addEventListener('keydown', (e) => this.keepTabInside(e));
    setShown(host, false);
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  get dialogElement(): HTMLDialogElement {
    return this.dialog;
  }

  open(content: PanelContent): void {
    this.onMention = content.onMention;
    this.dialog.replaceChildren(this.header(content.view), this.body(content));
    this.host.dataset.entity = content.view.id;
    if (!this.host.isConnected) (this.doc.body ?? this.doc.documentElement).append(this.host);
    setShown(this.host, true);
    try {
      if (!this.dialog.open) this.dialog.showModal();
    } catch {
      // No modal dialogs (an old engine, jsdom): an open dialog in a fixed host still shows.
      this.dialog.setAttribute('open', '');
    }
    this.dialog.scrollTop = 0;
    this.dialog.querySelector<HTMLElement>('.name')?.focus();
  }

  close(): void {
    try {
      if (this.dialog.open) this.dialog.close();
    } catch {
      // See open().
    }
    this.dialog.removeAttribute('open');
    setShown(this.host, false);
  }

  remove(): void {
    this.close();
    this.host.remove();
  }

  private header(view: EntityView): HTMLElement {
    const d = this.doc;
    const top = el(d, 'div', 'top');
    const titles = el(d, 'div', 'titles');
    const name = el(d, 'h2', 'name', view.name);
    name.id = 'backgrounder-panel-title';
    name.tabIndex = -1;
    titles.append(name);
    roleLine(view, t, this.lang).forEach((part, i) => {
      const role = el(d, 'p', 'role');
      if (i === 0)
        role.append(uiText(d, 'span', 'on', t('cardOnDate', formatDate(view.date, this.lang)), this.lang), ' ');
      role.append(`${part.title} `, uiText(d, 'span', '', `(${part.when})`, this.lang));
      titles.append(role);
    });
    const close = uiText(d, 'button', 'close', '×', this.lang);
    close.type = 'button';
    close.setAttribute('aria-label', t('panelClose'));
    top.append(titles, close);
    return top;
  }

  private body({ view, views, mentions }: PanelContent): HTMLElement {
    const d = this.doc;
    const body = el(d, 'div', 'body');
    if (view.summary) body.append(el(d, 'p', 'summary', view.summary));
    if (view.note) {
      const note = el(d, 'p', 'note');
      note.append(uiText(d, 'strong', '', `${t('noteLabel')}: `, this.lang), view.note);
      body.append(note);
    }
    if (view.postsThen.length > 0) {
      const list = el(d, 'ul', 'roles');
      for (const role of view.postsThen) {
        const li = el(d, 'li', role.held ? 'current' : '');
        li.append(uiText(d, 'span', 'date', periodText(role, t, this.lang), this.lang), ' ', role.title);
        if (role.held) li.append(' ', uiText(d, 'span', '', t('panelHeldThen'), this.lang));
        list.append(li);
      }
      body.append(this.section(t('panelRoles'), list, 'then'));
    }
    body.append(
      this.section(t('atTheTimeHeading', formatDate(views.date, this.lang)), this.facts(view.atTheTime, views), 'then'),
    );
    if (view.since.length > 0) {
      const heading = t('panelSinceThen', formatDate(views.reviewed, this.lang));
      body.append(this.section(heading, this.facts(view.since, views), 'since'));
    }
    if (mentions.length > 0) {
      const list = el(d, 'ol', 'mentions');
      mentions.forEach((mention, i) => {
        const button = el(d, 'button', 'mention');
        button.type = 'button';
        button.append(mention.before, el(d, 'b', '', mention.text), mention.after);
        button.dataset.index = String(i);
        if (mention.current) button.setAttribute('aria-current', 'true');
        const li = el(d, 'li');
        li.append(button);
        list.append(li);
      });
      body.append(this.section(t('panelMentions'), list, 'mentions'));
    }
    return body;
  }

  /** `part` says which time the section speaks of: the article's date, since then, or the page itself. */
  private section(heading: string, content: HTMLElement, part: 'then' | 'since' | 'mentions'): HTMLElement {
    const section = el(this.doc, 'section', 'section');
    section.dataset.part = part;
    section.append(uiText(this.doc, 'h3', 'heading', heading, this.lang), content);
    return section;
  }

  private facts(facts: readonly SinceItem[], views: PageViews): HTMLElement {
    const d = this.doc;
    const list = el(d, 'ul', 'facts');
    if (facts.length === 0) list.append(uiText(d, 'li', 'caveat', t('panelNoFacts'), this.lang));
    for (const fact of facts) {
      const li = el(d, 'li', fact.post ? 'post' : '');
      const time = uiText(d, 'time', 'date', formatPeriod(fact.date, fact.until, this.lang), this.lang);
      time.dateTime = fact.date;
      const text = fact.post ? t(fact.post === 'took' ? 'sinceTookUp' : 'sinceLeft', fact.text) : fact.text;
      li.append(time, el(d, 'p', 'text', text));
      if (fact.caveat) li.append(el(d, 'p', 'caveat', fact.caveat));
      const sources = el(d, 'ul', 'sources');
      for (const id of fact.sources) {
        const source = views.sources[id];
        if (!source) continue;
        const a = el(d, 'a', '', `${source.publisher}: ${source.title}`);
        a.href = source.url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        const item = el(d, 'li');
        item.append(a);
        sources.append(item);
      }
      li.append(sources);
      list.append(li);
    }
    return list;
  }

  /** Tab and Shift+Tab cycle through the panel's own controls while it is open. */
  private keepTabInside(e: KeyboardEvent): void {
    if (e.key !== 'Tab') return;
    const focusable = [...this.dialog.querySelectorAll<HTMLElement>('.name, button, a[href]')].filter(
      (n) => !n.hasAttribute('disabled'),
    );
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    // Duck-typed: `instanceof ShadowRoot` across the content-script/page boundary is unreliable in Firefox.
    const active = (this.dialog.getRootNode() as Partial<ShadowRoot>).activeElement ?? null;
    if (e.shiftKey && (active === first || active === null)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  }
}
