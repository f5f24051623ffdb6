import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPluginRegistry } from '@kubetrack/core';
import { loadPluginModule } from './load-plugin-module.js';

const PLUGIN = `{ apiVersion: 1, name: 'acme-widgets', kinds: [{ group: 'acme.io', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true }], evaluate: () => ({ state: 'ready', message: 'ok' }) }`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kubetrack-plugins-'));
  await writeFile(path.join(dir, 'object.mjs'), `export default ${PLUGIN};`);
  await writeFile(path.join(dir, 'factory.mjs'), `export function widgets() { return ${PLUGIN}; }`);
  await writeFile(path.join(dir, 'nothing.mjs'), 'export const answer = 42;');
  await writeFile(path.join(dir, 'old.mjs'), `export default { ...${PLUGIN}, apiVersion: 0 };`);
  await writeFile(path.join(dir, 'broken.mjs'), 'export default {;');
  await writeFile(path.join(dir, 'commonjs.cjs'), `const plugin = ${PLUGIN};\nmodule.exports = plugin;`);
  const pkg = path.join(dir, 'node_modules', '@acme', 'kubetrack-widgets');
  await mkdir(path.join(pkg, 'dist'), { recursive: true });
  await writeFile(
    path.join(pkg, 'package.json'),
    JSON.stringify({ name: '@acme/kubetrack-widgets', type: 'module', exports: { '.': { import: './dist/index.js' } } }),
  );
  await writeFile(path.join(pkg, 'dist', 'index.js'), `export const widgetsPlugin = ${PLUGIN};`);
});

describe('loadPluginModule', () => {
  it('loads a default-exported plugin object from a path', async () => {
    const [plugin] = await loadPluginModule('./object.mjs', dir);
    expect(plugin?.name).toBe('acme-widgets');
  });

  it('loads a plugin package folder through its package.json', async () => {
    const [plugin] = await loadPluginModule('./node_modules/@acme/kubetrack-widgets', dir);
    expect(plugin?.name).toBe('acme-widgets');
  });

  it('calls a factory when the module exports one', async () => {
    expect((await loadPluginModule('./factory.mjs', dir)).map((p) => p.name)).toEqual(['acme-widgets']);
  });

  it('resolves a package name from the working directory through its exports', async () => {
    expect((await loadPluginModule('@acme/kubetrack-widgets', path.join(dir))).map((p) => p.name)).toEqual(['acme-widgets']);
  });

  it('loads a CommonJS plugin (module.exports = plugin) once, not as two registrations', async () => {
    const plugins = await loadPluginModule('./commonjs.cjs', dir);
    expect(plugins.map((p) => p.name)).toEqual(['acme-widgets']);
    expect(() => createPluginRegistry(plugins)).not.toThrow();
  });

  it.each([
    ['/dev/zero', '--plugin /dev/zero: /dev/zero is not a regular file'],
    ['./nothing.mjs', '--plugin ./nothing.mjs: it does not export a tracker plugin'],
    ['./old.mjs', '--plugin ./old.mjs: plugin "acme-widgets" targets plugin API 0, this kubetrack supports 1'],
    ['./broken.mjs', '--plugin ./broken.mjs: cannot load it: '],
    ['./missing.mjs', '--plugin ./missing.mjs: no such file'],
    ['kubetrack-plugin-nope', '--plugin kubetrack-plugin-nope: cannot find package "kubetrack-plugin-nope"'],
  ])('refuses %s with one clear line', async (specifier, message) => {
    const error = await loadPluginModule(specifier, dir).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message.startsWith(message)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
  });
});
