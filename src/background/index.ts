/**
 * The background script holds the knowledge base. A page asks it what to mark (its curated sheet's phrases, or the
 * glossary's) and, once it has matched, for the cards of the entities it found: the page never receives the whole
 * knowledge base. It also keeps the toolbar badge. It keeps no state between messages, so it may sleep (service
 * worker in Chrome, event page in Firefox).
 */

import './started';
import browser from 'webextension-polyfill';
import loadKnowledge from 'backgrounder:knowledge-loader';
import { KnowledgeBase } from '../core/knowledge/knowledge-base';
import { planPage } from '../core/knowledge/plan';
import { pageDateAccepted } from '../core/page/date-range';
import { pageViews } from '../core/knowledge/views';
import { onBackgroundRequest } from '../shared/messages';
import { handleInstalled } from './updates';
import { BACKGROUND_REQUESTS } from './requests';
import { firstPlanTimed, recordKnowledgeReady } from './startup';

// Loaded once per start of the background, before any request is answered; a request that comes first waits for it.
const knowledgeBase: Promise<KnowledgeBase> = loadKnowledge(browser.runtime.getURL('knowledge.json')).then((data) => {
  const kb = new KnowledgeBase(data);
  recordKnowledgeReady();
  return kb;
});

// An update keeps every setting (see updates.ts); registered at the top level so the event reaches a fresh worker.
browser.runtime.onInstalled.addListener((details) => {
  void handleInstalled(details, browser.storage.sync ?? browser.storage.local);
});

onBackgroundRequest(
  {
    // A page date that is no real day, or outside 1990..review + 1 year, is no date; the popup says which it was.
    'page-plan': async ({ headlines, date, bodyStart, kinds, glossary, words }) => {
      const kb = await knowledgeBase;
      return firstPlanTimed(() => {
        const accepted = date !== null && pageDateAccepted(date, kb.reviewed) ? date : null;
        const plan = planPage(kb, {
          headlines,
          date: accepted,
          bodyStart,
          kinds,
          glossary,
          ...(words ? { words } : {}),
        });
        return date !== null && accepted === null ? { ...plan, rejectedDate: date } : plan;
      });
    },
    'page-views': async ({ ids, date, sheetId }) =>
      pageViews(await knowledgeBase, { ids, date, ...(sheetId ? { sheetId } : {}) }),
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
