import type { Condition, KubeObject, LabelSelector } from '@kubetrack/core';

/** The parts of a batch/v1 Job that the readiness rule reads. */
export type Job = KubeObject<JobSpec, JobStatus>;

export interface JobSpec {
  parallelism?: number;
  /** Unset: a work queue, done when one pod succeeds and none is left running. */
  completions?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  suspend?: boolean;
  selector?: LabelSelector;
  completionMode?: 'NonIndexed' | 'Indexed' | string;
}

export interface JobStatus {
  /** Complete, Failed, SuccessCriteriaMet, FailureTarget, Suspended. */
  conditions?: Condition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  ready?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
}
