/** The sentence around a mention, for the panel's list of an entity's mentions in the article. */

import { blockAround } from './deferred-marks';
import { mentionPieces } from '../core/mark/mark-element';
import type { Mention } from './panel-view';

const CONTEXT_CHARS = 70;

export function mentionContext(mark: Element, root: Element, current: boolean): Mention {
  const doc = mark.ownerDocument;
  const pieces = mentionPieces(mark);
  const text = pieces.map((p) => p.textContent ?? '').join('');
  const block = blockAround(mark, root);
  const range = doc.createRange();
  range.setStart(block, 0);
  range.setEndBefore(mark);
  const before = range.toString();
  range.setStartAfter(pieces[pieces.length - 1]);
  range.setEnd(block, block.childNodes.length);
  const after = range.toString();
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  const head = squash(before).slice(-CONTEXT_CHARS);
  const tail = squash(after).slice(0, CONTEXT_CHARS);
  return {
    before: `${head.length < squash(before).length ? '…' : ''}${head}`,
    text,
    after: `${tail}${tail.length < squash(after).length ? '…' : ''}`,
    current,
  };
}
