import { describe, expect, it } from 'vitest';
import { createPluginRegistry, ProgramError, TRACK_DEFAULTS, type ResourceKind, type TrackerPlugin } from '@kubetrack/core';
import { resolveSpecs } from './resolve-specs.js';

const deployment: ResourceKind = { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'] };
const plugin: TrackerPlugin = { apiVersion: 1, name: 'test', kinds: [deployment], evaluate: () => ({ state: 'ready', message: '' }) };
const registry = createPluginRegistry([plugin]);
const certificate: ResourceKind = { group: 'cert-manager.io', version: 'v1', kind: 'Certificate', plural: 'certificates', namespaced: true };
const clusterIssuer: ResourceKind = { group: 'cert-manager.io', version: 'v1', kind: 'ClusterIssuer', plural: 'clusterissuers', namespaced: false };

const session = {
  async discoverKind(query: { kind: string; group?: string }) {
    if (query.kind === 'Certificate') return certificate;
    if (query.kind === 'ClusterIssuer') return clusterIssuer;
    throw new ProgramError('invalid-input', `unknown resource type ${JSON.stringify(query.kind)}`);
  },
};

describe('resolveSpecs', () => {
  it('resolves kinds through plugins, then discovery, and fills namespaces', async () => {
    const { specs, duplicates } = await resolveSpecs({
      requests: [
        { kind: 'deploy', name: 'web', options: {}, origin: 'a' },
        { kind: 'Deployment', group: 'apps', version: 'v1', name: 'api', namespace: 'other', options: { skipLogs: true }, origin: 'b' },
        { kind: 'Certificate', group: 'cert-manager.io', name: 'tls', options: {}, origin: 'c' },
        { kind: 'ClusterIssuer', group: 'cert-manager.io', name: 'letsencrypt', options: {}, origin: 'd' },
        { kind: 'deployments.apps', name: 'web', options: {}, origin: 'e' },
      ],
      registry,
      session,
      namespace: 'prod',
      defaults: TRACK_DEFAULTS,
      overrides: { failMode: 'IgnoreAndContinueDeployProcess' },
    });
    expect(specs.map((spec) => [spec.resource, spec.skipLogs, spec.failMode])).toEqual([
      [{ group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web' }, false, 'IgnoreAndContinueDeployProcess'],
      [{ group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'other', name: 'api' }, true, 'IgnoreAndContinueDeployProcess'],
      [{ group: 'cert-manager.io', version: 'v1', kind: 'Certificate', namespace: 'prod', name: 'tls' }, false, 'IgnoreAndContinueDeployProcess'],
      [{ group: 'cert-manager.io', version: 'v1', kind: 'ClusterIssuer', name: 'letsencrypt' }, false, 'IgnoreAndContinueDeployProcess'],
    ]);
    expect(duplicates).toEqual(['Deployment.apps/web']);
  });

  it('names where an unknown kind came from', async () => {
    await expect(
      resolveSpecs({
        requests: [{ kind: 'Widget', name: 'w', options: {}, origin: 'spec.yaml:4:5' }],
        registry,
        session,
        namespace: 'default',
        defaults: TRACK_DEFAULTS,
      }),
    ).rejects.toThrow('spec.yaml:4:5: unknown resource type "Widget"');
  });
});
