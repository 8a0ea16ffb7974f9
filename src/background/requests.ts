/** The shape of each request the background answers (see shared/message-schemas.ts); only the background loads it. */
import * as v from 'valibot';
import { ENTITY_KINDS } from '../core/knowledge/kinds';
import { id } from '../shared/message-schemas';

const text = v.pipe(v.string(), v.maxLength(2_000));
const isoDate = v.pipe(v.string(), v.isoDate());

export const BACKGROUND_REQUESTS = {
  'marked-count': v.object({
    type: v.literal('marked-count'),
    entities: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  'page-plan': v.object({
    type: v.literal('page-plan'),
    headlines: v.pipe(v.array(text), v.maxLength(20)),
    // Checked by the handler, not here: a page's unreadable date is no date, not a broken request.
    date: v.nullable(text),
    bodyStart: v.nullable(text),
    kinds: v.array(v.picklist(ENTITY_KINDS)),
    glossary: v.boolean(),
  }),
  'page-views': v.object({
    type: v.literal('page-views'),
    ids: v.pipe(v.array(id), v.maxLength(2_000)),
    date: isoDate,
    sheetId: v.optional(id),
  }),
};
