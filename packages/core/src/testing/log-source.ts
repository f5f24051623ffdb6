import type { LogSource } from '../plugin.js';

/** A running container `app` of `pod`, as a plugin lists it; tests override what they are about. */
export function logSource(pod: string, over: Partial<LogSource> = {}): LogSource {
  return { pod, podUid: `uid-${pod}`, container: 'app', restartCount: 0, started: true, terminated: false, ...over };
}
