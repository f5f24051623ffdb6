import { ProgramError } from '@kubetrack/core';
import { checkNamespace } from './namespace-name.js';
import type { TrackRequest } from './track-request.js';

/** What the API server accepts as an object name (DNS subdomain; ':' for RBAC-style names). */
const NAME = /^[a-z0-9](?:[-a-z0-9.:]*[a-z0-9])?$/;

export function isObjectName(name: string): boolean {
  return NAME.test(name) && name.length <= 253;
}

export function objectNameProblem(name: string): string {
  return `${JSON.stringify(name)} is not a valid object name (lower case letters, digits, '-' and '.')`;
}

/**
 * Names from specs and manifests get the check resource arguments get, before anything
 * connects (namespaces too): `Web_App` or `../../etc` can never exist, so waiting for them would only time out
 * as not-found (and a name goes into request paths). One line per bad entry.
 */
export function checkRequestNames(requests: readonly TrackRequest[]): void {
  const problems = requests.filter((request) => !isObjectName(request.name)).map((request) => `${request.origin}: ${objectNameProblem(request.name)}`);
  if (problems.length > 0) throw new ProgramError('invalid-input', [...new Set(problems)].join('\n'));
  for (const request of requests) checkNamespace(request.namespace, request.origin);
}
