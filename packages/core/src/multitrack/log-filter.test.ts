import { describe, expect, it } from 'vitest';
import type { LogSource } from '../plugin.js';
import { LogFilter } from './log-filter.js';

const spec = { showLogsOnlyForContainers: [] as string[], skipLogsForContainers: [] as string[] };
const source = (container: string): LogSource => ({ pod: 'p', podUid: 'u', container, restartCount: 0, started: true, terminated: false });

describe('LogFilter', () => {
  it('follows the containers shown-only, minus the skipped ones', () => {
    const all = ['app', 'sidecar', 'init'].map(source);
    expect(new LogFilter(spec).sources(all).map((s) => s.container)).toEqual(['app', 'sidecar', 'init']);
    expect(new LogFilter({ ...spec, showLogsOnlyForContainers: ['app', 'init'], skipLogsForContainers: ['init'] }).sources(all).map((s) => s.container)).toEqual(['app']);
  });

  it("shows lines by the container's own regex before the resource's", () => {
    const filter = new LogFilter({ ...spec, logRegex: 'listening', logRegexByContainerName: { sidecar: '^proxy' } });
    expect(filter.shows('app', 'server listening on :8080')).toBe(true);
    expect(filter.shows('app', 'proxy up')).toBe(false);
    expect(filter.shows('sidecar', 'proxy up')).toBe(true);
    expect(filter.shows('sidecar', 'server listening on :8080')).toBe(false);
    expect(new LogFilter(spec).shows('app', 'anything')).toBe(true);
  });
});
