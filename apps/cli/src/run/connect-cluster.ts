import * as core from '@kubetrack/core';
import type { KubeObject } from '@kubetrack/core';
import type { ClusterSession, ConnectOptions } from './cluster-session.js';

/**
 * The real session: core's transport (kubeconfig, KUBECONFIG, in-cluster, exec plugins) and
 * tracker. This module pulls in client-node, so the CLI imports it only when it needs a cluster.
 */
export async function connectCluster(options: ConnectOptions): Promise<ClusterSession> {
  const transport = core.createKubeTransport({
    ...(options.kubeconfig === undefined ? {} : { kubeconfig: options.kubeconfig }),
    ...(options.context === undefined ? {} : { context: options.context }),
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
  });
  const tracker = core.createTracker({ transport, plugins: options.plugins });
  return {
    defaultNamespace: transport.defaultNamespace,
    async discoverKind(query) {
      try {
        return await core.discoverKind(transport, query);
      } catch (error) {
        throw core.toProgramError(error, { verb: 'get', resource: 'API discovery' }) ?? error;
      }
    },
    async listBySelector(kind, namespace, labelSelector) {
      const path = core.resourcePath(kind, kind.namespaced ? namespace : undefined);
      try {
        const list = await transport.requestJson<{ items?: KubeObject[] }>({ path, query: { labelSelector } });
        return (list.items ?? []).flatMap((item) =>
          item.metadata.name ? [{ name: item.metadata.name, ...(item.metadata.namespace ? { namespace: item.metadata.namespace } : {}) }] : [],
        );
      } catch (error) {
        throw core.toProgramError(error, { verb: 'list', resource: core.resourceName(kind), namespace }) ?? error;
      }
    },
    track: (specs, trackOptions) => tracker.track(specs, trackOptions),
    close() {
      tracker.close();
      transport.close();
    },
  };
}
