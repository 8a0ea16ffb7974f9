/**
 * The shipped knowledge base (data/, validated, editorial fields stripped). The build (build.mjs) and the tests
 * (vitest.config.ts) generate this module; only the background script imports it.
 */
declare module 'backgrounder:knowledge' {
  const knowledge: import('./ship').ShippedKnowledge;
  export default knowledge;
}
