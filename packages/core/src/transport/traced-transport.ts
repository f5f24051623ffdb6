import type { KubeRequest, KubeStream, KubeTransport } from './kube-transport.js';
import { isApiError } from './api-error.js';

/**
 * Every request and how it ended, one line each, like `kubectl -v=6`: what a user (or a test)
 * needs to see why a watch or a log stream went quiet. `write` gets a line without a newline.
 */
export function traceTransport(transport: KubeTransport, write: (line: string) => void, now: () => number = Date.now): KubeTransport {
  const describe = (request: KubeRequest): string => {
    const query = Object.entries(request.query ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
      .join('&');
    return `${request.method ?? 'GET'} ${request.path}${query ? `?${query}` : ''}`;
  };
  const outcome = (error: unknown): string => {
    if (isApiError(error)) return `${error.status === 0 ? 'failed' : error.status}: ${error.message}`;
    return `failed: ${error instanceof Error ? error.message : String(error)}`;
  };
  return {
    server: transport.server,
    defaultNamespace: transport.defaultNamespace,
    async requestJson<T>(request: KubeRequest): Promise<T> {
      const started = now();
      try {
        const result = await transport.requestJson<T>(request);
        write(`${describe(request)} 200 in ${now() - started} ms`);
        return result;
      } catch (error) {
        write(`${describe(request)} ${outcome(error)} in ${now() - started} ms`);
        throw error;
      }
    },
    async stream(request: KubeRequest): Promise<KubeStream> {
      const what = describe(request);
      const started = now();
      let response: KubeStream;
      try {
        response = await transport.stream(request);
      } catch (error) {
        write(`${what} ${outcome(error)} in ${now() - started} ms`);
        throw error;
      }
      const opened = now();
      write(`${what} 200 in ${opened - started} ms, streaming`);
      let bytes = 0;
      let closed = false;
      async function* body(): AsyncGenerator<Uint8Array> {
        let ending = 'closed by kubetrack';
        try {
          for await (const chunk of response.body) {
            bytes += chunk.byteLength;
            yield chunk;
          }
          ending = closed || request.signal?.aborted ? 'closed by kubetrack' : 'ended by the server';
        } catch (error) {
          ending = outcome(error);
          throw error;
        } finally {
          write(`${what} stream ${ending} after ${now() - opened} ms, ${bytes} bytes`);
        }
      }
      return {
        body: body(),
        close: () => {
          closed = true;
          response.close();
        },
      };
    },
    refreshCredentials: () => transport.refreshCredentials(),
    close: () => transport.close(),
  };
}
