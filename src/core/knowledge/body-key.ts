/** How a sheet without a headline is recognised: its date and the first words of its body. */

/** How many characters of a body's start identify it (with its date). */
export const BODY_KEY_CHARS = 60;

/** The start of a body's text, as compared: spacing and case never distinguish two. */
export const bodyKey = (text: string): string =>
  text.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, BODY_KEY_CHARS);
