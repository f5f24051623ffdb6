import { readFileSync } from 'node:fs';
import type { KubeObject } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { helmReleaseRequests } from './helm-release-requests.js';

const helm4Record = JSON.parse(readFileSync(new URL('./fixtures/helm-4.3.2-record.json', import.meta.url), 'utf8')) as KubeObject;

function session(secrets: KubeObject[]) {
  const calls: string[] = [];
  return {
    calls,
    async getObject(_kind: unknown, namespace: string | undefined, name: string) {
      calls.push(`get ${namespace}/${name}`);
      return secrets.find((secret) => secret.metadata.name === name);
    },
    async listObjects(_kind: unknown, namespace: string | undefined, labelSelector: string) {
      calls.push(`list ${namespace} ${labelSelector}`);
      return secrets;
    },
  };
}

describe('helmReleaseRequests on a record written by Helm 4', () => {
  it('tracks the objects of the manifest in the release namespace, lists the hooks and skips them', async () => {
    const cluster = session([helm4Record]);
    const targets = await helmReleaseRequests({ name: 'shop' }, 'hx1', { hooks: false }, cluster);
    expect(cluster.calls).toEqual(['list hx1 owner=helm,name=shop']);
    expect(targets.requests.map((r) => `${r.kind}/${r.namespace}/${r.name}`)).toEqual(['Deployment/hx1/shop-web', 'Deployment/hx1/shop-worker']);
    expect(targets.requests[0]!.origin).toMatch(/^Helm release shop revision 1 manifest:\d+:\d+$/);
    expect(targets.notices).toEqual([
      'skipped 1 objects with nothing to wait for: ConfigMap/shop-config',
      'skipped 1 Helm hooks (Helm runs them itself): Job/shop-notify',
    ]);
  });

  it('tracks the hooks too with --helm-hooks, reading the named revision by get', async () => {
    const cluster = session([helm4Record]);
    const targets = await helmReleaseRequests({ name: 'shop', revision: 1 }, 'hx1', { hooks: true }, cluster);
    expect(cluster.calls).toEqual(['get hx1/sh.helm.release.v1.shop.v1']);
    expect(targets.requests.map((r) => `${r.kind}/${r.name}`)).toEqual(['Deployment/shop-web', 'Deployment/shop-worker', 'Job/shop-notify']);
  });

  it('keeps the namespace an object names for itself', async () => {
    const release = Buffer.from(
      Buffer.from(JSON.stringify({ name: 'two', namespace: 'a', version: 1, info: { status: 'deployed' }, manifest: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x, namespace: b}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: y}\n' })).toString('base64'),
    ).toString('base64');
    const record: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sh.helm.release.v1.two.v1', labels: { owner: 'helm', name: 'two', status: 'deployed', version: '1' } }, ...{ data: { release } } };
    const targets = await helmReleaseRequests({ name: 'two' }, 'a', { hooks: false }, session([record]));
    expect(targets.requests.map((r) => `${r.namespace}/${r.name}`)).toEqual(['b/x', 'a/y']);
  });
});
