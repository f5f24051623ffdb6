/**
 * A kubeconfig `server` without the `user:password@` part. kubectl never sends URL
 * credentials (basic auth comes from the user entry), and they must not reach error lines,
 * reports or --debug output, so they are dropped as the file is read. Works on text that is
 * not a valid URL too, which is exactly when the server gets quoted in an error.
 */
export function serverWithoutCredentials(server: string): string {
  return server.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1');
}

/** Why the server cannot be used, or undefined: kubetrack needs an http(s) URL with a host and a valid port. */
export function serverUrlProblem(server: string): string | undefined {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'is not an http(s) URL';
  if (url.hostname === '') return 'has no host';
  if (url.port === '0') return 'has port 0';
  return undefined;
}
