import type { PodSummary } from '../plugin.js';
import type { Timeline, TimelineRow, TimelineState } from '../report.js';
import { getOrCreate } from '../get-or-create.js';
import { formatResourceId } from '../resource-id.js';
import type { TrackMessage } from '../track-message.js';

interface OpenRow {
  row: TimelineRow;
  /** Pods: the restart count last seen. */
  restarts: number;
  /** Resources: the object has been seen. */
  seen: boolean;
}

/**
 * Builds the rollout timeline from the messages a run emits, so it shows what kubetrack saw and
 * when: one row per resource (progressing → ready/failed) and one per pod (scheduling, creating,
 * pulling, running, ready, failed, completed, terminating, deleted), Warning events as marks.
 * Times are milliseconds from the start of the run.
 */
export class TimelineRecorder {
  private readonly resources = new Map<string, OpenRow>();
  /** Open pod rows by resource, then pod name: a status message touches its own resource's pods only. */
  private readonly pods = new Map<string, Map<string, OpenRow>>();
  /** Pod rows that ended (the pod was deleted), by resource, kept for the picture. */
  private readonly retiredPods = new Map<string, TimelineRow[]>();

  constructor(private readonly startedAt: number) {}

  observe(message: TrackMessage): void {
    // Log lines are the hot path and draw nothing: leave before any parsing.
    if (message.type === 'log' || !('resource' in message)) return;
    const at = Math.max(0, Date.parse(message.time) - this.startedAt);
    const resource = formatResourceId(message.resource);
    const owner = this.resourceRow(resource, message.resource.name, at);
    switch (message.type) {
      case 'status': {
        // Before `added` the object does not exist yet: its row stays absent.
        if (owner.seen) this.enter(owner.row, message.state === 'failed' ? 'failed' : message.state === 'ready' ? 'ready' : 'progressing', at);
        const seen = new Set<string>();
        for (const pod of message.pods) {
          seen.add(pod.name);
          this.podUpdate(resource, pod, at);
        }
        const open = this.pods.get(resource);
        if (open) {
          for (const [name, pod] of open) {
            if (seen.has(name)) continue;
            this.enter(pod.row, 'deleted', at);
            open.delete(name);
          }
        }
        break;
      }
      case 'added':
        owner.seen = true;
        this.enter(owner.row, 'progressing', at);
        break;
      case 'event':
        if (message.event.type !== 'Warning') break;
        (this.podRowFor(resource, message.event.object)?.row ?? owner.row).marks.push({
          atMs: at,
          reason: message.event.reason,
          message: message.event.message,
        });
        break;
      case 'ready':
        this.enter(owner.row, 'ready', at);
        break;
      case 'failed':
        this.enter(owner.row, 'failed', at);
        owner.row.verdict = message.code;
        break;
      default:
        break;
    }
  }

  build(endedAt: number): Timeline {
    const durationMs = Math.max(0, endedAt - this.startedAt);
    const rows: TimelineRow[] = [];
    for (const { row } of this.resources.values()) {
      rows.push(close(row, durationMs));
      for (const pod of this.allPodRows(row.resource)) rows.push(close(pod, durationMs));
    }
    return { startedAt: new Date(this.startedAt).toISOString(), durationMs, rows };
  }

  private allPodRows(resource: string): TimelineRow[] {
    const open = [...(this.pods.get(resource)?.values() ?? [])].map((pod) => pod.row);
    return [...(this.retiredPods.get(resource) ?? []), ...open].sort((a, b) => (a.segments[0]?.startMs ?? 0) - (b.segments[0]?.startMs ?? 0));
  }

  private resourceRow(resource: string, name: string, at: number): OpenRow {
    let open = this.resources.get(resource);
    if (!open) {
      open = { row: { kind: 'resource', name, resource, segments: [{ state: 'absent', startMs: at, endMs: at }], marks: [] }, restarts: 0, seen: false };
      this.resources.set(resource, open);
    }
    return open;
  }

  private podUpdate(resource: string, pod: PodSummary, at: number): void {
    const pods = getOrCreate(this.pods, resource, () => new Map<string, OpenRow>());
    let open = pods.get(pod.name);
    if (!open) {
      open = { row: { kind: 'pod', name: pod.name, resource, segments: [], marks: [] }, restarts: pod.restarts, seen: true };
      pods.set(pod.name, open);
    }
    if (pod.restarts > open.restarts) {
      open.row.marks.push({ atMs: at, reason: 'Restarted', message: `restarts: ${pod.restarts}` });
      open.restarts = pod.restarts;
    }
    this.enter(open.row, pod.stage ?? 'running', at);
  }

  /**
   * The row of a pod the plugin listed in the resource's status, by the name in the event's
   * "Kind/name": the rows are pods by the plugin's word, so core need not know the pod kind. The
   * other objects a resource's events are about (itself, its ReplicaSets) are named differently.
   */
  private podRowFor(resource: string, object: string): OpenRow | undefined {
    return this.pods.get(resource)?.get(object.slice(object.indexOf('/') + 1));
  }

  private enter(row: TimelineRow, state: TimelineState, at: number): void {
    const last = row.segments.at(-1);
    if (last?.state === state) return;
    if (last) last.endMs = at;
    row.segments.push({ state, startMs: at, endMs: at });
    if (state === 'deleted') getOrCreate(this.retiredPods, row.resource, () => []).push(row);
  }
}

function close(row: TimelineRow, durationMs: number): TimelineRow {
  const segments = row.segments.filter((segment, index) => index === row.segments.length - 1 || segment.endMs > segment.startMs);
  const last = segments.at(-1);
  if (last && last.state !== 'deleted') last.endMs = Math.max(last.endMs, durationMs);
  return { ...row, segments };
}
