/**
 * What an install or an update does to what the reader set: nothing. Settings are stored as one `settings` object
 * (src/shared/settings.ts) whose 1.0.0 shape the current code reads unchanged; a missing or unknown field falls
 * back to its default when read, and nothing is written back. An update therefore never resets, rewrites or clears
 * storage. A future version whose settings change shape migrates them here, from `previousVersion`.
 */
import type browser from 'webextension-polyfill';

export type InstallReason = browser.Runtime.OnInstalledReason;

export interface InstallOutcome {
  reason: InstallReason;
  previousVersion: string | null;
  /** What was written to storage: nothing, for every version so far. */
  written: Record<string, unknown>;
}

/** The stored settings a version needs after updating from `previousVersion`: 1.0.0's are already current. */
export function migrateSettings(stored: unknown, _previousVersion: string | null): unknown {
  return stored;
}

export async function handleInstalled(
  details: { reason: InstallReason; previousVersion?: string },
  storage: Pick<browser.Storage.StorageArea, 'get' | 'set'>,
): Promise<InstallOutcome> {
  const previousVersion = details.previousVersion ?? null;
  const outcome: InstallOutcome = { reason: details.reason, previousVersion, written: {} };
  if (details.reason !== 'update') return outcome;
  const { settings } = await storage.get('settings');
  if (settings === undefined) return outcome;
  const migrated = migrateSettings(settings, previousVersion);
  if (JSON.stringify(migrated) !== JSON.stringify(settings)) {
    await storage.set({ settings: migrated });
    outcome.written = { settings: migrated };
  }
  return outcome;
}
