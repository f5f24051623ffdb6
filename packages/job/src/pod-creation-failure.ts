import type { Failure, KubeEvent } from '@kubetrack/core';
import type { Job } from './job-types.js';

/**
 * The Job controller cannot create pods (a ResourceQuota is exhausted, a LimitRange or an
 * admission policy forbids them): FailedCreate Warning events on the Job, newer than its last
 * SuccessfulCreate. Permanent, as for the workloads: the template or the quota must change.
 */
export function podCreationFailure(job: Job, events: readonly KubeEvent[]): Failure | undefined {
  const name = job.metadata.name ?? '';
  const aboutJob = events.filter((event) =>
    job.metadata.uid && event.involvedObjectUid ? event.involvedObjectUid === job.metadata.uid : event.object === `Job/${name}`,
  );
  const failedCreate = aboutJob.findLast((event) => event.type === 'Warning' && event.reason === 'FailedCreate');
  if (!failedCreate) return undefined;
  const created = aboutJob.findLast((event) => event.reason === 'SuccessfulCreate');
  if (created && timeOf(created) > timeOf(failedCreate)) return undefined;
  return {
    id: `${job.metadata.uid ?? name}/failed-create`,
    code: 'resource-limits-exceeded',
    message: `job/${name} cannot create pods: ${failedCreate.message.replace(/^Error creating: /, '')}`,
    object: `Job/${name}`,
    subject: { kind: 'Job', name },
    permanent: true,
  };
}

function timeOf(event: KubeEvent): number {
  return Date.parse(event.lastTime ?? event.firstTime ?? '') || 0;
}
