import type { ResourceId, TrackMessage } from '@kubetrack/core';

export const web: ResourceId = { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web' };
export const migrate: ResourceId = { group: 'batch', version: 'v1', kind: 'Job', namespace: 'prod', name: 'migrate' };

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second)).toISOString();

/** A run as core reports it: the Job completes, the Deployment's new pod crashes. */
export const scriptedRun: TrackMessage[] = [
  { type: 'added', time: at(0), resource: web },
  { type: 'added', time: at(0), resource: migrate },
  {
    type: 'status',
    time: at(1),
    resource: web,
    state: 'progressing',
    message: '0 of 2 updated replicas are available',
    waitingFor: ['2 more available replicas'],
    progress: { replicas: '2/2', available: '0/2', upToDate: '2/2' },
    pods: [],
  },
  { type: 'log', time: at(2), resource: migrate, pod: 'migrate-x7k2p', container: 'migrate', line: 'applying 3 migrations' },
  { type: 'log', time: at(3), resource: web, pod: 'web-6f7c9d8b5-x2k4q', container: 'app', line: 'panic: simulated crash' },
  {
    type: 'event',
    time: at(4),
    resource: web,
    event: {
      uid: 'e1',
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container app',
      object: 'Pod/web-6f7c9d8b5-x2k4q',
      count: 3,
    },
  },
  {
    type: 'status-report',
    time: at(5),
    resources: [
      {
        resource: web,
        outcome: 'progressing',
        state: 'progressing',
        message: '0 of 2 updated replicas are available',
        waitingFor: ['2 more available replicas'],
        progress: { replicas: '2/2', available: '0/2', upToDate: '2/2' },
        pods: [{ name: 'web-6f7c9d8b5-x2k4q', ready: '0/1', restarts: 3, status: 'CrashLoopBackOff', error: 'exit code 2' }],
      },
      {
        resource: migrate,
        outcome: 'ready',
        state: 'ready',
        message: 'completed',
        waitingFor: [],
        progress: {},
        pods: [],
      },
    ],
  },
  { type: 'ready', time: at(5), resource: migrate, message: 'job completed (1/1 succeeded)' },
  {
    type: 'failure',
    time: at(6),
    resource: web,
    failure: {
      id: 'crash-3',
      code: 'process-crashing',
      message: 'CrashLoopBackOff: exit code 2',
      object: 'Pod/web-6f7c9d8b5-x2k4q',
      container: 'app',
    },
    count: 1,
    allowed: 0,
  },
  { type: 'failed', time: at(6), resource: web, code: 'process-crashing', message: 'container app of pod web-6f7c9d8b5-x2k4q keeps crashing' },
  {
    type: 'done',
    time: at(6),
    report: {
      success: false,
      error: {
        type: 'rollout',
        code: 'process-crashing',
        message: 'container app of pod web-6f7c9d8b5-x2k4q keeps crashing',
        resource: 'apps/v1/Deployment/prod/web',
      },
      resources: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: 'prod',
          name: 'web',
          status: 'failed',
          code: 'process-crashing',
          message: 'container app of pod web-6f7c9d8b5-x2k4q keeps crashing',
          durationMs: 6000,
          events: [
            { type: 'Normal', reason: 'Pulled', message: 'image pulled', object: 'Pod/web-6f7c9d8b5-x2k4q' },
            { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container app', object: 'Pod/web-6f7c9d8b5-x2k4q', count: 3 },
          ],
          logTail: [{ pod: 'web-6f7c9d8b5-x2k4q', container: 'app', previous: true, lines: ['starting', 'panic: simulated crash'] }],
        },
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          namespace: 'prod',
          name: 'migrate',
          status: 'ready',
          message: 'job completed',
          durationMs: 5000,
          events: [],
          logTail: [],
        },
      ],
    },
  },
];

const normal = (uid: string, reason: string, message: string) => ({
  uid,
  type: 'Normal',
  reason,
  message,
  object: 'Pod/web-6f7c9d8b5-x2k4q',
  count: 1,
});

/**
 * Routine messages as core flags them: `quiet` for a resource whose showServiceMessages is off
 * (web), none for one that asked for them (migrate, whose Normal event is shown).
 */
export const serviceMessages: TrackMessage[] = [
  { type: 'added', time: at(0), resource: web, quiet: true },
  { type: 'added', time: at(0), resource: migrate },
  { type: 'event', time: at(1), resource: web, quiet: true, event: normal('n1', 'Pulled', 'Container image "web:2" already present on machine') },
  { type: 'event', time: at(1), resource: migrate, event: { ...normal('n2', 'Started', 'Started container migrate'), object: 'Pod/migrate-x7k2p' } },
  {
    type: 'event',
    time: at(2),
    resource: web,
    event: { uid: 'w1', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container app', object: 'Pod/web-6f7c9d8b5-x2k4q', count: 1 },
  },
];
