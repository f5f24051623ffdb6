import type { TrackSpec } from '../track-spec.js';

/** A resource the run waits for (WaitUntilResourceReady); NonBlocking ones never hold it open. */
export function isBlocking(tracker: { readonly spec: Pick<TrackSpec, 'trackTerminationMode'> }): boolean {
  return tracker.spec.trackTerminationMode === 'WaitUntilResourceReady';
}
