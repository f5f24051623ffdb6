import { ProgramError } from '@kubetrack/core';

/** RFC 1123 label: what the API server accepts as a namespace name. */
const NAMESPACE = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

/** Refuses a namespace the API server would reject, before anything is watched in it. */
export function checkNamespace(namespace: string | undefined, where: string): void {
  if (namespace === undefined || (NAMESPACE.test(namespace) && namespace.length <= 63)) return;
  throw new ProgramError(
    'invalid-input',
    `${where}: ${JSON.stringify(namespace)} is not a valid namespace (lower case letters, digits and '-', at most 63)`,
  );
}
