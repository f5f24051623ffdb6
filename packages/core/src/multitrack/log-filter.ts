import { compileLogRegex, type LogRegex } from '../log-regex.js';
import type { LogSource } from '../plugin.js';
import type { TrackSpec } from '../track-spec.js';

/**
 * A spec's log options, compiled once: which containers are followed at all
 * (`showLogsOnlyForContainers`, `skipLogsForContainers`) and which of their lines are shown
 * (`logRegexByContainerName` before `logRegex`).
 */
export class LogFilter {
  private readonly regex: LogRegex | undefined;
  private readonly regexByContainer: Map<string, LogRegex>;
  private readonly only: readonly string[];
  private readonly skip: readonly string[];

  constructor(spec: Pick<TrackSpec, 'logRegex' | 'logRegexByContainerName' | 'showLogsOnlyForContainers' | 'skipLogsForContainers'>) {
    this.regex = spec.logRegex ? compileLogRegex(spec.logRegex) : undefined;
    this.regexByContainer = new Map(Object.entries(spec.logRegexByContainerName ?? {}).map(([c, r]) => [c, compileLogRegex(r)]));
    this.only = spec.showLogsOnlyForContainers;
    this.skip = spec.skipLogsForContainers;
  }

  /** The sources whose containers the spec lets through. */
  sources(sources: readonly LogSource[]): LogSource[] {
    return sources.filter((s) => (this.only.length === 0 || this.only.includes(s.container)) && !this.skip.includes(s.container));
  }

  shows(container: string, line: string): boolean {
    const regex = this.regexByContainer.get(container) ?? this.regex;
    return !regex || regex.test(line);
  }
}
