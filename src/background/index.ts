/**
 * The background script only keeps the toolbar badge: how many entities the content script marked on each tab.
 * It holds no state of its own, so it may sleep between messages (service worker in Chrome, event page in Firefox).
 */

import browser from 'webextension-polyfill';
import { onBackgroundRequest } from '../shared/messages';

onBackgroundRequest({
  'marked-count': async ({ entities }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId !== undefined) {
      await browser.action.setBadgeBackgroundColor({ tabId, color: '#1f4e79' });
      await browser.action.setBadgeText({ tabId, text: entities > 0 ? String(entities) : '' });
    }
    return { ok: true as const };
  },
});
