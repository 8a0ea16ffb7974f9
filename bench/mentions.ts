/**
 * How many mentions the content script finds on a bench page: the popup's counts, all of them matched at load,
 * though only the marks in or near the viewport (and each entity's first) are written then. Worked out in jsdom
 * with the same core modules, so the table can show both numbers.
 */
import { JSDOM } from 'jsdom';
import type { KnowledgeBase } from '../src/core/knowledge/knowledge-base';
import { ENTITY_KINDS } from '../src/core/knowledge/kinds';
import { planPage } from '../src/core/knowledge/plan';
import { textRunsOf } from '../src/core/mark/text-runs';
import { compileMatcher } from '../src/core/match/matcher';
import { bodyStartOf, detectWithPlan, readPage } from '../src/core/page/detect';
import { NON_PROSE_IN_BODY } from '../src/core/site/korea-herald';

export function mentionsOn(kb: KnowledgeBase, html: string, url: string): number {
  const doc = new JSDOM(html, { url }).window.document;
  const reading = readPage(doc, url);
  if (reading.status !== 'article') throw new Error(`${url}: ${reading.status}`);
  const plan = planPage(kb, {
    headlines: reading.article.headlines,
    date: reading.article.publishedDate,
    bodyStart: bodyStartOf(doc),
    kinds: ENTITY_KINDS,
    glossary: true,
  });
  const detection = detectWithPlan(doc, reading.article, plan);
  if (detection.status !== 'article') throw new Error(`${url}: ${detection.status}`);
  const matcher = compileMatcher(detection.plan.phrases);
  let mentions = 0;
  for (const run of textRunsOf(detection.body, NON_PROSE_IN_BODY)) {
    mentions += matcher.find(run.text).length;
  }
  return mentions;
}
