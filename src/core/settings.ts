/** The reader's settings and how stored values are read back (storage itself is in src/shared/settings.ts). */

import { ENTITY_KINDS, type EntityKind } from './knowledge/kinds';

export type GlossaryMode = 'first' | 'all' | 'off';

export interface Settings {
  enabled: boolean;
  /** Hosts where the reader switched Backgrounder off. */
  disabledHosts: string[];
  /** Which kinds of entity to mark. */
  kinds: EntityKind[];
  /** On articles with a curated sheet: every mention, or the first of each entity. */
  mentions: 'all' | 'first';
  /** On articles without one: the first mention of each entity the knowledge base knows, all of them, or none. */
  glossary: GlossaryMode;
  /** How long the pointer must rest on a mark before its card opens. */
  cardDelayMs: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledHosts: [],
  kinds: [...ENTITY_KINDS],
  mentions: 'all',
  glossary: 'first',
  cardDelayMs: 400,
};

const GLOSSARY_MODES: readonly unknown[] = ['first', 'all', 'off'] satisfies GlossaryMode[];

/** Unknown or damaged stored values fall back to the defaults, field by field. */
export function readSettings(stored: unknown): Settings {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof Settings, unknown>>;
  const kinds = Array.isArray(s.kinds) ? s.kinds.filter((k): k is EntityKind => ENTITY_KINDS.includes(k)) : null;
  return {
    enabled: typeof s.enabled === 'boolean' ? s.enabled : DEFAULT_SETTINGS.enabled,
    disabledHosts: Array.isArray(s.disabledHosts) ? s.disabledHosts.filter((h) => typeof h === 'string') : [],
    kinds: kinds ?? DEFAULT_SETTINGS.kinds,
    mentions: s.mentions === 'first' ? 'first' : 'all',
    glossary: GLOSSARY_MODES.includes(s.glossary) ? (s.glossary as GlossaryMode) : DEFAULT_SETTINGS.glossary,
    cardDelayMs:
      typeof s.cardDelayMs === 'number' && s.cardDelayMs >= 0 && s.cardDelayMs <= 3000
        ? s.cardDelayMs
        : DEFAULT_SETTINGS.cardDelayMs,
  };
}

export function isActiveOn(settings: Settings, host: string): boolean {
  return settings.enabled && !settings.disabledHosts.includes(host);
}

/** Whether this page's mentions are marked all, or first of each entity only. */
export function firstMentionsOnly(settings: Settings, mode: 'curated' | 'glossary'): boolean {
  return mode === 'curated' ? settings.mentions === 'first' : settings.glossary !== 'all';
}
