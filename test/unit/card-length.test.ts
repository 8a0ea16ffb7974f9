/**
 * The compact card is read at a glance: on every curated sheet and every stored article in glossary mode, each
 * entity's card, rendered as the content script renders it, holds the name, at most two role lines, the timeless
 * summary, and the note and the "since then" line in short. Prints the range of word counts. (That it fits without
 * scrolling at 1280x900 and 412x915 is checked in the browsers, test/e2e/reader-input.test.ts.)
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { koreaDateOfIso } from '../../src/core/page/article-identity';
import { articleFixtures } from '../helpers/article-fixtures';
import { fakeBrowser } from '../helpers/fake-browser';
import { editorial, kb, viewsFor } from '../helpers/pipeline';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }));
const { CardView, CARD_ROLES, NOTE_CHARS, SINCE_CHARS } = await import('../../src/content/card-view');

interface Card {
  id: string;
  words: number;
  roles: string[];
  moreRoles: string;
  /** The note and the "since then" text without their labels. */
  note: string;
  since: string;
  summary: string;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function cardsOn(ids: string[], date: string, sheetId?: string): Card[] {
  const doc = new JSDOM('<!doctype html><body><main></main></body>').window.document;
  const card = new CardView(doc);
  return viewsFor(ids, date, sheetId).entities.map((view) => {
    card.render(view, 'pointer');
    const root = card.host.shadowRoot as ShadowRoot;
    const textOf = (selector: string) => root.querySelector(selector)?.textContent ?? '';
    const labelled = (selector: string, ...labels: string[]) =>
      [...(root.querySelector(selector)?.childNodes ?? [])]
        .filter((n) => !labels.some((l) => (n as Element).matches?.(l)))
        .map((n) => n.textContent)
        .join('')
        .trim();
    return {
      id: view.id,
      words: words(root.textContent ?? ''),
      roles: [...root.querySelectorAll('.role:not(.more)')].map((r) => r.textContent ?? ''),
      moreRoles: textOf('.role.more'),
      note: labelled('.note', 'strong'),
      since: labelled('.since', '.heading', '.date'),
      summary: textOf('.summary'),
    };
  });
}

describe('compact card length', () => {
  const pages = [
    ...editorial.sheets.map((sheet) => ({
      label: sheet.id,
      cards: cardsOn(
        sheet.entities.map((e) => e.id),
        koreaDateOfIso(sheet.article.published) ?? sheet.article.published,
        sheet.id,
      ),
    })),
    ...articleFixtures().map((fixture) => ({
      label: `glossary ${fixture.name}`,
      cards: cardsOn(
        [...new Set(fixture.expected.map((e) => e.entity).filter((id) => kb.entities.has(id)))],
        fixture.date,
      ),
    })),
  ];

  it.each(pages.map((p) => [p.label, p.cards] as const))('%s: every card is in short', (_, cards) => {
    for (const card of cards) {
      expect(card.roles.length, `${card.id}: role lines`).toBeLessThanOrEqual(CARD_ROLES);
      expect(card.summary.length, `${card.id}: summary`).toBeGreaterThan(0);
      expect(card.summary.length, `${card.id}: summary`).toBeLessThanOrEqual(300);
      // Cut at a word, with " …" after it.
      expect(card.note.length, `${card.id}: note`).toBeLessThanOrEqual(NOTE_CHARS + 2);
      expect(card.since.length, `${card.id}: since then`).toBeLessThanOrEqual(SINCE_CHARS + 2);
    }
  });

  it("names a leader's primary title first and counts the other titles held then", () => {
    const [kimJongUn] = cardsOn(['kim-jong-un'], '2014-12-12');
    expect(kimJongUn?.roles[0]).toMatch(/^On 12 Dec 2014: Supreme Leader of North Korea /);
    expect(kimJongUn?.roles).toHaveLength(CARD_ROLES);
    expect(kimJongUn?.moreRoles).toBe('and 2 more posts held then, in the full background');
    const [kimJongIl] = cardsOn(['kim-jong-il'], '2009-06-01');
    expect(kimJongIl?.roles[0]).toMatch(/^On 1 Jun 2009: Leader of North Korea /);
  });

  it('prints the range of word counts', () => {
    const all = pages.flatMap((p) => p.cards.map((card) => ({ ...card, page: p.label })));
    const sorted = [...all].sort((a, b) => a.words - b.words);
    const [least, median, most] = [sorted[0], sorted[Math.floor(sorted.length / 2)], sorted.at(-1)];
    if (!least || !median || !most) throw new Error('no cards');
    console.log(
      `[card words] ${all.length} cards on ${pages.length} pages: ${least.words}–${most.words} words ` +
        `(median ${median.words}); shortest ${least.id} (${least.page}), longest ${most.id} (${most.page})`,
    );
    expect(all.length).toBeGreaterThan(100);
  });
});
