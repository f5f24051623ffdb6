import type { ResourceKind, TrackerPlugin } from '@kubetrack/core';
import { healthRulesPlugin } from '@kubetrack/conditions';
import { luaHealthRules } from './lua-health-rules.js';

export interface LuaRulesPluginOptions {
  /** Package-style plugin name. */
  name: string;
  /** The kinds the pack judges, with their Argo CD health.lua text. */
  rules: ReadonlyArray<{ kind: ResourceKind; script: string }>;
  /** Set to replace a built-in plugin's rules for the same kinds. */
  overrides?: boolean;
}

/**
 * A third-party rule pack of Argo CD health checks, loadable with `--plugin`: the scripts are
 * bundled in the package, so the plugin does no I/O.
 */
export function luaRulesPlugin(options: LuaRulesPluginOptions): TrackerPlugin {
  const rules = luaHealthRules(
    options.name,
    options.rules.map(({ kind, script }) => {
      const key = kind.group ? `${kind.group}/${kind.kind}` : kind.kind;
      return { key, script, scriptName: `${options.name} ${key} health.lua` };
    }),
  );
  return healthRulesPlugin({
    name: options.name,
    kinds: options.rules.map((rule) => rule.kind),
    rules,
    ...(options.overrides ? { overrides: true } : {}),
  });
}
