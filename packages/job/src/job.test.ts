import { createPluginRegistry } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { job } from './job.js';

describe('job()', () => {
  it('answers to the names users type for a Job', () => {
    const registry = createPluginRegistry([job()]);
    for (const name of ['job', 'jobs', 'Job', 'job.batch']) {
      expect(registry.resolveKind(name)).toMatchObject({ group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs' });
    }
  });

  it("watches the pods the Job's selector picks", () => {
    const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': '8e2d4c1a' } };
    const children = job().children?.({ metadata: { name: 'migrate', uid: '8e2d4c1a' }, spec: { selector } });
    expect(children).toEqual([{ key: 'pods', kind: expect.objectContaining({ kind: 'Pod', plural: 'pods' }), selector }]);
  });

  it('falls back to the controller-uid label when the Job has no selector', () => {
    const children = job().children?.({ metadata: { name: 'migrate', uid: '8e2d4c1a' }, spec: {} });
    expect(children?.[0]?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': '8e2d4c1a' } });
  });
});
