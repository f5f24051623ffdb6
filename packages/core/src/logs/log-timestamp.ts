/**
 * A container runtime timestamp at full precision. RFC3339Nano drops trailing zeros
 * ("…:05.1Z" vs "…:05.123456789Z"), so strings do not compare; these do.
 */
export interface LogTimestamp {
  /** Whole seconds since the epoch. */
  seconds: number;
  /** 0..999_999_999 */
  nanos: number;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

export function isLogTimestamp(text: string): boolean {
  return RFC3339.test(text);
}

export function parseLogTimestamp(text: string): LogTimestamp | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, wholeSeconds, fraction, zone] = match;
  const millis = Date.parse(`${wholeSeconds}${zone === 'z' ? 'Z' : zone}`);
  if (Number.isNaN(millis)) return undefined;
  return { seconds: millis / 1000, nanos: fraction ? Number(fraction.padEnd(9, '0')) : 0 };
}

export function compareLogTimestamps(a: LogTimestamp, b: LogTimestamp): number {
  return a.seconds - b.seconds || a.nanos - b.nanos;
}

/**
 * The `sinceTime` query value for a timestamp: its whole second. The API server forwards
 * sinceTime to the kubelet at second precision anyway; rounding down ourselves makes the
 * server replay a little too much (which the client drops) rather than too little.
 */
export function sinceTimeParam(timestamp: LogTimestamp): string {
  return new Date(timestamp.seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}
