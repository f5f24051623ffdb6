/**
 * jq expressions over a Pod, used in stage selectors. kwok runs them with gojq; an expression
 * that errors counts as "no value", so each one here is written to yield true or false.
 */

const behaviorAnnotation = '.metadata.annotations["kubetrack.test/behavior"]';
const ownedByJob = 'any(.metadata.ownerReferences[]?; .kind == "Job")';

/** the pod's behaviour: the annotation, else `succeed` for Job pods and `ready` for the rest */
export const behavior = `(${behaviorAnnotation} // (if ${ownedByJob} then "succeed" else "ready" end))`;

export function behaviorIn(...names: readonly string[]): string {
  return `${behavior} as $b | ${JSON.stringify(names)} | any(. == $b)`;
}

export const notDeleting = '.metadata.deletionTimestamp == null';
export const deleting = '.metadata.deletionTimestamp != null';

export function phaseIs(phase: string): string {
  return `.status.phase == "${phase}"`;
}

/** every init container has completed (or, for a sidecar, is running) */
export const initContainersDone =
  '(.status.initContainerStatuses // []) as $s | all(.spec.initContainers[]?; .name as $n | .restartPolicy as $p | ' +
  'any($s[]; .name == $n and (.state.terminated.reason == "Completed" or ($p == "Always" and .state.running != null))))';

/** no main container has been started or failed to start yet */
export const containersNotStarted =
  'all(.status.containerStatuses[]?; .state.waiting.reason == "PodInitializing" or .state.waiting.reason == "ContainerCreating")';

export function allContainers(state: 'running' | 'terminated'): string {
  return `(.status.containerStatuses // []) as $s | ($s | length) > 0 and all($s[]; .state.${state} != null)`;
}

export function anyContainerWaiting(reason: string): string {
  return `any(.status.containerStatuses[]?; .state.waiting.reason == "${reason}")`;
}

export const podNotReady = 'all(.status.conditions[]?; .type != "Ready" or .status != "True")';

export function annotationDuration(name: string): string {
  return `.metadata.annotations["kubetrack.test/${name}"]`;
}

/**
 * Pods of kubetrack's Helm hook image are run for real by the pod-logs process (pod-logs/host-run-pods.ts,
 * HOST_RUN_IMAGE: keep the two patterns alike); every pod stage but deletion leaves them alone.
 */
export const notHostRun = 'all(.spec.containers[]?; (.image // "") | test("(^|/)kubetrack[-/]helm-hook(:|@|$)") | not)';

const crashTimes = '.metadata.annotations["kubetrack.test/crash-times"]';
const restarts = '(.status.containerStatuses[0].restartCount // 0)';

/** `kubetrack.test/crash-times` is unset (crash forever) or not used up yet */
export const crashesLeft = `((${crashTimes} // "") as $t | $t == "" or (${restarts} < ($t | tonumber)))`;

/** a crashloop pod whose `kubetrack.test/crash-times` are used up: it now runs like a ready one */
export const recoveredFromCrashes = `((${crashTimes} // "") as $t | $t != "" and (${restarts} >= ($t | tonumber)))`;
