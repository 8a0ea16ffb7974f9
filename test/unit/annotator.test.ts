/** The content script's annotator on the real fixture in jsdom: marking, re-marking, the card, and exact undo. */
import sheets from 'backgrounder:fact-sheets';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '../helpers/fake-browser';
import { loadPage, PLACEHOLDER_ARTICLE_URL } from '../helpers/fixtures';
import { markedMentions } from '../helpers/annotate';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }));

const { Annotator } = await import('../../src/content/annotator');
const { detectArticle } = await import('../../src/core/page/detect');
const { DEFAULT_SETTINGS } = await import('../../src/core/settings');

const started: Array<{ stop(): void }> = [];
afterEach(() => started.splice(0).forEach((a) => a.stop()));

async function annotated(settings = DEFAULT_SETTINGS) {
  const doc = loadPage('kh-current.html');
  const detection = detectArticle(doc, PLACEHOLDER_ARTICLE_URL, sheets);
  if (detection.status !== 'article') throw new Error(detection.status);
  const original = detection.body.cloneNode(true);
  const counts: Array<Record<string, number>> = [];
  const annotator = new Annotator(detection.body, detection.sheet, settings, (c) => counts.push(c));
  started.push(annotator);
  await annotator.start();
  return { doc, body: detection.body, sheet: detection.sheet, original, annotator, counts };
}

const settle = (ms = 120) => new Promise((r) => setTimeout(r, ms));

describe('Annotator', () => {
  it('marks every listed mention and reports the counts', async () => {
    const { body, sheet, counts, annotator } = await annotated();
    const found = markedMentions(body);
    for (const e of sheet.entities) expect(found.get(e.id) ?? [], e.id).toEqual(e.mentions);
    expect(counts.at(-1)).toEqual(annotator.counts());
    expect(performance.getEntriesByName('backgrounder:annotate').length).toBeGreaterThan(0);
  });

  it('marks a paragraph inserted later, once, and does not react to its own marks', async () => {
    const { doc, body } = await annotated();
    const remarksBefore = performance.getEntriesByName('backgrounder:remark').length;
    await settle();
    expect(performance.getEntriesByName('backgrounder:remark').length).toBe(remarksBefore);
    const p = doc.createElement('p');
    p.textContent = 'Later, Sung Kim returned to the six-party talks.';
    body.append(p);
    await settle();
    expect([...p.querySelectorAll('backgrounder-mark')].map((m) => m.textContent)).toEqual([
      'Sung Kim',
      'six-party talks',
    ]);
    const after = body.innerHTML;
    await settle();
    expect(body.innerHTML).toBe(after);
  });

  it('restores the original DOM exactly when stopped', async () => {
    const { body, original, annotator } = await annotated();
    expect(body.isEqualNode(original)).toBe(false);
    annotator.stop();
    expect(body.isEqualNode(original)).toBe(true);
    expect(body.ownerDocument.querySelector('backgrounder-card')).toBeNull();
  });

  it('opens the card on focus as a role=tooltip the mark describes itself by, and closes it on Escape', async () => {
    const { doc, body, sheet } = await annotated();
    const mark = body.querySelector<HTMLElement>('backgrounder-mark[tabindex="0"]')!;
    mark.focus();
    const card = doc.getElementById(mark.getAttribute('aria-describedby') ?? '');
    expect(card?.getAttribute('role')).toBe('tooltip');
    const entity = sheet.entities.find((e) => e.id === mark.dataset.entity)!;
    expect(card?.shadowRoot?.textContent).toContain(entity.name);
    expect(card?.style.getPropertyValue('display')).toBe('block');
    doc.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(mark.hasAttribute('aria-describedby')).toBe(false);
    expect(card?.style.getPropertyValue('display')).toBe('none');
    expect(doc.activeElement).toBe(mark);
  });

  it('opens on hover only after the dwell, never on pass-through', async () => {
    const { doc, body } = await annotated({ ...DEFAULT_SETTINGS, cardDelayMs: 60 });
    const [first, second] = body.querySelectorAll('backgrounder-mark');
    const MouseEvent = doc.defaultView!.MouseEvent;
    first.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    first.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: body }));
    await settle(100);
    expect(first.hasAttribute('aria-describedby')).toBe(false);
    second.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await settle(100);
    expect(second.getAttribute('aria-describedby')).toBe('backgrounder-card');
  });

  it('makes only the first mention of each entity a tab stop', async () => {
    const { body } = await annotated();
    const stops = [...body.querySelectorAll('backgrounder-mark[tabindex="0"]')].map((m) =>
      m.getAttribute('data-entity'),
    );
    expect(new Set(stops).size).toBe(stops.length);
    expect(new Set(stops)).toEqual(new Set(markedMentions(body).keys()));
  });
});
