import type { Verdict } from '@kubetrack/core';
import { describeCondition, findCondition, objectConditions } from '@kubetrack/conditions';
import { API_SERVICE } from '../core-kinds.js';
import { nameOf, type KindRule } from '../kind-rule.js';

/**
 * Available=True is ready (Argo CD's rule). Available=False stays progressing with the reason
 * (MissingEndpoints, ServiceNotFound, FailedDiscoveryCheck): the aggregator re-checks as the
 * backing Service's pods come up, which is what a release installing both waits for.
 */
export const apiServiceRule: KindRule = {
  kind: API_SERVICE,
  evaluate(object): Verdict {
    const name = nameOf(API_SERVICE, object);
    const available = findCondition(objectConditions(object), 'Available');
    if (available?.status === 'True') return { state: 'ready', message: `${name} is available` };
    const waitingFor = [available ? describeCondition(available) : 'Available=True'];
    return { state: 'progressing', message: `${name}: waiting for ${waitingFor[0]}`, waitingFor };
  },
};
