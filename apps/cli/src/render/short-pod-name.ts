// The alphabet of Kubernetes' rand.SafeEncodeString: no vowels, no 0/1/3, so generated
// suffixes never spell words. Matching on it keeps real name segments intact.
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const REPLICASET_POD = new RegExp(`^(.+)-${SAFE}{6,10}-(${SAFE}{5})$`);

/**
 * "web-6f7c9d8b5-x2k4q" → "web-x2k4q": drops the pod-template-hash, which is the same for
 * every pod of a rollout and only makes log prefixes wide. Other names are left as they are.
 */
export function shortPodName(pod: string): string {
  const match = REPLICASET_POD.exec(pod);
  return match ? `${match[1]}-${match[2]}` : pod;
}
