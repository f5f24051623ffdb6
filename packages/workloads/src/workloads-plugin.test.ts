import { createPluginRegistry, PLUGIN_API_VERSION, type KubeObject } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { loadVerdictFixtures } from '@kubetrack/plugin-testing';
import { workloads } from './workloads-plugin.js';

const plugin = workloads();
const fixtureObject = (dir: string, file: string): KubeObject => {
  const fixture = loadVerdictFixtures(new URL(`./${dir}/fixtures/`, import.meta.url)).find((f) => f.file === file);
  if (!fixture?.snapshot.object) throw new Error(`no object in ${dir}/${file}`);
  return fixture.snapshot.object;
};

describe('workloads()', () => {
  it('is a plugin for the five workload kinds that core can register and resolve', () => {
    expect(plugin).toMatchObject({ apiVersion: PLUGIN_API_VERSION, name: '@kubetrack/workloads' });
    const registry = createPluginRegistry([plugin]);
    const resolved = ['deploy', 'deployments', 'sts', 'statefulset', 'ds', 'daemonset', 'rs', 'replicaset', 'po', 'pod', 'pods', 'deployment.apps'].map(
      (name) => registry.resolveKind(name)?.kind,
    );
    expect(resolved).toEqual([
      'Deployment', 'Deployment', 'StatefulSet', 'StatefulSet', 'DaemonSet', 'DaemonSet', 'ReplicaSet', 'ReplicaSet', 'Pod', 'Pod', 'Pod', 'Deployment',
    ]);
    expect(plugin.kinds.map((kind) => `${kind.group}/${kind.version}/${kind.plural}`)).toEqual([
      'apps/v1/deployments', 'apps/v1/statefulsets', 'apps/v1/daemonsets', 'apps/v1/replicasets', '/v1/pods',
    ]);
  });

  it('watches a Deployment\'s ReplicaSets and pods by its selector', () => {
    const queries = plugin.children!(fixtureObject('deployment', 'rollout-complete.json'));
    expect(queries.map((q) => [q.key, q.kind.kind, q.selector])).toEqual([
      ['replicaSets', 'ReplicaSet', { matchLabels: { app: 'web' } }],
      ['pods', 'Pod', { matchLabels: { app: 'web' } }],
    ]);
  });

  it.each([
    ['statefulset', 'rolling-update-complete.json', { matchLabels: { app: 'db' } }],
    ['daemonset', 'rolling-update-complete.json', { matchLabels: { app: 'node-agent' } }],
    ['replicaset', 'all-available.json', { matchLabels: { app: 'web', 'pod-template-hash': '6f7c9d8b5' } }],
  ])('watches the pods of a %s by its selector', (dir, file, selector) => {
    const queries = plugin.children!(fixtureObject(dir, file));
    expect(queries.map((q) => [q.key, q.kind.kind, q.selector])).toEqual([['pods', 'Pod', selector]]);
  });

  it('watches nothing more for a standalone pod', () => {
    expect(plugin.children!(fixtureObject('pod', 'ready.json'))).toEqual([]);
  });

  it('never asks for every pod of the namespace when an object has no selector', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: {} };
    expect(plugin.children!(deployment)).toEqual([]);
  });

  it('reports an absent object as progressing and absent', () => {
    const verdict = plugin.evaluate(
      { object: undefined, children: {}, events: [] },
      { now: 0, trackingStartedAt: 0, schedulingGracePeriodMs: 30_000, options: {} },
    );
    expect(verdict).toMatchObject({ state: 'progressing', absent: true });
  });

  it('refuses a kind it does not track rather than judging it by another kind\'s rule', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' } };
    expect(() =>
      plugin.evaluate({ object: job, children: {}, events: [] }, { now: 0, trackingStartedAt: 0, schedulingGracePeriodMs: 0, options: {} }),
    ).toThrow(/does not track batch\/v1 Job/);
  });
});
