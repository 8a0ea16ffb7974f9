/**
 * The annotator against a page that fights back, in jsdom: work bounded by what changed, the badge told only when
 * the count changes, a failed pass survived, look-alikes ignored, the page's copies of our marks removed on stop.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '../helpers/fake-browser';
import { loadPage, PLACEHOLDER_ARTICLE_URL } from '../helpers/fixtures';
import { viewsFor } from '../helpers/pipeline';

// jsdom cannot dispatch trusted events; the browser tests hold the content script to the real rule.
vi.mock('../../src/content/trusted', () => ({ trusted: () => true }));
vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }));

const { startAnnotator, stopAnnotators } = await import('../helpers/annotator');
const { Annotator } = await import('../../src/content/annotator');
const { detect } = await import('../helpers/pipeline');
const { DEFAULT_SETTINGS } = await import('../../src/core/settings');

afterEach(stopAnnotators);
const measures = (name: string) => performance.getEntriesByName(`backgrounder:${name}`).length;
const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

describe('Annotator on a hostile page', () => {
  it('a change that names nothing starts no pass; the badge hears only when the number of entities changes', async () => {
    const doc = loadPage('kh-current.html');
    const { body, counts } = await startAnnotator(doc, PLACEHOLDER_ARTICLE_URL);
    const reported = counts.length;
    const remarks = measures('remark');
    const clock = doc.createElement('p');
    body.append(clock);
    for (let i = 0; i < 5; i++) {
      clock.textContent = `Seoul, 12:00:0${i}`;
      await settle(20);
    }
    await settle();
    expect(measures('remark')).toBe(remarks);
    // A paragraph naming an entity already marked: marked, but the count of entities is the same.
    const p = doc.createElement('p');
    p.textContent = 'Later, Sung Kim spoke.';
    body.append(p);
    await vi.waitFor(() => expect(p.querySelector('backgrounder-mark')).not.toBeNull());
    await settle();
    expect(counts.length).toBe(reported);
  });

  it('survives a failed pass: the next change is marked', async () => {
    const doc = loadPage('kh-current.html');
    const detection = detect(doc, PLACEHOLDER_ARTICLE_URL, DEFAULT_SETTINGS);
    if (detection.status !== 'article') throw new Error(detection.status);
    const { plan, body } = detection;
    let failures = 0;
    let fail = false;
    const annotator = new Annotator(body, plan, {
      firstOnly: false,
      cardDelayMs: () => 0,
      loadViews: async (ids) => viewsFor(ids, plan.date, plan.mode === 'curated' ? plan.sheetId : undefined),
      onChange: () => {
        if (!fail) return;
        failures++;
        throw new Error('the background went away mid-pass');
      },
    });
    await annotator.start();
    try {
      // The page removes every paragraph naming the talks: the pass that reports the new count throws.
      fail = true;
      for (const mark of body.querySelectorAll('backgrounder-mark[data-entity="six-party-talks"]')) {
        mark.closest('p')?.remove();
      }
      await vi.waitFor(() => expect(failures).toBe(1), { timeout: 3_000 });
      fail = false;
      const later = doc.createElement('p');
      later.textContent = 'Later, Sung Kim returned to the six-party talks.';
      body.append(later);
      await vi.waitFor(() => expect(later.querySelectorAll('backgrounder-mark').length).toBe(2), { timeout: 3_000 });
    } finally {
      annotator.stop();
    }
  });

  it("a look-alike gets no card; the page's copies of our marks are not ours, and go on stop", async () => {
    const doc = loadPage('kh-current.html');
    const { body, annotator } = await startAnnotator(doc, PLACEHOLDER_ARTICLE_URL);
    const lookalike = doc.createElement('backgrounder-mark');
    lookalike.setAttribute('data-entity', 'kim-jong-un');
    lookalike.setAttribute('tabindex', '0');
    lookalike.textContent = 'Sung Kim';
    const aside = doc.createElement('aside');
    aside.append(lookalike, body.querySelector('backgrounder-mark')!.cloneNode(true));
    doc.body.append(aside);
    (lookalike as HTMLElement).focus();
    expect(lookalike.hasAttribute('aria-describedby')).toBe(false);
    expect(Object.keys(annotator.counts())).not.toContain('kim-jong-un');
    annotator.stop();
    expect(aside.querySelectorAll('backgrounder-mark')).toEqual(aside.querySelectorAll('[data-entity="kim-jong-un"]'));
    expect(doc.querySelectorAll('backgrounder-mark').length).toBe(1);
  });
});
