import { defineConfig } from 'tsup';

// One self-contained ESM file: every workspace package (from source, through the
// "@kubetrack/source" condition) and every dependency, including client-node, bundled in.
export default defineConfig({
  entry: { kubetrack: 'src/kubetrack.ts' },
  outExtension: () => ({ js: '.mjs' }),
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  clean: true,
  splitting: false,
  sourcemap: false,
  minify: false,
  noExternal: [/.*/],
  // ws's optional native speed-ups: it falls back to JavaScript when they are absent.
  external: ['bufferutil', 'utf-8-validate'],
  banner: {
    // Bundled CommonJS dependencies call require() for Node built-ins.
    js: "import { createRequire as __kubetrackCreateRequire } from 'node:module'; const require = __kubetrackCreateRequire(import.meta.url);",
  },
  esbuildOptions(options) {
    options.conditions = ['@kubetrack/source', 'node', 'import', 'default'];
    options.legalComments = 'none';
  },
});
