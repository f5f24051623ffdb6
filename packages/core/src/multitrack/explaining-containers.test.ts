import { describe, expect, it } from 'vitest';
import type { Failure } from '../plugin.js';
import { logSource } from '../testing/log-source.js';
import { explainingContainers } from './explaining-containers.js';

const failure = (over: Partial<Failure>): Failure => ({ id: 'f', code: 'process-crashing', message: 'm', object: 'Pod/web-1', ...over });

describe('explainingContainers', () => {
  it('names the containers the failures name, once each, by their subject', () => {
    const failures = [
      failure({ subject: { kind: 'Pod', name: 'web-1', container: 'app' } }),
      failure({ id: 'g', subject: { kind: 'Pod', name: 'web-1', container: 'app' } }),
      failure({ object: 'Pod/web-2', container: 'sidecar' }), // no subject: read from object and container
    ];
    expect(explainingContainers(failures, [logSource('web-3')])).toEqual([
      { pod: 'web-1', container: 'app' },
      { pod: 'web-2', container: 'sidecar' },
    ]);
  });

  it('falls back to the last few started log sources when no failure names a container', () => {
    const quota = failure({ code: 'resource-limits-exceeded', object: 'ReplicaSet/web-6f7', subject: { kind: 'ReplicaSet', name: 'web-6f7' } });
    const sources = [logSource('p0', { started: false }), ...[1, 2, 3, 4, 5, 6].map((n) => logSource(`p${n}`, { terminated: n < 3 }))];
    expect(explainingContainers([quota], sources).map((c) => c.pod)).toEqual(['p2', 'p3', 'p4', 'p5', 'p6']);
    expect(explainingContainers([], [logSource('p1', { started: false })])).toEqual([]);
  });
});
