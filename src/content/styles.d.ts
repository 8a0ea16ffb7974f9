/** A stylesheet imported as text (`?inline`): esbuild (build.mjs) and Vite (the tests) both minify it. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
