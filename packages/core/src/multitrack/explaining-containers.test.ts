import { describe, expect, it } from 'vitest';
import type { Failure, LogSource } from '../plugin.js';
import { explainingContainers } from './explaining-containers.js';

const failure = (over: Partial<Failure>): Failure => ({ id: 'f', code: 'process-crashing', message: 'm', object: 'Pod/web-1', ...over });
const source = (pod: string, over: Partial<LogSource> = {}): LogSource => ({
  pod,
  podUid: `uid-${pod}`,
  container: 'app',
  restartCount: 0,
  started: true,
  terminated: false,
  ...over,
});

describe('explainingContainers', () => {
  it('names the containers the failures name, once each, by their subject', () => {
    const failures = [
      failure({ subject: { kind: 'Pod', name: 'web-1', container: 'app' } }),
      failure({ id: 'g', subject: { kind: 'Pod', name: 'web-1', container: 'app' } }),
      failure({ object: 'Pod/web-2', container: 'sidecar' }), // no subject: read from object and container
    ];
    expect(explainingContainers(failures, [source('web-3')])).toEqual([
      { pod: 'web-1', container: 'app' },
      { pod: 'web-2', container: 'sidecar' },
    ]);
  });

  it('falls back to the last few started log sources when no failure names a container', () => {
    const quota = failure({ code: 'resource-limits-exceeded', object: 'ReplicaSet/web-6f7', subject: { kind: 'ReplicaSet', name: 'web-6f7' } });
    const sources = [source('p0', { started: false }), ...[1, 2, 3, 4, 5, 6].map((n) => source(`p${n}`, { terminated: n < 3 }))];
    expect(explainingContainers([quota], sources).map((c) => c.pod)).toEqual(['p2', 'p3', 'p4', 'p5', 'p6']);
    expect(explainingContainers([], [source('p1', { started: false })])).toEqual([]);
  });
});
