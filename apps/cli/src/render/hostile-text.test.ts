import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report, TrackMessage } from '@kubetrack/core';
import { fakeCluster, memoryIo } from '../main-harness.fixture.js';
import { main } from '../main.js';
import { scriptedRun, web } from './scripted-messages.fixture.js';

const OSC52 = '\u001b]52;c;cm0gLXJmIH4=\u0007';
const hostileLines = [`clipboard ${OSC52}`, '::add-mask::kubetrack', 'ok\r::stop-commands::pwned', '##[error]old form', '```', '   ::set-output name=x::y'];
const hostileEvent = { uid: 'e9', type: 'Warning', reason: 'Bad\u001b[2J', message: 'fine\n::error::forged annotation', object: 'Pod/web-6f7c9d8b5-x2k4q', count: 1 };

/** The scripted run with pod output and events an attacker controls. */
function hostileRun(): TrackMessage[] {
  const done = scriptedRun.at(-1) as Extract<TrackMessage, { type: 'done' }>;
  const [failedWeb, ...others] = done.report.resources;
  const report: Report = {
    ...done.report,
    resources: [{ ...failedWeb!, events: [hostileEvent], logTail: [{ pod: 'web-6f7c9d8b5-x2k4q', container: 'app', previous: false, lines: hostileLines }] }, ...others],
  };
  return [
    ...scriptedRun.slice(0, -1),
    ...hostileLines.map((line): TrackMessage => ({ type: 'log', time: done.time, resource: web, pod: 'web-6f7c9d8b5-x2k4q', container: 'app', line })),
    { type: 'event', time: done.time, resource: web, event: hostileEvent },
    { ...done, report },
  ];
}

/** Lines as the Actions runner splits them (it breaks on \r too) and trims them. */
const runnerLines = (text: string) => text.split(/\r\n|\r|\n/).map((line) => line.trimStart());

describe('text from the cluster is shown, never interpreted', () => {
  it('in GitHub Actions no pod or event text becomes a workflow command; only kubetrack annotates', async () => {
    const summary = path.join(await mkdtemp(path.join(tmpdir(), 'kubetrack-hostile-')), 'summary.md');
    const { io, out } = memoryIo({ env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(await main(['track', 'deploy/web', '-o', 'plain'], io, fakeCluster(hostileRun()))).toBe(1);
    const commands = runnerLines(out.stdout + out.stderr).filter((line) => line.startsWith('::'));
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^::error title=kubetrack%3A deploy\/web process-crashing::/);
    expect(out.stdout + out.stderr).not.toContain('##[');
    // Still readable: the neutralised text is there, escaped.
    expect(out.stdout).toContain('        \\u003a:add-mask::kubetrack');
    expect(out.stdout).toContain('ok\\r::stop-commands::pwned');
    expect(out.stdout).toContain('fine\\n::error::forged annotation');

    const markdown = await readFile(summary, 'utf8');
    const fence = /^`{3,}$/gm;
    const fences = markdown.match(fence) ?? [];
    expect(fences).toEqual(['````', '```', '````']);
  });

  it('plain output shows escape sequences as \\u001b: no clipboard write, no screen clear, no bell', async () => {
    const { io, out } = memoryIo();
    expect(await main(['track', 'deploy/web', '-o', 'plain'], io, fakeCluster(hostileRun()))).toBe(1);
    expect(out.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out.stdout).toContain('[web-x2k4q/app] clipboard \\u001b]52;c;cm0gLXJmIH4=\\u0007');
    expect(out.stdout).toContain('event Warning Bad\\u001b[2J');
  });

  it('tty output keeps its own colours but none of the pod\'s sequences', async () => {
    const { io, out } = memoryIo();
    io.stdout.isTTY = true;
    expect(await main(['track', 'deploy/web', '-o', 'tty'], io, fakeCluster(hostileRun()))).toBe(1);
    expect(out.stdout).toContain('\u001b[');
    expect(out.stdout).not.toContain('\u001b]52');
    expect(out.stdout).not.toContain('\u0007');
    expect(out.stdout).not.toContain('\u001b[2J');
    expect(out.stdout).toContain('\\u001b]52;c;');
  });

  it('json output keeps the exact text, and still carries no ##[ command inside GitHub Actions', async () => {
    const { io, out } = memoryIo({ env: { GITHUB_ACTIONS: 'true' } });
    expect(await main(['track', 'deploy/web', '-o', 'json'], io, fakeCluster(hostileRun()))).toBe(1);
    expect(out.stdout).not.toContain('##[');
    const report = JSON.parse(out.stdout) as Report;
    expect(report.resources[0]!.logTail[0]!.lines).toEqual(hostileLines);
    expect(report.resources[0]!.events[0]).toMatchObject({ reason: hostileEvent.reason, message: hostileEvent.message });
  });

  it('ndjson lines parse back to the exact log lines', async () => {
    const { io, out } = memoryIo({ env: { GITHUB_ACTIONS: 'true' } });
    await main(['track', 'deploy/web', '-o', 'ndjson'], io, fakeCluster(hostileRun()));
    const lines = out.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type?: string; line?: string });
    expect(lines.filter((message) => message.type === 'log' && hostileLines.includes(message.line!)).map((message) => message.line)).toEqual(hostileLines);
  });
});
