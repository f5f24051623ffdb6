import { defineConfig } from 'tsup';

/** The build every library package shares: ESM for Node 22+, with declarations and source maps. */
export const libraryConfig = defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node22',
  dts: true,
  sourcemap: true,
  clean: true,
  // vitest is only a peer of the testing helpers; never bundle it.
  external: ['vitest'],
});
