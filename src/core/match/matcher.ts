/**
 * Compiles the phrases of a fact sheet into one matcher that finds every mention in a piece of text in a single
 * left-to-right pass: leftmost match first, the longest phrase at a position, no overlaps, whole words only.
 */

export interface PhraseEntry {
  phrase: string;
  entityId: string;
}

export interface Match {
  start: number;
  end: number;
  entityId: string;
}

export interface Matcher {
  /** All non-overlapping matches in `text`, in order. */
  find(text: string): Match[];
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Set when a phrase ends here. */
  entityId?: string;
}

const escapeChar = (ch: string): string => (/[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch);

/** Phrases are whitespace-insensitive: any run of spaces in a phrase matches any run of white space in the page. */
const normalisePhrase = (phrase: string): string => phrase.trim().replace(/\s+/g, ' ');

/**
 * A regular expression built from a trie of the phrases. Alternatives share prefixes, so the engine tries each
 * character once per position instead of once per phrase; continuations come before "stop here", so the longest
 * phrase wins at a position.
 */
function trieToPattern(node: TrieNode): string {
  const branches = [...node.children.entries()].map(([ch, child]) => {
    const head = ch === ' ' ? '\\s+' : escapeChar(ch);
    return head + trieToPattern(child);
  });
  if (branches.length === 0) return '';
  const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
  return node.entityId === undefined ? body : `(?:${body})?`;
}

export function compileMatcher(entries: readonly PhraseEntry[]): Matcher {
  const root: TrieNode = { children: new Map() };
  const byPhrase = new Map<string, string>();
  for (const { phrase, entityId } of entries) {
    const key = normalisePhrase(phrase);
    if (key === '') continue;
    const owner = byPhrase.get(key);
    if (owner !== undefined && owner !== entityId) {
      throw new Error(`Phrase "${key}" belongs to both "${owner}" and "${entityId}"`);
    }
    byPhrase.set(key, entityId);
    let node = root;
    for (const ch of key) {
      let next = node.children.get(ch);
      if (!next) {
        next = { children: new Map() };
        node.children.set(ch, next);
      }
      node = next;
    }
    node.entityId = entityId;
  }
  if (byPhrase.size === 0) return { find: () => [] };

  // Combining marks (\p{M}) count as part of a word: NFD "café" is "cafe\u0301", and "cafe\u0301Kim" is no more a
  // whole-word "Kim" than NFC "caféKim" is; a mark must not cut a letter from its accent either.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${trieToPattern(root)})(?![\\p{L}\\p{N}\\p{M}])`, 'gu');
  return {
    find(text: string): Match[] {
      const matches: Match[] = [];
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        const entityId = byPhrase.get(m[0].replace(/\s+/g, ' '));
        // The trie only accepts whole phrases, so the lookup always succeeds; guard anyway.
        if (entityId !== undefined) matches.push({ start: m.index, end: m.index + m[0].length, entityId });
      }
      return matches;
    },
  };
}
