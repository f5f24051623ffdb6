import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLUGIN_API_VERSION, ProgramError, type TrackerPlugin } from '@kubetrack/core';
import { MAX_INPUT_BYTES } from '@kubetrack/core/internal';

/**
 * Loads `--plugin NAME|PATH`: a path (starts with . or /, or names an existing file) is
 * imported as is; anything else is a package resolved from the working directory, as if the
 * user's project imported it. The module's default export, or a named export, is a plugin,
 * a list of plugins, or a factory returning either.
 */
export async function loadPluginModule(specifier: string, cwd: string): Promise<TrackerPlugin[]> {
  const fail = (problem: string, cause?: unknown): never => {
    throw new ProgramError('invalid-input', `--plugin ${specifier}: ${problem}`, { cause });
  };
  const named = isPath(specifier, cwd) ? path.resolve(cwd, specifier) : resolvePackage(specifier, cwd, fail);
  if (!existsSync(named)) fail(`no such file ${named}`);
  // A plugin package's folder (e.g. a checkout): its package.json says which file to load.
  const file = statSync(named).isDirectory() ? packageEntry(named) : named;
  if (!existsSync(file)) fail(`no such file ${file}`);
  // import() reads the whole file: /dev/zero or a FIFO would never end.
  const info = statSync(file);
  if (!info.isFile()) fail(`${file} is not a regular file`);
  if (info.size > MAX_INPUT_BYTES) fail(`${file} is larger than ${MAX_INPUT_BYTES / (1024 * 1024)} MiB`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    return fail(`cannot load it: ${firstLine(error)}`, error);
  }
  const plugins = await pluginsOf(module, fail);
  for (const plugin of plugins) {
    if (plugin.apiVersion !== PLUGIN_API_VERSION) {
      fail(`plugin ${JSON.stringify(plugin.name)} targets plugin API ${String(plugin.apiVersion)}, this kubetrack supports ${PLUGIN_API_VERSION}`);
    }
  }
  return plugins;
}

function isPath(specifier: string, cwd: string): boolean {
  return specifier.startsWith('.') || path.isAbsolute(specifier) || existsSync(path.resolve(cwd, specifier));
}

async function pluginsOf(module: Record<string, unknown>, fail: (problem: string) => never): Promise<TrackerPlugin[]> {
  // A CommonJS `module.exports = plugin` arrives as both `default` and `module.exports`: count it once.
  const exports = [...new Set([module.default, ...Object.entries(module).filter(([name]) => name !== 'default').map(([, value]) => value)])];
  const direct = exports.flatMap((value) => asPlugins(value) ?? []);
  if (direct.length > 0) return direct;
  const factories = exports.filter((value): value is () => unknown => typeof value === 'function');
  const factory = typeof module.default === 'function' ? module.default : factories.length === 1 ? factories[0] : undefined;
  if (!factory) {
    return fail(
      factories.length > 1
        ? 'it exports several functions and no plugin object; export the plugin (or its factory) as default'
        : 'it does not export a tracker plugin (expected a default export: a plugin object or a factory returning one)',
    );
  }
  let made: unknown;
  try {
    made = await (factory as () => unknown)();
  } catch (error) {
    return fail(`its plugin factory threw: ${firstLine(error)}`);
  }
  return asPlugins(made) ?? fail('its factory did not return a tracker plugin (an object with apiVersion, name, kinds and evaluate)');
}

function asPlugins(value: unknown): TrackerPlugin[] | undefined {
  if (Array.isArray(value)) {
    return value.length > 0 && value.every(isPluginLike) ? (value as TrackerPlugin[]) : undefined;
  }
  return isPluginLike(value) ? [value] : undefined;
}

function isPluginLike(value: unknown): value is TrackerPlugin {
  return typeof value === 'object' && value !== null && 'apiVersion' in value && 'evaluate' in value && 'name' in value;
}

/** Node's resolution from `cwd`, honouring package.json "exports" for import. */
function resolvePackage(name: string, cwd: string, fail: (problem: string) => never): string {
  const parts = name.split('/');
  const packageName = name.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  const subpath = `.${name.slice(packageName.length)}`;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const root = path.join(dir, 'node_modules', packageName);
    const manifestPath = path.join(root, 'package.json');
    if (existsSync(manifestPath)) {
      return packageEntry(root, subpath);
    }
    if (path.dirname(dir) === dir) break;
  }
  return fail(`cannot find package ${JSON.stringify(packageName)} from ${cwd} (install it, or pass a path)`);
}

function packageEntry(root: string, subpath = '.'): string {
  const manifestPath = path.join(root, 'package.json');
  const manifest = (existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {}) as {
    exports?: unknown;
    module?: string;
    main?: string;
  };
  const target = exportTarget(manifest.exports, subpath) ?? (subpath === '.' ? (manifest.module ?? manifest.main ?? 'index.js') : subpath);
  return path.join(root, target);
}

function exportTarget(exports: unknown, subpath: string): string | undefined {
  if (exports === undefined || exports === null) return undefined;
  if (typeof exports === 'string') return subpath === '.' ? exports : undefined;
  if (typeof exports !== 'object') return undefined;
  const record = exports as Record<string, unknown>;
  const keys = Object.keys(record);
  const entry = keys.length > 0 && keys.every((key) => key.startsWith('.')) ? record[subpath] : subpath === '.' ? record : undefined;
  return pickCondition(entry);
}

function pickCondition(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) return entry.map(pickCondition).find((target) => target !== undefined);
  if (typeof entry !== 'object' || entry === null) return undefined;
  for (const condition of ['import', 'node', 'module', 'default']) {
    const target = pickCondition((entry as Record<string, unknown>)[condition]);
    if (target !== undefined) return target;
  }
  return undefined;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
}
