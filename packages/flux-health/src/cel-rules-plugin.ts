import type { ResourceKind, TrackerPlugin } from '@kubetrack/core';
import { healthRulesPlugin } from '@kubetrack/conditions';
import { celHealthRules } from './cel-health-rules.js';
import type { HealthCheckExpr } from './health-check-exprs.js';

export interface CelRulesPluginOptions {
  /** Package-style plugin name. */
  name: string;
  /** The kinds the pack judges, with Flux's current, inProgress and failed expressions. */
  rules: ReadonlyArray<{ kind: ResourceKind } & Pick<HealthCheckExpr, 'current' | 'inProgress' | 'failed'>>;
  /** Set to replace a built-in plugin's rules for the same kinds. */
  overrides?: boolean;
}

/**
 * A third-party rule pack of Flux CEL health expressions, loadable with `--plugin`: the
 * expressions are bundled in the package, so the plugin does no I/O.
 */
export function celRulesPlugin(options: CelRulesPluginOptions): TrackerPlugin {
  const rules = celHealthRules(
    options.name,
    options.rules.map(({ kind, ...expressions }) => ({
      apiVersion: kind.group ? `${kind.group}/${kind.version}` : kind.version,
      kind: kind.kind,
      ...expressions,
    })),
  );
  return healthRulesPlugin({
    name: options.name,
    kinds: options.rules.map((rule) => rule.kind),
    rules,
    ...(options.overrides ? { overrides: true } : {}),
  });
}
