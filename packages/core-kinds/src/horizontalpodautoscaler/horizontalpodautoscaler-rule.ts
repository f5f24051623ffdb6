import type { Verdict } from '@kubetrack/core';
import { describeCondition, findCondition, objectConditions } from '@kubetrack/conditions';
import { HORIZONTAL_POD_AUTOSCALER } from '../core-kinds.js';
import { nameOf, type KindRule } from '../kind-rule.js';

/**
 * Ready when the autoscaler can scale its target (AbleToScale=True) and computes replicas from
 * its metrics (ScalingActive=True), or scaling is off because the target has 0 replicas
 * (ScalingActive=False/ScalingDisabled). Anything else stays progressing with the controller's
 * reason: metrics of new pods arrive late, and a missing target may be created by the same
 * release, so nothing here is final. Condition types and reasons: kubernetes
 * pkg/controller/podautoscaler/horizontal.go.
 */
export const horizontalPodAutoscalerRule: KindRule = {
  kind: HORIZONTAL_POD_AUTOSCALER,
  evaluate(object): Verdict {
    const name = nameOf(HORIZONTAL_POD_AUTOSCALER, object);
    const conditions = objectConditions(object);
    const able = findCondition(conditions, 'AbleToScale');
    const active = findCondition(conditions, 'ScalingActive');
    const status = object.status as { currentReplicas?: number; desiredReplicas?: number } | undefined;
    const progress = { replicas: `${status?.currentReplicas ?? 0}/${status?.desiredReplicas ?? 0}` };
    const disabled = active?.status === 'False' && active.reason === 'ScalingDisabled';
    if (able?.status === 'True' && (active?.status === 'True' || disabled)) {
      return { state: 'ready', message: `${name} is ${disabled ? 'idle (its target has 0 replicas)' : 'scaling'}: ${progress.replicas} replicas`, progress };
    }
    const blocking = [able, active].find((condition) => condition && condition.status !== 'True');
    const waitingFor = [blocking ? describeCondition(blocking) : 'the autoscaler controller to report AbleToScale and ScalingActive'];
    return { state: 'progressing', message: `${name}: ${waitingFor[0]}`, waitingFor, progress };
  },
};
