/** The content script's annotator on the real fixture in jsdom: marking, re-marking, card, panel, exact undo. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '../helpers/fake-browser';
import { loadPage, PLACEHOLDER_ARTICLE_URL } from '../helpers/fixtures';
import { markedMentions, sheetById } from '../helpers/pipeline';

// jsdom cannot dispatch trusted events; the browser tests hold the content script to the real rule.
vi.mock('../../src/content/trusted', () => ({ trusted: () => true }));
vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }));

const { startAnnotator, stopAnnotators } = await import('../helpers/annotator');
const { DEFAULT_SETTINGS } = await import('../../src/core/settings');

const SEED = sheetById('korea-herald-2014-12-12-no-signs-nk-talks');
afterEach(stopAnnotators);

async function annotated(settings = DEFAULT_SETTINGS) {
  const doc = loadPage('kh-current.html');
  const bodyBefore = doc.getElementById('articleText')!.cloneNode(true);
  const started = await startAnnotator(doc, PLACEHOLDER_ARTICLE_URL, settings);
  return { doc, original: bodyBefore, ...started };
}

const settle = (ms = 120) => new Promise((r) => setTimeout(r, ms));
const key = (doc: Document, target: EventTarget, k: string) =>
  target.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));

describe('Annotator', () => {
  it('marks every listed mention and reports the counts', async () => {
    const { body, counts, annotator } = await annotated();
    const found = markedMentions(body);
    for (const link of SEED.entities) expect(found.get(link.id) ?? [], link.id).toEqual(link.mentions);
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
    // A busy machine can take longer than any fixed wait: wait for the re-marking pass itself.
    const remarked = () => performance.getEntriesByName('backgrounder:remark').length;
    await vi.waitFor(() => expect(remarked()).toBeGreaterThan(remarksBefore), { timeout: 5_000 });
    expect([...p.querySelectorAll('backgrounder-mark')].map((m) => m.textContent)).toEqual([
      'Sung Kim',
      'six-party talks',
    ]);
    const after = body.innerHTML;
    const remarksAfter = remarked();
    await settle();
    expect(body.innerHTML).toBe(after);
    expect(remarked()).toBe(remarksAfter);
  });

  it('glossary mode: a paragraph with words the page did not have is marked once their phrases come', async () => {
    const { JSDOM } = await import('jsdom');
    const { buildArticlePage } = await import('../helpers/page-builder');
    const { loadArticleFixture, GLOSSARY_DEMO_ARTICLE } = await import('../helpers/article-fixtures');
    const fixture = loadArticleFixture(GLOSSARY_DEMO_ARTICLE);
    const page = {
      ...fixture,
      paragraphs: [
        'Diplomats met South Korean officials in Seoul on Friday to discuss the peninsula, officials said.',
        'The talks covered ways to resume dialogue with Pyongyang, they said, without giving details of what was agreed.',
      ],
    };
    const doc = new JSDOM(buildArticlePage(page, 'current-2024'), { url: fixture.url }).window.document;
    const { body, plan, asked } = await startAnnotator(doc, fixture.url, DEFAULT_SETTINGS, { byWords: true });
    // The plan was only the phrases for the page's words: none for him yet.
    expect(plan.phrases.some((p) => p.entityId === 'sung-kim')).toBe(false);
    const p = doc.createElement('p');
    p.textContent = 'Later, Sung Kim met Hwang Joon-kook in Seoul.';
    body.append(p);
    await vi.waitFor(() => expect(p.querySelectorAll('backgrounder-mark').length).toBe(2), { timeout: 5_000 });
    expect([...p.querySelectorAll('backgrounder-mark')].map((m) => m.getAttribute('data-entity'))).toEqual([
      'sung-kim',
      'hwang-joon-kook',
    ]);
    // Asked once, for the new words only.
    expect(asked).toHaveLength(1);
    expect(asked[0]).toEqual(expect.arrayContaining(['Later', 'Sung', 'Kim', 'Hwang']));
    expect(asked[0]).not.toContain('Seoul');
  });

  it('restores the original DOM exactly when stopped', async () => {
    const { body, original, annotator, doc } = await annotated();
    expect(body.isEqualNode(original)).toBe(false);
    annotator.stop();
    expect(body.isEqualNode(original)).toBe(true);
    expect(doc.querySelector('backgrounder-card, backgrounder-panel')).toBeNull();
  });

  it('opens the card on focus as a role=tooltip the mark describes itself by, and closes it on Escape', async () => {
    const { doc, body } = await annotated();
    const mark = body.querySelector<HTMLElement>('backgrounder-mark[tabindex="0"]')!;
    mark.focus();
    const card = doc.getElementById(mark.getAttribute('aria-describedby') ?? '');
    expect(card?.getAttribute('role')).toBe('tooltip');
    const entity = mark.dataset.entity;
    expect(card?.dataset.entity).toBe(entity);
    expect(card?.style.getPropertyValue('display')).toBe('block');
    key(doc, mark, 'Escape');
    expect(mark.hasAttribute('aria-describedby')).toBe(false);
    expect(card?.style.getPropertyValue('display')).toBe('none');
    expect(doc.activeElement).toBe(mark);
  });

  it('the card says what Sung Kim was on the article date, one line since then, and where the rest is', async () => {
    const { doc, body } = await annotated();
    const mark = [...body.querySelectorAll<HTMLElement>('backgrounder-mark[data-entity="sung-kim"]')][0];
    mark.focus();
    const text = doc.getElementById('backgrounder-card')?.shadowRoot?.textContent ?? '';
    expect(text).toContain('US Special Representative for North Korea Policy (since Nov 2014)');
    expect(text).not.toContain('Ambassador to the Philippines (since');
    expect(text).toMatch(/Since then/);
    expect(text).toMatch(/press Enter for the full background/);
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
    expect(second.hasAttribute('aria-describedby'), 'not before the dwell').toBe(false);
    await vi.waitFor(() => expect(second.getAttribute('aria-describedby')).toBe('backgrounder-card'));
  });

  it('makes only the first mention of each entity a tab stop', async () => {
    const { body } = await annotated();
    const stops = [...body.querySelectorAll('backgrounder-mark[tabindex="0"]')].map((m) =>
      m.getAttribute('data-entity'),
    );
    expect(new Set(stops).size).toBe(stops.length);
    expect(new Set(stops)).toEqual(new Set(markedMentions(body).keys()));
  });

  it('Enter on a mark opens the full background; Escape closes it and gives focus back to the mark', async () => {
    const { doc, body } = await annotated();
    const mark = body.querySelector<HTMLElement>('backgrounder-mark[data-entity="sung-kim"][tabindex="0"]')!;
    mark.focus();
    key(doc, mark, 'Enter');
    const panel = doc.querySelector<HTMLElement>('backgrounder-panel')!;
    const dialog = panel.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(panel.shadowRoot!.activeElement?.textContent).toBe('Sung Kim');
    // Every fact, on both sides of the article's date, with its sources as links that open safely.
    const text = dialog.textContent ?? '';
    expect(text).toContain('Was sworn in as US ambassador to South Korea, the first Korean-American in the post.');
    expect(text).toContain('Retired from the State Department, leaving the special-representative post vacant.');
    for (const a of dialog.querySelectorAll('a')) {
      expect(a.target).toBe('_blank');
      expect(a.rel).toBe('noopener noreferrer');
    }
    // Its mentions in this article, the one it was opened from marked as current.
    const mentions = [...dialog.querySelectorAll('.mention')];
    expect(mentions.map((m) => m.querySelector('b')?.textContent)).toEqual(
      SEED.entities.find((e) => e.id === 'sung-kim')!.mentions,
    );
    expect(mentions[0].getAttribute('aria-current')).toBe('true');
    dialog.dispatchEvent(new doc.defaultView!.Event('cancel', { cancelable: true }));
    expect(dialog.open).toBe(false);
    expect(doc.activeElement).toBe(mark);
  });

  it('a click opens the panel, unless it ends a text selection', async () => {
    const { doc, body } = await annotated();
    const mark = body.querySelectorAll<HTMLElement>('backgrounder-mark[data-entity="six-party-talks"]')[1];
    const dialog = () => doc.querySelector('backgrounder-panel')?.shadowRoot?.querySelector('dialog');
    const selection = doc.getSelection()!;
    selection.selectAllChildren(mark.parentElement!);
    mark.dispatchEvent(new doc.defaultView!.MouseEvent('click', { bubbles: true }));
    expect(dialog()?.open ?? false).toBe(false);
    selection.removeAllRanges();
    mark.dispatchEvent(new doc.defaultView!.MouseEvent('click', { bubbles: true }));
    expect(dialog()?.open).toBe(true);
  });
});
