import { describe, expect, it } from 'vitest';
import { compileJsonPath } from './json-path.js';

const application = {
  status: {
    health: { status: 'Healthy' },
    sync: { status: 'Synced', revision: 'a1b2c3' },
    conditions: [
      { type: 'Reconciling', status: 'False' },
      { type: 'Ready', status: 'True', reason: 'Succeeded' },
    ],
    replicas: [3, 5],
    'app.kubernetes.io/name': 'web',
  },
};

describe('compileJsonPath', () => {
  it('reads nested fields', () => {
    expect(compileJsonPath('$.status.health.status').read(application)).toEqual(['Healthy']);
  });

  it('filters a list by a field, with either quote style', () => {
    expect(compileJsonPath('$.status.conditions[?(@.type=="Ready")].status').read(application)).toEqual(['True']);
    expect(compileJsonPath("$.status.conditions[?(@.type == 'Ready')].reason").read(application)).toEqual(['Succeeded']);
    expect(compileJsonPath('$.status.conditions[?(@.type!="Ready")].type').read(application)).toEqual(['Reconciling']);
  });

  it('indexes, wildcards and quoted names', () => {
    expect(compileJsonPath('$.status.replicas[1]').read(application)).toEqual([5]);
    expect(compileJsonPath('$.status.replicas[-1]').read(application)).toEqual([5]);
    expect(compileJsonPath('$.status.conditions[*].type').read(application)).toEqual(['Reconciling', 'Ready']);
    expect(compileJsonPath("$.status['app.kubernetes.io/name']").read(application)).toEqual(['web']);
  });

  it('accepts kubectl-style paths', () => {
    expect(compileJsonPath('{.status.sync.status}').read(application)).toEqual(['Synced']);
    expect(compileJsonPath('.status.sync.status').read(application)).toEqual(['Synced']);
  });

  it('reaches nothing where the document has nothing', () => {
    expect(compileJsonPath('$.status.missing.deeper').read(application)).toEqual([]);
    expect(compileJsonPath('$.status.conditions[?(@.type=="Stalled")].status').read(application)).toEqual([]);
    expect(compileJsonPath('$.status.health.status').read(undefined)).toEqual([]);
  });

  it('rejects what it does not support, saying where', () => {
    expect(() => compileJsonPath('status.phase')).toThrow('must start with "$"');
    expect(() => compileJsonPath('$.status[?(@.a > 1)]')).toThrow(/unsupported selector/);
    expect(() => compileJsonPath('$.status[0')).toThrow(/unclosed/);
    expect(() => compileJsonPath('$..status')).toThrow(/field name/);
  });
});
