/**
 * A stand-in for the `browser` namespace in jsdom tests: i18n reads the real English messages, storage keeps
 * values in memory and fires onChanged, messaging is recorded. Use with
 * `vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }))`.
 */
import { readFileSync } from 'node:fs';

type Listener = (...args: unknown[]) => unknown;

export function messagesOf(
  locale: string,
): Record<string, { message: string; placeholders?: Record<string, { content: string }> }> {
  return JSON.parse(readFileSync(new URL(`../../src/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
}

/** chrome.i18n.getMessage semantics: named placeholders map to $1..$9 substitutions. */
export function getMessageFrom(locale: string) {
  const messages = messagesOf(locale);
  return (key: string, substitutions?: string | string[]): string => {
    const entry = messages[key];
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? entry.placeholders?.[name]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
    });
  };
}

export function fakeBrowser() {
  const store: Record<string, unknown> = {};
  const changeListeners: Listener[] = [];
  const messageListeners: Listener[] = [];
  const sent: unknown[] = [];
  const area = {
    get: async (key: string) => (key in store ? { [key]: structuredClone(store[key]) } : {}),
    set: async (items: Record<string, unknown>) => {
      const changes: Record<string, { oldValue: unknown; newValue: unknown }> = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: store[k], newValue: structuredClone(v) };
        store[k] = structuredClone(v);
      }
      for (const l of changeListeners) l(changes, 'sync');
    },
  };
  return {
    store,
    sent,
    messageListeners,
    i18n: { getMessage: getMessageFrom('en') },
    storage: {
      sync: area,
      local: area,
      onChanged: {
        addListener: (l: Listener) => changeListeners.push(l),
        removeListener: (l: Listener) => changeListeners.splice(changeListeners.indexOf(l), 1),
      },
    },
    runtime: {
      sendMessage: async (m: unknown) => {
        sent.push(m);
        return { ok: true };
      },
      onMessage: {
        addListener: (l: Listener) => messageListeners.push(l),
        removeListener: (l: Listener) => messageListeners.splice(messageListeners.indexOf(l), 1),
      },
    },
  };
}
