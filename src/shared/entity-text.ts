/**
 * The lines a card, the panel and the popup say about an entity on the article's date, in the interface language
 * (dates the Intl way). Plain functions of the view, so every context says the same thing.
 */

import { formatDate } from '../core/format-date';
import type { EntityView, RoleView } from '../core/knowledge/views';
import type { MessageKey } from './i18n';

export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

export interface RoleLinePart {
  /** Knowledge-base text (English). */
  title: string;
  /** The interface-language qualifier: "(since Nov 2014)". */
  when: string;
}

/** What the entity was on the article's date: posts held, the holder of a post, or the last post before. */
export function roleLine(view: EntityView, t: Translate, lang: string): RoleLinePart[] {
  if (view.kind === 'post') {
    return view.holdersThen.map((h) => ({
      title: t('heldBy', h.name),
      when: t('roleSince', formatDate(h.role.from, lang)),
    }));
  }
  if (view.rolesThen.length > 0) {
    return view.rolesThen.map((r: RoleView) => ({ title: r.title, when: t('roleSince', formatDate(r.from, lang)) }));
  }
  if (view.formerRole?.until) {
    return [
      {
        title: t('roleFormerly', view.formerRole.title),
        when: t('roleUntil', formatDate(view.formerRole.until, lang)),
      },
    ];
  }
  return [];
}

/** A period as the interface writes it: "Nov 2014 – Oct 2016", or "from Nov 2014" while it runs. */
export function periodText(from: string, until: string | undefined, t: Translate, lang: string): string {
  return until ? `${formatDate(from, lang)} – ${formatDate(until, lang)}` : t('roleSince', formatDate(from, lang));
}

/**
 * The card's short form of a longer text: its first sentence, cut at a word before `max` characters ("…" when
 * anything is left out). The panel shows the whole text.
 */
export function shortForm(text: string, max: number): string {
  const sentence = /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (sentence.length <= max) return sentence.length < text.length ? `${sentence} …` : sentence;
  const cut = sentence.slice(0, max).replace(/\s+\S*$/, '');
  return `${cut} …`;
}
