import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube-object.js';
import type { ChildQuery } from '../plugin.js';
import type { ResourceKind } from '../resource-kind.js';
import { FakeInformer } from '../testing/fake-watch-cache.js';
import { ChildSet } from './child-set.js';
import { InformerRouter } from './informer-router.js';

const POD: ResourceKind = { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };
const pod = (name: string, app: string): KubeObject => ({ metadata: { name, namespace: 'ns', uid: `uid-${name}`, labels: { app } } });
const query = (app: string): ChildQuery => ({ key: 'pods', kind: POD, selector: { matchLabels: { app } } });
const names = (set: ChildSet) => (set.snapshot().pods ?? []).map((p) => p.metadata.name);

function setup(synced: boolean) {
  const informer = new FakeInformer(POD, 'ns');
  if (synced) {
    informer.sync();
    informer.put(pod('web-1', 'web'));
    informer.put(pod('api-1', 'api'));
  }
  const router = new InformerRouter(informer);
  const log: string[] = [];
  const set = new ChildSet({
    routerFor: () => router,
    onChange: (activity) => log.push(activity ? 'change' : 'synced'),
    onAppear: (child) => log.push(`appear ${child.metadata.name}`),
    onDrop: (child) => log.push(`drop ${child.metadata.name}`),
  });
  return { informer, set, log };
}

describe('ChildSet', () => {
  it("is not synced until the children's first LIST is in", () => {
    const { informer, set, log } = setup(false);
    set.sync([query('web')]);
    expect(set.synced).toBe(false);
    informer.sync();
    expect(set.synced).toBe(true);
    informer.put(pod('web-1', 'web'));
    expect(names(set)).toEqual(['web-1']);
    expect(log).toEqual(['synced', 'appear web-1', 'change']);
  });

  it('finds the children already listed, follows additions and deletions, and tells first sightings once', () => {
    const { informer, set, log } = setup(true);
    set.sync([query('web')]);
    expect(set.synced).toBe(true);
    informer.put(pod('web-2', 'web'));
    informer.put({ ...pod('web-2', 'web'), status: { phase: 'Running' } });
    informer.remove('web-1');
    expect(names(set)).toEqual(['web-2']);
    expect(log.filter((entry) => entry !== 'synced')).toEqual(['appear web-1', 'change', 'appear web-2', 'change', 'change', 'change']);
  });

  it('replaces a watch whose query changed and drops its children; none once the object is gone', () => {
    const { set, log } = setup(true);
    const sightings = () => log.filter((entry) => entry.startsWith('appear') || entry.startsWith('drop'));
    set.sync([query('web')]);
    set.sync([query('web')]);
    expect(sightings()).toEqual(['appear web-1']);
    set.sync([query('api')]);
    expect(names(set)).toEqual(['api-1']);
    set.sync([]);
    expect(set.snapshot()).toEqual({});
    expect(sightings()).toEqual(['appear web-1', 'drop web-1', 'appear api-1', 'drop api-1']);
  });
});
