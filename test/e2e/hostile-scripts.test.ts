/**
 * Pages whose scripts fight Backgrounder (issue 17), beside the hostile-CSS pages: a body that never stops changing,
 * a page that strips unknown elements, one that registers our tag names, look-alike marks, synthetic events,
 * clobbered globals, and page edits around and inside marks before switching off. Each test checks the page's own
 * text and nodes and what the reader gets.
 */
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { expectedMentions, SEED_SHEET_ID } from '../helpers/editorial';
import { HOSTILE_SCRIPTS, RERENDERS, type HostileScriptName } from '../fixtures/hostile-scripts';
import { PLACEHOLDER_ARTICLE_URL } from './harness/paths';
import { MARK, markedMentions, readThrough, strippedHtml, waitForMarkingSettled } from './support/marks';
import { POLL } from './support/poll';
import { browserSuite } from './support/suite';

const expected = expectedMentions(SEED_SHEET_ID);
const baselineUrl = (name: string) => `https://www.koreaherald.com/e2e-baseline/hostile-script-${name}`;
const OURS = `#articleText ${MARK}:not([data-page-own])`;

const measures = (page: Page, step: string) =>
  page.evaluate((name: string) => performance.getEntriesByName(`backgrounder:${name}`, 'measure').length, step);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const articleText = (page: Page) =>
  page.evaluate(() => (document.getElementById('articleText')?.textContent ?? '').replace(/\s+/g, ' '));

/** The open card as the mark's aria-describedby resolves it: role, visibility, text, and whether it is the page's. */
const describedCard = (page: Page, selector: string) =>
  page.evaluate((sel: string) => {
    const mark = document.querySelector(sel);
    const card = document.getElementById(mark?.getAttribute('aria-describedby') ?? '');
    if (!card) return null;
    const box = card.getBoundingClientRect();
    return {
      role: card.getAttribute('role'),
      visible: box.width > 0 && box.height > 0 && getComputedStyle(card).visibility === 'visible',
      text: card.shadowRoot?.textContent ?? '',
      pageOwn: card.localName === 'div',
    };
  }, selector);

/** Our panel, whatever tag it had to take: an open dialog in a shadow root, and its entity. */
const openPanel = (page: Page) =>
  page.evaluate(() => {
    for (const el of document.querySelectorAll('*')) {
      if (!el.localName.startsWith('backgrounder-panel')) continue;
      const dialog = el.shadowRoot?.querySelector('dialog');
      if (dialog?.open) return { entity: (el as HTMLElement).dataset.entity ?? '', text: dialog.textContent ?? '' };
    }
    return null;
  });

const cardShown = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('[role="tooltip"]')].some((c) => c.matches(':popover-open')));

