import type { EntityKind, FactSheet } from '../fact-sheet/types';
import { compileMatcher, type Matcher } from './matcher';

/** One matcher for every phrase of the sheet's entities of the chosen kinds. */
export function matcherForSheet(sheet: FactSheet, kinds: readonly EntityKind[]): Matcher {
  return compileMatcher(
    sheet.entities
      .filter((e) => kinds.includes(e.kind))
      .flatMap((e) => e.phrases.map((phrase) => ({ phrase, entityId: e.id }))),
  );
}
