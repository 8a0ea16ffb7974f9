/**
 * The matcher's specification written plainly, for property 6: a leftmost-longest, whole-word, non-overlapping
 * scan over the property tests' sheet, with none of the real matcher's indexing.
 */
import { SHEET } from './arbitrary-dom';
import { normalise } from './mark-reading';

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch);
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
const codePointBefore = (s: string, i: number): string | undefined =>
  i === 0
    ? undefined
    : String.fromCodePoint(s.codePointAt(i >= 2 && /[\udc00-\udfff]/.test(s[i - 1]) ? i - 2 : i - 1)!);
const codePointAt = (s: string, i: number): string | undefined =>
  i >= s.length ? undefined : String.fromCodePoint(s.codePointAt(i)!);

/** A hyphen between word characters joins them into one word ("Musudan-ri"). */
const joinedBefore = (s: string, i: number) => s[i - 1] === '-' && isWordChar(codePointBefore(s, i - 1));
const joinedAfter = (s: string, i: number) => s[i] === '-' && isWordChar(codePointAt(s, i + 1));

/** Length of `phrase` matched at `text[i]` (a phrase space matches one or more white-space characters), or -1. */
function matchAt(text: string, i: number, phrase: string): number {
  let j = i;
  for (const ch of phrase) {
    if (ch === ' ') {
      if (!isSpace(text[j])) return -1;
      while (isSpace(text[j])) j++;
    } else if (text.startsWith(ch, j)) j += ch.length;
    else return -1;
  }
  return j - i;
}

/** Leftmost-longest, whole-word, non-overlapping scan: the specification of the matcher, written plainly. */
export function referenceFind(text: string): Array<{ start: number; end: number; entity: string }> {
  const phrases = SHEET.map((e) => ({ phrase: normalise(e.phrase), entity: e.entityId }));
  const found: Array<{ start: number; end: number; entity: string }> = [];
  let i = 0;
  while (i < text.length) {
    let best: { len: number; entity: string } | null = null;
    if (!isWordChar(codePointBefore(text, i)) && !joinedBefore(text, i)) {
      for (const { phrase, entity } of phrases) {
        const len = matchAt(text, i, phrase);
        if (len <= 0 || isWordChar(codePointAt(text, i + len)) || joinedAfter(text, i + len)) continue;
        if (!best || len > best.len) best = { len, entity };
      }
    }
    if (best) {
      found.push({ start: i, end: i + best.len, entity: best.entity });
      i += best.len;
    } else i += 1;
  }
  return found;
}
