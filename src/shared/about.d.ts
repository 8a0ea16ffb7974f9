/**
 * What the build knows about the knowledge base it ships, for the popup and the options page (build.mjs
 * `aboutKnowledge`, and vitest.config.ts for the tests): figures computed from data/, never written by hand.
 */
declare module 'backgrounder:about' {
  const about: {
    /** data/knowledge.json `reviewed`: the day the facts were last checked (ISO). */
    reviewed: string;
    entities: number;
    sources: number;
    /** package.json `bugs.url`: where a reader reports an error. */
    issues: string;
  };
  export default about;
}
