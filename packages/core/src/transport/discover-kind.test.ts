import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProgramError } from '../program-error.js';
import { jsonResponse, startScriptedApiServer, statusResponse, type ScriptedApiServer } from '../testing/scripted-api-server.js';
import { discoverKind } from './discover-kind.js';
import type { KubeTransport } from './kube-transport.js';

let server: ScriptedApiServer;
let transport: KubeTransport;
beforeEach(async () => {
  server = await startScriptedApiServer();
  server
    .on(
      '/api/v1',
      jsonResponse({
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'] },
          { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod' },
          { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', shortNames: ['no'] },
        ],
      }),
    )
    .on(
      '/apis',
      jsonResponse({
        kind: 'APIGroupList',
        groups: [
          { name: 'metrics.k8s.io', preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' } },
          { name: 'cert-manager.io', preferredVersion: { groupVersion: 'cert-manager.io/v1', version: 'v1' } },
          { name: 'acme.cert-manager.io', preferredVersion: { groupVersion: 'acme.cert-manager.io/v1', version: 'v1' } },
        ],
      }),
    )
    // An aggregated API that is down, as metrics-server often is.
    .on('/apis/metrics.k8s.io/v1beta1', statusResponse(503, { reason: 'ServiceUnavailable' }))
    .on(
      '/apis/cert-manager.io/v1',
      jsonResponse({
        kind: 'APIResourceList',
        resources: [
          { name: 'certificates', singularName: 'certificate', namespaced: true, kind: 'Certificate', shortNames: ['cert', 'certs'] },
          { name: 'certificates/status', singularName: '', namespaced: true, kind: 'Certificate' },
        ],
      }),
    )
    .on(
      '/apis/acme.cert-manager.io/v1',
      jsonResponse({ kind: 'APIResourceList', resources: [{ name: 'orders', singularName: 'order', namespaced: true, kind: 'Order' }] }),
    );
  transport = server.transport();
});
afterEach(async () => {
  await server.close();
});

const CERTIFICATE = {
  group: 'cert-manager.io',
  version: 'v1',
  kind: 'Certificate',
  plural: 'certificates',
  namespaced: true,
  shortNames: ['cert', 'certs'],
};

describe('discoverKind', () => {
  it.each(['Certificate', 'certificates', 'certificate', 'cert', 'CERT'])('finds a CRD kind by "%s"', async (name) => {
    expect(await discoverKind(transport, { kind: name })).toEqual(CERTIFICATE);
  });

  it('restricts the search to a group, given separately or as kind.group', async () => {
    expect(await discoverKind(transport, { kind: 'cert', group: 'cert-manager.io' })).toEqual(CERTIFICATE);
    expect(await discoverKind(transport, { kind: 'certificates.cert-manager.io' })).toEqual(CERTIFICATE);
    await expect(discoverKind(transport, { kind: 'orders', group: 'cert-manager.io' })).rejects.toThrow(
      'unknown resource type "orders" in API group "cert-manager.io"',
    );
  });

  it('prefers the core group and knows cluster-scoped kinds', async () => {
    expect(await discoverKind(transport, { kind: 'no' })).toEqual({
      group: '',
      version: 'v1',
      kind: 'Node',
      plural: 'nodes',
      namespaced: false,
      shortNames: ['no'],
    });
  });

  it('rejects an unknown kind with a one-line invalid-input error', async () => {
    const error = await discoverKind(transport, { kind: 'rollout' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).code).toBe('invalid-input');
    expect((error as ProgramError).message).toBe(
      'unknown resource type "rollout": the cluster does not serve it (is its CRD installed?)',
    );
  });

  it('waits out a 429 and a 503 of a document it needs, as an overloaded API server asks', async () => {
    server.on(
      '/apis',
      statusResponse(429, { reason: 'TooManyRequests', headers: { 'Retry-After': '0' } }),
      statusResponse(503, { reason: 'ServiceUnavailable' }),
      jsonResponse({ kind: 'APIGroupList', groups: [{ name: 'cert-manager.io', preferredVersion: { groupVersion: 'cert-manager.io/v1', version: 'v1' } }] }),
    );
    expect(await discoverKind(transport, { kind: 'certificates.cert-manager.io' })).toEqual(CERTIFICATE);
    expect(server.requestsMatching('/apis')).toHaveLength(3);
  });

  it('gives up on a server that keeps answering 503, with its error', async () => {
    server.on('/apis', statusResponse(503, { reason: 'ServiceUnavailable', headers: { 'Retry-After': '0' } }));
    await expect(discoverKind(transport, { kind: 'certificates.cert-manager.io' })).rejects.toMatchObject({ status: 503 });
    expect(server.requestsMatching('/apis')).toHaveLength(4);
  });

  it('fetches each discovery document once per transport', async () => {
    await discoverKind(transport, { kind: 'cert' });
    const afterFirst = server.requests.length;
    await discoverKind(transport, { kind: 'Certificate' });
    await discoverKind(transport, { kind: 'order' });
    // Only the group that failed is asked again, in case it has come back.
    expect(server.requests.slice(afterFirst).map((request) => request.path)).toEqual([
      '/apis/metrics.k8s.io/v1beta1',
      '/apis/metrics.k8s.io/v1beta1',
    ]);
  });
});
