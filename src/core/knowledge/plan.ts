/**
 * What a page should mark, decided from its headline and date: the phrases of its curated sheet (the linked
 * entities' aliases valid on that date, and the sheet's local phrases), or in glossary mode every safe alias of the
 * knowledge base valid on that date, with the generated romanisation variants of Korean names. Runs in the background; the page receives only the phrases.
 */

import { firstWordOf, NOT_AN_ENTITY, type PhraseEntry } from '../match/matcher';
import { aliasForms } from './alias-safety';
import type { KnowledgeBase } from './knowledge-base';
import type { EntityKind } from './schema';
import type { ShippedEntity } from './ship';
import { aliasActiveOn, aliasContext, aliasText } from './aliases';
import { eventPhrases } from './event-phrases';
import { variantAliases } from './romanisation';

export interface PageQuery {
  /** Normalised headlines the page states. */
  headlines: string[];
  /** Korea-time publication date, when the page states one. */
  date: string | null;
  /** The first words of the body, when a known layout shows it (identifies an article whose headline is unknown). */
  bodyStart: string | null;
  kinds: readonly EntityKind[];
  /** Mark articles without a curated sheet with the knowledge base's safe aliases. */
  glossary: boolean;
  /**
   * The words of the page's body (matcher.ts `wordsOf`): in glossary mode only the phrases that start with one of
   * them are sent, so what a page receives follows the page, not the size of the knowledge base. Left out, all are.
   */
  words?: readonly string[];
}

export type PagePlan =
  | {
      mode: 'curated';
      sheetId: string;
      date: string;
      /** The article's own first and last words: they find its body in a layout we have never seen. */
      bodyStartsWith: string;
      bodyEndsWith: string;
      phrases: PhraseEntry[];
    }
  | { mode: 'glossary'; date: string; phrases: PhraseEntry[] }
  | { mode: 'none'; reason: 'no-date' | 'glossary-off' };

/** The entity's aliases valid on `date` (a namesake's with its context), and its blockers (which match to keep an alias from matching inside them). */
function aliasPhrases(entity: ShippedEntity, date: string): PhraseEntry[] {
  const phrases = entity.aliases
    .filter((alias) => aliasActiveOn(alias, date))
    .flatMap((alias) => {
      const near = aliasContext(alias);
      return aliasForms(aliasText(alias)).map((phrase) => ({ phrase, entityId: entity.id, ...(near ? { near } : {}) }));
    });
  for (const blocker of entity.blockers ?? []) phrases.push({ phrase: blocker, entityId: NOT_AN_ENTITY });
  return phrases;
}

const variantCache = new WeakMap<KnowledgeBase, Map<string, string[]>>();

/** The generated romanisation variants of the knowledge base's Korean names (romanisation.ts), computed once. */
function variantsOf(kb: KnowledgeBase): Map<string, string[]> {
  let variants = variantCache.get(kb);
  if (!variants) variantCache.set(kb, (variants = variantAliases(kb.entities.values())));
  return variants;
}

export function planPage(kb: KnowledgeBase, query: PageQuery): PagePlan {
  const { date } = query;
  if (date === null) return { mode: 'none', reason: 'no-date' };
  const wanted = (entity: ShippedEntity | undefined): entity is ShippedEntity =>
    entity !== undefined && query.kinds.includes(entity.kind);
  const sheet = kb.findSheet(query.headlines, date, query.bodyStart);
  if (sheet) {
    const phrases: PhraseEntry[] = [];
    for (const link of sheet.links) {
      const entity = kb.entities.get(link.id);
      if (!wanted(entity)) continue;
      phrases.push(...aliasPhrases(entity, date));
      for (const phrase of link.phrases ?? []) phrases.push({ phrase, entityId: entity.id });
    }
    return {
      mode: 'curated',
      sheetId: sheet.id,
      date,
      bodyStartsWith: sheet.bodyStartsWith,
      bodyEndsWith: sheet.bodyEndsWith,
      phrases,
    };
  }
  if (!query.glossary) return { mode: 'none', reason: 'glossary-off' };
  const entities = [...kb.entities.values()].filter(wanted);
  const variants = variantsOf(kb);
  const phrases = [
    ...entities.flatMap((entity) => aliasPhrases(entity, date)),
    ...entities.flatMap((entity) => (variants.get(entity.id) ?? []).map((phrase) => ({ phrase, entityId: entity.id }))),
    ...eventPhrases(entities, date),
  ];
  if (query.words === undefined) return { mode: 'glossary', date, phrases };
  const words = new Set(query.words);
  return { mode: 'glossary', date, phrases: phrases.filter(({ phrase }) => words.has(firstWordOf(phrase))) };
}
