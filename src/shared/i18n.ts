/** Interface text comes from `_locales` (English by default, Korean translation beside it). */

import browser from 'webextension-polyfill';
import type english from '../_locales/en/messages.json';

export type MessageKey = keyof typeof english;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Fills the text of every element with a `data-i18n` key (and titles from `data-i18n-title`) in a page. */
export function localisePage(root: ParentNode): void {
  // The interface language, so assistive technology reads Korean text as Korean (the fact-sheet text stays "en").
  if (root instanceof Document) root.documentElement.lang = t('uiLang');
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle as MessageKey);
  }
}
