import { ProgramError } from '@kubetrack/core';

export interface HelmReleaseRef {
  name: string;
  /** Undefined: the latest revision. */
  revision?: number;
}

// Helm's own rule for release names (pkg/chart/v2/lint/rules, validateReleaseName): a DNS-1123 label of at most 53.
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** `NAME` or `NAME@REVISION`, as given to --helm-release. */
export function parseHelmReleaseRef(text: string): HelmReleaseRef {
  const at = text.lastIndexOf('@');
  const name = at < 0 ? text : text.slice(0, at);
  const revisionText = at < 0 ? undefined : text.slice(at + 1);
  if (!RELEASE_NAME.test(name) || name.length > 53) {
    throw new ProgramError('invalid-input', `--helm-release: ${JSON.stringify(name)} is not a Helm release name (lowercase letters, digits and -, at most 53)`);
  }
  if (revisionText === undefined) return { name };
  if (!/^[1-9][0-9]{0,8}$/.test(revisionText)) {
    throw new ProgramError('invalid-input', `--helm-release: revision ${JSON.stringify(revisionText)} is not a positive number (NAME@REVISION, e.g. ${name}@3)`);
  }
  return { name, revision: Number(revisionText) };
}

/** The record Secret Helm's storage writes for one revision (storage.go makeKey). */
export const helmRecordSecretName = (name: string, revision: number | 'N') => `sh.helm.release.v1.${name}.v${revision}`;
