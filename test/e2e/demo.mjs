// `npm run demo`: the built Chrome extension (dist/chrome) in headless Chromium on the bundled copy of the article
// (test/fixtures/pages/kh-current.html, served at a placeholder Korea Herald URL, no network). It hovers a mark, opens
// the popup, writes demo/out/card.png and demo/out/popup.png, and prints what it marked and how long each step took.
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { INSTALL_COMMAND, PLACEHOLDER_ARTICLE_URL, ROOT, browsersAvailable, factSheets, launch } from './harness.mjs';

const OUT = join(ROOT, 'demo/out');
const MARK = 'backgrounder-mark';
const CARD = 'backgrounder-card#backgrounder-card';
const POLL = { polling: 50, timeout: 10_000 };

async function main() {
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
  /** @type {Map<string, string>} entity id -> name, from every bundled fact sheet */
  const names = new Map();
  for (const sheet of factSheets()) for (const e of sheet.entities) names.set(e.id, e.name);

  const started = Date.now();
  const session = await launch('chromium');
  try {
    // PLACEHOLDER id: the article's real /article/<id> is unknown; Backgrounder recognises it by headline and date.
    console.log(`Opening the bundled article at ${PLACEHOLDER_ARTICLE_URL} (served locally, no network)`);
    const page = await session.openArticle(PLACEHOLDER_ARTICLE_URL, 'kh-current.html');
    await page.waitForFunction(() => performance.getEntriesByName('backgrounder:annotate', 'measure').length > 0, POLL);

    // What it marked: per entity, in document order of first mention, the texts (pieces of a split mention joined).
    const marked = await page.evaluate((tag) => {
      /** @type {Record<string, string[]>} */
      const found = {};
      /** @type {string[] | null} */
      let last = null;
      for (const mark of document.querySelectorAll(tag)) {
        const text = (mark.textContent ?? '').replace(/\s+/g, ' ');
        if (mark.hasAttribute('data-continues') && last) {
          last.push(`${last.pop()}${text}`);
          continue;
        }
        last = found[mark.getAttribute('data-entity') ?? '?'] ??= [];
        last.push(text);
      }
      return found;
    }, MARK);
    const total = Object.values(marked).reduce((n, texts) => n + texts.length, 0);
    console.log(`\nMarked ${total} mentions of ${Object.keys(marked).length} entities:`);
    for (const [id, texts] of Object.entries(marked)) {
      console.log(`  ${id} — ${names.get(id) ?? '(not in any sheet!)'} — ${texts.length} mention(s)`);
      for (const text of texts) console.log(`      "${text.trim()}"`);
    }

    // Hover the first mark like a reader: rest the pointer on it until the card appears.
    const point = await page.evaluate((tag) => {
      const mark = /** @type {HTMLElement} */ (document.querySelector(`${tag}:not([data-continues])`));
      mark.scrollIntoView({ block: 'center', behavior: 'instant' });
      const box = mark.getClientRects()[0];
      return { x: box.left + box.width / 2, y: box.top + box.height / 2, entity: mark.dataset.entity };
    }, MARK);
    await page.mouse.move(5, 5);
    const hovered = Date.now();
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction(
      (sel) => {
        const card = document.querySelector(sel);
        return !!card && getComputedStyle(card).display !== 'none' && card.getBoundingClientRect().height > 0;
      },
      POLL,
      CARD,
    );
    console.log(`\nHovered "${point.entity}": its card opened after ${Date.now() - hovered} ms`);
    await session.screenshot(page, join(OUT, 'card.png'));

    const measures = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('backgrounder:'))
        .map((m) => ({ name: m.name, ms: m.duration })),
    );
    console.log('\nUser Timing measures (backgrounder:*):');
    for (const { name, ms } of measures) console.log(`  ${name.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms`);

    const popup = await session.openPopup(await session.tabIdOf(page));
    const listed = await popup.evaluate(() =>
      [...document.querySelectorAll('#entities button.entity')].map(
        (b) => `${b.querySelector('.entity-name')?.textContent} (${b.querySelector('.entity-count')?.textContent})`,
      ),
    );
    console.log(`\nThe popup lists ${listed.length} entities: ${listed.join('; ')}`);
    await session.screenshot(popup, join(OUT, 'popup.png'));

    const problems = session.problems();
    const violations = session.violations();
    console.log(
      `\nConsole errors / uncaught exceptions: ${problems.length}; requests outside the page: ${violations.length}`,
    );
    for (const p of problems) console.log(`  ${p.type}: ${p.text} (${p.page})`);
    for (const v of violations) console.log(`  ${v.method} ${v.url} (from ${v.from})`);
    console.log(`\nWrote ${relative(ROOT, join(OUT, 'card.png'))} and ${relative(ROOT, join(OUT, 'popup.png'))}`);
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (problems.length > 0 || violations.length > 0 || total === 0) process.exitCode = 1;
  } finally {
    await session.close();
  }
}

main().catch((error) => {
  console.error(`demo failed: ${error?.stack ?? error}`);
  process.exit(1);
});
