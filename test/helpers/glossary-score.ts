/**
 * How a page's glossary marks compare with what the careful editor expected (test/fixtures/articles/): which
 * expected names got the right card, which were missed (and whether the knowledge base lacks the entity), and
 * which marks are wrong (an entity the editor did not expect on that page, or a phrase the editor called
 * ambiguous).
 */
import type { ArticleFixture } from './article-fixtures';

export interface Score {
  page: string;
  expected: number;
  /** Expected entities marked with the right card. */
  hits: string[];
  /** Expected entities the knowledge base has but did not mark. */
  missed: string[];
  /** Expected names whose entity the knowledge base does not have. */
  lacking: string[];
  /** Marks that should not be there, as "entity: text". */
  wrong: string[];
}

export function score(fixture: ArticleFixture, marked: Record<string, string[]> | Map<string, string[]>): Score {
  const made = marked instanceof Map ? Object.fromEntries(marked) : marked;
  const expectedIds = new Set(fixture.expected.map((e) => e.entity));
  const ambiguous = new Set(fixture.ambiguous.map((a) => a.text));
  const result: Score = {
    page: fixture.name,
    expected: fixture.expected.length,
    hits: [],
    missed: [],
    lacking: [],
    wrong: [],
  };
  for (const { text, entity } of fixture.expected) {
    if (entity.startsWith('missing:')) result.lacking.push(`${text} (${entity.slice('missing:'.length)})`);
    else if (made[entity]?.length) result.hits.push(entity);
    else result.missed.push(`${entity}: ${text}`);
  }
  for (const [entity, texts] of Object.entries(made)) {
    for (const text of texts) {
      if (!expectedIds.has(entity) || ambiguous.has(text)) result.wrong.push(`${entity}: ${text}`);
    }
  }
  return result;
}

/** Across pages: the share of expected names marked with the right card. */
export function recall(scores: readonly Score[]): number {
  const expected = scores.reduce((n, s) => n + s.expected, 0);
  const hits = scores.reduce((n, s) => n + s.hits.length, 0);
  return expected === 0 ? 1 : hits / expected;
}

export function scoreTable(scores: readonly Score[]): string {
  const rows = scores.map(
    (s) =>
      `${s.page.padEnd(16)} expected ${String(s.expected).padStart(2)}  made ${String(s.hits.length + s.wrong.length).padStart(2)}  ` +
      `right ${String(s.hits.length).padStart(2)}  missed ${String(s.missed.length + s.lacking.length).padStart(2)}  wrong ${s.wrong.length}` +
      (s.missed.length ? `  [missed: ${s.missed.join('; ')}]` : '') +
      (s.lacking.length ? `  [not in the knowledge base: ${s.lacking.join('; ')}]` : '') +
      (s.wrong.length ? `  [WRONG: ${s.wrong.join('; ')}]` : ''),
  );
  return rows.join('\n');
}

/** Recall and wrong marks per year of the pages' dates: where the knowledge base is thin shows by year. */
export function yearTable(scores: readonly Score[], dateOf: (page: string) => string): string {
  const years = new Map<string, Score[]>();
  for (const s of scores) {
    const year = dateOf(s.page).slice(0, 4);
    years.set(year, [...(years.get(year) ?? []), s]);
  }
  return [...years]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, list]) => {
      const expected = list.reduce((n, s) => n + s.expected, 0);
      const hits = list.reduce((n, s) => n + s.hits.length, 0);
      const wrong = list.reduce((n, s) => n + s.wrong.length, 0);
      return (
        `${year}  pages ${String(list.length).padStart(3)}  expected ${String(expected).padStart(4)}  right ` +
        `${String(hits).padStart(4)}  recall ${((recall(list) || 0) * 100).toFixed(1).padStart(5)}%  wrong ${wrong}`
      );
    })
    .join('\n');
}
