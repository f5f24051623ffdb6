import { createPluginRegistry } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { flaggerCanary } from './flagger-canary.js';

describe('flaggerCanary', () => {
  it('answers to the names users type for a Canary', () => {
    const registry = createPluginRegistry([flaggerCanary()]);
    for (const name of ['canary', 'canaries', 'Canary', 'canary.flagger.app']) {
      expect(registry.resolveKind(name)).toMatchObject({ group: 'flagger.app', version: 'v1beta1', plural: 'canaries' });
    }
    expect(registry.pluginFor({ group: 'flagger.app', kind: 'Canary' })?.name).toBe('@kubetrack/flagger-canary');
  });
});
