import type { Verdict } from '@kubetrack/core';
import { INGRESS } from '../core-kinds.js';
import { nameOf, type KindRule } from '../kind-rule.js';
import { loadBalancerAddresses } from '../load-balancer-addresses.js';

/**
 * Ready once the ingress controller published an address (Pulumi, Argo CD). Controllers that
 * do not publish one (see README: kinds) leave it progressing; track such Ingresses NonBlocking.
 */
export const ingressRule: KindRule = {
  kind: INGRESS,
  evaluate(object): Verdict {
    const ingress = object;
    const name = nameOf(INGRESS, ingress);
    const addresses = loadBalancerAddresses(ingress);
    if (addresses.length === 0) {
      const waitingFor = ['an address from the ingress controller (status.loadBalancer.ingress)'];
      return { state: 'progressing', message: `${name}: waiting for ${waitingFor[0]}`, waitingFor };
    }
    return { state: 'ready', message: `${name} is ready at ${addresses.join(',')}`, progress: { address: addresses.join(',') } };
  },
};
