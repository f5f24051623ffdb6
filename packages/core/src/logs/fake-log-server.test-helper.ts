import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A scripted stand-in for the API server's pods/log endpoint with the kubelet's behaviour:
 * 400 while a container waits to start, `previous=true` serves the instance before the
 * current one, `sinceTime` is honoured at second precision, a follow stays open until the
 * instance terminates. Tests print lines, restart and terminate containers, and inject cuts.
 */
export class FakeLogServer {
  /** Every pods/log request, in arrival order. */
  readonly requests: LogRequest[] = [];
  private readonly pods = new Map<string, Map<string, FakeContainer>>();
  private readonly faults: Fault[] = [];
  private readonly sockets = new Set<Socket>();
  private clock = Date.parse('2025-03-01T10:00:00Z');
  /** Body writes are split into pieces of this many bytes, to exercise chunk boundaries. */
  chunkSize = Infinity;

  private constructor(private readonly server: Server) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (request, response) => this.serve(request, response));
  }

  static async start(): Promise<FakeLogServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeLogServer(server);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** TCP connections currently open. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Follow responses currently open. */
  followers(pod?: string): number {
    let count = 0;
    for (const [name, containers] of this.pods) {
      if (pod !== undefined && name !== pod) continue;
      for (const container of containers.values()) {
        for (const instance of container.instances) count += instance.followers.size;
      }
    }
    return count;
  }

  addPod(pod: string, containers: readonly string[]): void {
    this.pods.set(pod, new Map(containers.map((name) => [name, { instances: [] }])));
  }

  deletePod(pod: string): void {
    for (const container of this.pods.get(pod)?.values() ?? []) {
      for (const instance of container.instances) this.endFollowers(instance);
    }
    this.pods.delete(pod);
  }

  /** Starts the container's next instance; the current one, if any, terminates. */
  startContainer(pod: string, container: string, options: TerminateOptions = {}): void {
    const fake = this.container(pod, container);
    const current = fake.instances.at(-1);
    if (current) this.terminate(pod, container, options);
    fake.instances.push({ lines: [], partial: undefined, terminated: false, followers: new Set() });
  }

  terminate(pod: string, container: string, { endStreams = true }: TerminateOptions = {}): void {
    const instance = this.current(pod, container);
    instance.terminated = true;
    if (endStreams) this.endFollowers(instance);
  }

  /**
   * The current instance prints a line. Timestamps advance by one millisecond per line
   * unless given, so tests can make several lines share one.
   */
  print(pod: string, container: string, text: string, options: { timestamp?: string; newline?: boolean } = {}): string {
    const instance = this.current(pod, container);
    const timestamp = options.timestamp ?? this.tick();
    const entry = { timestamp, text };
    const wire = `${timestamp} ${text}${options.newline === false ? '' : '\n'}`;
    if (options.newline === false) instance.partial = entry;
    else instance.lines.push(entry);
    for (const follower of instance.followers) this.write(follower, wire);
    return timestamp;
  }

  /** The next log requests fail this way, in order. */
  fail(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** Ends every open follow response cleanly while the containers keep running (an API server shutting down). */
  endConnections(): void {
    for (const containers of this.pods.values()) {
      for (const container of containers.values()) {
        for (const instance of container.instances) this.endFollowers(instance);
      }
    }
  }

  /** Resets every open follow response mid-stream, as a network cut or an API server restart would. */
  cutConnections(): void {
    for (const containers of this.pods.values()) {
      for (const container of containers.values()) {
        for (const instance of container.instances) {
          for (const follower of instance.followers) follower.destroy();
          instance.followers.clear();
        }
      }
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private tick(): string {
    this.clock += 1;
    return new Date(this.clock).toISOString().replace('Z', '123456Z');
  }

  private container(pod: string, container: string): FakeContainer {
    const fake = this.pods.get(pod)?.get(container);
    if (!fake) throw new Error(`no container ${pod}/${container}`);
    return fake;
  }

  private current(pod: string, container: string): FakeInstance {
    const instance = this.container(pod, container).instances.at(-1);
    if (!instance) throw new Error(`${pod}/${container} has not started`);
    return instance;
  }

  private endFollowers(instance: FakeInstance): void {
    for (const follower of instance.followers) follower.end();
    instance.followers.clear();
  }

  private write(response: ServerResponse, text: string): void {
    const bytes = Buffer.from(text);
    for (let start = 0; start < bytes.length; start += this.chunkSize) {
      response.write(bytes.subarray(start, Math.min(bytes.length, start + this.chunkSize)));
    }
  }

  private serve(request: IncomingMessage, response: ServerResponse): undefined {
    const url = new URL(request.url ?? '/', 'http://fake');
    const match = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname);
    if (!match) return status(response, 404, 'NotFound', `no route ${url.pathname}`);
    const pod = decodeURIComponent(match[2] ?? '');
    const query = url.searchParams;
    const containerName = query.get('container') ?? '';
    this.requests.push({ pod, container: containerName, query });

    const fault = this.faults.shift();
    if (fault && 'hang' in fault) return; // the socket closes with the server or the client
    if (fault && 'status' in fault) return status(response, fault.status, fault.reason ?? 'Failure', fault.message);

    const containers = this.pods.get(pod);
    if (!containers) return status(response, 404, 'NotFound', `pods "${pod}" not found`);
    const container = containers.get(containerName);
    if (!container) return status(response, 400, 'BadRequest', `container ${containerName} is not valid for pod ${pod}`);
    const previous = query.get('previous') === 'true';
    const instances = container.instances;
    const instance = previous ? instances.at(-2) : instances.at(-1);
    if (!instance) {
      return previous
        ? status(response, 400, 'BadRequest', `previous terminated container "${containerName}" in pod "${pod}" not found`)
        : status(response, 400, 'BadRequest', `container "${containerName}" in pod "${pod}" is waiting to start: ContainerCreating`);
    }

    const since = query.get('sinceTime');
    // The kubelet receives sinceTime at second precision.
    const sinceMs = since === null ? -Infinity : Math.floor(Date.parse(since) / 1000) * 1000;
    let entries = [...instance.lines, ...(instance.partial ? [instance.partial] : [])].filter(
      (entry) => Date.parse(entry.timestamp) >= sinceMs,
    );
    const tail = query.get('tailLines');
    if (tail !== null) entries = entries.slice(-Number(tail));
    const body = entries
      .map((entry) => `${entry.timestamp} ${entry.text}${entry === instance.partial ? '' : '\n'}`)
      .join('');

    response.writeHead(200, { 'content-type': 'text/plain' });
    if (fault && 'cutAfterBytes' in fault) {
      response.write(Buffer.from(body).subarray(0, fault.cutAfterBytes), () => response.destroy());
      return;
    }
    this.write(response, body);
    if (query.get('follow') === 'true' && !instance.terminated && !previous) {
      instance.followers.add(response);
      response.on('close', () => instance.followers.delete(response));
    } else {
      response.end();
    }
  }
}

export interface TerminateOptions {
  /** False leaves open follow responses hanging, as over a stalled connection. Default true. */
  endStreams?: boolean;
}

export interface LogRequest {
  pod: string;
  container: string;
  query: URLSearchParams;
}

export type Fault =
  | { status: number; message: string; reason?: string }
  /** Answers 200, sends this much of the body, then resets the connection. */
  | { cutAfterBytes: number }
  /** Never answers, as a hung server. */
  | { hang: true };

interface FakeContainer {
  instances: FakeInstance[];
}

interface FakeInstance {
  lines: Array<{ timestamp: string; text: string }>;
  /** A last line printed without a newline. */
  partial: { timestamp: string; text: string } | undefined;
  terminated: boolean;
  followers: Set<ServerResponse>;
}

function status(response: ServerResponse, code: number, reason: string, message: string): undefined {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code }));
}
