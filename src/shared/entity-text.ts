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
  /** The interface-language qualifier: "since Nov 2014", or "as of May 2021" when last confirmed long ago. */
  when: string;
}

/** "since 3 Nov 2016", or "as of May 2021" for a role whose last confirmation is long before the review date. */
function heldWhen(role: RoleView, t: Translate, lang: string): string {
  return role.asOf
    ? t('roleAsOf', formatDate(role.asOf.slice(0, 7), lang))
    : t('roleSince', formatDate(role.from, lang));
}

/** What the entity was on the article's date: posts held, the holder of a post, or the last post before. */
export function roleLine(view: EntityView, t: Translate, lang: string): RoleLinePart[] {
  if (view.kind === 'post') {
    return view.holdersThen.map((h) => ({
      title: t('heldBy', h.name),
      when: heldWhen(h.role, t, lang),
    }));
  }
  if (view.rolesThen.length > 0) {
    return view.rolesThen.map((r) => ({ title: r.title, when: heldWhen(r, t, lang) }));
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

/** A role's period as the interface writes it: "Nov 2014 – Oct 2016", "since Nov 2014", or "as of May 2021". */
export function periodText(role: RoleView, t: Translate, lang: string): string {
  if (role.until) return `${formatDate(role.from, lang)} – ${formatDate(role.until, lang)}`;
  return heldWhen(role, t, lang);
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

/** The card's "since then" line: the date and the words (a fact's text, or the post taken up). */
export function keySinceLine(view: EntityView, t: Translate): { date: string; text: string } | null {
  const key = view.keySince;
  if (!key) return null;
  if (key.kind === 'fact') return { date: key.fact.date, text: key.fact.text };
  return { date: key.role.from, text: t('sinceTookUp', key.role.title) };
}
