import type { KubeEvent } from '../kube-object.js';
import type { Verdict } from '../plugin.js';
import type { ResourceId } from '../resource-id.js';
import type { TrackSpec } from '../track-spec.js';
import type { ContainerRef } from './explaining-containers.js';
import type { LogTailSnapshot } from './resource-logs.js';
import type { TrackerOutcome } from './tracker-outcome.js';

/** What a tracker knows at the end of the run: everything the report is built from. */
export interface TrackerSnapshot {
  spec: TrackSpec;
  resource: ResourceId;
  /** "deploy/web" */
  shortName: string;
  /** The final outcome; undefined when the run ended before the resource settled. */
  outcome: TrackerOutcome | undefined;
  verdict: Verdict | undefined;
  /** The events kept about the object and its children, oldest first. */
  events: readonly KubeEvent[];
  /** The containers that explain the outcome (`explainingContainers`), with their last lines. */
  logs: readonly (ContainerRef & { tail: LogTailSnapshot })[];
}
