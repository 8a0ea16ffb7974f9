/**
 * What ships: the validated knowledge without editorial fields (editor notes, why a mention is marked, what is left
 * unmarked, the mention lists), and each sheet reduced to what recognising and marking its article needs.
 */

import { koreaDateOfIso, normaliseHeadline } from '../page/article-identity';
import type { Entity, Knowledge, Source } from './schema';

export type ShippedEntity = Omit<Entity, 'editorNote' | 'related'>;

export interface ShippedLink {
  id: string;
  phrases?: string[];
  note?: string;
}

export interface ShippedSheet {
  id: string;
  /** Korea-time publication date, "YYYY-MM-DD". */
  date: string;
  /** Normalised for comparison (see normaliseHeadline); null: recognised by date and `bodyStartsWith`. */
  headline: string | null;
  bodyStartsWith: string;
  bodyEndsWith: string;
  links: ShippedLink[];
}

export interface ShippedKnowledge {
  reviewed: string;
  sources: Record<string, Source>;
  entities: ShippedEntity[];
  sheets: ShippedSheet[];
}

export function ship(knowledge: Knowledge): ShippedKnowledge {
  return {
    reviewed: knowledge.meta.reviewed,
    sources: knowledge.sources,
    entities: knowledge.entities.map(({ editorNote: _note, related: _related, ...entity }) => entity),
    sheets: knowledge.sheets.map((sheet) => ({
      id: sheet.id,
      date: koreaDateOfIso(sheet.article.published) ?? '',
      headline: sheet.article.headline === null ? null : normaliseHeadline(sheet.article.headline),
      bodyStartsWith: sheet.article.bodyStartsWith,
      bodyEndsWith: sheet.article.bodyEndsWith,
      links: sheet.entities.map(({ id, phrases, note }) => ({
        id,
        ...(phrases?.length ? { phrases } : {}),
        ...(note ? { note } : {}),
      })),
    })),
  };
}
