import type { KubeObject, Verdict } from '@kubetrack/core';
import { ENDPOINT_SLICE, SERVICE } from '../core-kinds.js';
import { nameOf, type KindRule } from '../kind-rule.js';
import { loadBalancerAddresses } from '../load-balancer-addresses.js';

interface Service extends KubeObject {
  spec?: { type?: string; selector?: Record<string, string>; externalName?: string };
}

interface EndpointSlice extends KubeObject {
  endpoints?: { conditions?: { ready?: boolean | null } }[] | null;
}

/**
 * A LoadBalancer is ready once its controller published an address (kstatus, Pulumi, Argo CD).
 * A Service with a selector also waits for one ready endpoint, as Pulumi does: a selector that
 * matches no ready pod is the typo that otherwise passes, and the Service's pods are what a
 * user deploys it for. ExternalName and selector-less Services (endpoints managed by hand)
 * are ready once they exist.
 */
export const serviceRule: KindRule = {
  kind: SERVICE,
  children(object) {
    const service = object as Service;
    if (!needsEndpoints(service)) return [];
    // The endpointslice controller labels every slice it writes for the Service with its name.
    return [{ key: 'endpointSlices', kind: ENDPOINT_SLICE, selector: { matchLabels: { 'kubernetes.io/service-name': service.metadata.name ?? '' } } }];
  },
  evaluate(object, snapshot): Verdict {
    const service = object as Service;
    const name = nameOf(SERVICE, service);
    const type = service.spec?.type ?? 'ClusterIP';

    const waitingFor: string[] = [];
    const progress: Record<string, string | number> = { type };
    if (type === 'LoadBalancer') {
      const addresses = loadBalancerAddresses(service);
      if (addresses.length) progress['address'] = addresses.join(',');
      else waitingFor.push('a load balancer address (status.loadBalancer.ingress)');
    }
    if (needsEndpoints(service)) {
      const ready = readyEndpoints(snapshot.children['endpointSlices'] ?? []);
      progress['readyEndpoints'] = ready;
      if (ready === 0) waitingFor.push(`a ready endpoint (selector ${selectorText(service.spec?.selector ?? {})})`);
    }
    if (waitingFor.length) return { state: 'progressing', message: `${name}: waiting for ${waitingFor.join(' and ')}`, waitingFor, progress };
    const address = progress['address'] ? ` at ${progress['address']}` : '';
    const endpoints = progress['readyEndpoints'] === undefined ? '' : `, ${progress['readyEndpoints']} ready endpoint(s)`;
    return { state: 'ready', message: `${name} (${type}) is ready${address}${endpoints}`, progress };
  },
};

function needsEndpoints(service: Service): boolean {
  return service.spec?.type !== 'ExternalName' && Object.keys(service.spec?.selector ?? {}).length > 0;
}

/** EndpointConditions.ready: nil means ready (discovery.k8s.io/v1 API doc). */
function readyEndpoints(slices: readonly KubeObject[]): number {
  let ready = 0;
  for (const slice of slices as EndpointSlice[]) {
    for (const endpoint of slice.endpoints ?? []) if (endpoint.conditions?.ready !== false) ready++;
  }
  return ready;
}

function selectorText(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}
