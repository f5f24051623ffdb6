import type http from 'node:http';
import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeconfigCluster, KubeconfigUser } from './kubeconfig-file.js';

/**
 * The kubeconfig features kubetrack leaves to @kubernetes/client-node: exec credential plugins,
 * auth providers (oidc, gcp, azure) and proxy-url. client-node is loaded here, with a dynamic
 * import, the first time one of them is used: evaluating it (its config module pulls in the
 * whole generated API, ~1,700 modules) costs ~55 MB and ~0.2 s of CPU, which every other run
 * does without. In the CLI's single-file bundle esbuild keeps the module, initialised on first use.
 */

/** Whether this user's credentials come from an exec plugin or an auth provider. */
export function needsClientNodeAuth(user: KubeconfigUser | undefined): boolean {
  return user?.exec !== undefined || user?.authProvider !== undefined;
}

/** The part of client-node's KubeConfig that runs the exec, token-file, OIDC and cloud authenticators. */
interface AuthorizationApplier {
  applyAuthorizationHeader(options: RequestOptions): Promise<void>;
}

/**
 * A client-node KubeConfig holding just this cluster and user, current. Its authenticators cache
 * inside the instance (exec: per user name until expiry), so a fresh one re-runs the plugin.
 */
export async function clientNodeConfig(cluster: KubeconfigCluster, user: KubeconfigUser | undefined): Promise<KubeConfig> {
  // The config module, not the package root: the root's namespace cannot be tree-shaken, and
  // bundling all of it (19 MB instead of 4.5) costs ~30 MB of RSS even when never evaluated.
  const { KubeConfig } = await import('@kubernetes/client-node/dist/config.js');
  const config = new KubeConfig();
  const userName = user?.name ?? '';
  config.loadFromOptions({
    clusters: [{ ...cluster }],
    users: user === undefined ? [] : [{ ...user }],
    contexts: [{ name: 'kubetrack', cluster: cluster.name, ...(user === undefined ? {} : { user: userName }) }],
    currentContext: 'kubetrack',
  });
  return config;
}

/**
 * Runs client-node's authenticator for the current user (exec plugin, auth provider): sets the
 * Authorization header and, for exec plugins that return one, the client certificate and key.
 * This is client-node's private (pinned-version) `applyAuthorizationHeader`: the public
 * `applyToHTTPSOptions` also builds an agent and refuses plain-http servers.
 */
export async function applyClientNodeAuthorization(config: KubeConfig, options: RequestOptions): Promise<void> {
  const applier = config as unknown as Partial<AuthorizationApplier>;
  if (typeof applier.applyAuthorizationHeader !== 'function') {
    throw new Error('@kubernetes/client-node no longer has KubeConfig.applyAuthorizationHeader; update client-node-auth.ts');
  }
  await applier.applyAuthorizationHeader.call(config, options);
}

/** client-node's agent for a cluster with a proxy-url (http(s) or socks). */
export async function clientNodeProxyAgent(cluster: KubeconfigCluster, user: KubeconfigUser | undefined): Promise<http.Agent> {
  const config = await clientNodeConfig(cluster, user);
  const scratch: RequestOptions = {};
  await config.applyToHTTPSOptions(scratch);
  return scratch.agent as http.Agent;
}
