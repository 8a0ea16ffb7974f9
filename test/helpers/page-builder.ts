/**
 * Article pages built from a stored article's text in a real Korea Herald layout: the seed article's fixture of
 * that layout (test/fixtures/pages/) with its headline, date line, ld+json, address and body replaced, and its page
 * furniture (navigation, related news, most popular) kept, so that what must stay unmarked is there too.
 */
import { readFileSync } from 'node:fs';

export type BuiltLayout = 'current-2024' | 'news-content-2023' | 'view-con-2017';

export interface ArticleText {
  /** The headline as printed; null when no stored copy shows one (a placeholder is used, and says so). */
  headline: string | null;
  /** Korea-time publication, "2014-12-05T20:34" (or a date alone, "2014-12-05"). */
  published: string;
  byline: string | null;
  captions: string[];
  paragraphs: string[];
  /** The address the page is served at (goes into canonical and og:url). */
  url: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const template = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');

/** What a page shows when the stored copy had no headline: marked as a placeholder, never a guess. */
export const placeholderHeadline = (url: string) => `[Placeholder headline: not in the stored copy of ${url}]`;

/** "Dec. 5, 2014 - 20:34" (current layout) or "Dec 5, 2014 - 20:34" (2017 layout), as the site prints it. */
function dateLine(published: string, period: boolean): string {
  const [date, time] = published.split('T');
  const [y, m, d] = date.split('-').map(Number);
  return `${MONTHS[m - 1]}${period ? '.' : ''} ${d}, ${y}${time ? ` - ${time.slice(0, 5)}` : ''}`;
}

function replaceOnce(html: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(html)) throw new Error(`page builder: the template has no ${what}`);
  return html.replace(pattern, () => replacement);
}

/** The template's comment, saying which layout the page was rebuilt in. */
const labelled = (html: string, layout: string): string =>
  html.replace(
    /<!-- Test fixture:[^>]*-->/,
    `<!-- Test fixture: a stored article rebuilt in the ${layout} layout (test/helpers/page-builder.ts). -->`,
  );

