/**
 * The pages the benchmark loads: the seed article in the Korea Herald's current layout, and long pages made of its
 * body repeated (150 times: about 1,950 paragraphs and 5,100 mentions; and up to about 1 MB of body text), with
 * the page around them unchanged. Deterministic: the same pages every run.
 */
import { fixtureHtml } from '../test/e2e/harness/paths';

export interface BenchPage {
  id: string;
  label: string;
  html: string;
  /** Characters of body text. */
  bodyChars: number;
  paragraphs: number;
}

const BODY = /(<article id="articleText"[^>]*>)([\s\S]*?)(<\/article>)/;
const textLength = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').length;

function repeated(base: string, times: number): string {
  return base.replace(BODY, (_, open: string, inner: string, close: string) => `${open}${inner.repeat(times)}${close}`);
}

export function benchPages(): BenchPage[] {
  const article = fixtureHtml('kh-current.html');
  const inner = BODY.exec(article)?.[2];
  if (!inner) throw new Error('kh-current.html has no article body');
  const innerChars = textLength(inner);
  const innerParagraphs = (inner.match(/<p>/g) ?? []).length;
  const megabyte = Math.ceil(1_000_000 / innerChars);
  return [
    { id: 'article', label: 'the article', times: 1 },
    { id: 'long-150x', label: 'the article ×150', times: 150 },
    { id: 'long-1mb', label: `the article ×${megabyte} (1 MB of text)`, times: megabyte },
  ].map(({ id, label, times }) => ({
    id,
    label,
    html: times === 1 ? article : repeated(article, times),
    bodyChars: innerChars * times,
    paragraphs: innerParagraphs * times,
  }));
}
