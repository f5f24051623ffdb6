import { defineConfig } from 'tsup';
import cliBundle from './tsup.config.js';

/**
 * The same single-file bundle, as CommonJS: Node 24's single executable applications run their
 * embedded main script as CommonJS only (`mainFormat: "module"` is newer). `pnpm build:sea`
 * injects it into a copy of the node binary (scripts/build-sea.sh).
 */
const base = Array.isArray(cliBundle) ? cliBundle[0] : cliBundle;
export default defineConfig({
  ...(base as object),
  entry: { 'kubetrack-sea': 'src/kubetrack.ts' },
  format: ['cjs'],
  outExtension: () => ({ js: '.cjs' }),
  outDir: 'dist-sea',
  clean: true,
  // A single executable embeds one script: everything inline (CommonJS has no chunks anyway).
  splitting: false,
  banner: { js: "const __kubetrackSeaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // The ESM bundle's createRequire banner has no meaning here; a CommonJS file has require.
  define: { 'import.meta.url': '__kubetrackSeaUrl' },
});
