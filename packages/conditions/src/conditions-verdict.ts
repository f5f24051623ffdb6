import { parseApiVersion, type Condition, type EvaluateContext, type KubeObject, type Snapshot, type Verdict } from '@kubetrack/core';
import type { DeclarativeRule } from './declarative-rule.js';
import { olderGeneration, unconfirmedFailureWaitMs } from './failure-freshness.js';
import { generationOf, observedGenerationOf } from './generation.js';
import { describeCondition, findCondition, objectConditions } from './object-conditions.js';
import { ruleOutcome } from './rule-outcome.js';
import { rulesForKind } from './rules-for-kind.js';

/**
 * How long a custom resource created during tracking may show no status before it counts as
 * one that never has any. Its controller usually writes a first status within this time, and
 * a Ready=False written a moment after creation must not lose to "no conditions means ready".
 */
export const NEW_CUSTOM_RESOURCE_SETTLE_MS = 2_000;

/**
 * A custom resource created this long before tracking started was created by the apply that
 * precedes `kubetrack track` (creationTimestamp has whole seconds): it is new too.
 */
export const JUST_APPLIED_MS = 2_000;

/**
 * kstatus's algorithm for any kind, with declarative rules in the place of its per-kind
 * rules: deletion, then generation not yet observed, then Stalled/Failed and Reconciling,
 * then the kind's rules, then the Ready condition; an object with neither is ready
 * once it exists (ConfigMaps, Services, CRs whose controllers report nothing).
 * `ruleSources` are in order of precedence.
 */
export function conditionsVerdict(
  snapshot: Snapshot,
  context: EvaluateContext,
  ruleSources: readonly (readonly DeclarativeRule[])[],
): Verdict {
  const object = snapshot.object;
  if (!object) return { state: 'progressing', absent: true, message: 'resource does not exist yet' };
  const kind = object.kind ?? 'Resource';
  const name = `${kind.toLowerCase()}/${object.metadata.name ?? ''}`;

  if (object.metadata.deletionTimestamp) {
    return { state: 'progressing', message: `${name} is being deleted`, waitingFor: ['deletion to finish'] };
  }
  const generation = generationOf(object);
  const observed = observedGenerationOf(object);
  if (generation !== undefined && observed !== undefined && observed < generation) {
    return {
      state: 'progressing',
      message: `${name}: waiting for its controller to observe generation ${generation} (observed ${observed})`,
      waitingFor: [`the controller to observe generation ${generation}`],
    };
  }

  const conditions = objectConditions(object);
  const current = (type: string) => {
    const condition = findCondition(conditions, type);
    return condition && !olderGeneration(condition, object) ? condition : undefined;
  };
  const stalled = [current('Stalled'), current('Failed')].find((condition) => condition?.status === 'True');
  if (stalled) return failure(object, name, describeCondition(stalled), stalled, context);
  const reconciling = current('Reconciling');
  if (reconciling?.status === 'True') {
    return { state: 'progressing', message: `${name} is reconciling: ${describeCondition(reconciling)}`, waitingFor: ['reconciliation to finish'] };
  }

  const rules = rulesForKind(ruleSources, parseApiVersion(object.apiVersion ?? '').group, kind);
  if (rules.length) return rulesVerdict(object, name, rules, context);

  const ready = findCondition(conditions, 'Ready');
  if (ready) {
    const older = olderGeneration(ready, object);
    if (older) return { state: 'progressing', message: `${name}: ${older}`, waitingFor: ['Ready=True'] };
    if (ready.status === 'True') return { state: 'ready', message: `${name} is ready` };
    return { state: 'progressing', message: `${name} is not ready: ${describeCondition(ready)}`, waitingFor: ['Ready=True'] };
  }
  return statuslessVerdict(object, name, context);
}

function rulesVerdict(object: KubeObject, name: string, rules: readonly DeclarativeRule[], context: EvaluateContext): Verdict {
  const details: string[] = [];
  for (const rule of rules) {
    const outcome = ruleOutcome(rule, object);
    if (outcome.state === 'ready') {
      details.push(outcome.detail);
      continue;
    }
    if (outcome.state === 'failed') return failure(object, name, outcome.detail, outcome.condition, context);
    const field = rule.condition ? rule.condition.type : (rule.jsonPath ?? '').replace(/^\$\.?/, '');
    return {
      state: 'progressing',
      message: `${name}: ${outcome.detail}`,
      waitingFor: [`${field} to be ${rule.ready.join(' or ')}`],
    };
  }
  return { state: 'ready', message: `${name} is ready: ${details.join(', ')}` };
}

/** A failure verdict, held back briefly when it may describe the spec from before the apply. */
function failure(object: KubeObject, name: string, detail: string, condition: Condition | undefined, context: EvaluateContext): Verdict {
  const waitMs = unconfirmedFailureWaitMs(object, condition, context);
  if (waitMs > 0) {
    return {
      state: 'progressing',
      message: `${name} already reported ${detail} before tracking started; giving its controller time to react`,
      waitingFor: ['the controller to react to the change'],
      recheckAfterMs: waitMs,
    };
  }
  return { state: 'failed', code: 'failed', message: `${name} failed: ${detail}` };
}

function statuslessVerdict(object: KubeObject, name: string, context: EvaluateContext): Verdict {
  if (!hasStatus(object) && isCustomResource(object)) {
    const createdAt = Date.parse(object.metadata.creationTimestamp ?? '');
    const startSecond = Math.floor(context.trackingStartedAt / 1000) * 1000;
    const waitMs = Math.max(createdAt, startSecond) + NEW_CUSTOM_RESOURCE_SETTLE_MS - context.now;
    if (createdAt >= startSecond - JUST_APPLIED_MS && waitMs > 0) {
      return {
        state: 'progressing',
        message: `${name} was just created and has no status yet`,
        waitingFor: ['its controller to report a status'],
        recheckAfterMs: waitMs,
      };
    }
  }
  return { state: 'ready', message: `${name} exists and reports no readiness conditions` };
}

function hasStatus(object: KubeObject): boolean {
  const status = object.status;
  return typeof status === 'object' && status !== null && Object.keys(status).length > 0;
}

/** Built-in API groups have no dot or end in .k8s.io; everything else comes from a CRD. */
function isCustomResource(object: KubeObject): boolean {
  const { group } = parseApiVersion(object.apiVersion ?? '');
  return group.includes('.') && !group.endsWith('.k8s.io');
}
