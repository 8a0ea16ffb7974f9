/**
 * The store listing's images, taken in Chromium from real pages: 1280×800 screenshots of a curated article and a
 * glossary-mode article with a card open, light and dark, and the 440×280 promotional tile (store/promo-tile.html
 * with the extension's icon). With UPDATE_SCREENSHOTS=1 they replace store/screenshots/; otherwise they go to
 * test/e2e/out/store/ (and store-assets.test.ts checks the committed ones' sizes).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOSSARY_DEMO_ARTICLE, loadArticleFixture } from '../helpers/article-fixtures';
import { buildArticlePage } from '../helpers/page-builder';
import { pngSize } from '../helpers/png';
import { browsersAvailable, missingBrowserMessage } from './harness/browsers';
import { CI, ensureBuilt, OUT, PLACEHOLDER_ARTICLE_URL, ROOT } from './harness/paths';
import { launch, type Session } from './harness/session';
import { cardIsOpen, cardSettled, openCard, pointOffMarks, pointOn } from './support/card';
import { MARK, waitForMarkingSettled } from './support/marks';

const STORE_VIEWPORT = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'store/screenshots') : join(OUT, 'store');
const missing = !browsersAvailable().chromium;
if (missing) console.warn(missingBrowserMessage('chromium'));

describe.skipIf(missing && !CI)('store screenshots (chromium)', () => {
  let session: Session;
  beforeAll(async () => {
    await ensureBuilt();
    mkdirSync(dir, { recursive: true });
    session = await launch('chromium');
  });
  afterAll(() => session?.close());

  async function withCard(page: Page, scheme: 'light' | 'dark', entity: string): Promise<void> {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await waitForMarkingSettled(page);
    const selector = `${MARK}[tabindex="0"][data-entity="${entity}"]`;
    const mark = await pointOn(page, selector, 'start', -STORE_VIEWPORT.height / 4);
    const away = await pointOffMarks(page);
    await page.mouse.move(away.x, away.y);
    await page.mouse.move(mark.x, mark.y);
    await cardIsOpen(page, entity);
    await cardSettled(page);
  }

  async function shoot(page: Page, name: string): Promise<void> {
    const path = join(dir, name) as `${string}.png`;
    await page.bringToFront();
    await page.screenshot({ path, captureBeyondViewport: false });
    expect(pngSize(readFileSync(path))).toEqual(STORE_VIEWPORT);
  }

  it.each(['light', 'dark'] as const)('a curated article with a card open (%s)', async (scheme) => {
    const page = await session.openArticle(PLACEHOLDER_ARTICLE_URL, 'kh-current.html', { viewport: STORE_VIEWPORT });
    await withCard(page, scheme, 'sung-kim');
    expect((await openCard(page))?.name).toBe('Sung Kim');
    await shoot(page, `curated-${scheme}.png`);
    await page.close();
  });

  it.each(['light', 'dark'] as const)('a glossary-mode article with a card open (%s)', async (scheme) => {
    const fixture = loadArticleFixture(GLOSSARY_DEMO_ARTICLE);
    const page = await session.openArticle(
      fixture.url,
      { html: buildArticlePage(fixture, 'current-2024') },
      { viewport: STORE_VIEWPORT },
    );
    await withCard(page, scheme, 'sung-kim');
    expect((await openCard(page))?.text).toMatch(/Since then/);
    await shoot(page, `glossary-${scheme}.png`);
    await page.close();
  });

  it('the promotional tile, 440×280', async () => {
    const page = await session.newTab(TILE);
    const icon = readFileSync(join(ROOT, 'icons/icon-128.png')).toString('base64');
    await page.setContent(readFileSync(join(ROOT, 'store/promo-tile.html'), 'utf8'));
    await page.$eval('#icon', (img, src) => ((img as HTMLImageElement).src = src), `data:image/png;base64,${icon}`);
    await page.waitForFunction(() => (document.getElementById('icon') as HTMLImageElement).complete);
    const path = join(dir, 'promo-tile-440x280.png') as `${string}.png`;
    await page.screenshot({ path, captureBeyondViewport: false });
    expect(pngSize(readFileSync(path))).toEqual(TILE);
    await page.close();
  });

  it('asked the network for nothing but the fixtures', () => {
    expect(session.violations()).toEqual([]);
    expect(session.problems()).toEqual([]);
  });
});
