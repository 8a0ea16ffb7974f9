/**
 * The shape of every request each context accepts, checked before a handler sees it: a message is data from
 * another context (or, for the background, from any page's content script), never trusted to be what its type
 * says. Kept apart from the handlers so each bundle carries only the schemas of the requests it answers.
 */
import * as v from 'valibot';

export const id = v.pipe(v.string(), v.maxLength(200));

/** Requests the content script answers (from the popup). */
export const CONTENT_REQUESTS = {
  'get-summary': v.object({ type: v.literal('get-summary') }),
  reveal: v.object({ type: v.literal('reveal'), entityId: id }),
};

export type RequestSchemas = Record<string, v.GenericSchema>;
