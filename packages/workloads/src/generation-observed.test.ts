import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubetrack/core';
import { generationObserved } from './generation-observed.js';

const object = (generation: number | undefined, status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', ...(generation === undefined ? {} : { generation }) },
  ...(status ? { status } : {}),
});

describe('generationObserved (the one generation check of every workload rule)', () => {
  it.each<[string, KubeObject, boolean]>([
    ['freshly created: generation set, no status', object(1), false],
    ['generation set, status without observedGeneration', object(1, { replicas: 0 }), false],
    ['an older generation observed', object(5, { observedGeneration: 4 }), false],
    ['the current generation observed', object(5, { observedGeneration: 5 }), true],
    ['no generation at all: nothing to check', object(undefined), true],
  ])('%s', (_, subject, expected) => {
    expect(generationObserved(subject)).toBe(expected);
  });
});
