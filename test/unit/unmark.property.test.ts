/**
 * Property 4 of marking: unmarking restores the DOM exactly, after any sequence of passes (see mark.property.test.ts
 * for the other properties and how to replay a counterexample).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markMentions, unmarkAll } from '../../src/core/mark/mark';
import { compileMatcher } from '../../src/core/match/matcher';
import { articleFragment, insertedFragment, renderInto, SHEET } from '../helpers/arbitrary-dom';
import { expectMarksWellPlaced, expectMentionsArePhrases } from '../helpers/mark-reading';
import { MARK, mark, options, params, withContainer } from '../helpers/mark-properties';

describe('4. unmarking restores the DOM exactly, text node for text node', () => {
  it('after one pass', () => {
    fc.assert(
      fc.property(articleFragment, fc.boolean(), (fragment, firstOnly) =>
        withContainer(fragment, (root) => {
          const original = root.cloneNode(true);
          mark(root, firstOnly);
          unmarkAll(root);
          expect(root.isEqualNode(original)).toBe(true);
        }),
      ),
      params(150),
    );
  });

  it('after two passes', () => {
    fc.assert(
      fc.property(articleFragment, fc.boolean(), (fragment, firstOnly) =>
        withContainer(fragment, (root) => {
          const original = root.cloneNode(true);
          mark(root, firstOnly);
          mark(root, firstOnly);
          unmarkAll(root);
          expect(root.isEqualNode(original)).toBe(true);
        }),
      ),
      params(100),
    );
  });

  it('after a pass with part of the sheet and a pass with all of it (which marks only whole new phrases)', () => {
    fc.assert(
      fc.property(articleFragment, fc.subarray([...SHEET]), fc.boolean(), (fragment, part, firstOnly) =>
        withContainer(fragment, (root) => {
          const original = root.cloneNode(true);
          markMentions(root, compileMatcher(part), options(firstOnly));
          const earlier = new Set(root.querySelectorAll(MARK));
          mark(root, firstOnly);
          expectMarksWellPlaced(root);
          expectMentionsArePhrases(root, (m) => m.pieces.every((p) => !earlier.has(p)));
          unmarkAll(root);
          expect(root.isEqualNode(original)).toBe(true);
        }),
      ),
      params(100),
    );
  });

  it('after marking, inserting new content, and marking again', () => {
    const insertion = fc.record({ target: fc.nat(), atStart: fc.boolean(), fragment: insertedFragment });
    fc.assert(
      fc.property(
        articleFragment,
        fc.array(insertion, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (fragment, inserts, firstOnly) =>
          withContainer(fragment, (root) => {
            const expected = root.cloneNode(true) as Element;
            mark(root, firstOnly);
            // Insert the same content at the same place of the marked page and of the unmarked copy. Marking only
            // adds marks, so the page's own elements keep their document order: index k is the same element in both.
            const elementsOf = (r: Element) => [r, ...[...r.querySelectorAll('*')].filter((e) => e.localName !== MARK)];
            for (const { target, atStart, fragment: added } of inserts) {
              for (const r of [root, expected]) {
                const els = elementsOf(r);
                const parent = els[target % els.length];
                renderInto(parent, added.children, atStart ? parent.firstChild : null);
              }
            }
            const text = root.textContent;
            const earlier = new Set(root.querySelectorAll(MARK));
            mark(root, firstOnly);
            expect(root.textContent).toBe(text);
            expectMarksWellPlaced(root);
            // Property 5 for the new mentions only: content inserted into an earlier mention can split it (a block put
            // between its pieces), and marking does not revisit earlier marks.
            expectMentionsArePhrases(root, (m) => m.pieces.every((p) => !earlier.has(p)));
            unmarkAll(root);
            expect(root.isEqualNode(expected)).toBe(true);
          }),
      ),
      params(200),
    );
  });
});
