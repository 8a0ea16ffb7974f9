/**
 * Property 9 of marking: whatever the page does between passes, switching off leaves the page as it would be
 * without Backgrounder. Random page edits (insert content, wrap an element's children in a link or a <font> as page
 * translation does, re-render an element's text, remove an element, move one to the end) interleaved with marking
 * passes, then unmarking; the same edits made to a copy that was never marked give the reference. See
 * mark.property.test.ts for how to replay a counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unmarkAll } from '../../src/core/mark/mark';
import { insertedFragment, articleFragment, renderInto, type Fragment } from '../helpers/arbitrary-dom';
import { MARK, mark, params, withContainer } from '../helpers/mark-properties';

type Edit =
  | { k: 'insert'; target: number; atStart: boolean; fragment: Fragment }
  | { k: 'wrap'; target: number; tag: 'a' | 'font' }
  | { k: 'retext'; target: number; text: string }
  | { k: 'remove'; target: number }
  | { k: 'move'; target: number }
  | { k: 'mark' };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ k: fc.constant('insert' as const), target: fc.nat(), atStart: fc.boolean(), fragment: insertedFragment }),
  fc.record({ k: fc.constant('wrap' as const), target: fc.nat(), tag: fc.constantFrom('a' as const, 'font' as const) }),
  fc.record({
    k: fc.constant('retext' as const),
    target: fc.nat(),
    text: fc.constantFrom('Sung Kim said', 'the talks', 'nothing here', ''),
  }),
  fc.record({ k: fc.constant('remove' as const), target: fc.nat() }),
  fc.record({ k: fc.constant('move' as const), target: fc.nat() }),
  fc.constant({ k: 'mark' as const }),
);

/** The page's own elements in document order (the container first): the same index is the same element in both. */
const elementsOf = (root: Element) => [root, ...[...root.querySelectorAll('*')].filter((e) => e.localName !== MARK)];

function apply(root: Element, e: Exclude<Edit, { k: 'mark' }>): void {
  const els = elementsOf(root);
  const el = els[e.target % els.length];
  const doc = root.ownerDocument;
  switch (e.k) {
    case 'insert':
      renderInto(el, e.fragment.children, e.atStart ? el.firstChild : null);
      return;
    case 'wrap': {
      const wrapper = doc.createElement(e.tag);
      if (e.tag === 'a') wrapper.setAttribute('href', '#page');
      wrapper.append(...el.childNodes);
      el.append(wrapper);
      return;
    }
    case 'retext':
      el.textContent = e.text;
      return;
    case 'remove':
      if (el !== root) el.remove();
      return;
    case 'move':
      if (el !== root && !el.contains(root)) root.append(el);
      return;
  }
}

function normalised(root: Element): Node {
  const clone = root.cloneNode(true) as Element;
  clone.normalize();
  return clone;
}

describe('9. page edits interleaved with marking, then unmarking', () => {
  it("leave the page's own nodes and text as they would be without Backgrounder", () => {
    fc.assert(
      fc.property(
        articleFragment,
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (fragment, edits, firstOnly) =>
          withContainer(fragment, (root) => {
            const reference = root.cloneNode(true) as Element;
            mark(root, firstOnly);
            const ownElements: Element[][] = [];
            for (const e of edits) {
              if (e.k === 'mark') {
                mark(root, firstOnly);
                continue;
              }
              apply(root, e);
              apply(reference, e);
            }
            ownElements.push(elementsOf(root));
            unmarkAll(root);
            expect(root.querySelectorAll(MARK).length).toBe(0);
            expect(root.textContent).toBe(reference.textContent);
            // The page's elements are still the very same nodes, in the same order, and nothing of theirs was lost.
            expect(elementsOf(root)).toEqual(ownElements[0]);
            expect(normalised(root).isEqualNode(normalised(reference))).toBe(true);
          }),
      ),
      params(120),
    );
  });
});
