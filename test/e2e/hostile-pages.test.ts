/**
 * Pages that fight Backgrounder (test/fixtures/hostile-pages.ts), each served at the placeholder article address:
 * a strict Content-Security-Policy, aggressive page styles, inherited styles on everything, clipping containers
 * under a max-z-index overlay, the page's own script errors, and an ad storm inserting blocks while the body is
 * being marked. Expectations come from the seed sheet's mentions and from the page served without Backgrounder.
 */
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { expectedMentions, SEED_SHEET_ID } from '../helpers/editorial';
import { HOSTILE_PAGES, PAGE_OWN_ERRORS, type HostileName } from '../fixtures/hostile-pages';
import { isPageOwnCspReport, pageOwnCspSources } from './harness/csp';
import { PLACEHOLDER_ARTICLE_URL } from './harness/paths';
import { panelIsOpen } from './support/card';
import {
  CARD,
  cardView,
  expectCardShownAndStyled,
  hoverOpen,
  inheritedStyles,
  PANEL_TAG,
  TRANSPARENT,
} from './support/hostile';
import { MARK, markedMentions, readThrough, waitForMarkingSettled } from './support/marks';
import { POLL } from './support/poll';
import { browserSuite } from './support/suite';

const expected = expectedMentions(SEED_SHEET_ID);
/** A page at an address the content script does not run on: the page exactly as the site serves it. */
const baselineUrl = (name: string) => `https://www.koreaherald.com/e2e-baseline/hostile-${name}`;

/** Computed styles of every mark next to those of the paragraph (and parent) it sits in. */
function markStyles(page: Page) {
  return page.evaluate(
    (tag: string) =>
      [...document.querySelectorAll(tag)].map((mark) => {
        const s = getComputedStyle(mark);
        const p = getComputedStyle(mark.closest('p') ?? (mark.parentElement as Element));
        const parent = getComputedStyle(mark.parentElement as Element);
        const box = mark.getClientRects()[0];
        const hit = box ? document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) : null;
        return {
          text: mark.textContent ?? '',
          display: s.display,
          visibility: s.visibility,
          parentVisibility: parent.visibility,
          opacity: s.opacity,
          color: s.color,
          paragraphColor: p.color,
          fontSize: s.fontSize,
          parentFontSize: parent.fontSize,
          fontFamily: s.fontFamily,
          parentFontFamily: parent.fontFamily,
          lineHeight: s.lineHeight,
          parentLineHeight: parent.lineHeight,
          decorationStyle: s.textDecorationStyle,
          background: s.backgroundColor,
          boxes: mark.getClientRects().length,
          // Shown to the reader: rendered, not hidden, not faded out (itself or an ancestor).
          seen: mark.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
          onTop: hit !== null && (hit === mark || mark.contains(hit)),
        };
      }),
    MARK,
  );
}

/** Where the marks are: how many, how many inside another mark, inside an ad block, outside the article body. */
function markPlacement(page: Page) {
  return page.evaluate(
    (tag: string) => ({
      total: document.querySelectorAll(tag).length,
      nested: document.querySelectorAll(`${tag} ${tag}`).length,
      inAds: document.querySelectorAll(`[data-svcad] ${tag}`).length,
      outsideParagraphs: [...document.querySelectorAll(tag)].filter((m) => !m.closest('#articleText p')).length,
    }),
    MARK,
  );
}

const articleText = (page: Page) =>
  page.evaluate(() => (document.querySelector('#articleText') as HTMLElement | null)?.innerText ?? '(no #articleText)');