function head(html: string, article: ArticleText, headline: string): string {
  const description = escape(article.paragraphs[0]?.slice(0, 150) ?? '');
  let out = html;
  out = replaceOnce(out, /<title>[^<]*<\/title>/, `<title>${escape(headline)} - The Korea Herald</title>`, 'title');
  out = out.replace(/(<meta property="og:title"\s+content=")[^"]*(")/, (_, a, b) => `${a}${escape(headline)}${b}`);
  out = out.replace(/(<meta name="twitter:title" content=")[^"]*(")/, (_, a, b) => `${a}${escape(headline)}${b}`);
  out = out.replace(
    /(<meta (?:name|property)="(?:og:)?description"\s+content=")[^"]*(")/g,
    (_, a, b) => `${a}${description}${b}`,
  );
  out = out.replace(/(<link rel="canonical" href=")[^"]*(")/, (_, a, b) => `${a}${article.url}${b}`);
  out = out.replace(/(<meta property="og:url"\s+content=")[^"]*(")/, (_, a, b) => `${a}${article.url}${b}`);
  return out;
}

function currentLayout(article: ArticleText, headline: string): string {
  let html = head(template('kh-current.html'), article, headline);
  html = labelled(html, 'Dec 2024-');
  const published = article.published.includes('T') ? `${article.published}:00`.slice(0, 19) : article.published;
  html = replaceOnce(html, /"headline": "[^"]*"/, `"headline": ${JSON.stringify(headline)}`, 'ld+json headline');
  html = html.replace(
    /"description": "[^"]*"/,
    `"description": ${JSON.stringify(article.paragraphs[0]?.slice(0, 150) ?? '')}`,
  );
  html = html.replace(/"datePublished": "[^"]*"/, `"datePublished": "${published}"`);
  html = html.replace(/"dateModified": "[^"]*"/, `"dateModified": "${published}"`);
  html = html.replace(
    /"name": "탁현민"/,
    `"name": ${JSON.stringify(article.byline?.replace(/^By\s+/, '') ?? 'The Korea Herald')}`,
  );
  html = html.replace(/"@id": "[^"]*"/, `"@id": "${article.url}"`);
  html = replaceOnce(
    html,
    /<h1 class="news_title">[^<]*<\/h1>/,
    `<h1 class="news_title">${escape(headline)}</h1>`,
    'h1',
  );
  html = replaceOnce(
    html,
    /<p class="byline">[\s\S]*?<\/p>/,
    `<p class="byline">${escape(article.byline ?? '')}</p>`,
    'byline',
  );
  html = replaceOnce(
    html,
    /<p class="date">[^<]*<\/p>/,
    `<p class="date">Published : ${dateLine(article.published, true)}</p>`,
    'date line',
  );
  const figures = article.captions
    .map(
      (c) =>
        `<div class="article-photo-wrap"><figure><img src="https://res.heraldm.com/content/image/placeholder.jpg" alt="" loading="lazy" width="640" height="427"><figcaption>${escape(c)}</figcaption></figure></div>`,
    )
    .join('\n');
  const paragraphs = article.paragraphs.map((p, i) => {
    const ad =
      i > 0 && i % 3 === 0
        ? `<section class="ad-section" style="height:250px"><div class="ad-inner" data-svcad="kh_article_mid${i}"></div></section>\n`
        : '';
    return `${ad}<p>${escape(p)}</p>`;
  });
  const body = /(<article id="articleText"[^>]*>)[\s\S]*?(<\/article>)/;
  if (!body.test(html)) throw new Error('page builder: the template has no article body');
  return html.replace(
    body,
    (_, open: string, close: string) => `${open}\n${figures}\n${paragraphs.join('\n')}\n${close}`,
  );
}

function legacyLayout(article: ArticleText, headline: string): string {
  let html = head(template('kh-2017.html'), article, headline);
  html = labelled(html, '2017 - Aug 2023');
  html = replaceOnce(html, /<h1 class="view_tit">[^<]*<\/h1>/, `<h1 class="view_tit">${escape(headline)}</h1>`, 'h1');
  html = replaceOnce(
    html,
    /<div class="view_tit_byline_l">[\s\S]*?<\/div>/,
    `<div class="view_tit_byline_l">${escape(article.byline ?? '')}</div>`,
    'byline',
  );
  html = replaceOnce(
    html,
    /<div class="view_tit_byline_r">[^<]*<\/div>/,
    `<div class="view_tit_byline_r">Published : ${dateLine(article.published, false)}</div>`,
    'date line',
  );
  // As the stored copies show: a caption block inside the body, before the first paragraph (`view_con_caption`);
  // older copies print it beside the photo as `.img_caption`.
  const captions = article.captions.map((c, i) =>
    i % 2 === 0
      ? `<div class="view_con_caption">${escape(c)}</div>`
      : `<div class="img_box"><img src="http://res.heraldm.com/content/image/placeholder.jpg" alt="" /><p class="img_caption">${escape(c)}</p></div>`,
  );
  const half = Math.ceil(article.paragraphs.length / 2);
  const block = (ps: string[]) => `<div class="view_con_t">\n${ps.map(escape).join('<br />\n<br />\n')}\n</div>`;
  const body = [
    ...captions,
    block(article.paragraphs.slice(0, half)),
    '<div class="khadv_bg" id="view_ad_mid"><div class="khadv" style="width:300px;height:250px"></div></div>',
    ...(article.paragraphs.length > half ? [block(article.paragraphs.slice(half))] : []),
  ].join('\n');
  const start = html.indexOf('<div id="articleText"');
  const end = html.indexOf('<div class="view_related">');
  if (start < 0 || end < 0) throw new Error('page builder: the 2017 template has no article body');
  return `${html.slice(0, start)}<div id="articleText" class="view_con article">\n${body}\n\t\t</div>\n\t\t${html.slice(end)}`;
}

function layout2023(article: ArticleText, headline: string): string {
  let html = head(template('kh-2023.html'), article, headline);
  html = labelled(html, 'Aug 2023 - Dec 2024');
  html = replaceOnce(
    html,
    /<h1 class="news_title">[^<]*<\/h1>/,
    `<h1 class="news_title">${escape(headline)}</h1>`,
    'h1',
  );
  html = replaceOnce(
    html,
    /<p class="news_date">[^<]*<\/p>/,
    `<p class="news_date">Published : ${dateLine(article.published, true)}</p>`,
    'date line',
  );
  const photos = article.captions.map(
    (c) =>
      `<div class="img_box"><img src="https://res.heraldm.com/content/image/placeholder.jpg" alt="" /><p class="img_caption">${escape(c)}</p></div>`,
  );
  const body = [...photos, ...article.paragraphs.map((p) => `<p>${escape(p)}</p>`)].join('\n');
  return replaceOnce(
    html,
    /(<div class="text_box">)[\s\S]*?(<\/div>\s*<\/div>\s*<div class="news_journalist_area">)/,
    `<div class="text_box">\n${body}\n</div>\n</div>\n<div class="news_journalist_area">`,
    'text box',
  );
}

/** The page, ready to serve at `article.url`. */
export function buildArticlePage(article: ArticleText, layout: BuiltLayout): string {
  const headline = article.headline ?? placeholderHeadline(article.url);
  if (layout === 'current-2024') return currentLayout(article, headline);
  return layout === 'news-content-2023' ? layout2023(article, headline) : legacyLayout(article, headline);
}
