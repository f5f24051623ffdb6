import { createPluginRegistry } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { coreKinds } from './core-kinds-plugin.js';

describe('coreKinds()', () => {
  it('answers to the names users type', () => {
    const registry = createPluginRegistry([coreKinds()]);
    for (const [name, kind] of [['svc', 'Service'], ['ing', 'Ingress'], ['pvc', 'PersistentVolumeClaim'], ['hpa', 'HorizontalPodAutoscaler'], ['pdb', 'PodDisruptionBudget'], ['crd', 'CustomResourceDefinition'], ['apiservice', 'APIService']]) {
      expect(registry.resolveKind(name!)).toMatchObject({ kind });
    }
  });

  it("watches a Service's EndpointSlices by the controller's service-name label", () => {
    const children = coreKinds().children?.({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' } } });
    expect(children).toEqual([{ key: 'endpointSlices', kind: expect.objectContaining({ kind: 'EndpointSlice' }), selector: { matchLabels: { 'kubernetes.io/service-name': 'web' } } }]);
  });

  it('watches StorageClasses only while a claim with a class is Pending', () => {
    const claim = (phase: string) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { storageClassName: 'local' }, status: { phase } });
    expect(coreKinds().children?.(claim('Pending'))).toEqual([{ key: 'storageClasses', kind: expect.objectContaining({ kind: 'StorageClass', namespaced: false }) }]);
    expect(coreKinds().children?.(claim('Bound'))).toEqual([]);
  });
});
