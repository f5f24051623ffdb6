import { describe, expect, it } from 'vitest';
import { analysisIntervalMs } from './analysis-interval.js';
import type { Canary } from './canary-types.js';

const canary = (spec: Canary['spec']): Canary => ({ metadata: { name: 'podinfo' }, spec });

describe('analysisIntervalMs', () => {
  it('reads the interval as Flagger does', () => {
    expect(analysisIntervalMs(canary({ analysis: { interval: '30s' } }))).toBe(30_000);
    expect(analysisIntervalMs(canary({ canaryAnalysis: { interval: '2m' } }))).toBe(120_000);
  });

  it("uses Flagger's 60s default when unset or unreadable, and its 10s floor", () => {
    expect(analysisIntervalMs(canary({}))).toBe(60_000);
    expect(analysisIntervalMs(canary({ analysis: { interval: 'soon' } }))).toBe(60_000);
    expect(analysisIntervalMs(canary({ analysis: { interval: '5s' } }))).toBe(10_000);
  });
});
