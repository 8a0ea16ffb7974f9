/**
 * Photo captions are not prose: in every layout (the current one's figcaption, the 2023 layout's .img_caption, the
 * 2017 layout's .view_con_caption before the first paragraph and .img_caption beside a photo) a caption is never
 * marked, and an entity's first mention, the one glossary mode marks, is its first mention in the prose.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { GLOSSARY_DEMO_ARTICLE, loadArticleFixture } from '../helpers/article-fixtures';
import { buildArticlePage, type BuiltLayout } from '../helpers/page-builder';
import { annotateDoc } from '../helpers/pipeline';

const LAYOUTS: BuiltLayout[] = ['current-2024', 'news-content-2023', 'view-con-2017'];
const CAPTION = 'caption, .view_con_caption, .img_caption, figcaption';

describe('captions, in every layout', () => {
  const fixture = loadArticleFixture(GLOSSARY_DEMO_ARTICLE);
  // Two captions that name the entities of the prose before the prose names them.
  const captions = [
    'Sung Kim, the US special representative for North Korea policy, arrives in Seoul. (Yonhap)',
    'Sung Kim speaks to reporters about the six-party talks. (Yonhap)',
  ];

  it.each(LAYOUTS)('%s: nothing in a caption is marked; each first mark is in the prose', (layout) => {
    const html = buildArticlePage({ ...fixture, captions }, layout);
    const doc = new JSDOM(html, { url: fixture.url }).window.document;
    const { body, plan } = annotateDoc(doc, fixture.url);
    expect(plan.mode).toBe('glossary');
    const inCaptions = [...doc.querySelectorAll(CAPTION)];
    expect(inCaptions.length).toBe(captions.length);
    for (const caption of inCaptions) {
      expect(caption.textContent).toContain('Sung Kim');
      expect(caption.querySelector('backgrounder-mark')).toBeNull();
    }
    const first = body.querySelector('backgrounder-mark[data-entity="sung-kim"]');
    expect(first, 'Sung Kim is marked in the prose').not.toBeNull();
    expect(first?.closest(CAPTION)).toBeNull();
    // The first mention in the prose is the one marked: no earlier prose text names him.
    const prose = fixture.paragraphs.join(' ');
    expect(prose.indexOf('Sung Kim')).toBeGreaterThanOrEqual(0);
    expect(body.querySelectorAll('backgrounder-mark[data-entity="sung-kim"]').length).toBe(1);
  });
});
