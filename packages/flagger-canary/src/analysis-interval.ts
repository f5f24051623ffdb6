import type { Canary } from './canary-types.js';
import { parseGoDuration } from './go-duration.js';

const DEFAULT_INTERVAL_MS = 60_000;
const MIN_INTERVAL_MS = 10_000;

/** How often Flagger looks at this Canary: its analysis interval, read as Flagger reads it. */
export function analysisIntervalMs(canary: Canary): number {
  const text = canary.spec?.analysis?.interval ?? canary.spec?.canaryAnalysis?.interval;
  const interval = text ? parseGoDuration(text) : undefined;
  if (interval === undefined) return DEFAULT_INTERVAL_MS;
  return Math.max(interval, MIN_INTERVAL_MS);
}
