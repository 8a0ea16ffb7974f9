/**
 * npm run kb:gaps [-- --top N] [-- --json]
 * The gap report for editors: the capitalised names and the descriptive event phrases of the stored Korea Herald
 * articles (test/fixtures/articles/*.json) that the knowledge base does not resolve on each article's date, most
 * frequent first, with the articles each occurs in. See src/build/gap-report.ts for what counts and the stoplists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { loadKnowledge } from '../../build.mjs';
import { KnowledgeBase } from '../core/knowledge/knowledge-base';
import type { ShippedKnowledge } from '../core/knowledge/ship';
import { dateOfDateLine } from '../core/page/article-identity';
import { dateOfUd } from '../core/page/url';
import { formatGapReport, gapReport, type GapArticle } from './gap-report';

const ARTICLES = join(process.cwd(), 'test/fixtures/articles');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Each stored article: its name (the ud), its date (the date line's, else the address's) and its paragraphs. */
function storedArticles(dir: string): GapArticle[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const ud = /[?&]ud=(\d{14})/.exec(raw.url ?? '')?.[1];
      const date = (raw.dateLine && dateOfDateLine(raw.dateLine)) ?? (ud ? dateOfUd(ud) : null);
      if (!date) throw new Error(`${file}: no date in the date line or the address`);
      const also = [raw.headline ?? '', ...(raw.captions ?? [])].filter(Boolean);
      return { name: file.replace(/\.json$/, ''), date, paragraphs: raw.paragraphs ?? [], also };
    });
}

async function main(): Promise<void> {
  const top = Number(option('--top') ?? 30);
  if (!Number.isInteger(top) || top < 1) throw new Error('--top takes a whole number, e.g. --top 50');
  const { shipped } = (await loadKnowledge()) as { shipped: ShippedKnowledge };
  const report = gapReport(new KnowledgeBase(shipped), storedArticles(ARTICLES));
  if (process.argv.includes('--json')) {
    const cut = { ...report, names: report.names.slice(0, top), events: report.events.slice(0, top) };
    process.stdout.write(`${JSON.stringify(cut, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatGapReport(report, top)}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(`kb:gaps: ${(error as Error).message}`);
  process.exit(1);
});
