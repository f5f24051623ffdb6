/** Why a tracked resource failed, from core's base set; plugins add their own (`TrackerPlugin.codes`). */
export type BaseRolloutErrorCode =
  | 'not-found'
  | 'invalid-config'
  | 'resource-limits-exceeded'
  | 'process-crashing'
  | 'scheduling'
  | 'not-progressing'
  | 'failed'
  | 'deleted'
  | 'timeout';

/**
 * Why a tracked resource failed. Each failed resource gets exactly one: a base code, or one
 * its plugin declared in `codes` (e.g. `job-failed`, `canary-failed`). Core knows no kind.
 */
export type RolloutErrorCode = BaseRolloutErrorCode | (string & {});

/**
 * Why the program itself could not do its job: bad input, no cluster access, or `internal`,
 * a bug in kubetrack or a plugin (a throwing handler or plugin, an unknown code), never blamed on the cluster.
 */
export type ProgramErrorCode = 'invalid-input' | 'cluster-unreachable' | 'unauthorized' | 'forbidden' | 'internal';

/** Core's base codes; a registry's `codes` adds those its plugins declared. */
export const ROLLOUT_ERROR_CODES: readonly BaseRolloutErrorCode[] = [
  'not-found',
  'invalid-config',
  'resource-limits-exceeded',
  'process-crashing',
  'scheduling',
  'not-progressing',
  'failed',
  'deleted',
  'timeout',
];

/** A plugin's own code: lower-case words joined by dashes, like the base set. */
export const ROLLOUT_ERROR_CODE_FORMAT = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export const PROGRAM_ERROR_CODES: readonly ProgramErrorCode[] = [
  'invalid-input',
  'cluster-unreachable',
  'unauthorized',
  'forbidden',
  'internal',
];
