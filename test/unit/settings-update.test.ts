/**
 * Settings written by 1.0.0 load unchanged in this version, and an update (runtime.onInstalled, reason 'update')
 * writes nothing: no reset, no rewrite.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../../src/core/settings';
import { handleInstalled } from '../../src/background/updates';

/** What 1.0.0 stored under `settings` for a reader who changed every setting (its Settings shape, all keys). */
const V1_0_0: Settings = JSON.parse(readFileSync(new URL('../fixtures/settings/1.0.0.json', import.meta.url), 'utf8'));

function storage(initial: Record<string, unknown>) {
  const data = structuredClone(initial);
  return {
    data,
    get: vi.fn(async (key: string) => (key in data ? { [key]: structuredClone(data[key]) } : {})),
    set: vi.fn(async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items))),
  };
}

describe("1.0.0's settings", () => {
  it('cover every setting of this version, each different from its default', () => {
    expect(Object.keys(V1_0_0).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
      expect(V1_0_0[key], key).not.toEqual(DEFAULT_SETTINGS[key]);
    }
  });

  it('read back exactly as stored', () => {
    expect(readSettings(structuredClone(V1_0_0))).toEqual(V1_0_0);
  });
});

describe('runtime.onInstalled', () => {
  it('on update from 1.0.0 keeps the stored settings and writes nothing', async () => {
    const area = storage({ settings: V1_0_0 });
    const outcome = await handleInstalled({ reason: 'update', previousVersion: '1.0.0' }, area);
    expect(outcome).toEqual({ reason: 'update', previousVersion: '1.0.0', written: {} });
    expect(area.set).not.toHaveBeenCalled();
    expect(area.data.settings).toEqual(V1_0_0);
  });

  it('on update with nothing stored writes no defaults (the defaults apply when read)', async () => {
    const area = storage({});
    await handleInstalled({ reason: 'update', previousVersion: '1.0.0' }, area);
    expect(area.set).not.toHaveBeenCalled();
  });

  it('on install or a browser update touches no storage', async () => {
    for (const reason of ['install', 'browser_update'] as const) {
      const area = storage({ settings: V1_0_0 });
      await handleInstalled({ reason }, area);
      expect(area.get).not.toHaveBeenCalled();
      expect(area.set).not.toHaveBeenCalled();
    }
  });
});
