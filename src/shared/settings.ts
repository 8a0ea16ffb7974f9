/**
 * Settings storage: `storage.sync` where the browser has it (so settings follow the reader), `storage.local`
 * otherwise. Every context sees changes through `storage.onChanged`.
 */

import browser from 'webextension-polyfill';
import { readSettings, type Settings } from '../core/settings';

export { DEFAULT_SETTINGS, isActiveOn, readSettings, type Settings } from '../core/settings';

const KEY = 'settings';

function area(): browser.Storage.StorageArea {
  return browser.storage.sync ?? browser.storage.local;
}

export async function loadSettings(): Promise<Settings> {
  const stored = await area().get(KEY);
  return readSettings(stored[KEY]);
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...change };
  await area().set({ [KEY]: next });
  return next;
}

/** Calls `listener` with the new settings whenever they change in any context. */
export function onSettingsChanged(listener: (settings: Settings) => void, signal?: AbortSignal): void {
  const handler = (changes: Record<string, browser.Storage.StorageChange>) => {
    if (KEY in changes) listener(readSettings(changes[KEY].newValue));
  };
  browser.storage.onChanged.addListener(handler);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(handler));
}
