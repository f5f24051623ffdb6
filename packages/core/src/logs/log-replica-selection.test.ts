import { describe, expect, it } from 'vitest';
import type { LogSource } from '../plugin.js';
import { logSource } from '../testing/log-source.js';
import { LogReplicaSelection } from './log-replica-selection.js';

const pods = (sources: readonly LogSource[]) => sources.map((s) => s.pod);

describe('LogReplicaSelection', () => {
  it('follows the first N pods of each controller and keeps them while they are listed', () => {
    const selection = new LogReplicaSelection(2);
    const web = ['web-6f7c9-aaaaa', 'web-6f7c9-bbbbb', 'web-6f7c9-ccccc'].map((pod) => logSource(pod));
    expect(pods(selection.select(web))).toEqual(['web-6f7c9-aaaaa', 'web-6f7c9-bbbbb']);
    // A newer listing order does not swap a followed pod for another one mid-stream.
    expect(pods(selection.select([...web].reverse()))).toEqual(['web-6f7c9-bbbbb', 'web-6f7c9-aaaaa']);
  });

  it('gives the place of a pod that went away to the next one', () => {
    const selection = new LogReplicaSelection(1);
    selection.select([logSource('web-6f7c9-aaaaa'), logSource('web-6f7c9-bbbbb')]);
    expect(pods(selection.select([logSource('web-6f7c9-bbbbb')]))).toEqual(['web-6f7c9-bbbbb']);
  });

  it("counts a Deployment's new ReplicaSet apart from the old one mid-rollout", () => {
    const selection = new LogReplicaSelection(1);
    expect(pods(selection.select([logSource('web-old11-aaaaa'), logSource('web-old11-bbbbb'), logSource('web-new22-ccccc')]))).toEqual([
      'web-old11-aaaaa',
      'web-new22-ccccc',
    ]);
  });

  it('always follows a pod whose container restarted or exited, without taking a healthy place', () => {
    const selection = new LogReplicaSelection(1);
    const listed = [
      logSource('web-6f7c9-aaaaa', { restartCount: 3 }),
      logSource('web-6f7c9-bbbbb'),
      logSource('web-6f7c9-ccccc'),
      logSource('job-x-ddddd', { terminated: true }),
    ];
    expect(pods(selection.select(listed))).toEqual(['web-6f7c9-aaaaa', 'web-6f7c9-bbbbb', 'job-x-ddddd']);
    // Later, the pod that was fine crashes too: it is followed as well.
    listed[2] = logSource('web-6f7c9-ccccc', { restartCount: 1 });
    expect(pods(selection.select(listed))).toEqual(['web-6f7c9-aaaaa', 'web-6f7c9-bbbbb', 'web-6f7c9-ccccc', 'job-x-ddddd']);
  });

  it('keeps every container of a chosen pod and tells a re-created pod of the same name by its UID', () => {
    const selection = new LogReplicaSelection(1);
    const first = [logSource('db-0'), logSource('db-0', { container: 'sidecar' }), logSource('db-1')];
    expect(selection.select(first).map((s) => `${s.pod}/${s.container}`)).toEqual(['db-0/app', 'db-0/sidecar']);
    expect(pods(selection.select([logSource('db-1'), logSource('db-0', { podUid: 'uid-db-0-again' })]))).toEqual(['db-1']);
  });

  it('follows every pod with all, and 3 per controller by default', () => {
    const many = Array.from({ length: 5 }, (_, i) => logSource(`web-6f7c9-pod${i}`));
    expect(new LogReplicaSelection('all').select(many)).toHaveLength(5);
    expect(new LogReplicaSelection().select(many)).toHaveLength(3);
  });
});
