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
    // A 1 MB article has some 15,000 distinct words.
    words: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(200_000))),
  }),
  'page-views': v.object({
    type: v.literal('page-views'),
    ids: v.pipe(v.array(id), v.maxLength(2_000)),
    date: isoDate,
    sheetId: v.optional(id),
  }),
};
