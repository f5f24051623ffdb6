import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ProgramError, type TrackSpec } from '@kubetrack/core';
import type { HealthRules } from '@kubetrack/conditions';
import { parse } from 'yaml';
import { readSourceFile } from '../targets/source-text.js';

/** One user rule source, in the order the flags were given. */
export type RuleSource =
  | { flag: 'rules'; value: string }
  | { flag: 'health-lua'; value: string }
  | { flag: 'health-cel'; value: string }
  | { flag: 'argocd-cm'; value: string | true };

export const DEFAULT_ARGOCD_CM = 'argocd/argocd-cm';

/** Reads a ConfigMap's data from the cluster (only --argocd-cm needs one). */
export type ReadConfigMapData = (namespace: string, name: string) => Promise<Readonly<Record<string, string>>>;

/**
 * Loads `--health-lua`, `--health-cel`, `--argocd-cm` and `--rules` into health rules in the
 * order given. The Lua VM and the CEL evaluator are imported only when their flags are used.
 * `readConfigMap` is undefined before the CLI has connected; sources that need it are skipped
 * then and loaded by a second call.
 */
export async function loadUserHealthRules(sources: readonly RuleSource[], cwd: string, readConfigMap?: ReadConfigMapData): Promise<HealthRules[]> {
  const loaded: HealthRules[] = [];
  for (const source of sources) {
    if (source.flag === 'health-lua') loaded.push(await luaDirectoryRules(source.value, cwd));
    else if (source.flag === 'health-cel') loaded.push(await celFileRules(source.value, cwd));
    else if (source.flag === 'argocd-cm') {
      if (readConfigMap) loaded.push(await argocdConfigMapRules(source.value === true ? DEFAULT_ARGOCD_CM : source.value, readConfigMap));
    } else {
      const [{ declarativeHealthRules }, { parseRulesSource }] = await Promise.all([import('@kubetrack/conditions'), import('./builtin-plugins.js')]);
      const text = await readSourceFile(source.value, cwd);
      loaded.push(declarativeHealthRules(`--rules ${source.value}`, parseRulesSource(text)));
    }
  }
  return loaded;
}

/** `DIR/<group>/<Kind>/health.lua`, and `DIR/<Kind>/health.lua` for the core group: Argo CD's resource_customizations layout. */
async function luaDirectoryRules(directory: string, cwd: string): Promise<HealthRules> {
  const root = path.resolve(cwd, directory);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new ProgramError('invalid-input', `--health-lua ${directory}: not a directory`);
  const checks: Array<{ key: string; script: string; scriptName: string }> = [];
  const addScript = async (key: string, relative: string) => {
    const file = path.join(directory, relative, 'health.lua');
    const exists = await stat(path.resolve(cwd, file)).then((found) => found.isFile(), () => false);
    if (exists) checks.push({ key, script: (await readSourceFile(file, cwd)).text, scriptName: file });
  };
  for (const first of await subdirectories(root)) {
    await addScript(first, first);
    for (const second of await subdirectories(path.join(root, first))) await addScript(`${first}/${second}`, path.join(first, second));
  }
  if (checks.length === 0) throw new ProgramError('invalid-input', `--health-lua ${directory}: no <group>/<Kind>/health.lua scripts in it`);
  const { luaHealthRules } = await import('@kubetrack/argocd-health');
  return luaHealthRules(`--health-lua ${directory}`, checks);
}

async function subdirectories(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && entry.name !== 'testdata').map((entry) => entry.name).sort();
}

async function celFileRules(file: string, cwd: string): Promise<HealthRules> {
  const text = await readSourceFile(file, cwd);
  let input: unknown;
  try {
    input = parse(text.text);
  } catch (error) {
    throw new ProgramError('invalid-input', `--health-cel ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const { celHealthRules, parseHealthCheckExprs } = await import('@kubetrack/flux-health');
  return celHealthRules(`--health-cel ${file}`, parseHealthCheckExprs(input, `--health-cel ${file}`));
}

async function argocdConfigMapRules(reference: string, readConfigMap: ReadConfigMapData): Promise<HealthRules> {
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/.exec(reference);
  if (!match) throw new ProgramError('invalid-input', `--argocd-cm: expected NAMESPACE/NAME, got ${JSON.stringify(reference)}`);
  const data = await readConfigMap(match[1]!, match[3]!);
  const { healthChecksFromArgoCdConfigMap, luaHealthRules } = await import('@kubetrack/argocd-health');
  const name = `--argocd-cm ${reference}`;
  return luaHealthRules(name, healthChecksFromArgoCdConfigMap(data, `configmap ${reference}`));
}

/**
 * A spec resource's own `healthLua` script and `healthCel` expressions (kept raw in its plugin
 * options by the spec loader), compiled into health rules for that resource only.
 */
export async function compileResourceHealthRules(spec: TrackSpec): Promise<TrackSpec> {
  const options = spec.pluginOptions ?? {};
  const lua = options['healthLua'];
  const cel = options['healthCel'] as { current: string; inProgress?: string; failed?: string } | undefined;
  if (lua === undefined && cel === undefined) return spec;
  const { group, kind, name } = spec.resource;
  const where = `${kind}/${name}`;
  const rules: HealthRules[] = [];
  if (typeof lua === 'string') {
    const { luaHealthRules } = await import('@kubetrack/argocd-health');
    rules.push(luaHealthRules(`${where} healthLua`, [{ key: group ? `${group}/${kind}` : kind, script: lua, scriptName: `${where} healthLua` }]));
  }
  if (cel !== undefined) {
    const { celHealthRules } = await import('@kubetrack/flux-health');
    rules.push(celHealthRules(`${where} healthCel`, [{ apiVersion: group ? `${group}/${spec.resource.version ?? 'v1'}` : 'v1', kind, ...cel }]));
  }
  return { ...spec, pluginOptions: { ...options, healthRules: rules } };
}
