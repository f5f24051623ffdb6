import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createColors } from './colors.js';
import { createResourceNamer } from './resource-namer.js';
import { migrate, scriptedRun, serviceMessages, web } from './scripted-messages.fixture.js';
import { createTtyRenderer } from './tty-renderer.js';

const namer = createResourceNamer({ kinds: [], showNamespace: false });

/** Replays what a terminal shows: cursor-up + erase-down rewinds the live area. */
function screen(chunks: readonly string[]): string[] {
  const lines: string[] = [];
  for (const chunk of chunks) {
    const rewind = /^\u001b\[(\d+)A\r\u001b\[J/.exec(chunk);
    if (rewind) lines.splice(lines.length - Number(rewind[1]));
    const body = rewind ? chunk.slice(rewind[0].length) : chunk;
    lines.push(...body.split('\n').slice(0, -1));
  }
  return lines;
}

function terminal(columns = 120) {
  const chunks: string[] = [];
  const renderer = createTtyRenderer({
    out: { write: (chunk) => chunks.push(chunk) },
    namer,
    colors: createColors(false),
    columns,
    rows: 40,
    now: () => Date.parse('2026-01-01T12:00:07Z'),
  });
  return { renderer, screen: () => screen(chunks) };
}

describe('tty renderer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('prints Normal events only for resources that asked for service messages', () => {
    const { renderer, screen } = terminal();
    for (const message of serviceMessages) renderer.render(message);
    renderer.close();
    const events = screen().filter((line) => line.includes(' event '));
    expect(events).toEqual([
      'job/migrate: event Normal Started pod/migrate-x7k2p: Started container migrate',
      'deployment/web: event Warning BackOff pod/web-6f7c9d8b5-x2k4q: Back-off restarting failed container app',
    ]);
  });

  it('redraws a live table of what is still in progress below the logs and events', () => {
    const { renderer, screen } = terminal();
    for (const message of scriptedRun.slice(0, 8)) renderer.render(message);
    vi.advanceTimersByTime(100);
    expect(screen()).toEqual([
      '[migrate-x7k2p/migrate] applying 3 migrations',
      '[web-x2k4q/app] panic: simulated crash',
      'deployment/web: event Warning BackOff pod/web-6f7c9d8b5-x2k4q: Back-off restarting failed container app (x3)',
      '✓ job/migrate: ready: job completed (1/1 succeeded)',
      'DEPLOYMENT      REPLICAS  AVAILABLE  UP-TO-DATE  STATE',
      'deployment/web  2/2       0/2        2/2         progressing',
      '  POD        READY  RESTARTS  STATUS',
      '  web-x2k4q  0/1    3         CrashLoopBackOff  error: exit code 2',
      '  waiting for: 2 more available replicas',
      'tracking 1 of 2 · 1 settled · 7s',
    ]);
    renderer.close();
  });

  it('takes a resource the status report says has settled out of the live table, an absent one stays in as absent', () => {
    const { renderer, screen } = terminal();
    const line = { message: 'm', waitingFor: [], progress: {}, pods: [] };
    renderer.render({
      type: 'status-report',
      time: '2026-01-01T12:00:05Z',
      resources: [
        { ...line, resource: web, outcome: 'timeout', state: 'progressing' },
        { ...line, resource: migrate, outcome: 'progressing', state: 'absent' },
      ],
    });
    vi.advanceTimersByTime(100);
    expect(screen()).toEqual(['JOB          STATE', 'job/migrate  absent', 'tracking 1 of 2 · 1 settled · 2s']);
    renderer.close();
  });

  it('replaces the live table with the summary at the end', () => {
    const { renderer, screen } = terminal();
    for (const message of scriptedRun) renderer.render(message);
    renderer.close();
    const shown = screen();
    expect(shown.some((line) => line.startsWith('DEPLOYMENT'))).toBe(false);
    expect(shown).toContain('✗ deployment/web: failed (process-crashing): container app of pod web-6f7c9d8b5-x2k4q keeps crashing');
    expect(shown.slice(-2)).toEqual(['        panic: simulated crash', '  ✓ job/migrate (5s)']);
  });

  it('cuts live lines to the terminal width so redraws never wrap', () => {
    const { renderer, screen } = terminal(30);
    for (const message of scriptedRun.slice(0, 7)) renderer.render(message);
    vi.advanceTimersByTime(100);
    const live = screen().slice(3);
    expect(live.every((line) => line.length <= 29)).toBe(true);
    expect(live[1]).toBe('deployment/web  2/2       0/…');
    renderer.close();
  });
});
