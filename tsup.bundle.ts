import { defineConfig, type Options } from 'tsup';

/**
 * Node hands V8 a script that is pure ASCII as is; one non-ASCII character anywhere and the
 * whole 4 MB source is transcoded to two bytes per character and is slower to scan. esbuild's
 * default ASCII charset escapes strings and identifiers but not comments (bundled undici's use
 * curly apostrophes) nor regular expression literals (our Go durations accept "\u00b5s"), so
 * what is left is escaped here: \uXXXX is inert text in a comment and the same character in a
 * regular expression. Measured: `kubetrack version` peaks at 86 MB RSS with them, 82 MB without.
 */
const asciiSource: NonNullable<Options['plugins']>[number] = {
  name: 'ascii-source',
  renderChunk(code) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the class is everything outside ASCII
    return { code: code.replace(/[^\u0000-\u007f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`) };
  },
};

/**
 * One self-contained ESM file that runs with plain `node`: every workspace package (from source,
 * through the "@kubetrack/source" condition) and every dependency, including client-node.
 * `lazyChunks`: what is reached only through `import()` (client-node, the Lua and CEL rule VMs,
 * the tracking run itself) goes to `chunks/` beside the entry instead, so a run never even
 * parses the code it does not use: V8 compiles every byte of a module it loads.
 */
export function singleFileBundle(name: string, entry: string, { lazyChunks = false }: { lazyChunks?: boolean } = {}) {
  return defineConfig({
    entry: { [name]: entry },
    outExtension: () => ({ js: '.mjs' }),
    format: ['esm'],
    platform: 'node',
    target: 'node22',
    clean: true,
    splitting: lazyChunks,
    sourcemap: false,
    minify: false,
    noExternal: [/.*/],
    // ws's optional native speed-ups: it falls back to JavaScript when they are absent.
    external: ['bufferutil', 'utf-8-validate'],
    plugins: [asciiSource],
    banner: {
      // Bundled CommonJS dependencies call require() for Node built-ins.
      js: "import { createRequire as __kubetrackCreateRequire } from 'node:module'; const require = __kubetrackCreateRequire(import.meta.url);",
    },
    esbuildOptions(options) {
      options.conditions = ['@kubetrack/source', 'node', 'import', 'default'];
      options.legalComments = 'none';
      if (lazyChunks) options.chunkNames = 'chunks/[name]-[hash]';
    },
  });
}
