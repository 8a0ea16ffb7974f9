/**
 * Stands in for webextension-polyfill in the content script only (build.mjs aliases it there). The content script
 * runs on every article view and uses a few APIs that both browsers provide natively with promises in MV3:
 * runtime messaging, storage and i18n; Firefox (and Chrome from 148) as `browser`, older Chrome as `chrome`.
 * The polyfill's 3 kB (gzipped) would cost every reader on every page for nothing.
 *
 * `browser` is taken only when it is the extension API: a page element with `id="browser"` is a global of that
 * name too (DOM clobbering), and where the content script's global falls through to the page's, it would win.
 */
import type Browser from 'webextension-polyfill';

type Scope = { browser?: unknown; chrome?: unknown };

export function extensionApi(scope: Scope): typeof Browser {
  const isApi = (candidate: unknown) =>
    typeof (candidate as { runtime?: { sendMessage?: unknown } } | undefined)?.runtime?.sendMessage === 'function';
  return (isApi(scope.browser) ? scope.browser : scope.chrome) as typeof Browser;
}

const native = extensionApi(globalThis as Scope);

export default native;
