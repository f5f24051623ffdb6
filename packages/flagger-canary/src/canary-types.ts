import type { Condition, KubeObject } from '@kubetrack/core';

/** The parts of a flagger.app/v1beta1 Canary that the readiness rule reads. */
export type Canary = KubeObject<CanarySpec, CanaryStatus>;

export type CanaryPhase =
  | 'Initializing'
  | 'Initialized'
  | 'Waiting'
  | 'Progressing'
  | 'WaitingPromotion'
  | 'Promoting'
  | 'Finalising'
  | 'Succeeded'
  | 'Failed'
  | 'Terminating'
  | 'Terminated';

export interface CanarySpec {
  targetRef?: { apiVersion?: string; kind?: string; name?: string };
  analysis?: CanaryAnalysis;
  /** The pre-v1beta1 name of `analysis`, still accepted by Flagger. */
  canaryAnalysis?: CanaryAnalysis;
  skipAnalysis?: boolean;
}

export interface CanaryAnalysis {
  /** A Go duration, e.g. "1m" or "30s". */
  interval?: string;
  threshold?: number;
  iterations?: number;
  maxWeight?: number;
  stepWeight?: number;
}

export interface CanaryStatus {
  phase?: CanaryPhase | string;
  failedChecks?: number;
  canaryWeight?: number;
  iterations?: number;
  /** Hash of the target's pod template that Flagger last started working on. */
  lastAppliedSpec?: string;
  /** Hash of the pod template last promoted to the primary. */
  lastPromotedSpec?: string;
  /** Set by Flagger on every status write (phase, weight, iterations, failed checks). */
  lastTransitionTime?: string;
  /** A single "Promoted" condition. */
  conditions?: Condition[];
}
