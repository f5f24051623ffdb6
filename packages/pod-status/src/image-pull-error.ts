/**
 * Why an image cannot be pulled, judged from the kubelet's message:
 * - permanent: the image, tag or repository does not exist, or access is denied; retrying will not help;
 * - transient: the registry is slow, rate-limiting or unreachable; kubelet's retries may succeed;
 * - unknown: no cause in the message (e.g. a bare "Back-off pulling image").
 * Transient patterns win: a rate-limit message must never fail a rollout as if the image were missing.
 */
export type ImagePullErrorKind = 'permanent' | 'transient' | 'unknown';

const TRANSIENT =
  /toomanyrequests|too many requests|rate limit|timeout|timed out|connection refused|connection reset|i\/o timeout|tls handshake|no route to host|temporary failure|service unavailable|bad gateway|unexpected eof|\b50[234]\b/i;

const PERMANENT =
  /not found|manifest unknown|unauthorized|denied|repository does not exist|does not exist|name unknown|invalid reference format|no matching manifest/i;

export function classifyImagePullError(message: string): ImagePullErrorKind {
  if (TRANSIENT.test(message)) return 'transient';
  if (PERMANENT.test(message)) return 'permanent';
  return 'unknown';
}

/** Waiting reasons that mean "the image cannot be pulled". */
export const IMAGE_PULL_REASONS: ReadonlySet<string> = new Set(['ErrImagePull', 'ImagePullBackOff']);

/**
 * The root of a kubelet pull error, without the layers that repeat the image:
 * `rpc error: code = NotFound desc = failed to pull and unpack image "x": failed to resolve
 * reference "x": x: not found` → `not found`.
 */
export function imagePullRootCause(image: string, detail: string): string {
  let cause = detail.replace(/^.*?rpc error: code = \w+ desc = /, '').trim();
  for (const marker of [`"${image}": `, `${image}: `]) {
    const at = cause.lastIndexOf(marker);
    if (at >= 0) cause = cause.slice(at + marker.length);
  }
  return cause.replace(/^Failed to pull image\s*/i, '').trim();
}
