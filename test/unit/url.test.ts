import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentScriptMatches, readArticleUrl } from '../../src/core/page/url';

describe('readArticleUrl', () => {
  it.each([
    'http://www.koreaherald.com/view.php?ud=20141212000993',
    'https://www.koreaherald.com/view.php?ud=20141212000993&md=20141212210601_BL',
    'https://koreaherald.com/view.php?ud=20141212000993',
    'http://m.koreaherald.com/view.php?ud=20141212000993',
    'https://news.koreaherald.com/view.php?ud=20141212000993',
  ])('reads the legacy form %s', (url) => {
    expect(readArticleUrl(url)).toEqual({ kind: 'article', address: { form: 'legacy', ud: '20141212000993' } });
  });

  it.each([
    'https://www.koreaherald.com/article/10012345',
    'http://m.koreaherald.com/article/10012345/',
    'https://news.koreaherald.com/article/10012345?utm=x#top',
  ])('reads the current form %s', (url) => {
    expect(readArticleUrl(url)).toEqual({ kind: 'article', address: { form: 'current', articleId: '10012345' } });
  });

  it.each([
    'https://www.koreaherald.com/',
    'https://www.koreaherald.com/list.php?ct=020100000000',
    'https://www.koreaherald.com/National',
    'https://www.koreaherald.com/search/?q=kim',
    'https://www.koreaherald.com/view.php?ud=2014',
    'https://www.koreaherald.com/article/abc',
  ])('knows %s is not an article', (url) => {
    expect(readArticleUrl(url)).toEqual({ kind: 'not-an-article' });
  });

  it.each([
    'https://biz.heraldcorp.com/article/10012345',
    'https://www.koreaherald.com.evil.example/article/1',
    'ftp://www.koreaherald.com/article/1',
    'not a url',
  ])('knows %s is not the Korea Herald', (url) => {
    expect(readArticleUrl(url)).toEqual({ kind: 'not-korea-herald' });
  });

  it('declares exactly these hosts and paths in the manifest', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));
    expect([...manifest.content_scripts[0].matches].sort()).toEqual(contentScriptMatches().sort());
  });
});
