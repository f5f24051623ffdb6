import { homedir } from 'node:os';
import * as core from '@kubetrack/core';
import type { KubeObject } from '@kubetrack/core';
import type { ClusterSession, ConnectOptions } from './cluster-session.js';

/**
 * The real session: core's transport (kubeconfig, KUBECONFIG, in-cluster, exec plugins) and
 * tracker. This module pulls in client-node, so the CLI imports it only when it needs a cluster.
 */
export async function connectCluster(options: ConnectOptions): Promise<ClusterSession> {
  const wire = core.createKubeTransport({
    ...(options.kubeconfig === undefined ? {} : { kubeconfig: options.kubeconfig }),
    ...(options.context === undefined ? {} : { context: options.context }),
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    ...(options.env === undefined ? {} : { environment: { env: options.env, homeDir: options.env.HOME || homedir(), inClusterPathPrefix: '' } }),
  });
  const transport = options.trace ? core.traceTransport(wire, options.trace) : wire;
  // Tracking has its own timeout and stop(); everything before it follows options.signal.
  const setup = options.signal === undefined ? transport : withSignal(transport, options.signal);
  try {
    await preflight(setup);
  } catch (error) {
    transport.close();
    throw error;
  }
  const tracker = core.createTracker({ transport, plugins: options.plugins });
  const listObjects = async (kind: core.ResourceKind, namespace: string | undefined, labelSelector: string): Promise<KubeObject[]> => {
    const path = core.resourcePath(kind, kind.namespaced ? namespace : undefined);
    try {
      return (await setup.requestJson<{ items?: KubeObject[] }>({ path, query: { labelSelector } })).items ?? [];
    } catch (error) {
      throw core.toProgramError(error, { verb: 'list', resource: core.resourceName(kind), namespace }) ?? error;
    }
  };
  return {
    defaultNamespace: transport.defaultNamespace,
    async discoverKind(query) {
      try {
        return await core.discoverKind(setup, query);
      } catch (error) {
        throw core.toProgramError(error, { verb: 'get', resource: 'API discovery' }) ?? error;
      }
    },
    async listBySelector(kind, namespace, labelSelector) {
      return (await listObjects(kind, namespace, labelSelector)).flatMap((item) =>
        item.metadata.name ? [{ name: item.metadata.name, ...(item.metadata.namespace ? { namespace: item.metadata.namespace } : {}) }] : [],
      );
    },
    async getObject(kind, namespace, name) {
      const path = `${core.resourcePath(kind, kind.namespaced ? namespace : undefined)}/${encodeURIComponent(name)}`;
      try {
        return await setup.requestJson<KubeObject>({ path });
      } catch (error) {
        if (core.isApiError(error) && error.status === 404) return undefined;
        throw core.toProgramError(error, { verb: 'get', resource: `${core.resourceName(kind)} ${JSON.stringify(name)}`, namespace }) ?? error;
      }
    },
    listObjects,
    async readConfigMapData(namespace, name) {
      try {
        const configMap = await setup.requestJson<{ data?: Record<string, string> }>({ path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(name)}` });
        return configMap.data ?? {};
      } catch (error) {
        if (core.isApiError(error) && error.status === 404) {
          throw new core.ProgramError('invalid-input', `--argocd-cm ${namespace}/${name}: no such ConfigMap`, { cause: error });
        }
        throw core.toProgramError(error, { verb: 'get', resource: 'configmaps', namespace }) ?? error;
      }
    },
    track: (specs, trackOptions) => tracker.track(specs, trackOptions),
    close() {
      tracker.close();
      transport.close();
    },
  };
}

function withSignal(transport: core.KubeTransport, signal: AbortSignal): core.KubeTransport {
  return {
    server: transport.server,
    defaultNamespace: transport.defaultNamespace,
    requestJson: (request) => transport.requestJson({ ...request, signal: request.signal ? AbortSignal.any([request.signal, signal]) : signal }),
    stream: (request) => transport.stream({ ...request, signal: request.signal ? AbortSignal.any([request.signal, signal]) : signal }),
    refreshCredentials: () => transport.refreshCredentials(),
    close: () => transport.close(),
  };
}

const PREFLIGHT_ATTEMPTS = 3;
const PREFLIGHT_PAUSE_MS = 500;

/**
 * One cheap GET /version before tracking. The watch machinery rides out connection cuts by
 * retrying forever, which is right once tracking runs but would leave a user whose cluster is
 * not there at all watching "absent" until the timeout: an API server that cannot be reached
 * (after a few tries) or that rejects the credentials is a program error, exit 3. Any other answer
 * (even a 403: /version may be closed to this user) means the server is there.
 */
async function preflight(transport: core.KubeTransport): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await transport.requestJson({ path: '/version' });
      return;
    } catch (error) {
      if (!core.isApiError(error)) throw error;
      if (error.status === 401) {
        transport.close();
        throw new core.ProgramError(
          'unauthorized',
          `unauthorized: the API server at ${transport.server} rejected the credentials (check the kubeconfig user, its token or certificate, or refresh your login)`,
          { cause: error },
        );
      }
      if (error.status !== 0) return;
      if (attempt >= PREFLIGHT_ATTEMPTS) {
        transport.close();
        throw new core.ProgramError(
          'cluster-unreachable',
          `${error.message.startsWith('cannot reach') ? error.message : `cannot reach the API server at ${transport.server}: ${error.message}`} (check KUBECONFIG, --context and that the cluster is running)`,
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, PREFLIGHT_PAUSE_MS * attempt));
    }
  }
}
