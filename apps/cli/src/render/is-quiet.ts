import type { TrackMessage } from '@kubetrack/core';

/** A routine message (added, a Normal event) the resource's showServiceMessages leaves out of human output. */
export function isQuiet(message: TrackMessage): boolean {
  return (message.type === 'added' || message.type === 'event') && message.quiet === true;
}
