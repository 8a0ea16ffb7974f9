/**
 * A light-DOM host for one of our views, with an open shadow root styled by a constructable stylesheet (page CSS
 * cannot reach inside, and a page CSP cannot block it). Inline `!important` declarations outrank every page rule,
 * including `* { all: unset !important }`, for the host's box. What the page makes the host inherit stops at the
 * view's top element, which resets everything (card-styles.ts); the host sets no text spacing of its own, so a
 * reader's own text-spacing stylesheet still applies (WCAG 1.4.12).
 */

import { TOKEN } from '../core/mark/mark-element';

const HOST_STYLE: Array<[string, string]> = [
  ['display', 'block'],
  ['direction', 'ltr'],
  ['unicode-bidi', 'isolate'],
  ['writing-mode', 'horizontal-tb'],
  ['position', 'fixed'],
  ['inset', 'auto'],
  ['top', '0px'],
  ['left', '0px'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', '0'],
  ['background', 'transparent'],
  ['overflow', 'visible'],
  ['z-index', '2147483647'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['transform', 'none'],
  ['filter', 'none'],
  ['pointer-events', 'auto'],
  ['font-size', '16px'],
];

export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
}

/**
 * The host, under its documented tag name unless the page has registered that name as its own custom element (its
 * constructor would run on our host, and may have taken the shadow root): then under a name the page cannot
 * predict.
 */
function hostWithShadow(doc: Document, tag: string): ShadowHost {
  const host = doc.createElement(tag);
  try {
    if (!host.matches(':defined')) return { host, root: host.attachShadow({ mode: 'open' }) };
  } catch {
    // The page's element already has a shadow root of its own.
  }
  const own = doc.createElement(`${tag}-${TOKEN}`);
  return { host: own, root: own.attachShadow({ mode: 'open' }) };
}

export function createShadowHost(doc: Document, tag: string, css: string, extra: Array<[string, string]>): ShadowHost {
  const { host, root } = hostWithShadow(doc, tag);
  for (const [prop, value] of [...HOST_STYLE, ...extra]) host.style.setProperty(prop, value, 'important');
  try {
    // Firefox content scripts must build the sheet from the page's own constructor to adopt it.
    const Sheet = (doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet) as typeof CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  return { host, root };
}

export function setShown(host: HTMLElement, shown: boolean): void {
  host.style.setProperty('display', shown ? 'block' : 'none', 'important');
}

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className = '',
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Text in the interface language inside a view whose content is English knowledge-base text. */
export function uiText<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text: string,
  lang: string,
): HTMLElementTagNameMap[K] {
  const node = el(doc, tag, className, text);
  node.lang = lang;
  return node;
}
