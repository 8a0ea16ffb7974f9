/**
 * Every message between the extension's contexts, declared once. Requests go popup -> content script and
 * content script -> background; each names its reply type, so both ends are checked by the compiler.
 */

import * as v from 'valibot';
import browser from 'webextension-polyfill';
import type { PagePlan, PageQuery } from '../core/knowledge/plan';
import type { PageViews, ViewsQuery } from '../core/knowledge/views';
import type { DetectionStatus } from '../core/page/detect';
import { CONTENT_REQUESTS, type RequestSchemas } from './message-schemas';

/** What the content script knows about its page, for the popup. */
export interface PageSummary {
  /**
   * `disabled`: Backgrounder is switched off (globally or for this site); `unavailable`: the extension's own
   * background did not answer, so there is nothing to mark with.
   */
  status: DetectionStatus | 'disabled' | 'unavailable';
  /** How the article is marked: from its curated sheet, or in glossary mode. */
  mode?: 'curated' | 'glossary';
  /** Why an article is not marked (no curated sheet and glossary mode off, or no publication date). */
  reason?: 'glossary-off' | 'no-date';
  /** The date the page states when Backgrounder would not date cards to it (not a real day, or out of range). */
  rejectedDate?: string;
  /** The curated sheet, when there is one. */
  sheetId?: string;
  /** Headline and Korea-time date as the page prints them (also for articles without a sheet). */
  headline?: string | null;
  publishedDate?: string | null;
  /** Mentions marked on the page, by entity id. */
  mentionCounts: Record<string, number>;
  layout?: string;
  /** The marked entities as they stood on the article's date, with the timeline and sources. */
  views?: PageViews;
  /** The page's host, so the popup can switch Backgrounder off for this site (it has no `tabs` permission). */
  host: string;
}

interface ContentRequests {
  'get-summary': { request: Record<string, never>; reply: PageSummary };
  /** Scroll to the entity's first mention and open its full background. */
  reveal: { request: { entityId: string }; reply: { revealed: boolean } };
}

interface BackgroundRequests {
  /** The content script reports how many entities it marked (0 clears the badge). */
  'marked-count': { request: { entities: number }; reply: { ok: true } };
  /** What to mark on a page with this headline and date (its curated sheet's phrases, or the glossary's). */
  'page-plan': { request: PageQuery; reply: PagePlan & { rejectedDate?: string } };
  /** The cards' data for the entities marked on a page of this date. */
  'page-views': { request: ViewsQuery; reply: PageViews };
}

type MessageOf<R> = { [K in keyof R]: { type: K } & (R[K] extends { request: infer Q } ? Q : never) }[keyof R];
type ReplyOf<R, K extends keyof R> = R[K] extends { reply: infer A } ? A : never;
type Handlers<R, S> = {
  [K in keyof R]: (message: MessageOf<R> & { type: K }, sender: S) => ReplyOf<R, K> | Promise<ReplyOf<R, K>>;
};

export type ContentMessage = MessageOf<ContentRequests>;
export type BackgroundMessage = MessageOf<BackgroundRequests>;

export function sendToTab<K extends keyof ContentRequests>(
  tabId: number,
  type: K,
  request: ContentRequests[K]['request'],
): Promise<ReplyOf<ContentRequests, K>> {
  return browser.tabs.sendMessage(tabId, { type, ...request }).then(unwrap) as Promise<ReplyOf<ContentRequests, K>>;
}

export function sendToBackground<K extends keyof BackgroundRequests>(
  type: K,
  request: BackgroundRequests[K]['request'],
): Promise<ReplyOf<BackgroundRequests, K>> {
  return browser.runtime.sendMessage({ type, ...request }).then(unwrap) as Promise<ReplyOf<BackgroundRequests, K>>;
}

/** A handler's failure arrives as `{ error }` (see listen): it rejects the request instead of posing as a reply. */
function unwrap(reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && 'error' in reply) throw new Error(String(reply.error));
  return reply;
}

const isMessage = (m: unknown): m is { type: string } =>
  typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';

/** The handler for `message`, if it is one of ours and well formed: the type is looked up as an own property only. */
function handlerFor(
  handlers: object,
  schemas: RequestSchemas,
  message: unknown,
): ((m: unknown, s: unknown) => unknown) | null {
  if (!isMessage(message) || !Object.hasOwn(handlers, message.type) || !Object.hasOwn(schemas, message.type))
    return null;
  if (!v.is(schemas[message.type], message)) return null;
  return (handlers as Record<string, (m: unknown, s: unknown) => unknown>)[message.type];
}

/**
 * Listens for one context's requests. Replies go through `sendResponse` + `return true`, the form that works in
 * Firefox, in Chrome through the polyfill, and in Chrome 148+ where the polyfill steps aside for the native API.
 */
function listen<R>(
  handlers: Handlers<R, browser.Runtime.MessageSender>,
  schemas: RequestSchemas,
  signal?: AbortSignal,
): void {
  const listener = (message: unknown, sender: browser.Runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    const handler = handlerFor(handlers as object, schemas, message);
    if (!handler) return false;
    Promise.resolve()
      .then(() => handler(message, sender))
      .then(sendResponse, (error: unknown) => sendResponse({ error: String(error) }));
    return true as const;
  };
  // The polyfill's types model the three listener styles separately; this one returns false for foreign messages.
  const typed = listener as unknown as browser.Runtime.OnMessageListener;
  browser.runtime.onMessage.addListener(typed);
  signal?.addEventListener('abort', () => browser.runtime.onMessage.removeListener(typed));
}

export const onContentRequest = (h: Handlers<ContentRequests, browser.Runtime.MessageSender>, signal?: AbortSignal) =>
  listen(h, CONTENT_REQUESTS, signal);
/** `schemas`: background/requests.ts, passed in so that the content script's bundle does not carry them. */
export const onBackgroundRequest = (
  h: Handlers<BackgroundRequests, browser.Runtime.MessageSender>,
  schemas: RequestSchemas,
) => listen(h, schemas);
