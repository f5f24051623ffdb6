import { describe, expect, it } from 'vitest';
import { createResourceNamer } from './resource-namer.js';
import { columnTitle, statusTable } from './status-table.js';

const namer = createResourceNamer({
  kinds: [{ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'] }],
  showNamespace: false,
});

describe('statusTable', () => {
  it('draws one table per kind with the progress columns, pods and what is awaited', () => {
    const lines = statusTable(
      [
        {
          resource: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'ns', name: 'web' },
          state: 'progressing',
          message: 'rolling out',
          waitingFor: ['1 more available replica'],
          progress: { replicas: '2/3', available: '2/3', upToDate: '3/3' },
          pods: [
            { name: 'web-6f7c9d8b5-x2k4q', ready: '1/1', restarts: 0, status: 'Running' },
            { name: 'web-6f7c9d8b5-hz2wq', ready: '0/1', restarts: 3, status: 'CrashLoopBackOff', error: 'exit code 1' },
          ],
        },
        {
          resource: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'ns', name: 'api' },
          state: 'ready',
          message: 'ready',
          waitingFor: [],
          progress: { replicas: '1/1', available: '1/1', upToDate: '1/1' },
          pods: [],
        },
      ],
      namer,
    );
    expect(lines).toEqual([
      { tone: 'heading', text: 'DEPLOYMENT  REPLICAS  AVAILABLE  UP-TO-DATE  STATE' },
      { tone: 'progressing', text: 'deploy/web  2/3       2/3        3/3         progressing' },
      { tone: 'pod', text: '  POD        READY  RESTARTS  STATUS' },
      { tone: 'pod', text: '  web-x2k4q  1/1    0         Running' },
      { tone: 'pod-error', text: '  web-hz2wq  0/1    3         CrashLoopBackOff  error: exit code 1' },
      { tone: 'waiting', text: '  waiting for: 1 more available replica' },
      { tone: 'ready', text: 'deploy/api  1/1       1/1        1/1         ready' },
    ]);
  });

  it('says deleted, not ready, for a resource tracked for deletion that is gone', () => {
    const gone = {
      resource: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'ns', name: 'old' },
      outcome: 'ready' as const,
      deleted: true as const,
      state: 'absent' as const,
      message: 'old is gone',
      waitingFor: ['deletion of 1 pod'],
      progress: {},
      pods: [],
    };
    expect(statusTable([gone], namer)).toEqual([
      { tone: 'heading', text: 'DEPLOYMENT  STATE' },
      { tone: 'ready', text: 'deploy/old  deleted' },
    ]);
  });

  it('names columns after the progress keys', () => {
    expect(columnTitle('upToDate')).toBe('UP-TO-DATE');
    expect(columnTitle('succeeded_failed')).toBe('SUCCEEDED-FAILED');
  });
});
