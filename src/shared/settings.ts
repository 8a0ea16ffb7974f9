/**
 * The reader's settings, kept in `storage.sync` where the browser has it (so they follow the reader) and in
 * `storage.local` otherwise.
 */

import browser from 'webextension-polyfill';
import { ENTITY_KINDS, type EntityKind } from '../core/fact-sheet/types';

export interface Settings {
  enabled: boolean;
  /** Hosts where the reader switched Backgrounder off. */
  disabledHosts: string[];
  /** Which kinds of entity to mark. */
  kinds: EntityKind[];
  mentions: 'all' | 'first';
  /** How long the pointer must rest on a mark before its card opens. */
  cardDelayMs: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledHosts: [],
  kinds: [...ENTITY_KINDS],
  mentions: 'all',
  cardDelayMs: 400,
};

const KEY = 'settings';

function area(): browser.Storage.StorageArea {
  return browser.storage.sync ?? browser.storage.local;
}

/** Unknown or damaged stored values fall back to the defaults, field by field. */
export function readSettings(stored: unknown): Settings {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof Settings, unknown>>;
  const kinds = Array.isArray(s.kinds) ? s.kinds.filter((k): k is EntityKind => ENTITY_KINDS.includes(k)) : null;
  return {
    enabled: typeof s.enabled === 'boolean' ? s.enabled : DEFAULT_SETTINGS.enabled,
    disabledHosts: Array.isArray(s.disabledHosts) ? s.disabledHosts.filter((h) => typeof h === 'string') : [],
    kinds: kinds ?? DEFAULT_SETTINGS.kinds,
    mentions: s.mentions === 'first' ? 'first' : 'all',
    cardDelayMs:
      typeof s.cardDelayMs === 'number' && s.cardDelayMs >= 0 && s.cardDelayMs <= 3000
        ? s.cardDelayMs
        : DEFAULT_SETTINGS.cardDelayMs,
  };
}

export function isActiveOn(settings: Settings, host: string): boolean {
  return settings.enabled && !settings.disabledHosts.includes(host);
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
