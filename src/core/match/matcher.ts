/**
 * Compiles phrases into one matcher that finds every mention in a piece of text in a single left-to-right pass:
 * leftmost match first, the longest phrase at a position, no overlaps, whole words only (a hyphen between letters
 * joins words).
 */

export interface PhraseEntry {
  phrase: string;
  /** NOT_AN_ENTITY for a blocker: a longer phrase that must win over an alias inside it and mark nothing. */
  entityId: string;
}

export const NOT_AN_ENTITY = '';

export interface Match {
  start: number;
  end: number;
  entityId: string;
}

export interface Matcher {
  /** All non-overlapping matches in `text`, in order. */
  find(text: string): Match[];
}

const SPECIAL = /[\\^$.*+?()[\]{}|/]/g;
/**
 * Escapes a run of phrase characters. A space (phrases are normalised) matches any run of white space, and an
 * apostrophe any of the apostrophes pages print (', ’, ‘).
 */
const escapeRun = (chars: readonly string[], from: number): string =>
  chars.slice(from).join('').replace(SPECIAL, '\\$&').replace(/ /g, '\\s+').replace(/'/g, "['’‘]");

/** Phrases are compared with white space folded and apostrophes made straight: what the page prints varies. */
export const normalisePhrase = (phrase: string): string => phrase.trim().replace(/\s+/g, ' ').replace(/[’‘]/g, "'");

/**
 * The pattern for keys[lo, hi), which share their first `depth` code points, built as a trie would be but straight
 * from the sorted list (no Map per character: on a fresh page that build cost more than matching). Alternatives
 * share prefixes, so the engine tries each character once per position; a longer continuation comes before "stop
 * here", so the longest phrase wins at a position. Sorted keys put a key that ends at `depth` first and keys with
 * the same next code point side by side.
 */
function rangeToPattern(keys: readonly string[][], lo: number, hi: number, depth: number): string {
  const endsHere = keys[lo].length === depth;
  const branches: string[] = [];
  let i = endsHere ? lo + 1 : lo;
  while (i < hi) {
    const ch = keys[i][depth];
    let j = i + 1;
    while (j < hi && keys[j][depth] === ch) j++;
    branches.push(j - i === 1 ? escapeRun(keys[i], depth) : escapeRun([ch], 0) + rangeToPattern(keys, i, j, depth + 1));
    i = j;
  }
  if (branches.length === 0) return '';
  const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
  return endsHere ? `(?:${body})?` : body;
}

export function compileMatcher(entries: readonly PhraseEntry[]): Matcher {
  const byPhrase = new Map<string, string>();
  for (const { phrase, entityId } of entries) {
    const key = normalisePhrase(phrase);
    if (key === '') continue;
    const owner = byPhrase.get(key);
    if (owner !== undefined && owner !== entityId && entityId !== NOT_AN_ENTITY && owner !== NOT_AN_ENTITY) {
      throw new Error(`Phrase "${key}" belongs to both "${owner}" and "${entityId}"`);
    }
    if (owner === undefined || owner === NOT_AN_ENTITY) byPhrase.set(key, entityId);
  }
  if (byPhrase.size === 0) return { find: () => [] };
  // Code points, not UTF-16 units: a branch must never split a surrogate pair (the pattern is a `u` regex).
  const keys = [...byPhrase.keys()].sort().map((k) => Array.from(k));

  // Combining marks (\p{M}) count as part of a word: NFD "café" is "cafe\u0301", and "cafe\u0301Kim" is no more a
  // whole-word "Kim" than NFC "caféKim" is; a mark must not cut a letter from its accent either. A hyphen joining
  // letters continues a word too: "Musudan" is not a whole word of "Musudan-ri", nor "Malligyong-1" of
  // "Malligyong-1-1".
  const word = '[\\p{L}\\p{N}\\p{M}]';
  const pattern = new RegExp(
    `(?<!${word})(?<!${word}-)(?:${rangeToPattern(keys, 0, keys.length, 0)})(?!${word})(?!-${word})`,
    'gu',
  );
  return {
    find(text: string): Match[] {
      const matches: Match[] = [];
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        const entityId = byPhrase.get(normalisePhrase(m[0]));
        // The pattern only accepts whole phrases, so the lookup always succeeds; guard anyway.
        if (entityId !== undefined && entityId !== NOT_AN_ENTITY)
          matches.push({ start: m.index, end: m.index + m[0].length, entityId });
      }
      return matches;
    },
  };
}
