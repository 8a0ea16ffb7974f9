/**
 * How the background gets the shipped knowledge (build.mjs generates this module): in the package, `knowledge.json`
 * fetched from `url` and parsed once; in the bench's comparison builds, from inside background.js (url unused).
 */
declare module 'backgrounder:knowledge-loader' {
  export default function loadKnowledge(url: string): Promise<import('../core/knowledge/ship').ShippedKnowledge>;
}
