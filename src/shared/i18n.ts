/** Interface text comes from `_locales` (English by default, Korean translation beside it). */

import browser from 'webextension-polyfill';
import type english from '../_locales/en/messages.json';

export type MessageKey = keyof typeof english;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Fills every `data-i18n="key"` element's text (and `data-i18n-title` titles) in an extension page. */
export function localisePage(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle as MessageKey);
  }
}
