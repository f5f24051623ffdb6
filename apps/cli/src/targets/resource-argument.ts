import { ProgramError } from '@kubetrack/core';
import { isObjectName, objectNameProblem } from './object-name.js';
import type { TrackRequest } from './track-request.js';

const KIND = /^[A-Za-z][A-Za-z0-9]*(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Reads "kind/name" as kubectl does: "deploy/web", "sts/db", "Deployment.apps/web",
 * "canary.flagger.app/app". A "namespace/kind/name" form is not kubectl's, so it is refused.
 */
export function parseResourceArgument(argument: string): Pick<TrackRequest, 'kind' | 'name' | 'origin'> {
  const parts = argument.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new ProgramError(
      'invalid-input',
      `invalid resource ${JSON.stringify(argument)}: expected KIND/NAME, e.g. deploy/web, sts/db, job/migrate, Certificate.cert-manager.io/tls`,
    );
  }
  const [kind, name] = parts as [string, string];
  if (!KIND.test(kind)) {
    throw new ProgramError('invalid-input', `invalid resource ${JSON.stringify(argument)}: ${JSON.stringify(kind)} is not a kind`);
  }
  if (!isObjectName(name)) throw new ProgramError('invalid-input', `invalid resource ${JSON.stringify(argument)}: ${objectNameProblem(name)}`);
  return { kind, name, origin: `argument ${argument}` };
}
