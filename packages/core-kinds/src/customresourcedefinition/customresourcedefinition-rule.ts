import type { Verdict } from '@kubetrack/core';
import { describeCondition, findCondition, objectConditions } from '@kubetrack/conditions';
import { CUSTOM_RESOURCE_DEFINITION } from '../core-kinds.js';
import { nameOf, type KindRule } from '../kind-rule.js';

/**
 * kstatus's rule: Established=True is ready; NamesAccepted=False is failed, since names that
 * clash with another CRD's stay refused until someone changes one of them (the naming
 * controller writes it: apiextensions-apiserver pkg/controller/status/naming_controller.go).
 */
export const customResourceDefinitionRule: KindRule = {
  kind: CUSTOM_RESOURCE_DEFINITION,
  evaluate(object): Verdict {
    const name = nameOf(CUSTOM_RESOURCE_DEFINITION, object);
    const conditions = objectConditions(object);
    const names = findCondition(conditions, 'NamesAccepted');
    if (names?.status === 'False') return { state: 'failed', code: 'failed', message: `${name}: ${describeCondition(names)}` };
    const established = findCondition(conditions, 'Established');
    if (established?.status === 'True') return { state: 'ready', message: `${name} is established` };
    const waitingFor = [established ? describeCondition(established) : 'Established=True'];
    return { state: 'progressing', message: `${name}: waiting for ${waitingFor[0]}`, waitingFor };
  },
};
