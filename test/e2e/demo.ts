/**
 * `npm run demo`: the built Chrome extension (dist/chrome) in headless Chromium, with no network, on two articles:
 *   1. the seed article (curated sheet), served at a placeholder Korea Herald URL;
 *   2. a stored Korea Herald article with no curated sheet (glossary mode), rebuilt in the current layout.
 * On each it rests the pointer on a mark, opens the full background and the popup, writes screenshots to
 * demo/out/, and prints what it marked and how long each step took.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'puppeteer-core';
import { GLOSSARY_DEMO_ARTICLE, loadArticleFixture } from '../helpers/article-fixtures';
import { buildArticlePage } from '../helpers/page-builder';
import { browsersAvailable, INSTALL_COMMAND } from './harness/browsers';
import { PLACEHOLDER_ARTICLE_URL, ROOT } from './harness/paths';
import { launch, type Session } from './harness/session';
import { cardIsOpen, openCard, panelIsOpen, panelState, pointOffMarks, pointOn } from './support/card';
import { MARK, markedMentions, waitForMarkingSettled } from './support/marks';

const OUT = join(ROOT, 'demo/out');

interface Shown {
  marks: number;
  /** The popup's status line: empty on a curated article, the glossary-mode notice otherwise. */
  status: string;
}

async function show(session: Session, page: Page, label: string, prefix: string): Promise<Shown> {
  await waitForMarkingSettled(page);
  const marked = await markedMentions(page);
  const total = Object.values(marked).reduce((n, texts) => n + texts.length, 0);
  console.log(`\n[${label}] marked ${total} mentions of ${Object.keys(marked).length} entities:`);
  for (const [id, texts] of Object.entries(marked))
    console.log(`  ${id.padEnd(36)} ${texts.map((t) => `"${t}"`).join(', ')}`);

  // Rest the pointer on the first mark like a reader, until its card appears.
  const mark = await pointOn(page, `${MARK}[tabindex="0"]`);
  const away = await pointOffMarks(page);
  await page.mouse.move(away.x, away.y);
  const hovered = Date.now();
  await page.mouse.move(mark.x, mark.y);
  await cardIsOpen(page, mark.entity);
  const card = await openCard(page);
  console.log(`\n[${label}] card for "${mark.entity}" after ${Date.now() - hovered} ms:\n  ${card?.text}`);
  await session.screenshot(page, join(OUT, `${prefix}card.png`));

  // A click: the full background.
  await page.mouse.click(mark.x, mark.y);
  await panelIsOpen(page, mark.entity);
  const panel = await panelState(page);
  console.log(`[${label}] full background: ${panel.text.length} characters, ${panel.links.length} source links`);
  await session.screenshot(page, join(OUT, `${prefix}panel.png`));
  await page.keyboard.press('Escape');

  const measures = await page.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('backgrounder:'))
      .map((m) => `${m.name} ${m.duration.toFixed(1)} ms`),
  );
  console.log(`[${label}] User Timing: ${measures.join('; ')}`);

  const popup = await session.openPopup(await session.tabIdOf(page));
  const status = await popup.$eval('#status', (el) => el.textContent ?? '');
  const listed = await popup.$$eval('#entities button.entity .entity-name', (els) => els.map((e) => e.textContent));
  console.log(`[${label}] popup: ${status ? `"${status}" ` : ''}${listed.length} entities: ${listed.join(', ')}`);
  await session.screenshot(popup, join(OUT, `${prefix}popup.png`));
  return { marks: total, status };
}

async function main(): Promise<void> {
  if (!browsersAvailable().chromium) {
    console.error('Chromium is not installed, so the demo cannot run. Install it (Debian/Ubuntu, as root) with:');
    console.error(`    ${INSTALL_COMMAND}`);
    process.exit(1);
  }
  if (!existsSync(join(ROOT, 'dist/chrome/manifest.json'))) {
    console.error('dist/chrome/ is missing: run `node build.mjs` first (npm run demo does).');
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  const session = await launch('chromium');
  try {
    // PLACEHOLDER id: the article's real /article/<id> is unknown; Backgrounder recognises it by headline and date.
    console.log(`Opening the seed article at ${PLACEHOLDER_ARTICLE_URL} (served locally, no network)`);
    const seedPage = await session.openArticle(PLACEHOLDER_ARTICLE_URL, 'kh-current.html');
    const seed = await show(session, seedPage, 'curated', '');

    const fixture = loadArticleFixture(GLOSSARY_DEMO_ARTICLE);
    const url = fixture.url.replace(/^http:/, 'https:');
    console.log(`\nOpening "${fixture.headline}" (${fixture.published}) at ${url}: no curated sheet`);
    const other = await session.openArticle(url, { html: buildArticlePage({ ...fixture, url }, 'current-2024') });
    const glossary = await show(session, other, 'glossary', 'glossary-');

    const problems = session.problems();
    const violations = session.violations();
    console.log(
      `\nConsole errors / uncaught exceptions: ${problems.length}; requests outside the page: ${violations.length}`,
    );
    for (const p of problems) console.log(`  ${p.type}: ${p.text} (${p.page})`);
    for (const v of violations) console.log(`  ${v.method} ${v.url} (from ${v.from})`);
    console.log(`\nWrote ${relative(ROOT, OUT)}/{card,panel,popup,glossary-card,glossary-panel,glossary-popup}.png`);
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const modes: string[] = [];
    if (seed.status !== '') modes.push(`the seed article was not matched to its curated sheet ("${seed.status}")`);
    if (glossary.status === '') modes.push('the second article matched a curated sheet: choose one without a sheet');
    for (const m of modes) console.log(`  Problem: ${m}`);
    const failed = problems.length > 0 || violations.length > 0 || modes.length > 0;
    if (failed || seed.marks === 0 || glossary.marks === 0) process.exitCode = 1;
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
});
