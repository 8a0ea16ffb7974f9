/**
 * The background script holds the knowledge base. A page asks it what to mark (its curated sheet's phrases, or the
 * glossary's) and, once it has matched, for the cards of the entities it found: the page never receives the whole
 * knowledge base. It also keeps the toolbar badge. It keeps no state between messages, so it may sleep (service
 * worker in Chrome, event page in Firefox).
 */

import browser from 'webextension-polyfill';
import knowledge from 'backgrounder:knowledge';
import { KnowledgeBase } from '../core/knowledge/knowledge-base';
import { planPage } from '../core/knowledge/plan';
import { pageDateAccepted } from '../core/page/date-range';
import { pageViews } from '../core/knowledge/views';
import { onBackgroundRequest } from '../shared/messages';
import { BACKGROUND_REQUESTS } from './requests';

const kb = new KnowledgeBase(knowledge);

onBackgroundRequest(
  {
    'page-plan': ({ headlines, date, bodyStart, kinds, glossary }) =>
      planPage(kb, { headlines, date, bodyStart, kinds, glossary }),
    'page-views': ({ ids, date, sheetId }) => pageViews(kb, { ids, date, ...(sheetId ? { sheetId } : {}) }),
    'marked-count': async ({ entities }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        await browser.action.setBadgeBackgroundColor({ tabId, color: '#1f4e79' });
        await browser.action.setBadgeText({ tabId, text: entities > 0 ? String(entities) : '' });
      }
      return { ok: true as const };
    },
  },
  BACKGROUND_REQUESTS,
);
