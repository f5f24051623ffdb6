import { describe, expect, it } from 'vitest';
import type { Pod } from './pod-types.js';
import { summarizePod } from './summarize-pod.js';

const metadata = { name: 'web-1', uid: 'u1' };

describe('summarizePod (kubectl get pods columns)', () => {
  it('shows a failed init container by its exit code when it has no reason', () => {
    const pod: Pod = {
      metadata,
      spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }] },
      status: { phase: 'Pending', initContainerStatuses: [{ name: 'init', restartCount: 0, state: { terminated: { exitCode: 3 } } }] },
    };
    expect(summarizePod(pod).status).toBe('Init:ExitCode:3');
  });

  it('shows a container killed by a signal', () => {
    const pod: Pod = {
      metadata,
      spec: { containers: [{ name: 'app' }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'app', restartCount: 0, state: { terminated: { exitCode: 0, signal: 9 } } }] },
    };
    expect(summarizePod(pod).status).toBe('Signal:9');
  });

  it('reports the first container problem and counts ready containers', () => {
    const pod: Pod = {
      metadata,
      spec: { containers: [{ name: 'app' }, { name: 'proxy' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'app', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'proxy', restartCount: 1, ready: true, state: { running: {} } },
        ],
      },
    };
    expect(summarizePod(pod)).toEqual({ name: 'web-1', ready: '1/2', restarts: 5, status: 'CrashLoopBackOff', stage: 'failed' });
  });

  it('shows a completed sidecar-less container next to a running one as Running when the pod is ready', () => {
    const pod: Pod = {
      metadata,
      spec: { containers: [{ name: 'setup' }, { name: 'app' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          { name: 'setup', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'app', restartCount: 0, ready: true, state: { running: {} } },
        ],
      },
    };
    expect(summarizePod(pod).status).toBe('Running');
  });
});
