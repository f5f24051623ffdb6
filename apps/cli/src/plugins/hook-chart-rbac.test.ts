import { readFileSync } from 'node:fs';
import type { KubeObject, ResourceKind } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinPlugins } from './builtin-plugins.js';

interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** The body of one of the hook chart's rule templates ("kubetrackHook.rules", ".clusterRules"): plain YAML. */
function hookChartRules(name: 'rules' | 'clusterRules'): PolicyRule[] {
  const template = readFileSync(new URL('../../../helm-hook/chart/templates/_kubetrack-hook.tpl', import.meta.url), 'utf8');
  const body = new RegExp(`\\{\\{-? define "kubetrackHook\\.${name}" -?\\}\\}([\\s\\S]*?)\\{\\{-? end -?\\}\\}`).exec(template)?.[1];
  if (body === undefined) throw new Error(`no kubetrackHook.${name} in the chart`);
  return parse(body) as PolicyRule[];
}

const allows = (rules: readonly PolicyRule[], kind: ResourceKind, verb: string) =>
  rules.some((rule) => rule.apiGroups.includes(kind.group) && rule.resources.includes(kind.plural) && rule.verbs.includes(verb));

/** What a built-in plugin tracks and what it watches beside it, found by asking it about an object of each kind. */
function watchedKinds(): ResourceKind[] {
  const kinds = new Map<string, ResourceKind>();
  const add = (kind: ResourceKind) => kinds.set(`${kind.plural}.${kind.group}`, kind);
  for (const plugin of builtinPlugins()) {
    for (const kind of plugin.kinds) {
      add(kind);
      const object = {
        apiVersion: kind.group ? `${kind.group}/${kind.version}` : kind.version,
        kind: kind.kind,
        metadata: { name: 'x', namespace: 'ns', uid: 'u' },
        spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } } }, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' } },
      } as unknown as KubeObject;
      for (const child of plugin.children?.(object) ?? []) add(child.kind);
    }
  }
  return [...kinds.values()];
}

const notWatchable = (rules: readonly PolicyRule[], namespaced: boolean) =>
  watchedKinds()
    .filter((kind) => kind.namespaced === namespaced && !(allows(rules, kind, 'list') && allows(rules, kind, 'watch')))
    .map((kind) => `${kind.plural}.${kind.group}`);

describe('the Helm hook chart’s rules', () => {
  it('the Role lets the hook list and watch every namespaced kind the built-in plugins track or watch', () => {
    expect(notWatchable(hookChartRules('rules'), true)).toEqual([]);
  });

  it('the ClusterRole of clusterRead covers every cluster-scoped one', () => {
    expect(notWatchable(hookChartRules('clusterRules'), false)).toEqual([]);
  });

  it('the Role lets the hook read pods/log', () => {
    expect(hookChartRules('rules').some((rule) => rule.apiGroups.includes('') && rule.resources.includes('pods/log') && rule.verbs.includes('get'))).toBe(true);
  });
});
