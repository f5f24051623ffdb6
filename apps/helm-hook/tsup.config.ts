import { defineConfig } from 'tsup';

// One self-contained file, like the CLI: kubetrack and every workspace package from source.
export default defineConfig({
  entry: { 'helm-hook': 'src/hook.ts' },
  outExtension: () => ({ js: '.mjs' }),
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  clean: true,
  splitting: false,
  sourcemap: false,
  minify: false,
  noExternal: [/.*/],
  external: ['bufferutil', 'utf-8-validate'],
  banner: {
    js: "import { createRequire as __kubetrackCreateRequire } from 'node:module'; const require = __kubetrackCreateRequire(import.meta.url);",
  },
  esbuildOptions(options) {
    options.conditions = ['@kubetrack/source', 'node', 'import', 'default'];
    options.legalComments = 'none';
  },
});
