import type { Verdict } from '@kubetrack/core';
import { POD_DISRUPTION_BUDGET } from '../core-kinds.js';
import { nameOf, type KindRule } from '../kind-rule.js';

/**
 * kstatus's rule: ready once the disruption controller observed the current generation. A
 * budget that allows no disruption now is still in place, so disruptionsAllowed only informs.
 */
export const podDisruptionBudgetRule: KindRule = {
  kind: POD_DISRUPTION_BUDGET,
  evaluate(object): Verdict {
    const name = nameOf(POD_DISRUPTION_BUDGET, object);
    const status = object.status as { observedGeneration?: number; currentHealthy?: number; desiredHealthy?: number; disruptionsAllowed?: number } | undefined;
    const progress = { healthy: `${status?.currentHealthy ?? 0}/${status?.desiredHealthy ?? 0}`, disruptionsAllowed: status?.disruptionsAllowed ?? 0 };
    const generation = object.metadata.generation ?? 0;
    if ((status?.observedGeneration ?? 0) < generation) {
      const waitingFor = [`the disruption controller to observe generation ${generation}`];
      return { state: 'progressing', message: `${name}: waiting for ${waitingFor[0]}`, waitingFor, progress };
    }
    return { state: 'ready', message: `${name} is in effect: ${progress.healthy} healthy, ${progress.disruptionsAllowed} disruption(s) allowed`, progress };
  },
};
