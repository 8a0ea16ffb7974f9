/**
 * The names and timings of what the content script adds to a page. Free of browser APIs, so the browser tests and
 * the benchmark import them instead of copying them.
 */
export { MARK_TAG, ENTITY_ATTR } from '../core/mark/mark-element';

/** The card's host element; also its id, which a mark's `aria-describedby` names while the card is open. */
export const CARD_TAG = 'backgrounder-card';
export const CARD_ID = 'backgrounder-card';
/** The full-background panel's host element. */
export const PANEL_TAG = 'backgrounder-panel';

/** Matching longer than this yields to the page; well under the 50 ms that counts as a long task. */
export const SLICE_MS = 8;
/** After the pointer leaves a mark and its card, the card stays this long (WCAG 1.4.13: hoverable). */
export const LEAVE_GRACE_MS = 300;
/** Mouse events a browser sends after a tap arrive within this time; they must not count as clicks. */
export const TOUCH_ECHO_MS = 800;