browserSuite('Hostile scripts', (ctx) => {
  const openScripted = async (name: HostileScriptName) => {
    const page = ctx.track(await ctx.session.openArticle(PLACEHOLDER_ARTICLE_URL, { html: HOSTILE_SCRIPTS[name]() }));
    return page;
  };
  const baseline = (name: HostileScriptName) => ctx.open(baselineUrl(name), { html: HOSTILE_SCRIPTS[name]() });

  it('live body: a clock every 100 ms costs no pass; each re-render of the body is marked again, once', async () => {
    const page = await openScripted('live-body');
    await page.waitForFunction((n: number) => document.documentElement.dataset.renders === String(n), POLL, RERENDERS);
    await waitForMarkingSettled(page, { quietMs: 600 });
    await readThrough(page);
    expect(await markedMentions(page, OURS)).toEqual(expected);
    expect(await page.evaluate((tag: string) => document.querySelectorAll(`#page-clock ${tag}`).length, MARK)).toBe(0);
    // The clock goes on: 2 s of it start no marking pass and write nothing.
    const [remarks, writes] = [await measures(page, 'remark'), await measures(page, 'write')];
    await pause(2_000);
    expect(await measures(page, 'remark')).toBe(remarks);
    expect(await measures(page, 'write')).toBe(writes);
    // One pass per re-render (the first pass may see the first re-render too), not one per change.
    expect(remarks).toBeLessThanOrEqual(RERENDERS + 1);
    // The page's text is its own: the same as without Backgrounder, but for the clock's time.
    const other = await baseline('live-body');
    await other.waitForFunction((n: number) => document.documentElement.dataset.renders === String(n), POLL, RERENDERS);
    const withoutClock = (p: Page) =>
      p.evaluate(() =>
        [...document.querySelectorAll('#articleText > :not(#page-clock)')].map((e) => e.textContent).join('|'),
      );
    expect(await withoutClock(page)).toBe(await withoutClock(other));
  });

  it('a page that strips unknown elements: Backgrounder gives up after a few tries; the page text is intact', async () => {
    const page = await openScripted('strips-unknown');
    await page.waitForFunction(() => performance.getEntriesByName('backgrounder:annotate').length > 0, POLL);
    await readThrough(page);
    // It stops fighting: no pass for 2 s, a few tries per paragraph at most.
    await waitForMarkingSettled(page, { quietMs: 2_000, timeoutMs: 30_000 });
    const remarks = await measures(page, 'remark');
    expect(remarks).toBeLessThan(40);
    const other = await baseline('strips-unknown');
    expect(await articleText(page)).toBe(await articleText(other));
    expect(await strippedHtml(page, '#articleText')).toBe(await strippedHtml(other, '#articleText'));
    await pause(1_000);
    expect(await measures(page, 'remark')).toBe(remarks);
  });

  it('a page that registered our tag names and took our card id: the card and panel still open, as ours', async () => {
    const page = await openScripted('defines-our-tags');
    await waitForMarkingSettled(page);
    await readThrough(page);
    expect(await markedMentions(page)).toEqual(expected);
    const first = `${MARK}[tabindex="0"][data-entity="sung-kim"]`;
    await page.focus(first);
    await expect.poll(() => describedCard(page, first), POLL).toMatchObject({ role: 'tooltip', visible: true });
    const card = await describedCard(page, first);
    expect(card?.pageOwn).toBe(false);
    expect(card?.text).toContain('Sung Kim');
    expect(card?.text).not.toContain('the page took');
    await page.keyboard.press('Enter');
    await expect.poll(() => openPanel(page), POLL).toMatchObject({ entity: 'sung-kim' });
    expect((await openPanel(page))?.text).not.toContain('the page took');
    // The page's own element keeps its id and text.
    expect(await page.evaluate(() => document.querySelector('div#backgrounder-card')?.textContent ?? '(gone)')).toBe(
      'The page’s own box',
    );
  });

  it('look-alike marks get no card, no count, no tab stop, and stay exactly as the page wrote them', async () => {
    const page = await openScripted('look-alikes');
    await waitForMarkingSettled(page);
    await readThrough(page);
    const lookalikes = () => page.evaluate(() => document.getElementById('page-lookalikes')?.outerHTML ?? '');
    const served = await lookalikes();
    expect(served).toContain('data-page-own');
    expect(await markedMentions(page, OURS)).toEqual(expected);
    // A real hover and a real click on the look-alike: nothing opens.
    const box = await page.evaluate(() => {
      const el = document.querySelector('#page-lookalikes [data-entity="kim-jong-un"]')!;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await pause(1_200);
    expect(await cardShown(page)).toBe(false);
    await page.mouse.click(box.x, box.y);
    await pause(300);
    expect(await openPanel(page)).toBeNull();
    await page.focus('#page-lookalikes [data-entity="fake-entity"]');
    await pause(300);
    expect(await cardShown(page)).toBe(false);
    expect(await lookalikes()).toBe(served);
    // The popup counts our mentions only.
    const popup = await ctx.popupFor(page);
    const listed = await popup.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#entities button.entity[data-entity]')].map((b) => b.dataset.entity),
    );
    expect(new Set(listed)).toEqual(new Set(Object.keys(expected)));
    // Switched off: our marks go, the page's stay.
    await ctx.setSettings({ enabled: false });
    await page.waitForFunction((sel: string) => document.querySelectorAll(sel).length === 0, POLL, OURS);
    expect(await lookalikes()).toBe(served);
  });

  it('synthetic clicks, keys, hovers and taps from the page open nothing; the reader’s own still do', async () => {
    const page = await openScripted('synthetic-events');
    await waitForMarkingSettled(page);
    await page.waitForFunction(() => document.documentElement.dataset.synthetic === 'done', POLL);
    await pause(1_200);
    expect(await cardShown(page)).toBe(false);
    expect(await openPanel(page)).toBeNull();
    await page.focus(`${MARK}[tabindex="0"]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => openPanel(page), POLL).not.toBeNull();
  });

  it('elements named browser, chrome and runtime do not stop marking, the card or the panel', async () => {
    const page = await openScripted('clobbered-globals');
    await waitForMarkingSettled(page);
    await readThrough(page);
    expect(await markedMentions(page)).toEqual(expected);
    const first = `${MARK}[tabindex="0"]`;
    await page.focus(first);
    await expect.poll(() => describedCard(page, first), POLL).toMatchObject({ role: 'tooltip', visible: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => openPanel(page), POLL).not.toBeNull();
  });

  it('switched off after the page linked a mark, translated one, moved one and copied one: all of it stays the page’s', async () => {
    const page = await openScripted('page-edits');
    await waitForMarkingSettled(page);
    const edited = await page.evaluate((tag: string) => {
      const marks = [...document.querySelectorAll<HTMLElement>(`#articleText ${tag}:not([data-continues])`)];
      const sung = marks.find((m) => m.dataset.entity === 'sung-kim')!;
      const link = document.createElement('a');
      link.href = '#auto-link';
      link.className = 'page-autolink';
      sung.replaceWith(link);
      link.append(sung);
      const talks = marks.find((m) => m.dataset.entity === 'six-party-talks')!;
      const font = document.createElement('font');
      font.className = 'page-translation';
      font.append(...talks.childNodes);
      talks.append(font);
      const moved = document.createElement('footer');
      moved.id = 'page-moved';
      moved.append(marks[marks.length - 1]);
      const copies = document.createElement('aside');
      copies.id = 'page-copies';
      copies.append(marks[1].cloneNode(true));
      document.body.append(moved, copies);
      return { linked: sung.textContent, translated: talks.textContent };
    }, MARK);
    // What the page has now, without our marks: that is what switching off must leave.
    const expectedBody = await strippedHtml(page, 'body');
    const text = await page.evaluate(() => document.body.textContent);
    await ctx.setSettings({ enabled: false });
    await page.waitForFunction((tag: string) => document.querySelectorAll(tag).length === 0, POLL, MARK);
    const after = await page.evaluate(() => {
      const clone = document.body.cloneNode(true) as HTMLElement;
      clone.normalize();
      return {
        html: clone.innerHTML,
        text: document.body.textContent,
        link: document.querySelector('#articleText a.page-autolink')?.textContent ?? null,
        font: document.querySelector('#articleText font.page-translation')?.textContent ?? null,
        moved: document.getElementById('page-moved')?.textContent ?? null,
        copies: document.getElementById('page-copies')?.textContent ?? null,
      };
    });
    expect(after.text).toBe(text);
    expect(after.html).toBe(expectedBody);
    expect(after.link).toBe(edited.linked);
    expect(after.font).toBe(edited.translated);
    expect(after.moved).not.toBe('');
    expect(after.copies).not.toBe('');
  });
});
