/**
 * Only the reader opens things: a page can dispatch clicks, keys and focus events on our marks, but only the
 * browser makes events with `isTrusted`. Its own module so the jsdom tests, which cannot make trusted events, can
 * stand in for it; the browser tests check the real rule against a page's synthetic events.
 */
export const trusted = (e: Event): boolean => e.isTrusted;
