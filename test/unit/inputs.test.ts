/**
 * Inputs that cannot break Backgrounder: messages of a type every object has, or of the wrong shape, reach no
 * handler; ids and phrases that a plain object or the matcher cannot hold stop the build; a page's date that is no
 * real day or out of range counts as no date; a page element with id="browser" is not taken for the extension API.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser, getMessageFrom } from '../helpers/fake-browser';
import { validateKnowledge, type DataFiles } from '../../src/core/knowledge/validate';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { readDataFiles } from '../../build.mjs';

const fake = fakeBrowser();
vi.mock('webextension-polyfill', () => ({ default: fake }));

const { onContentRequest } = await import('../../src/shared/messages');
const { onBackgroundRequest } = await import('../../src/shared/messages');
const { BACKGROUND_REQUESTS } = await import('../../src/background/requests');
const { phraseProblem } = await import('../../src/core/knowledge/id-safety');
const { pageDateAccepted } = await import('../../src/core/page/date-range');
const { extensionApi } = await import('../../src/content/native-browser');
const { statusText } = await import('../../src/popup/render');

/** Delivers `message` to the last listener registered; whether it was taken, and its reply. */
async function deliver(message: unknown): Promise<{ taken: boolean; reply: unknown }> {
  const listener = fake.messageListeners.at(-1) as (m: unknown, s: unknown, r: (x: unknown) => void) => boolean;
  let reply: unknown;
  let taken = false;
  const replied = new Promise<void>((resolve) => {
    taken = listener(message, {}, (r) => {
      reply = r;
      resolve();
    });
    if (!taken) resolve();
  });
  await replied;
  return { taken, reply };
}

describe('messages', () => {
  it('the content script answers its own request types only, and only well formed ones', async () => {
    const reveal = vi.fn(() => ({ revealed: true }));
    onContentRequest({ 'get-summary': () => ({ host: 'x', status: 'disabled', mentionCounts: {} }), reveal });
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'marked-count']) {
      expect((await deliver({ type })).taken, type).toBe(false);
    }
    expect((await deliver({ type: 'reveal' })).taken, 'reveal without an entity').toBe(false);
    expect((await deliver({ type: 'reveal', entityId: { toString: () => 'x' } })).taken).toBe(false);
    expect(reveal).not.toHaveBeenCalled();
    expect(await deliver({ type: 'reveal', entityId: 'sung-kim' })).toEqual({ taken: true, reply: { revealed: true } });
  });

  it('the background checks every field of what a page sends', async () => {
    const plan = vi.fn(() => ({ mode: 'none' as const, reason: 'no-date' as const }));
    const count = vi.fn(() => ({ ok: true as const }));
    onBackgroundRequest(
      { 'page-plan': plan, 'page-views': () => ({}) as never, 'marked-count': count },
      BACKGROUND_REQUESTS,
    );
    expect((await deliver({ type: 'marked-count', entities: -1 })).taken).toBe(false);
    expect((await deliver({ type: 'marked-count', entities: '3' })).taken).toBe(false);
    expect((await deliver({ type: 'page-plan', headlines: 'x', date: null })).taken).toBe(false);
    expect((await deliver({ type: 'page-views', ids: ['a'], date: 'yesterday' })).taken).toBe(false);
    expect(plan).not.toHaveBeenCalled();
    expect(count).not.toHaveBeenCalled();
    expect((await deliver({ type: 'marked-count', entities: 3 })).taken).toBe(true);
    expect(count).toHaveBeenCalledTimes(1);
  });
});

describe('the build', () => {
  const real = (): DataFiles => structuredClone(readDataFiles(new URL('../../data/', import.meta.url).pathname).files);
  const problems = (change: (files: DataFiles) => void) => {
    const files = real();
    change(files);
    return validateKnowledge(files).problems.join('\n');
  };
  type Raw = { id: string; aliases: unknown[]; facts: Array<{ sources: string[] }> };
  const sungKim = (files: DataFiles) => files.entities.find((f) => f.path.endsWith('/sung-kim.json'))?.data as Raw;

  it('rejects a source id or entity id that every object has', () => {
    expect(
      problems((files) => {
        const sources = files.sources.data as Record<string, unknown>;
        const first = Object.keys(sources)[0];
        Object.defineProperty(sources, 'constructor', { value: sources[first], enumerable: true });
        sungKim(files).facts[0].sources.push('constructor');
      }),
    ).toMatch(/constructor: not a usable source id/);
    // Cited without being defined: `"constructor" in sources` holds for every object.
    expect(problems((files) => sungKim(files).facts[0].sources.push('constructor'))).toMatch(
      /sung-kim\.json: sources: "constructor" is not in data\/sources\.json/,
    );
    expect(
      problems((files) => {
        const entity = sungKim(files);
        entity.id = 'constructor';
        const file = files.entities.find((f) => f.data === entity);
        if (file) file.path = file.path.replace('sung-kim', 'constructor');
      }),
    ).toMatch(/"constructor" is not a usable id/);
  });

  it('rejects aliases the matcher cannot find as written', () => {
    expect(phraseProblem('(NPT)')).toMatch(/letter or digit/);
    expect(phraseProblem('NPT.')).toMatch(/letter or digit/);
    expect(phraseProblem('Sung Kim')).toBeNull();
    expect(phraseProblem('김정은')).toBeNull();
    expect(problems((files) => sungKim(files).aliases.push('(Ambassador Kim)'))).toMatch(
      /sung-kim\.json: aliases\[\d+\]: "\(Ambassador Kim\)" must start and end with a letter or digit/,
    );
  });
});

describe("a page's date", () => {
  it('is a real day from 1990 to a year after the review', () => {
    const reviewed = '2026-12-01';
    expect(pageDateAccepted('2014-12-12', reviewed)).toBe(true);
    expect(pageDateAccepted('1990-01-01', reviewed)).toBe(true);
    expect(pageDateAccepted('2027-12-01', reviewed)).toBe(true);
    for (const date of ['1989-12-31', '2027-12-02', '2999-01-01', '2014-02-30', '2014-13-01', '12/12/2014', '']) {
      expect(pageDateAccepted(date, reviewed), date).toBe(false);
    }
  });

  it('when rejected, the popup says which date the page gave and why it was not used', () => {
    for (const locale of ['en', 'ko']) {
      const t = getMessageFrom(locale);
      const text = statusText(
        { status: 'no-fact-sheet', reason: 'no-date', rejectedDate: '2999-01-01', host: 'x', mentionCounts: {} },
        t,
      );
      expect(text, locale).toContain('2999-01-01');
      expect(text, locale).toContain('1990');
    }
  });
});

describe('the browser global', () => {
  it('is taken only when it is the extension API (not a page element named "browser")', () => {
    const chrome = { runtime: { sendMessage: () => undefined } };
    const clobbered = { id: 'browser', runtime: undefined };
    expect(extensionApi({ browser: clobbered, chrome })).toBe(chrome);
    expect(extensionApi({ browser: chrome, chrome: undefined })).toBe(chrome);
    expect(extensionApi({ browser: { runtime: { sendMessage: 'no' } }, chrome })).toBe(chrome);
  });
});
