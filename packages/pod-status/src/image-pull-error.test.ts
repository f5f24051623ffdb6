import { describe, expect, it } from 'vitest';
import { classifyImagePullError, imagePullRootCause } from './image-pull-error.js';

describe('classifyImagePullError', () => {
  it.each([
    ['failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found', 'permanent'],
    ['rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme/web:1": manifest unknown', 'permanent'],
    ['pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 'permanent'],
    ['failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized', 'permanent'],
    ['Error response from daemon: repository acme/web does not exist', 'permanent'],
    ['no matching manifest for linux/arm64 in the manifest list entries', 'permanent'],
    ['429 Too Many Requests - Server message: toomanyrequests: You have reached your unauthenticated pull rate limit', 'transient'],
    ['dial tcp 10.20.0.5:443: i/o timeout', 'transient'],
    ['dial tcp 10.20.0.5:443: connect: connection refused', 'transient'],
    ['net/http: TLS handshake timeout', 'transient'],
    ['received unexpected HTTP status: 503 Service Unavailable', 'transient'],
    ['Back-off pulling image "nginx:1.27"', 'unknown'],
    ['Error: ErrImagePull', 'unknown'],
  ])('%s → %s', (message, kind) => {
    expect(classifyImagePullError(message)).toBe(kind);
  });
});

describe('imagePullRootCause', () => {
  const image = 'registry.example.com/shop/web:1.4.3';
  it.each([
    [`rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`, 'not found'],
    [`Failed to pull image "${image}": failed to pull and unpack image "${image}": failed to resolve reference "${image}": pull access denied, repository does not exist or may require authorization: authorization failed`, 'pull access denied, repository does not exist or may require authorization: authorization failed'],
    ['Back-off pulling image', 'Back-off pulling image'],
  ])('%s', (detail, cause) => {
    expect(imagePullRootCause(image, detail)).toBe(cause);
  });
});
