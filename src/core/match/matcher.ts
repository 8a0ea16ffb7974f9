/**
 * Compiles phrases into one matcher that finds every mention in a piece of text in a single left-to-right pass:
 * leftmost match first, the longest phrase at a position, no overlaps, whole words only (a hyphen between letters
 * joins words). A phrase's white space matches any run of white space, and its apostrophe any apostrophe a page
 * prints (', ’, ‘).
 *
 * A phrase may carry `near`: a namesake's context ("foreign minister", "army chief"). It then counts only where one of
 * those strings occurs, whole words and in any case, within NEAR_CHARS characters before or after it in the same
 * text (a block's text run: one paragraph). Several entities may share a phrase only with `near`: at a match the one
 * whose context occurs decides; when none does, or more than one, the phrase takes the text and marks nothing,
 * like a blocker. The check reads a bounded window around each such match, so matching stays linear.
 *
 * It walks the text's words and looks each up among the phrases that start with it, longest first. No regular
 * expression is built from the phrases: one of six hundred aliases cost a page several milliseconds to compile
 * the first time it ran, on every page load, before it had matched anything.
 */

export interface PhraseEntry {
  phrase: string;
  /** NOT_AN_ENTITY for a blocker: a longer phrase that must win over an alias inside it and mark nothing. */
  entityId: string;
  /** A namesake's context: the phrase counts only where one of these occurs near it (see NEAR_CHARS). */
  near?: string[];
}

export const NOT_AN_ENTITY = '';

/** How far before a phrase's start and after its end a context may occur: about a sentence. */
export const NEAR_CHARS = 80;

export interface Match {
  start: number;
  end: number;
  entityId: string;
}

export interface Matcher {
  /** All non-overlapping matches in `text`, in order. */
  find(text: string): Match[];
}

/** Phrases are compared with white space folded and apostrophes made straight: what the page prints varies. */
export const normalisePhrase = (phrase: string): string => phrase.trim().replace(/\s+/g, ' ').replace(/[’‘]/g, "'");

// Combining marks (\p{M}) count as part of a word: NFD "café" is "cafe\u0301", and "cafe\u0301Kim" is no more a
// whole-word "Kim" than NFC "caféKim" is.
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/u;
const HYPHEN = 45;
const APOSTROPHES = new Set([39, 0x2018, 0x2019]);

const isAsciiWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Is the character that starts at `i` part of a word? */
function wordAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiWord(c);
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i) as number));
}

/** Is the character that ends at `i` (just before it) part of a word? */
function wordBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c < 128) return isAsciiWord(c);
  const start = c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(start) as number));
}

/** Length in UTF-16 units of the character starting at `i`. */
const charLength = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
};

const WHITE_SPACE = /\s/;
/** The same white space as `\s` in a regular expression. */
const isSpace = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || (c > 127 && WHITE_SPACE.test(String.fromCharCode(c)));

/** Where the word starting at `i` ends. */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && wordAt(text, j)) j += charLength(text, j);
  return j;
}

/** Does `key` (a normalised phrase) match the text at `i`? Returns where the match ends, or -1. */
function matchAt(text: string, i: number, key: string): number {
  let j = i;
  for (let k = 0; k < key.length; k++) {
    const c = key.charCodeAt(k);
    if (c === 32) {
      if (!isSpace(text.charCodeAt(j))) return -1;
      do j++;
      while (j < text.length && isSpace(text.charCodeAt(j)));
    } else if (c === 39) {
      if (!APOSTROPHES.has(text.charCodeAt(j))) return -1;
      j++;
    } else {
      if (text.charCodeAt(j) !== c) return -1;
      j++;
    }
  }
  return j;
}

/** A word ends at `j` unless a letter, digit or mark follows, or a hyphen joins it to one. */
const endsWord = (text: string, j: number): boolean =>
  !wordAt(text, j) && !(text.charCodeAt(j) === HYPHEN && wordAt(text, j + 1));

/** A word starts at `i` unless one runs into it, or a hyphen joins it to one. */
const startsWord = (text: string, i: number): boolean =>
  !wordBefore(text, i) && !(text.charCodeAt(i - 1) === HYPHEN && wordBefore(text, i - 1));

interface Owner {
  entityId: string;
  /** Lower-cased contexts; undefined: the phrase counts wherever it occurs. */
  near?: string[];
}

interface Candidate {
  key: string;
  owners: Owner[];
}

