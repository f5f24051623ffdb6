import { describe, expect, it } from 'vitest';
import type { ResourceKind } from '@kubetrack/core';
import { createColors } from './colors.js';
import { createJsonRenderer } from './json-renderer.js';
import { createNdjsonRenderer } from './ndjson-renderer.js';
import { createPlainRenderer } from './plain-renderer.js';
import type { Renderer } from './renderer.js';
import { createResourceNamer } from './resource-namer.js';
import { scriptedRun, serviceMessages, web } from './scripted-messages.fixture.js';

const kinds: ResourceKind[] = [
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'] },
  { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', namespaced: true },
];
const namer = createResourceNamer({ kinds, showNamespace: false });

function play(create: (out: { write(text: string): void }) => Renderer, messages = scriptedRun): string {
  let text = '';
  const renderer = create({ write: (chunk) => (text += chunk) });
  for (const message of messages) renderer.render(message);
  renderer.close();
  return text;
}

describe('plain renderer', () => {
  it('prints append-only lines, a status block and a summary that explains the failure', () => {
    const output = play((out) => createPlainRenderer({ out, namer, colors: createColors(false) }));
    expect(output).toBe(
      [
        'deploy/web: added',
        'job/migrate: added',
        'deploy/web: 0 of 2 updated replicas are available (waiting for: 2 more available replicas)',
        '[migrate-x7k2p/migrate] applying 3 migrations',
        '[web-x2k4q/app] panic: simulated crash',
        'deploy/web: event Warning BackOff pod/web-6f7c9d8b5-x2k4q: Back-off restarting failed container app (x3)',
        '── status after 5s ──',
        'DEPLOYMENT  REPLICAS  AVAILABLE  UP-TO-DATE  STATE',
        'deploy/web  2/2       0/2        2/2         progressing',
        '  POD        READY  RESTARTS  STATUS',
        '  web-x2k4q  0/1    3         CrashLoopBackOff  error: exit code 2',
        '  waiting for: 2 more available replicas',
        'settled: job/migrate ready',
        'job/migrate: ready: job completed (1/1 succeeded)',
        'deploy/web: failure 1, 0 allowed: process-crashing: pod/web-6f7c9d8b5-x2k4q container app: CrashLoopBackOff: exit code 2',
        'deploy/web: failed (process-crashing): container app of pod web-6f7c9d8b5-x2k4q keeps crashing',
        '',
        'Summary: 1 failed, 1 ready',
        '  FAILED  deploy/web process-crashing: container app of pod web-6f7c9d8b5-x2k4q keeps crashing (after 6s)',
        '      Warning BackOff pod/web-6f7c9d8b5-x2k4q: Back-off restarting failed container app (x3)',
        '      last logs of web-x2k4q/app (previous instance):',
        '        starting',
        '        panic: simulated crash',
        '  ready   job/migrate (5s)',
        '',
      ].join('\n'),
    );
  });

  it('leaves out routine messages (added, Normal events) unless the resource asked for service messages', () => {
    const output = play((out) => createPlainRenderer({ out, namer, colors: createColors(false) }), serviceMessages);
    expect(output.trimEnd().split('\n')).toEqual([
      'job/migrate: added',
      'job/migrate: event Normal Started pod/migrate-x7k2p: Started container migrate',
      'deploy/web: event Warning BackOff pod/web-6f7c9d8b5-x2k4q: Back-off restarting failed container app',
    ]);
  });

  it('says "deleted", not "ready", of what was tracked for deletion', () => {
    const report = {
      success: true,
      resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web', status: 'ready' as const, deleted: true as const, message: 'deploy/web is gone', durationMs: 2_000, events: [], logTail: [] }],
    };
    const output = play((out) => createPlainRenderer({ out, namer, colors: createColors(false) }), [
      { type: 'ready', time: '2026-01-01T12:00:02Z', resource: web, message: 'deploy/web is gone', deleted: true },
      { type: 'done', time: '2026-01-01T12:00:02Z', report },
    ]);
    expect(output.trimEnd().split('\n')).toEqual(['deploy/web: deleted: deploy/web is gone', '', 'Summary: 1 deleted', '  deleted deploy/web (2s)']);
  });

  it('does not repeat an unchanged status line', () => {
    const status = scriptedRun[2]!;
    let text = '';
    const renderer = createPlainRenderer({ out: { write: (chunk) => (text += chunk) }, namer, colors: createColors(false) });
    renderer.render(status);
    renderer.render({ ...status, time: new Date().toISOString() });
    expect(text.trim().split('\n')).toHaveLength(1);
  });
});

describe('json renderer', () => {
  it('writes exactly one JSON document: the report', () => {
    const output = play((out) => createJsonRenderer({ out }));
    const report = JSON.parse(output);
    expect(report).toEqual((scriptedRun.at(-1) as { report: unknown }).report);
    expect(Object.keys(report)).toEqual(['success', 'error', 'resources']);
  });
});

describe('ndjson renderer', () => {
  it('writes one line per message and the report last', () => {
    const lines = play((out) => createNdjsonRenderer({ out })).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(scriptedRun.length);
    expect(lines.slice(0, -1).map((line) => line.type)).toEqual(scriptedRun.slice(0, -1).map((message) => message.type));
    expect(lines.at(-1)).toMatchObject({ success: false, error: { code: 'process-crashing' } });
  });

  it('keeps routine messages, flagged quiet, so machine readers see everything', () => {
    const lines = play((out) => createNdjsonRenderer({ out }), serviceMessages).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual(serviceMessages);
    expect(lines.filter((line) => line.quiet).map((line) => line.type)).toEqual(['added', 'event']);
  });
});
