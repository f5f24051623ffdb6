import { ProgramError, isProgramError } from '../program-error.js';
import { isApiError } from './api-error.js';

export interface ApiCallContext {
  /** The Kubernetes verb: "list", "watch", "get". */
  verb: string;
  /** As RBAC names it, e.g. "deployments.apps" (see `resourceName`). */
  resource: string;
  /** Undefined for all namespaces or cluster-scoped resources. */
  namespace?: string | undefined;
}

/**
 * Maps an error from the transport to the one-line `ProgramError` the CLI prints and exits 3 on:
 * 401 → unauthorized, 403 → forbidden (naming verb, resource and namespace), no connection →
 * cluster-unreachable, 404 → invalid-input (on list/watch: the resource type is not served), other statuses →
 * cluster-unreachable. A `ProgramError` passes through. Anything else is not an API failure
 * (most likely a bug) and gives undefined, so the caller can rethrow it.
 */
export function toProgramError(error: unknown, context: ApiCallContext): ProgramError | undefined {
  if (isProgramError(error)) return error;
  if (!isApiError(error)) return undefined;
  const where = context.namespace === undefined ? 'at cluster scope' : `in namespace ${JSON.stringify(context.namespace)}`;
  const what = `${context.verb} ${context.resource} ${where}`;
  switch (error.status) {
    case 0:
      return new ProgramError('cluster-unreachable', error.message, { cause: error });
    case 401:
      return new ProgramError(
        'unauthorized',
        `unauthorized: the API server rejected the credentials while trying to ${what} (check the kubeconfig user or refresh your login)`,
        { cause: error },
      );
    case 403:
      return new ProgramError(
        'forbidden',
        `forbidden: cannot ${what} (check RBAC: the user needs "${context.verb}" on ${context.resource})`,
        { cause: error },
      );
    case 404:
      if (context.verb !== 'list' && context.verb !== 'watch') {
        return new ProgramError('invalid-input', `cannot ${what}: ${error.message}`, { cause: error });
      }
      return new ProgramError(
        'invalid-input',
        `the server does not serve ${context.resource} (is its CustomResourceDefinition installed?)`,
        { cause: error },
      );
    default:
      return new ProgramError('cluster-unreachable', `cannot ${what}: ${error.message}`, { cause: error });
  }
}
