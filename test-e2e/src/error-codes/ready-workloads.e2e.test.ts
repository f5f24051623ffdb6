import { describe, expect } from 'vitest';
import { applyManifests, daemonSetManifest, e2eTest, statefulSetManifest } from '../harness/index.js';
import { trackJson } from './helpers.js';

describe('workloads that become ready', () => {
  e2eTest('a StatefulSet becomes ready: exit 0', async ({ namespace }) => {
    await applyManifests(namespace, statefulSetManifest({ name: 'db', replicas: 2, readyAfter: '500ms', logs: ['db: accepting connections'] }));
    const result = await trackJson(['track', 'sts/db', '-n', namespace, '--timeout', '40s']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.success).toBe(true);
    expect(result.resource).toMatchObject({ kind: 'StatefulSet', name: 'db', namespace, status: 'ready' });
  });

  e2eTest('a DaemonSet becomes ready on every node: exit 0', async ({ namespace }) => {
    await applyManifests(namespace, daemonSetManifest({ name: 'agent', readyAfter: '500ms' }));
    const result = await trackJson(['track', 'ds/agent', '-n', namespace, '--timeout', '40s']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.resource).toMatchObject({ kind: 'DaemonSet', name: 'agent', namespace, status: 'ready' });
  });
});
