/** Why a tracked resource failed. Each failed resource gets exactly one. */
export type RolloutErrorCode =
  | 'not-found'
  | 'invalid-config'
  | 'resource-limits-exceeded'
  | 'process-crashing'
  | 'scheduling'
  | 'not-progressing'
  | 'job-failed'
  | 'canary-failed'
  | 'failed'
  | 'deleted'
  | 'timeout';

/**
 * Why the program itself could not do its job: bad input, no cluster access, or `internal`,
 * a bug in kubetrack or a plugin (a throwing handler or plugin, an unknown code), never blamed on the cluster.
 */
export type ProgramErrorCode = 'invalid-input' | 'cluster-unreachable' | 'unauthorized' | 'forbidden' | 'internal';

export const ROLLOUT_ERROR_CODES: readonly RolloutErrorCode[] = [
  'not-found',
  'invalid-config',
  'resource-limits-exceeded',
  'process-crashing',
  'scheduling',
  'not-progressing',
  'job-failed',
  'canary-failed',
  'failed',
  'deleted',
  'timeout',
];

export const PROGRAM_ERROR_CODES: readonly ProgramErrorCode[] = [
  'invalid-input',
  'cluster-unreachable',
  'unauthorized',
  'forbidden',
  'internal',
];
