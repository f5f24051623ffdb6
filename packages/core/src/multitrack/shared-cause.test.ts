import { describe, expect, it } from 'vitest';
import type { Failure } from '../plugin.js';
import { sharedCauseSuffix } from './shared-cause.js';

const pull = (pod: string, image = 'api:v2'): Failure => ({
  id: `${pod}/image`,
  code: 'invalid-config',
  object: `Pod/${pod}`,
  container: 'api',
  message: `pod/${pod}: container "api": image "${image}" not found (ErrImagePull)`,
});

describe('sharedCauseSuffix', () => {
  it('counts the objects that fail for the same reason, once each', () => {
    const failures = [pull('api-1'), pull('api-2'), pull('api-2'), pull('api-3')];
    expect(sharedCauseSuffix(failures[0]!, failures)).toBe(' — 3 pods');
  });

  it('says nothing for a cause of one, or for different causes', () => {
    expect(sharedCauseSuffix(pull('api-1'), [pull('api-1')])).toBe('');
    expect(sharedCauseSuffix(pull('api-1'), [pull('api-1'), pull('api-2', 'api:v3')])).toBe('');
    expect(sharedCauseSuffix(pull('api-1'), [pull('api-1'), { ...pull('api-2'), code: 'process-crashing' }])).toBe('');
  });
});
