/**
 * Two media profiles. LIGHT is the harness default (light scheme, reduced motion). DARK is dark with motion allowed:
 * Chromium emulates it per page over CDP; Firefox over WebDriver BiDi cannot (`page.emulateMediaFeatures` needs
 * CDP), so there DARK pages come from a second Firefox launched with the dark content override and motion allowed.
 */
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import type { Session } from '../harness/session';
import type { SuiteContext } from './suite';

export const PROFILES = {
  light: { scheme: 'light', motion: 'reduce' },
  dark: { scheme: 'dark', motion: 'no-preference' },
} as const;
export type ProfileName = keyof typeof PROFILES;

let emulationNoted = false;

/** The session whose pages have this profile's media. */
export function sessionFor(ctx: SuiteContext, profile: ProfileName): Promise<Session> {
  if (profile === 'light' || ctx.browserName === 'chromium') return Promise.resolve(ctx.session);
  return ctx.sessionWith('dark', { colorScheme: 'dark', reducedMotion: false });
}

/** Puts `page` in the profile's media (Chromium: emulation; Firefox: its session's prefs) and checks it took. */
export async function applyProfile(page: Page, profile: ProfileName): Promise<void> {
  const { scheme, motion } = PROFILES[profile];
  try {
    await page.emulateMediaFeatures([
      { name: 'prefers-color-scheme', value: scheme },
      { name: 'prefers-reduced-motion', value: motion },
    ]);
  } catch (error) {
    if (!emulationNoted) {
      emulationNoted = true;
      console.log(
        `[e2e] page.emulateMediaFeatures is not available here ("${String(error).split('\n')[0]}"); ` +
          'dark pages come from a browser launched with a dark content override',
      );
    }
  }
  const actual = await page.evaluate(() => ({
    dark: matchMedia('(prefers-color-scheme: dark)').matches,
    reduce: matchMedia('(prefers-reduced-motion: reduce)').matches,
  }));
  expect(actual, `media of ${page.url()}`).toEqual({ dark: scheme === 'dark', reduce: motion === 'reduce' });
}
