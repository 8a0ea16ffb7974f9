/** The shipped knowledge, indexed for the lookups a page needs: an entity by id, a sheet by headline and date. */

import type { ShippedEntity, ShippedKnowledge, ShippedSheet } from './ship';

const sheetKey = (date: string, headline: string): string => `${date}|${headline}`;

export class KnowledgeBase {
  readonly reviewed: string;
  readonly entities: ReadonlyMap<string, ShippedEntity>;
  private readonly sheetsByKey = new Map<string, ShippedSheet>();
  private readonly sheetsById = new Map<string, ShippedSheet>();

  constructor(readonly data: ShippedKnowledge) {
    this.reviewed = data.reviewed;
    this.entities = new Map(data.entities.map((e) => [e.id, e]));
    for (const sheet of data.sheets) {
      this.sheetsByKey.set(sheetKey(sheet.date, sheet.headline), sheet);
      this.sheetsById.set(sheet.id, sheet);
    }
  }

  /** The curated sheet of the article with one of these (normalised) headlines, published on `date` (Korea time). */
  findSheet(headlines: readonly string[], date: string | null): ShippedSheet | null {
    if (date === null) return null;
    for (const headline of headlines) {
      const sheet = this.sheetsByKey.get(sheetKey(date, headline));
      if (sheet) return sheet;
    }
    return null;
  }

  sheet(id: string): ShippedSheet | null {
    return this.sheetsById.get(id) ?? null;
  }
}
