// Preloaded into the CLI (NODE_OPTIONS=--require) by what-a-run-loads.e2e.test.ts: records, at
// exit, the Node built-ins the process loaded and every file: module it imported, as JSON in
// the file KUBETRACK_LOAD_PROBE names.
const { registerHooks } = require('node:module');
const { writeFileSync } = require('node:fs');

const files = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (resolved.url.startsWith('file:')) files.add(resolved.url);
    return resolved;
  },
});
process.on('exit', () => {
  writeFileSync(process.env.KUBETRACK_LOAD_PROBE, JSON.stringify({ builtins: process.moduleLoadList, files: [...files] }));
});