browserSuite('Hostile pages', (ctx) => {
  const openHostile = (name: HostileName, url = PLACEHOLDER_ARTICLE_URL) =>
    ctx.session
      .openArticle(url, { html: HOSTILE_PAGES[name].html() }, { headers: HOSTILE_PAGES[name].headers })
      .then(ctx.track);
  const settledAndRead = async (page: Page) => {
    await waitForMarkingSettled(page);
    await readThrough(page);
  };
  const expectNoViolations = () =>
    expect(ctx.session.violations().map((r) => `${r.method} ${r.url} (${r.action}, from ${r.from})`)).toEqual([]);
  const problemTexts = (page: Page) => ctx.session.problemsOf(page).map((p) => `${p.type}: ${p.text} (at ${p.url})`);

  it('strict CSP: marks, styled marks and a styled card on top; no CSP report but the page’s own', async () => {
    const name = 'strict-csp';
    const page = await openHostile(name);
    // Every console message from here on, of any level, but for the harness aborting the page's own resources.
    const consoleMessages: string[] = [];
    page.on('console', (message) => {
      const url = message.location()?.url ?? '';
      if (/^Failed to load resource/.test(message.text()) && ctx.session.classify(url) === 'fixture-resource') return;
      consoleMessages.push(`${message.type()}: ${message.text()} (at ${url})`);
    });
    await settledAndRead(page);
    expect(await markedMentions(page)).toEqual(expected);

    // The marks are styled by content.css (a manifest stylesheet, outside the page's policy).
    const marks = await markStyles(page);
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) {
      expect(m.decorationStyle, m.text).toBe('dotted');
      expect(m.background, m.text).not.toMatch(TRANSPARENT);
    }

    // From here on, the page itself reports every policy violation to itself.
    await page.evaluate(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`),
      );
    });
    const entity = await hoverOpen(page, 0);
    const view = await cardView(page);
    expectCardShownAndStyled(view, entity);
    // Styled by the constructable stylesheet (no <style> element a policy could be asked to judge).
    expect(view.adoptedSheets).toBe(1);
    // And the panel, under the same policy.
    await page.keyboard.press('Escape');
    await page.focus(`${MARK}[tabindex="0"]`);
    await page.keyboard.press('Enter');
    await panelIsOpen(page);
    expect(
      await page.evaluate((tag: string) => {
        const root = document.querySelector(tag)!.shadowRoot!;
        const dialog = root.querySelector('dialog')!;
        return { sheets: root.adoptedStyleSheets.length, background: getComputedStyle(dialog).backgroundColor };
      }, PANEL_TAG),
    ).toMatchObject({ sheets: 1, background: expect.not.stringMatching(TRANSPARENT) });

    // Only the page's own resources (a lazy image scrolled into view) may be refused meanwhile.
    const own = pageOwnCspSources(HOSTILE_PAGES[name].html(), PLACEHOLDER_ARTICLE_URL);
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    expect(violations.filter((v) => !own.urls.has(v.split(' ')[1]))).toEqual([]);

    // The policy was in force, and every report is about the page's own inline content or resources.
    const problems = ctx.session.problemsOf(page);
    expect(problems.some((p) => /script-src/.test(p.text))).toBe(true);
    expect(problems.some((p) => /img-src/.test(p.text))).toBe(true);
    expect(problems.filter((p) => !isPageOwnCspReport(p.text, own)).map((p) => `${p.type}: ${p.text}`)).toEqual([]);
    expect(consoleMessages.filter((m) => !isPageOwnCspReport(m, own))).toEqual([]);
    expectNoViolations();
  });

  it('aggressive styles, as served: marks keep the look of the text around them; the text reads the same', async () => {
    // The page's rules (`div, section { display: none }`...) hide the whole article, marks or not: all a mark can
    // do is not stand out from its paragraph (same colour, size, font) and keep the text as it was.
    const name = 'aggressive-styles';
    const page = await openHostile(name);
    await settledAndRead(page);
    const marks = await markStyles(page);
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) {
      expect(m.display, m.text).toBe('inline');
      expect(m.visibility, m.text).toBe(m.parentVisibility);
      expect(m.color, m.text).toBe(m.paragraphColor);
      expect(m.fontSize, m.text).toBe(m.parentFontSize);
      expect(m.fontSize, m.text).not.toBe('72px');
      expect(m.fontFamily, m.text).toBe(m.parentFontFamily);
      expect(m.lineHeight, m.text).toBe(m.parentLineHeight);
    }
    const baseline = await openHostile(name, baselineUrl(name));
    expect(await articleText(page)).toBe(await articleText(baseline));
    expect(problemTexts(page)).toEqual([]);
    expectNoViolations();
  });

  it('aggressive styles, article readable: marks inline and seen in the text colour; the card readable on top', async () => {
    // The same hostile rules, with the article's own containers shown again.
    const name = 'aggressive-styles';
    const html = HOSTILE_PAGES[name]
      .html()
      .replace('</head>', '<style>.section_view, .view-wrap { all: revert !important; }</style>\n</head>');
    const page = await ctx.session.openArticle(PLACEHOLDER_ARTICLE_URL, { html }).then(ctx.track);
    await settledAndRead(page);
    expect(await markedMentions(page)).toEqual(expected);
    const marks = await markStyles(page);
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) {
      expect(m.paragraphColor, 'the variant shows the article').not.toMatch(TRANSPARENT);
      expect(m.boxes, m.text).toBeGreaterThan(0);
      expect(m.display, m.text).toBe('inline');
      expect(m.visibility, m.text).toBe('visible');
      expect(m.opacity, m.text).toBe('1');
      expect(m.seen, m.text).toBe(true);
      expect(m.color, m.text).toBe(m.paragraphColor);
      expect(m.fontSize, m.text).toBe(m.parentFontSize);
      expect(m.fontFamily, m.text).toBe(m.parentFontFamily);
    }
    // Nothing of the page covers the first mark (what the pointer would rest on).
    expect(marks[0].onTop).toBe(true);

    const entity = await hoverOpen(page, 0);
    const view = await cardView(page);
    expectCardShownAndStyled(view, entity);
    expect(view.host.fontSize).toBe('16px');

    const baseline = await ctx.session.openArticle(baselineUrl(`${name}-readable`), { html }).then(ctx.track);
    expect(await articleText(page)).toBe(await articleText(baseline));
    expect(problemTexts(page)).toEqual([]);
    expectNoViolations();
  });

  it('inherited styles on everything: the card and the panel take none of them, and no size follows the root', async () => {
    const page = await openHostile('inherited-styles');
    await waitForMarkingSettled(page);
    const ours = {
      textTransform: 'none',
      letterSpacing: 'normal',
      wordSpacing: '0px',
      fontStyle: 'normal',
      fontVariant: 'normal',
      textShadow: 'none',
      textIndent: '0px',
      whiteSpace: 'normal',
      direction: 'ltr',
      writingMode: 'horizontal-tb',
      fontFamilyHasComic: false,
    };
    // Our own rules: headings upper case, spaced 0.04em of their 11 px; dates kept on one line.
    const expectedOf = (what: string) => ({
      ...ours,
      ...(what.includes('heading') ? { textTransform: 'uppercase', letterSpacing: '0.44px' } : {}),
      ...(what.includes('date') ? { whiteSpace: 'nowrap' } : {}),
    });
    await page.focus(`${MARK}[tabindex="0"]`);
    await page.waitForFunction((sel: string) => document.querySelector(sel)?.matches(':popover-open'), POLL, CARD);
    const card = await inheritedStyles(page, CARD);
    expect(card.top).toMatchObject({ ...ours, fontSize: '14px', lineHeight: '20.3px' });
    expect(card.width).toBeLessThanOrEqual(360);
    expect(card.texts.length).toBeGreaterThan(3);
    for (const el of card.texts) expect(el, el.what).toMatchObject(expectedOf(el.what));

    await page.keyboard.press('Enter');
    await panelIsOpen(page);
    const panel = await inheritedStyles(page, PANEL_TAG);
    expect(panel.top).toMatchObject({ ...ours, fontSize: '14px', lineHeight: '20.3px' });
    expect(panel.width).toBeLessThanOrEqual(460);
    expect(panel.texts.length).toBeGreaterThan(10);
    for (const el of panel.texts) expect(el, el.what).toMatchObject(expectedOf(el.what));
    expect(problemTexts(page)).toEqual([]);
    expectNoViolations();
  });

  it('clipping containers and a max-z-index overlay: the card is whole and on top, below and above its mark', async () => {
    const page = await openHostile('clipping-and-overlays');
    await settledAndRead(page);
    expect(await markedMentions(page)).toEqual(expected);

    // A mark in mid-screen: the card opens beside or below it, whole.
    const entity = await hoverOpen(page, 0);
    expectCardShownAndStyled(await cardView(page), entity);
    await page.keyboard.press('Escape');

    // A mark at the bottom edge: the card flips above it, still whole and on top.
    const last = await page.evaluate(
      (tag: string) => document.querySelectorAll(`${tag}:not([data-continues])`).length - 1,
      MARK,
    );
    const lastEntity = await hoverOpen(page, last, 'end');
    const flipped = await cardView(page);
    expectCardShownAndStyled(flipped, lastEntity);
    const markTop = await page.evaluate(
      (tag: string) =>
        [...document.querySelectorAll(`${tag}:not([data-continues])`)].at(-1)?.getBoundingClientRect().top ?? 0,
      MARK,
    );
    expect(flipped.rect.bottom).toBeLessThanOrEqual(markTop);
    expect(problemTexts(page)).toEqual([]);
    expectNoViolations();
  });

  it('page errors: the page’s own errors and no others; marks and the card work', async () => {
    const page = await openHostile('page-errors');
    await settledAndRead(page);
    expect(await markedMentions(page)).toEqual(expected);
    const entity = await hoverOpen(page, 0);
    expectCardShownAndStyled(await cardView(page), entity);

    // Both of the page's errors arrived (the second one on a 50 ms timer), and nothing else.
    const deadline = Date.now() + 5_000;
    const seen = () => PAGE_OWN_ERRORS.filter((e) => ctx.session.problemsOf(page).some((p) => p.text.includes(e)));
    while (seen().length < PAGE_OWN_ERRORS.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen()).toEqual(PAGE_OWN_ERRORS);
    const others = ctx.session.problemsOf(page).filter((p) => !PAGE_OWN_ERRORS.some((e) => p.text.includes(e)));
    expect(others).toEqual([]);
    expectNoViolations();
  });

  it('ad storm: once settled, each sheet mention marked once, none in an ad, none inside another mark', async () => {
    const page = await openHostile('ad-storm');
    await page.waitForFunction(() => document.documentElement.dataset.adStorm === 'done', POLL);
    const passes = await waitForMarkingSettled(page, { quietMs: 400 });
    await readThrough(page);
    console.log(
      `[e2e hostile] ${ctx.browserName}: ad storm settled after ${passes.annotate} annotate + ${passes.remark} remark passes`,
    );
    expect(await page.evaluate(() => document.querySelectorAll('[data-svcad^="storm-"]').length)).toBe(400);
    const placement = await markPlacement(page);
    expect(placement).toEqual({ total: placement.total, nested: 0, inAds: 0, outsideParagraphs: 0 });
    expect(await markedMentions(page, `#articleText p ${MARK}`)).toEqual(expected);
    expect(await markedMentions(page)).toEqual(expected);
    expect(problemTexts(page)).toEqual([]);
    expectNoViolations();
  });
});
