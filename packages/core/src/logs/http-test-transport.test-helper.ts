import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { ApiError } from '../transport/api-error.js';
import type { KubeRequest, KubeStream, KubeTransport } from '../transport/kube-transport.js';

/** A bare KubeTransport over plain http, for tests against a local fake server. */
export class HttpTestTransport implements KubeTransport {
  readonly defaultNamespace = 'default';
  credentialRefreshes = 0;
  private readonly agent = new Agent({ keepAlive: false });

  constructor(readonly server: string) {}

  async requestJson<T = unknown>(request: KubeRequest): Promise<T> {
    const response = await this.open(request);
    let text = '';
    for await (const chunk of response) text += String(chunk);
    return JSON.parse(text) as T;
  }

  async stream(request: KubeRequest): Promise<KubeStream> {
    const response = await this.open(request);
    return { body: response, close: () => response.destroy() };
  }

  async refreshCredentials(): Promise<void> {
    this.credentialRefreshes++;
  }

  close(): void {
    this.agent.destroy();
  }

  private open(request: KubeRequest): Promise<IncomingMessage> {
    const url = new URL(request.path, this.server);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(url, { method: request.method ?? 'GET', agent: this.agent, signal: request.signal });
      outgoing.on('error', (cause) => reject(new ApiError(0, `cannot reach ${this.server}: ${cause.message}`, { cause })));
      outgoing.on('response', (response) => {
        if ((response.statusCode ?? 0) < 300) return resolve(response);
        let text = '';
        response.on('data', (chunk) => (text += String(chunk)));
        response.on('error', () => {});
        response.on('end', () => {
          let status: { message?: string; reason?: string } = {};
          try {
            status = JSON.parse(text) as typeof status;
          } catch {}
          reject(
            new ApiError(response.statusCode ?? 0, `GET ${request.path}: ${status.message ?? text}`, {
              ...(status.reason ? { reason: status.reason } : {}),
            }),
          );
        });
      });
      outgoing.end();
    });
  }
}
