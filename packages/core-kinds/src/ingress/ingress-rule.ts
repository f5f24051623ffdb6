import type { KubeObject, Verdict } from '@kubetrack/core';
import { INGRESS } from '../core-kinds.js';
import { nameOf, type KindRule } from '../kind-rule.js';

interface Ingress extends KubeObject {
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/**
 * Ready once the ingress controller published an address (Pulumi, Argo CD). Controllers that
 * do not publish one (see README: kinds) leave it progressing; track such Ingresses NonBlocking.
 */
export const ingressRule: KindRule = {
  kind: INGRESS,
  evaluate(object): Verdict {
    const ingress = object as Ingress;
    const name = nameOf(INGRESS, ingress);
    if (ingress.metadata.deletionTimestamp) return { state: 'progressing', message: `${name} is being deleted`, waitingFor: ['deletion to finish'] };
    const addresses = (ingress.status?.loadBalancer?.ingress ?? []).map((entry) => entry.ip ?? entry.hostname).filter(Boolean);
    if (addresses.length === 0) {
      const waitingFor = ['an address from the ingress controller (status.loadBalancer.ingress)'];
      return { state: 'progressing', message: `${name}: waiting for ${waitingFor[0]}`, waitingFor };
    }
    return { state: 'ready', message: `${name} is ready at ${addresses.join(',')}`, progress: { address: addresses.join(',') } };
  },
};
