/**
 * Every fact sheet in src/fact-sheets/*.json, validated. The build (build.mjs) and the tests (vitest.config.ts)
 * generate this module from the folder, so adding an article is adding one JSON file.
 */
declare module 'backgrounder:fact-sheets' {
  const sheets: readonly import('../core/fact-sheet/types').FactSheet[];
  export default sheets;
}
