/**
 * The shipped knowledge, indexed for the lookups a page needs: an entity by id, a sheet by headline and date (or,
 * for an article whose headline no copy shows, by date and the first words of its body).
 */

import { bodyKey } from './body-key';
import type { ShippedEntity, ShippedKnowledge, ShippedSheet } from './ship';

export { BODY_KEY_CHARS, bodyKey } from './body-key';

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
      const key = sheet.headline ?? `body:${bodyKey(sheet.bodyStartsWith)}`;
      this.sheetsByKey.set(sheetKey(sheet.date, key), sheet);
      this.sheetsById.set(sheet.id, sheet);
    }
  }

  /**
   * The curated sheet of the article published on `date` (Korea time) with one of these (normalised) headlines,
   * or whose body starts with `bodyStart`.
   */
  findSheet(headlines: readonly string[], date: string | null, bodyStart: string | null = null): ShippedSheet | null {
    if (date === null) return null;
    for (const headline of headlines) {
      const sheet = this.sheetsByKey.get(sheetKey(date, headline));
      if (sheet) return sheet;
    }
    if (bodyStart === null) return null;
    return this.sheetsByKey.get(sheetKey(date, `body:${bodyKey(bodyStart)}`)) ?? null;
  }

  sheet(id: string): ShippedSheet | null {
    return this.sheetsById.get(id) ?? null;
  }
}
