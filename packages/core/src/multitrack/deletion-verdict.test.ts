import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube-object.js';
import { deletionVerdict } from './deletion-verdict.js';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', uid: 'd1', deletionTimestamp: '2025-06-03T10:15:00Z', finalizers: ['foregroundDeletion'] },
};
const replicaSet: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-6f7c9', uid: 'r1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1' }] },
};
const pod = (name: string, owner: string, terminating: boolean): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, uid: name, ...(terminating ? { deletionTimestamp: '2025-06-03T10:15:01Z' } : {}), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: owner }] },
});

describe('deletionVerdict', () => {
  it('is ready once the object is gone', () => {
    expect(deletionVerdict('deploy/web', undefined, {})).toMatchObject({ state: 'ready', message: 'deploy/web is gone' });
  });

  it('names the finalizers and the dependents a foreground deletion waits for, its pods included', () => {
    const verdict = deletionVerdict('deploy/web', deployment, {
      replicaSets: [replicaSet],
      pods: [pod('web-6f7c9-a', 'r1', true), pod('other-b', 'r9', true)],
    });
    expect(verdict.state).toBe('progressing');
    expect(verdict.waitingFor).toEqual(['finalizers foregroundDeletion', 'Pod/web-6f7c9-a still terminating', 'dependents ReplicaSet/web-6f7c9 still there']);
  });

  it('says when nobody deleted the object, naming its owner', () => {
    expect(deletionVerdict('rs/web-6f7c9', replicaSet, {}).waitingFor).toEqual(['nobody deleted it yet (its owner Deployment/web may still delete it)']);
  });
});
