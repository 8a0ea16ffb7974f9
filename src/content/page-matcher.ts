/**
 * The matcher for one page, and in glossary mode its vocabulary: the plan holds only the phrases for the words the
 * page had when it was planned; text the page adds with new words gets their phrases from the background first, and
 * the matcher is compiled again with them.
 */

import { compileMatcher, wordsOf, type Matcher, type PhraseEntry } from '../core/match/matcher';
import { measured } from './timing';

export interface Vocabulary {
  /** The words the page's phrases were asked for (`phrasesFor` adds to it). */
  known: ReadonlySet<string>;
  phrasesFor: (words: string[]) => Promise<PhraseEntry[]>;
}

export class PageMatcher {
  private readonly phrases: PhraseEntry[];
  private current: Matcher;

  constructor(
    phrases: readonly PhraseEntry[],
    private readonly vocabulary?: Vocabulary,
  ) {
    this.phrases = [...phrases];
    this.current = measured('compile', () => compileMatcher(this.phrases));
  }

  get matcher(): Matcher {
    return this.current;
  }

  /** Words in `units` the phrases were not asked for. */
  newWords(units: readonly Element[]): string[] {
    const known = this.vocabulary?.known;
    if (!known) return [];
    const words = new Set<string>();
    for (const unit of units) wordsOf(unit.textContent ?? '', words);
    return [...words].filter((word) => !known.has(word));
  }

  /** Gets the phrases for new words in `units` and matches with them from now on; on failure, goes on without. */
  async learn(units: readonly Element[]): Promise<void> {
    const fresh = this.newWords(units);
    if (fresh.length === 0 || !this.vocabulary) return;
    try {
      const phrases = await this.vocabulary.phrasesFor(fresh);
      if (phrases.length === 0) return;
      this.phrases.push(...phrases);
      this.current = compileMatcher(this.phrases);
    } catch {
      // The background did not answer: the words are asked for again with the next change that has them.
    }
  }
}
