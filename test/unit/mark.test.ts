import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { markMentions, unmarkAll } from '../../src/core/mark/mark';
import { assignTabStops, countMentions } from '../../src/core/mark/tab-stops';
import { compileMatcher } from '../../src/core/match/matcher';

const matcher = compileMatcher([
  { phrase: 'Sung Kim', entityId: 'sung-kim' },
  { phrase: 'Kim', entityId: 'sung-kim' },
  { phrase: 'six-party talks', entityId: 'six-party-talks' },
]);

function page(body: string) {
  const { document } = new JSDOM(`<!doctype html><body><div id="b">${body}</div></body>`).window;
  return { document, root: document.getElementById('b') as HTMLElement };
}
const marked = (root: Element) =>
  [...root.querySelectorAll('backgrounder-mark')].map((m) => [m.textContent, m.getAttribute('data-entity')]);

describe('markMentions', () => {
  it('wraps mentions without changing the text', () => {
    const { root } = page('<p>Envoy Sung Kim said the six-party talks; Kim left.</p>');
    const before = root.textContent;
    markMentions(root, matcher);
    expect(root.textContent).toBe(before);
    expect(marked(root)).toEqual([
      ['Sung Kim', 'sung-kim'],
      ['six-party talks', 'six-party-talks'],
      ['Kim', 'sung-kim'],
    ]);
  });

  it('never matches across a block boundary or a <br>', () => {
    const { root } = page('<p>Sung</p><p>Kim</p><div>six-party<br>talks</div>');
    markMentions(root, matcher);
    expect(marked(root)).toEqual([['Kim', 'sung-kim']]);
  });

  it('marks a phrase split across inline elements piece by piece, as one mention', () => {
    const { root } = page('<p>Envoy <b>Sung</b> Kim spoke</p>');
    markMentions(root, matcher);
    expect(marked(root)).toEqual([
      ['Sung', 'sung-kim'],
      [' Kim', 'sung-kim'],
    ]);
    expect(countMentions(root)).toEqual({ 'sung-kim': 1 });
    expect(root.querySelector('b > backgrounder-mark')?.textContent).toBe('Sung');
  });

  it('leaves links, scripts, form fields, editable regions and skipped regions alone', () => {
    const { root } = page(
      '<p><a href="/x">Sung Kim</a> <script>var a="Kim"</script><textarea>Kim</textarea>' +
        '<span contenteditable="true">Kim</span><div data-svcad="1">Kim</div><figure><figcaption>Kim</figcaption></figure></p>' +
        '<p>Kim</p>',
    );
    markMentions(root, matcher, { skipSelector: '[data-svcad], figure' });
    expect(marked(root)).toEqual([['Kim', 'sung-kim']]);
    expect(root.querySelector('a')?.innerHTML).toBe('Sung Kim');
  });

  it('is idempotent: a second pass adds nothing', () => {
    const { root } = page('<p>Sung Kim and Kim at the six-party talks</p>');
    markMentions(root, matcher);
    const once = root.innerHTML;
    const second = markMentions(root, matcher);
    expect(second.added).toEqual([]);
    expect(root.innerHTML).toBe(once);
  });

  it('marks content inserted later without double marks', () => {
    const { document, root } = page('<p>Sung Kim spoke.</p>');
    markMentions(root, matcher);
    const p = document.createElement('p');
    p.textContent = 'Later, Kim left.';
    root.append(p);
    markMentions(root, matcher);
    expect(marked(root)).toEqual([
      ['Sung Kim', 'sung-kim'],
      ['Kim', 'sung-kim'],
    ]);
  });

  it('can mark only the first mention of each entity', () => {
    const { root } = page('<p>Sung Kim and Kim</p><p>Kim at the six-party talks</p>');
    markMentions(root, matcher, { firstOnly: true });
    expect(marked(root)).toEqual([
      ['Sung Kim', 'sung-kim'],
      ['six-party talks', 'six-party-talks'],
    ]);
  });

  it('unmarks exactly: the same nodes, text node for text node', () => {
    const { root } = page('<p>Envoy <b>Sung</b> Kim met Kim at the six-party talks.</p><p>Kim</p>');
    const original = root.cloneNode(true);
    markMentions(root, matcher);
    expect(root.isEqualNode(original)).toBe(false);
    unmarkAll(root);
    expect(root.isEqualNode(original)).toBe(true);
  });

  it('makes only the first mention of each entity a tab stop', () => {
    const { root } = page('<p>Sung Kim, Kim and the six-party talks. Kim.</p>');
    markMentions(root, matcher);
    assignTabStops(root);
    const stops = [...root.querySelectorAll('[tabindex="0"]')].map((m) => m.textContent);
    expect(stops).toEqual(['Sung Kim', 'six-party talks']);
  });

  it('unmarking keeps what the page put inside or around a mark, and leaves look-alikes alone', () => {
    const { document, root } = page(
      '<p>Envoy Sung Kim met Kim at the six-party talks.</p><p><backgrounder-mark data-entity="x">Kim</backgrounder-mark></p>',
    );
    markMentions(root, matcher);
    const marks = [...root.querySelectorAll('backgrounder-mark[data-entity="sung-kim"]')];
    // An auto-linker wraps the first mention in a link; page translation wraps the second's text in <font>.
    const link = document.createElement('a');
    link.href = '#auto';
    marks[0].replaceWith(link);
    link.append(marks[0]);
    const font = document.createElement('font');
    font.append(...marks[1].childNodes);
    marks[1].append(font);
    unmarkAll(root);
    expect(root.innerHTML).toBe(
      '<p>Envoy <a href="#auto">Sung Kim</a> met <font>Kim</font> at the six-party talks.</p>' +
        '<p><backgrounder-mark data-entity="x">Kim</backgrounder-mark></p>',
    );
    expect(countMentions(root)).toEqual({});
  });
});
