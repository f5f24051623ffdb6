import { ProgramError, type KubeObject } from '@kubetrack/core';
import { helmRecordSecretName, type HelmReleaseRef } from './helm-release-ref.js';

/** Statuses whose objects are (being) applied: what a rollout waits for. */
const TRACKABLE = new Set(['deployed', 'pending-install', 'pending-upgrade', 'pending-rollback']);

/**
 * Chooses the record Secret to track among the release's Secrets (labels owner=helm,
 * name=NAME, status, version, as Helm's secrets driver writes them): the named revision, else
 * the newest. A failed or uninstalling revision is refused with what to do instead, because
 * its manifest is not what the cluster is converging to.
 */
export function pickHelmRecord(secrets: readonly KubeObject[], ref: HelmReleaseRef, namespace: string): KubeObject {
  const records = secrets
    .filter((secret) => secret.metadata.labels?.owner === 'helm' && secret.metadata.labels?.name === ref.name)
    .map((secret) => ({ secret, version: Number(secret.metadata.labels?.version), status: secret.metadata.labels?.status ?? 'unknown' }))
    .filter((record) => Number.isInteger(record.version) && record.version > 0)
    .sort((a, b) => b.version - a.version);
  const where = `in namespace ${JSON.stringify(namespace)}`;
  const chosen = ref.revision === undefined ? records[0] : records.find((record) => record.version === ref.revision);
  if (!chosen) {
    if (ref.revision !== undefined) {
      const known = records.length > 0 ? `; revisions: ${records.map((r) => r.version).reverse().join(', ')}` : '';
      throw new ProgramError(
        'invalid-input',
        `Helm release ${ref.name} ${where} has no revision ${ref.revision} (Secret ${helmRecordSecretName(ref.name, ref.revision)} not found${known})`,
      );
    }
    throw new ProgramError('invalid-input', `Helm release ${ref.name} not found ${where} (no Secret labelled owner=helm,name=${ref.name}; check -n and helm list -n ${namespace})`);
  }
  const label = `Helm release ${ref.name} revision ${chosen.version} ${where}`;
  if (chosen.status === 'failed') {
    const deployed = records.find((record) => record.status === 'deployed');
    const instead = deployed ? `; the deployed revision is ${deployed.version}: --helm-release ${ref.name}@${deployed.version}` : '';
    throw new ProgramError('invalid-input', `${label} is failed: Helm gave up on it, nothing is rolling out (helm status ${ref.name} -n ${namespace})${instead}`);
  }
  if (chosen.status === 'uninstalling' || chosen.status === 'uninstalled') {
    throw new ProgramError('invalid-input', `${label} is ${chosen.status}: its objects are going away, not rolling out (kubetrack track --for delete waits for that)`);
  }
  if (!TRACKABLE.has(chosen.status) && !(ref.revision !== undefined && chosen.status === 'superseded')) {
    throw new ProgramError('invalid-input', `${label} has status ${JSON.stringify(chosen.status)}, not deployed or pending`);
  }
  return chosen.secret;
}
