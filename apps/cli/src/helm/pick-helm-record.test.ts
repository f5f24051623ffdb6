import type { KubeObject } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { pickHelmRecord } from './pick-helm-record.js';

const secret = (version: number, status: string, name = 'shop'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: `sh.helm.release.v1.${name}.v${version}`, namespace: 'prod', labels: { owner: 'helm', name, status, version: String(version) } },
});

describe('pickHelmRecord', () => {
  it('takes the newest revision when none is named, deployed or pending', () => {
    expect(pickHelmRecord([secret(1, 'superseded'), secret(3, 'deployed'), secret(2, 'superseded')], { name: 'shop' }, 'prod').metadata.name).toBe('sh.helm.release.v1.shop.v3');
    expect(pickHelmRecord([secret(1, 'deployed'), secret(2, 'pending-upgrade')], { name: 'shop' }, 'prod').metadata.name).toBe('sh.helm.release.v1.shop.v2');
  });

  it('ignores Secrets of another release or owner that the selector let through', () => {
    const foreign = { ...secret(9, 'deployed'), metadata: { name: 'x', labels: { owner: 'someone', name: 'shop', status: 'deployed', version: '9' } } };
    expect(pickHelmRecord([secret(1, 'deployed'), foreign, secret(5, 'deployed', 'other')], { name: 'shop' }, 'prod').metadata.name).toBe('sh.helm.release.v1.shop.v1');
  });

  it('takes the named revision, a superseded one too', () => {
    expect(pickHelmRecord([secret(1, 'superseded'), secret(2, 'deployed')], { name: 'shop', revision: 1 }, 'prod').metadata.name).toBe('sh.helm.release.v1.shop.v1');
  });

  it('says clearly that the release or the revision does not exist', () => {
    expect(() => pickHelmRecord([], { name: 'shop' }, 'prod')).toThrow('Helm release shop not found in namespace "prod" (no Secret labelled owner=helm,name=shop; check -n and helm list -n prod)');
    expect(() => pickHelmRecord([secret(1, 'superseded'), secret(2, 'deployed')], { name: 'shop', revision: 4 }, 'prod')).toThrow(
      'Helm release shop in namespace "prod" has no revision 4 (Secret sh.helm.release.v1.shop.v4 not found; revisions: 1, 2)',
    );
  });

  it('refuses a failed release and points at the deployed revision', () => {
    expect(() => pickHelmRecord([secret(1, 'deployed'), secret(2, 'failed')], { name: 'shop' }, 'prod')).toThrow(
      'Helm release shop revision 2 in namespace "prod" is failed: Helm gave up on it, nothing is rolling out (helm status shop -n prod); the deployed revision is 1: --helm-release shop@1',
    );
  });

  it('refuses a release being uninstalled', () => {
    expect(() => pickHelmRecord([secret(3, 'uninstalling')], { name: 'shop' }, 'prod')).toThrow(/revision 3 in namespace "prod" is uninstalling: its objects are going away/);
  });
});
