/** Malformed markup, layouts we have not seen, and no leaks when the card opens and closes a thousand times. */
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '../helpers/fake-browser';
import { articleBodyLines, PLACEHOLDER_ARTICLE_URL } from '../helpers/fixtures';
import { detect, markedMentions, sheetById } from '../helpers/pipeline';

// jsdom cannot dispatch trusted events; the browser tests hold the content script to the real rule.
vi.mock('../../src/content/trusted', () => ({ trusted: () => true }));
vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }));
const { startAnnotator, stopAnnotators } = await import('../helpers/annotator');

const sheet = sheetById('korea-herald-2014-12-12-no-signs-nk-talks');
const lines = articleBodyLines();
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const head = `<head><meta property="og:title" content="${sheet.article.headline}"></head>`;
const dateLine = '<p class="byline">Published : Dec. 12, 2014 - 21:06</p>';
const pageWith = (body: string) =>
  new JSDOM(
    `<!doctype html><html>${head}<body><h1>${sheet.article.headline}</h1>${dateLine.replace('byline', 'date')}${body}</body></html>`,
    {
      url: PLACEHOLDER_ARTICLE_URL,
    },
  ).window.document;

afterEach(stopAnnotators);

const annotate = (doc: Document) => startAnnotator(doc, PLACEHOLDER_ARTICLE_URL);

describe('malformed and unknown markup', () => {
  it('marks a <br>-only body with stray tags and inline scripts the same as a clean one', async () => {
    const body = lines
      .map((l, i) => (i === 3 ? `${escape(l)}<script>document.title += "Sung Kim";</script>` : escape(l)))
      .join('<br><br></td>\n');
    const doc = pageWith(
      `<div id="articleText"><div class="view_con_t"><p>${body}</div></div><ul><li>Sung Kim</li></ul>`,
    );
    const { body: found } = await annotate(doc);
    const marked = markedMentions(found);
    for (const e of sheet.entities) expect(marked.get(e.id) ?? [], e.id).toEqual(e.mentions);
    expect(doc.querySelector('script')?.textContent).toBe('document.title += "Sung Kim";');
  });

  it('finds the body of a redesigned page from the article text itself', async () => {
    const paragraphs = lines.map((l) => `<div class="x-para">${escape(l)}</div>`).join('');
    const doc = pageWith(
      `<nav>Sung Kim six-party talks</nav><div class="x-story"><div class="x-inner">${paragraphs}</div></div><aside>Sung Kim</aside>`,
    );
    const { body, layout } = await annotate(doc);
    expect(layout).toBe('found-by-content');
    expect(body.className).toBe('x-inner');
    expect(doc.querySelector('nav backgrounder-mark, aside backgrounder-mark')).toBeNull();
  });

  it('reports "layout not recognised" and marks nothing when the article text cannot be found', () => {
    const doc = pageWith('<div class="teaser">BEIJING (AFP) - The US diplomat responsible for North Korea said…</div>');
    expect(detect(doc, PLACEHOLDER_ARTICLE_URL).status).toBe('layout-not-recognised');
    expect(doc.querySelector('backgrounder-mark')).toBeNull();
  });
});

describe('no leaks', () => {
  it('opening and closing the card and the panel 1,000 times leaves no growing listeners, observers or nodes', async () => {
    const doc = pageWith(`<div id="articleText">${lines.map((l) => `<p>${escape(l)}</p>`).join('')}</div>`);
    const win = doc.defaultView!;
    let listeners = 0;
    const add = win.EventTarget.prototype.addEventListener;
    const remove = win.EventTarget.prototype.removeEventListener;
    win.EventTarget.prototype.addEventListener = function (...args: Parameters<typeof add>) {
      listeners++;
      return add.apply(this, args);
    };
    win.EventTarget.prototype.removeEventListener = function (...args: Parameters<typeof remove>) {
      listeners--;
      return remove.apply(this, args);
    };
    const { body, annotator } = await annotate(doc);
    const marks = [...body.querySelectorAll<HTMLElement>('backgrounder-mark[tabindex="0"]')];
    const cycle = (n: number) => {
      for (let i = 0; i < n; i++) {
        const mark = marks[i % marks.length];
        mark.focus();
        doc.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Escape' }));
        mark.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        const dialog = doc.querySelector('backgrounder-panel')?.shadowRoot?.querySelector('dialog');
        dialog?.dispatchEvent(new win.Event('cancel', { cancelable: true }));
        mark.blur();
      }
    };
    cycle(10);
    const baseline = { listeners, nodes: doc.getElementsByTagName('*').length };
    cycle(1000);
    expect({ listeners, nodes: doc.getElementsByTagName('*').length }).toEqual(baseline);
    annotator.stop();
    expect(doc.querySelector('backgrounder-card, backgrounder-panel, backgrounder-mark')).toBeNull();
    win.EventTarget.prototype.addEventListener = add;
    win.EventTarget.prototype.removeEventListener = remove;
  }, 90_000);
});