/** Does one of `near` (lower case) occur as whole words in `text` within NEAR_CHARS of [start, end)? */
function contextNear(text: string, start: number, end: number, near: readonly string[]): boolean {
  const from = Math.max(0, start - NEAR_CHARS);
  const window = text
    .slice(from, Math.min(text.length, end + NEAR_CHARS))
    .replace(/\s+/g, ' ')
    .replace(/[’‘]/g, "'")
    .toLowerCase();
  for (const context of near) {
    let at = window.indexOf(context);
    while (at >= 0) {
      const after = at + context.length;
      if (!wordBefore(window, at) && !wordAt(window, after)) return true;
      at = window.indexOf(context, at + 1);
    }
  }
  return false;
}

/** Which entity a match names: its one owner, or the one owner whose context occurs near it; else none. */
function decide(owners: readonly Owner[], text: string, start: number, end: number): string {
  if (owners.length === 1 && owners[0].near === undefined) return owners[0].entityId;
  let decided: string = NOT_AN_ENTITY;
  for (const owner of owners) {
    if (owner.near === undefined || !contextNear(text, start, end, owner.near)) continue;
    if (decided !== NOT_AN_ENTITY) return NOT_AN_ENTITY;
    decided = owner.entityId;
  }
  return decided;
}

/** One owner per entity: a phrase an entity has both with and without a context counts everywhere. */
function addOwner(owners: Owner[], entityId: string, near: readonly string[] | undefined): void {
  const lower = near?.map((c) => normalisePhrase(c).toLowerCase()).filter((c) => c !== '');
  const same = owners.find((o) => o.entityId === entityId);
  if (!same) owners.push({ entityId, ...(lower ? { near: lower } : {}) });
  else if (same.near && lower) same.near = [...new Set([...same.near, ...lower])];
  else delete same.near;
}

/** The word a phrase starts with, as the matcher reads words: phrases are looked up by it. */
export function firstWordOf(phrase: string): string {
  const key = normalisePhrase(phrase);
  return key.slice(0, wordEnd(key, 0));
}

/**
 * The distinct words of `text`, as the matcher reads them: a page's vocabulary. Only a phrase whose first word is in
 * it can match there, so the page asks for those phrases and no others.
 */
export function wordsOf(text: string, into: Set<string> = new Set()): Set<string> {
  // The same words as wordAt/wordEnd walk (letters, digits and marks), split natively: a 1 MB body in a few ms.
  for (const word of text.split(NOT_WORD)) if (word !== '') into.add(word);
  return into;
}

export function compileMatcher(entries: readonly PhraseEntry[]): Matcher {
  const byPhrase = new Map<string, Owner[]>();
  for (const { phrase, entityId, near } of entries) {
    const key = normalisePhrase(phrase);
    if (key === '') continue;
    let owners = byPhrase.get(key);
    if (!owners) byPhrase.set(key, (owners = []));
    // A blocker counts only where no entity has the phrase.
    if (entityId === NOT_AN_ENTITY) {
      if (owners.length === 0) owners.push({ entityId });
      continue;
    }
    if (owners.length === 1 && owners[0].entityId === NOT_AN_ENTITY) owners.pop();
    addOwner(owners, entityId, near);
  }
  for (const [key, owners] of byPhrase) {
    const plain = owners.find((o) => o.near === undefined);
    if (owners.length > 1 && plain) {
      const other = owners.find((o) => o !== plain) as Owner;
      throw new Error(`Phrase "${key}" belongs to both "${plain.entityId}" and "${other.entityId}" with no context`);
    }
  }
  // The phrases by their first word, longest first: the first that matches at a position is the longest.
  const byFirstWord = new Map<string, Candidate[]>();
  for (const [key, owners] of byPhrase) {
    const first = key.slice(0, wordEnd(key, 0));
    if (first === '') throw new Error(`Phrase "${key}" must start with a letter or digit`);
    const list = byFirstWord.get(first);
    if (list) list.push({ key, owners });
    else byFirstWord.set(first, [{ key, owners }]);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.key.length - a.key.length);
  if (byFirstWord.size === 0) return { find: () => [] };

  return {
    find(text: string): Match[] {
      const matches: Match[] = [];
      let i = 0;
      while (i < text.length) {
        if (!wordAt(text, i)) {
          i += charLength(text, i);
          continue;
        }
        const end = wordEnd(text, i);
        const candidates = startsWord(text, i) ? byFirstWord.get(text.slice(i, end)) : undefined;
        let matched = -1;
        for (const { key, owners } of candidates ?? []) {
          const j = matchAt(text, i, key);
          if (j < 0 || !endsWord(text, j)) continue;
          // A blocker, or a namesake no context decides, takes the text and marks nothing.
          const entityId = decide(owners, text, i, j);
          if (entityId !== NOT_AN_ENTITY) matches.push({ start: i, end: j, entityId });
          matched = j;
          break;
        }
        i = matched >= 0 ? matched : end;
      }
      return matches;
    },
  };
}
