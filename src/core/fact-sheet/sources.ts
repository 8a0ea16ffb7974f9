import type { Fact, Source } from './types';

/** The distinct publishers behind some facts, in first-seen order ("United Nations, BBC News"). */
export function sourceNames(facts: readonly Fact[]): string[] {
  return [...new Set(facts.flatMap((f) => f.sources.map((s: Source) => s.publisher)))];
}

/** The distinct source documents behind some facts, by URL. */
export function distinctSources(facts: readonly Fact[]): Source[] {
  const byUrl = new Map<string, Source>();
  for (const fact of facts) for (const s of fact.sources) if (!byUrl.has(s.url)) byUrl.set(s.url, s);
  return [...byUrl.values()];
}
