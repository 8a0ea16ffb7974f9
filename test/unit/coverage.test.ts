/**
 * Coverage of the Korea Herald's North Korea coverage: the names each stored article mentions (the team's research
 * table, copied to test/fixtures/kh-article-names.json) against the knowledge base. The table maps each name to
 * the entities an editor would link it to, or says why there is none. The test keeps the table honest both ways:
 * every linked entity exists, a name the knowledge base's aliases recognise on the article's date is linked to
 * what they recognise, and a name said to be lacking is not recognised. It prints what is covered.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/core/knowledge/kinds';
import { planPage } from '../../src/core/knowledge/plan';
import { compileMatcher, NOT_AN_ENTITY } from '../../src/core/match/matcher';
import { dateOfUd } from '../../src/core/page/url';
import { kb } from '../helpers/pipeline';

interface Name {
  name: string;
  entities: string[];
  /** Why no entity: not a named thing, or not in the knowledge base yet. */
  lacks?: string;
}

interface Article {
  ud: string;
  headline: string;
  names: Name[];
}

const TABLE = new URL('../fixtures/kh-article-names.json', import.meta.url);
const articles = (JSON.parse(readFileSync(TABLE, 'utf8')) as { articles: Article[] }).articles;

/** The entities the glossary would recognise in `text` on the article's date. */
function recognised(article: Article, text: string): string[] {
  const date = dateOfUd(article.ud);
  if (!date) throw new Error(`${article.ud}: not a ud date`);
  const plan = planPage(kb, { headlines: [], date, bodyStart: null, kinds: ENTITY_KINDS, glossary: true });
  if (plan.mode !== 'glossary') throw new Error(`${article.ud}: expected glossary mode, got ${plan.mode}`);
  const ids = compileMatcher(plan.phrases)
    .find(text)
    .map((m) => m.entityId)
    .filter((id) => id !== NOT_AN_ENTITY);
  return [...new Set(ids)];
}

describe('the knowledge base against the names of the stored Korea Herald articles', () => {
  it('covers the 45 articles of the research notes', () => {
    expect(articles).toHaveLength(45);
    expect(new Set(articles.map((a) => a.ud)).size).toBe(45);
  });

  describe.each(articles.map((a) => [`${dateOfUd(a.ud)} ${a.headline}`, a] as const))('%s', (_, article) => {
    it.each(article.names.map((n) => [n.name, n] as const))('%s', (name, entry) => {
      for (const id of entry.entities) expect(kb.entities.has(id), `${name}: no entity "${id}"`).toBe(true);
      if (entry.entities.length === 0) expect(entry.lacks, `${name}: no entity and no reason`).toBeTruthy();
      const found = recognised(article, name);
      if (entry.entities.length === 0)
        expect(found, `${name}: the knowledge base now recognises it; link it in the table`).toEqual([]);
      else for (const id of found) expect(entry.entities, `${name}: recognised as ${id}`).toContain(id);
    });
  });

  it('prints the names covered and the names lacking', () => {
    const names = articles.flatMap((a) => a.names.map((n) => ({ ...n, article: a })));
    const covered = names.filter((n) => n.entities.length > 0);
    const asPrinted = covered.filter((n) => recognised(n.article, n.name).length > 0);
    const lacking = names.filter((n) => n.entities.length === 0);
    const entities = new Set(covered.flatMap((n) => n.entities));
    console.log(
      [
        `[coverage] ${names.length} names in ${articles.length} articles: ${covered.length} linked to ` +
          `${entities.size} entities (${asPrinted.length} recognised as the notes print them); ` +
          `${lacking.length} without an entity:`,
        ...lacking.map((n) => `  ${dateOfUd(n.article.ud)}  ${n.name}: ${n.lacks}`),
      ].join('\n'),
    );
    // The knowledge base's purpose: most of what the paper names, it knows.
    expect(covered.length / names.length).toBeGreaterThanOrEqual(0.8);
  });
});
