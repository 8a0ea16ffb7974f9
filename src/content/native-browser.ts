/**
 * Stands in for webextension-polyfill in the content script only (build.mjs aliases it there). The content script
 * runs on every article view and uses a few APIs that both browsers provide natively with promises in MV3:
 * runtime messaging, storage and i18n; Firefox (and Chrome from 148) as `browser`, older Chrome as `chrome`.
 * The polyfill's 3 kB (gzipped) would cost every reader on every page for nothing.
 */
import type Browser from 'webextension-polyfill';

const scope = globalThis as unknown as { browser?: typeof Browser; chrome?: typeof Browser };
const native = (scope.browser ?? scope.chrome) as typeof Browser;

export default native;
