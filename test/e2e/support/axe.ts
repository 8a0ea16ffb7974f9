/** axe-core in a page, every rule on: any violation is a failure, formatted so the report says where and why. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults, ElementContext } from 'axe-core';
import type { Page } from 'puppeteer-core';
import { ROOT } from '../harness/paths';

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in `page` (evaluated, not a script tag: extension pages forbid inline scripts). */
export async function axeViolations(page: Page, context?: ElementContext): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (ctx: ElementContext | null) =>
      (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<AxeResults> } }).axe.run(ctx ?? document, {
        resultTypes: ['violations'],
      }),
    context ?? null,
  );
  const lines: string[] = [];
  for (const rule of results.violations) {
    lines.push(`${rule.id} [${rule.impact}] ${rule.help} (${rule.helpUrl})`);
    for (const node of rule.nodes) {
      lines.push(`    at ${JSON.stringify(node.target)}: ${node.html.slice(0, 120)}`);
      lines.push(`       ${(node.failureSummary ?? '').replace(/\s*\n\s*/g, ' | ')}`);
    }
  }
  return lines;
}
