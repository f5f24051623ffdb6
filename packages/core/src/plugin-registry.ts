import { PLUGIN_API_VERSION, type TrackerPlugin } from './plugin.js';
import { ROLLOUT_ERROR_CODE_FORMAT, ROLLOUT_ERROR_CODES } from './error-code.js';
import { ProgramError } from './program-error.js';
import { qualifiedKindName, type ResourceKind } from './resource-kind.js';

export interface PluginRegistry {
  readonly plugins: readonly TrackerPlugin[];
  /** The plugin that judges this kind: the one listing it, else a fallback plugin. */
  pluginFor(kind: Pick<ResourceKind, 'group' | 'kind'>): TrackerPlugin | undefined;
  /**
   * Resolves what a user typed: "deploy", "deployments", "Deployment", "deployment.apps",
   * "Deployment.apps", "canary.flagger.app". Undefined when no plugin lists it.
   */
  resolveKind(name: string): ResourceKind | undefined;
  /** Every kind some plugin lists, for help texts. */
  readonly kinds: readonly ResourceKind[];
  /** Core's base rollout error codes, then those the plugins declared, once each. */
  readonly codes: readonly string[];
}

/**
 * Registers plugins explicitly, as Vite does. Two plugins listing one kind is an error
 * unless the later one says it overrides; a plugin built for another API version is refused.
 */
export function createPluginRegistry(plugins: readonly TrackerPlugin[]): PluginRegistry {
  const byKind = new Map<string, { plugin: TrackerPlugin; kind: ResourceKind }>();
  const fallbacks: TrackerPlugin[] = [];
  const seenNames = new Set<string>();

  for (const plugin of plugins) {
    if (plugin?.apiVersion !== PLUGIN_API_VERSION) {
      throw new ProgramError(
        'invalid-input',
        `plugin ${JSON.stringify(plugin?.name ?? '(unnamed)')} targets plugin API ${String(plugin?.apiVersion)}, this kubetrack supports ${PLUGIN_API_VERSION}`,
      );
    }
    if (typeof plugin.evaluate !== 'function' || !Array.isArray(plugin.kinds)) {
      throw new ProgramError('invalid-input', `plugin ${JSON.stringify(plugin.name)} has no evaluate() or kinds`);
    }
    if (typeof plugin.name !== 'string' || plugin.name === '') {
      throw new ProgramError('invalid-input', `a plugin's name must be a non-empty string, got ${JSON.stringify(plugin.name) ?? String(plugin.name)}`);
    }
    const badKind = plugin.kinds.findIndex((kind) => !isResourceKind(kind));
    if (badKind >= 0) {
      throw new ProgramError(
        'invalid-input',
        `plugin ${JSON.stringify(plugin.name)}: kinds[${badKind}] is not a resource kind (strings group, version, kind, plural; boolean namespaced; optional shortNames list)`,
      );
    }
    if (seenNames.has(plugin.name)) {
      throw new ProgramError('invalid-input', `plugin ${JSON.stringify(plugin.name)} is registered twice`);
    }
    seenNames.add(plugin.name);
    for (const code of plugin.codes ?? []) {
      if (typeof code !== 'string' || !ROLLOUT_ERROR_CODE_FORMAT.test(code)) {
        throw new ProgramError('invalid-input', `plugin ${JSON.stringify(plugin.name)} declares an invalid error code ${JSON.stringify(code)} (expected lower-case words joined by dashes)`);
      }
    }
    if (plugin.fallback) fallbacks.push(plugin);
    for (const kind of plugin.kinds) {
      const key = kindKey(kind);
      const existing = byKind.get(key);
      if (existing && !plugin.overrides) {
        throw new ProgramError(
          'invalid-input',
          `plugins ${JSON.stringify(existing.plugin.name)} and ${JSON.stringify(plugin.name)} both track ${qualifiedKindName(kind)}; mark one with overrides: true`,
        );
      }
      byKind.set(key, { plugin, kind });
    }
  }

  const kinds = [...byKind.values()].map((entry) => entry.kind);
  const aliases = new Map<string, ResourceKind>();
  for (const kind of kinds) {
    const names = [kind.kind, kind.plural, ...(kind.shortNames ?? [])].map((n) => n.toLowerCase());
    for (const name of names) {
      // Bare names go to the first (core/apps) kind that claims them; qualified names are exact.
      if (!aliases.has(name)) aliases.set(name, kind);
      if (kind.group) aliases.set(`${name}.${kind.group}`, kind);
    }
  }

  return {
    plugins,
    kinds,
    codes: [...new Set([...ROLLOUT_ERROR_CODES, ...plugins.flatMap((plugin) => plugin.codes ?? [])])],
    pluginFor(kind) {
      return byKind.get(kindKey(kind))?.plugin ?? fallbacks[fallbacks.length - 1];
    },
    resolveKind(name) {
      return aliases.get(name.toLowerCase());
    },
  };
}

function isResourceKind(value: unknown): value is ResourceKind {
  if (typeof value !== 'object' || value === null) return false;
  const kind = value as Record<string, unknown>;
  const strings = ['group', 'version', 'kind', 'plural'].every((key) => typeof kind[key] === 'string');
  const shortNames = kind.shortNames === undefined || (Array.isArray(kind.shortNames) && kind.shortNames.every((name) => typeof name === 'string'));
  return strings && kind.kind !== '' && kind.plural !== '' && typeof kind.namespaced === 'boolean' && shortNames;
}

function kindKey(kind: Pick<ResourceKind, 'group' | 'kind'>): string {
  return `${kind.group}|${kind.kind}`;
}
