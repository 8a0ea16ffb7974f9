/** The validated data with its editorial fields (mention lists, why marked, what is left unmarked). */
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { loadKnowledge } from '../../build.mjs';
import type { Knowledge } from '../../src/core/knowledge/schema';

export const editorial: Knowledge = (await loadKnowledge()).knowledge;

export const SEED_SHEET_ID = 'korea-herald-2014-12-12-no-signs-nk-talks';

export function sheetById(id: string) {
  const sheet = editorial.sheets.find((s) => s.id === id);
  if (!sheet) throw new Error(`no sheet ${id}`);
  return sheet;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Entity id -> the texts a sheet says must be marked, in document order. */
export function expectedMentions(sheetId: string): Record<string, string[]> {
  return Object.fromEntries(sheetById(sheetId).entities.map((e) => [e.id, e.mentions.map(squash)]));
}

export function entityName(id: string): string {
  return editorial.entities.find((e) => e.id === id)?.name ?? id;
}
