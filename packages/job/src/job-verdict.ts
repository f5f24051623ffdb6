import type { Condition, EvaluateContext, Snapshot, Verdict } from '@kubetrack/core';
import { podCreationFailure } from '@kubetrack/pod-status';
import { jobPods } from './job-pods.js';
import type { Job } from './job-types.js';

/**
 * A Job is done when its controller says so: Complete or SuccessCriteriaMet (k8s ≥ 1.31)
 * is ready; Failed, or FailureTarget which the controller sets first while it still
 * terminates pods, is a terminal job-failed. Until then its pods only fail it fast for
 * problems no retry fixes; a pod that ran and failed is the controller's to retry up to
 * backoffLimit.
 */
export function jobVerdict(snapshot: Snapshot, context: EvaluateContext): Verdict {
  const job = snapshot.object as Job | undefined;
  if (!job) return { state: 'progressing', absent: true, message: 'job does not exist yet' };

  const name = `job/${job.metadata.name ?? ''}`;
  const spec = job.spec ?? {};
  const status = job.status ?? {};
  const conditions = status.conditions ?? [];
  const pods = jobPods(job, snapshot.children['pods'], snapshot.events, context);
  const progress = jobProgress(job);
  const shared = { progress, pods: pods.pods, logSources: pods.logSources };
  const lastFailure = pods.lastRetriedFailure ? `; last pod failure: ${pods.lastRetriedFailure}` : '';

  const failed = trueCondition(conditions, 'Failed') ?? trueCondition(conditions, 'FailureTarget');
  if (failed) {
    // No childrenBehind here: failing a Job, the controller deletes its active pods and counts them failed.
    return { state: 'failed', code: 'job-failed', message: `${name} failed: ${explain(failed, 'the Job failed')}${lastFailure}`, ...shared };
  }
  const complete = trueCondition(conditions, 'Complete') ?? trueCondition(conditions, 'SuccessCriteriaMet');
  if (complete) {
    // SuccessCriteriaMet (k8s >= 1.31) comes before the controller has counted the last pods,
    // so its own message says more than status.succeeded does at that moment.
    const counted = complete.type === 'Complete' ? `${progress.succeeded} succeeded` : (complete.message ?? complete.reason ?? 'success criteria met');
    return { state: 'ready', message: `${name} completed: ${counted}`, ...shared, ...childrenBehind(status.succeeded ?? 0, pods.seenSucceeded) };
  }

  if (job.metadata.deletionTimestamp) {
    return { state: 'progressing', message: `${name} is being deleted`, waitingFor: ['deletion to finish'], ...shared };
  }
  if (spec.suspend || trueCondition(conditions, 'Suspended')) {
    return { state: 'progressing', message: `${name} is suspended (spec.suspend)`, waitingFor: ['job is suspended'], ...shared };
  }

  const creation = podCreationFailure({
    creator: job,
    creatorKind: 'Job',
    creatorName: name,
    conditions: [],
    events: snapshot.events,
    missingPods: missingPods(job),
    prefix: '',
    id: `${job.metadata.uid ?? job.metadata.name ?? ''}/failed-create`,
  });
  const failures = creation ? [creation, ...pods.failures] : pods.failures;
  const headline = failures[0]?.message ?? `${progress.succeeded} succeeded, ${status.active ?? 0} active, ${status.failed ?? 0} failed`;
  return {
    state: 'progressing',
    message: `${name}: ${headline}${failures.length ? '' : lastFailure}`,
    waitingFor: [completionsToGo(job)],
    ...shared,
    ...(failures.length ? { failures } : {}),
    ...(pods.recheckAfterMs === undefined ? {} : { recheckAfterMs: pods.recheckAfterMs }),
  };
}

function jobProgress(job: Job): { succeeded: string; active: number; failed: number; parallelism: number } {
  const status = job.status ?? {};
  const succeeded = status.succeeded ?? 0;
  const completions = job.spec?.completions ?? undefined;
  return {
    succeeded: completions === undefined ? String(succeeded) : `${succeeded}/${completions}`,
    active: status.active ?? 0,
    failed: status.failed ?? 0,
    parallelism: job.spec?.parallelism ?? 1,
  };
}

function completionsToGo(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions ?? undefined;
  if (completions === undefined) return 'a pod to succeed';
  return `${completions - succeeded} more successful completion${completions - succeeded === 1 ? '' : 's'} (${succeeded}/${completions})`;
}

/** The controller wants more pods running than it has: a FailedCreate then describes now. */
function missingPods(job: Job): boolean {
  const status = job.status ?? {};
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions ?? undefined;
  const wanted = completions === undefined ? parallelism : Math.min(parallelism, completions - (status.succeeded ?? 0));
  return (status.active ?? 0) < wanted;
}

/**
 * The controller counts a pod as succeeded once its status says so and keeps it, so fewer
 * Succeeded pods in the cache means the pod watch lags the Job's: core then waits (bounded) for
 * them, so a fast Job's last lines are not missed.
 */
function childrenBehind(succeeded: number, seen: number): Pick<Verdict, 'childrenBehind'> {
  const unseen = succeeded - seen;
  return unseen > 0 ? { childrenBehind: `${unseen} succeeded ${unseen === 1 ? 'pod' : 'pods'} not seen succeeded yet` } : {};
}

function trueCondition(conditions: readonly Condition[], type: string): Condition | undefined {
  return conditions.find((condition) => condition.type === type && condition.status === 'True');
}

/** "BackoffLimitExceeded: Job has reached the specified backoff limit". */
function explain(condition: Condition, fallback: string): string {
  return [condition.reason, condition.message].filter(Boolean).join(': ') || fallback;
}
