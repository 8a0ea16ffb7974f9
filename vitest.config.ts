import { defineConfig } from 'vitest/config';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { loadFactSheets, FACT_SHEETS_MODULE } from './build.mjs';

export default defineConfig({
  plugins: [
    {
      // The same `backgrounder:fact-sheets` module the build makes: the validated sheets of src/fact-sheets/.
      name: 'fact-sheets',
      resolveId: (id: string) => (id === FACT_SHEETS_MODULE ? `\0${id}` : null),
      load: async (id: string) =>
        id === `\0${FACT_SHEETS_MODULE}` ? `export default ${JSON.stringify(await loadFactSheets())};` : null,
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
