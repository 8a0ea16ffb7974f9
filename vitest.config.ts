import { defineConfig } from 'vitest/config';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { aboutKnowledge, loadKnowledge, ABOUT_MODULE, KNOWLEDGE_MODULE } from './build.mjs';

export default defineConfig({
  plugins: [
    {
      // The same `backgrounder:knowledge` module the build makes: the validated, shipped data of data/.
      name: 'knowledge',
      resolveId: (id: string) => ([KNOWLEDGE_MODULE, ABOUT_MODULE].includes(id) ? `\0${id}` : null),
      load: async (id: string) => {
        if (id === `\0${KNOWLEDGE_MODULE}`) return `export default ${JSON.stringify((await loadKnowledge()).shipped)};`;
        if (id === `\0${ABOUT_MODULE}`) {
          return `export default ${JSON.stringify(aboutKnowledge((await loadKnowledge()).shipped))};`;
        }
        return null;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', './test/plain-summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Browser tests launch Chromium and Firefox; on 2 cores they run one file at a time.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
