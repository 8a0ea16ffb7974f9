/**
 * What one article's page receives from the background, measured: the plan (its phrases) and the views of the
 * entities it links, as JSON. The build holds every curated sheet to a budget with it.
 */

import { ENTITY_KINDS } from './kinds';
import { KnowledgeBase } from './knowledge-base';
import { planPage } from './plan';
import type { ShippedKnowledge } from './ship';
import { pageViews } from './views';

/** Bytes of JSON the page of each curated sheet receives. */
export function pageDataSizes(knowledge: ShippedKnowledge): Array<{ sheetId: string; bytes: number }> {
  const kb = new KnowledgeBase(knowledge);
  return knowledge.sheets.map((sheet) => ({ sheetId: sheet.id, bytes: pageDataOf(kb, sheet.id) }));
}

export function pageDataOf(kb: KnowledgeBase, sheetId: string): number {
  const sheet = kb.sheet(sheetId);
  if (!sheet) throw new Error(`no sheet ${sheetId}`);
  const plan = planPage(kb, {
    headlines: sheet.headline === null ? [] : [sheet.headline],
    date: sheet.date,
    bodyStart: sheet.bodyStartsWith,
    kinds: ENTITY_KINDS,
    glossary: true,
  });
  const views = pageViews(kb, { ids: sheet.links.map((l) => l.id), date: sheet.date, sheetId });
  return JSON.stringify(plan).length + JSON.stringify(views).length;
}
