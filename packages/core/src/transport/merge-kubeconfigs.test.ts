import { describe, expect, it } from 'vitest';
import type { Kubeconfig } from './kubeconfig-file.js';
import { mergeKubeconfigs } from './merge-kubeconfigs.js';

function config(tag: string, names: string[], currentContext?: string): Kubeconfig {
  return {
    clusters: names.map((name) => ({ name, server: `https://${tag}`, skipTLSVerify: false })),
    users: names.map((name) => ({ name, token: tag })),
    contexts: names.map((name) => ({ name, cluster: name, namespace: tag })),
    ...(currentContext === undefined ? {} : { currentContext }),
  };
}

describe('mergeKubeconfigs', () => {
  it('keeps the first definition of every cluster, user and context name, in order', () => {
    const merged = mergeKubeconfigs([config('one', ['a', 'b']), config('two', ['b', 'c'])]);
    expect(merged.clusters.map((c) => [c.name, c.server])).toEqual([
      ['a', 'https://one'],
      ['b', 'https://one'],
      ['c', 'https://two'],
    ]);
    expect(merged.users.map((u) => [u.name, u.token])).toEqual([
      ['a', 'one'],
      ['b', 'one'],
      ['c', 'two'],
    ]);
    expect(merged.contexts.map((c) => [c.name, c.namespace])).toEqual([
      ['a', 'one'],
      ['b', 'one'],
      ['c', 'two'],
    ]);
  });

  it('takes the first non-empty current-context', () => {
    expect(mergeKubeconfigs([config('one', ['a']), config('two', ['b'], 'b'), config('three', ['c'], 'c')]).currentContext).toBe('b');
    expect(mergeKubeconfigs([config('one', ['a'])]).currentContext).toBeUndefined();
  });
});
