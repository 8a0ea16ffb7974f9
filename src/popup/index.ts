/**
 * The toolbar popup: asks the page's content script for its summary and shows the article's background, or the
 * reason there is none. `?tabId=N` targets tab N (tests open the popup as a normal page that way).
 */

import browser from 'webextension-polyfill';
import { formatDate } from '../core/format-date';
import { localisePage, t } from '../shared/i18n';
import { reviewedLine } from '../shared/knowledge-age';
import { sendToTab, type PageSummary } from '../shared/messages';
import { isActiveOn, loadSettings, saveSettings, type Settings } from '../shared/settings';
import { renderEntities, renderTimeline, statusText } from './render';
import { renderArticleAge } from './article-age';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function targetTab(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

async function fetchSummary(tabId: number | null): Promise<PageSummary | null> {
  if (tabId === null) return null;
  try {
    return await sendToTab(tabId, 'get-summary', {});
  } catch {
    return null; // no content script there: not a Korea Herald article page
  }
}

/**
 * The content script applies a settings change when storage.onChanged reaches it; ask until its summary reflects
 * the change (or give up after a second and show what it says).
 */
async function summaryAfter(tabId: number | null, settings: Settings): Promise<PageSummary | null> {
  for (let attempt = 0; ; attempt++) {
    const current = await fetchSummary(tabId);
    const wantOn = current !== null && isActiveOn(settings, current.host);
    const settled =
      !current || !['article', 'disabled'].includes(current.status) || (current.status === 'article') === wantOn;
    if (settled || attempt >= 20) return current;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function show(summary: PageSummary | null, reveal: (id: string) => void): void {
  $('status').textContent = statusText(summary, t);
  const views = summary?.status === 'article' ? summary.views : undefined;
  const article = $('article');
  article.hidden = !views;
  if (!summary || !views) return;
  const lang = t('uiLang');
  $('headline').textContent = summary.headline ?? '';
  $('published').textContent = t('publishedLabel', formatDate(summary.publishedDate ?? views.date, lang));
  const today = new Date().toISOString().slice(0, 10);
  $('article-age').replaceChildren(...renderArticleAge(document, views, summary.mentionCounts, today, t));
  $('entities').replaceChildren(...renderEntities(document, views, summary.mentionCounts, t, reveal));
  $('timeline-title').textContent = t('timelineHeading', formatDate(views.date, lang));
  $('timeline').replaceChildren(...renderTimeline(document, views.timeline.atTheTime, views.sources, t, reveal));
  $('since-title').textContent = t('panelSinceThen', formatDate(views.reviewed, lang));
  $('since').replaceChildren(...renderTimeline(document, views.timeline.sinceThen, views.sources, t, reveal));
}

function showSwitches(settings: Settings, summary: PageSummary | null): void {
  $<HTMLInputElement>('enabled').checked = settings.enabled;
  const site = $('site-switch');
  site.hidden = !summary;
  if (summary) $<HTMLInputElement>('site-enabled').checked = isActiveOn({ ...settings, enabled: true }, summary.host);
}

async function main(): Promise<void> {
  localisePage(document);
  $('knowledge-reviewed').textContent = reviewedLine(t);
  const tabId = await targetTab();
  const reveal = (entityId: string) => {
    if (tabId !== null) sendToTab(tabId, 'reveal', { entityId }).catch(() => undefined);
  };
  let settings = await loadSettings();
  let summary = await fetchSummary(tabId);
  show(summary, reveal);
  showSwitches(settings, summary);
  document.body.dataset.ready = 'true';

  const refresh = async (change: Partial<Settings>) => {
    settings = await saveSettings(change);
    summary = await summaryAfter(tabId, settings);
    show(summary, reveal);
    showSwitches(settings, summary);
  };
  $<HTMLInputElement>('enabled').addEventListener('change', (e) => {
    void refresh({ enabled: (e.target as HTMLInputElement).checked });
  });
  $<HTMLInputElement>('site-enabled').addEventListener('change', (e) => {
    if (!summary) return;
    const host = summary.host;
    const others = settings.disabledHosts.filter((h) => h !== host);
    void refresh({ disabledHosts: (e.target as HTMLInputElement).checked ? others : [...others, host] });
  });
}

void main();
