/**
 * The pages each curated sheet is tested on. The seed article has hand-made copies in four layouts
 * (test/fixtures/pages/); every other sheet's article is a stored text (test/fixtures/articles/<ud>.json, found by
 * the sheet's legacy id) rebuilt in the current and the 2017 layout. Adding a sheet means adding its text.
 */
import { existsSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import type { ArticleSheet } from '../../src/core/knowledge/schema';
import { loadArticleFixture } from './article-fixtures';
import { fixtureHtml, LEGACY_ARTICLE_URL, PLACEHOLDER_ARTICLE_URL, articleBodyLines } from './fixtures';
import { buildArticlePage } from './page-builder';
import { SEED_SHEET_ID } from './editorial';

export interface SheetPage {
  label: string;
  url: string;
  html: string;
}

export interface SheetArticle {
  /** The article's body text, paragraph by paragraph. */
  paragraphs: string[];
  pages: SheetPage[];
}

export function sheetArticle(sheet: ArticleSheet): SheetArticle {
  if (sheet.id === SEED_SHEET_ID) {
    return {
      paragraphs: articleBodyLines(),
      pages: [
        { label: 'kh-current.html', url: PLACEHOLDER_ARTICLE_URL, html: fixtureHtml('kh-current.html') },
        {
          label: 'kh-2023.html',
          url: 'https://m.koreaherald.com/article/0000000000',
          html: fixtureHtml('kh-2023.html'),
        },
        { label: 'kh-2017.html', url: LEGACY_ARTICLE_URL, html: fixtureHtml('kh-2017.html') },
        {
          label: 'kh-unknown-layout.html',
          url: 'https://news.koreaherald.com/article/0000000000',
          html: fixtureHtml('kh-unknown-layout.html'),
        },
      ],
    };
  }
  const ud = sheet.article.legacyIds.find((id) =>
    existsSync(new URL(`../fixtures/articles/${id}.json`, import.meta.url)),
  );
  if (!ud) throw new Error(`${sheet.id}: no stored text in test/fixtures/articles/ for its legacy ids`);
  const fixture = loadArticleFixture(ud);
  return {
    paragraphs: fixture.paragraphs,
    pages: (['current-2024', 'view-con-2017'] as const).map((layout) => ({
      label: `${ud} rebuilt in the ${layout} layout`,
      url: fixture.url,
      html: buildArticlePage(fixture, layout),
    })),
  };
}

export const pageDocument = (page: SheetPage): Document => new JSDOM(page.html, { url: page.url }).window.document;
