import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ProgramError } from '../program-error.js';
import { inClusterKubeconfig, SERVICE_ACCOUNT_DIR } from './in-cluster-kubeconfig.js';
import { readKubeconfigFile, type Kubeconfig, type KubeconfigCluster, type KubeconfigContext, type KubeconfigUser } from './kubeconfig-file.js';
import { mergeKubeconfigs } from './merge-kubeconfigs.js';
import { serverUrlProblem } from './server-url.js';

export interface KubeConfigOptions {
  /** An explicit kubeconfig file (--kubeconfig); wins over KUBECONFIG. */
  kubeconfig?: string;
  /** A context other than the current one (--context). */
  context?: string;
  /** Overrides the context's namespace (-n). */
  namespace?: string;
}

/** Where to look when no file is named; injectable so tests need not touch the real home. */
export interface KubeConfigEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** Prefix of the service-account directory, "" in a real pod. */
  inClusterPathPrefix: string;
}

export interface LoadedKubeConfig {
  /** The whole configuration the context was chosen from (several KUBECONFIG files merged). */
  kubeconfig: Kubeconfig;
  context: string;
  cluster: KubeconfigCluster;
  user: KubeconfigUser | undefined;
  server: string;
  namespace: string;
  /** Where the configuration came from, for messages. */
  source: string;
}

/**
 * Loads a kubeconfig the way kubectl does: --kubeconfig, else every file in KUBECONFIG
 * (first definition of a name wins, first current-context wins), else ~/.kube/config, else the
 * pod's service account. (client-node's loadFromDefault differs: last current-context wins,
 * duplicates throw, a silent http://localhost:8080 fallback. It is not used: loading it costs
 * ~50 MB and ~0.2 s of CPU, so only exec plugins, auth providers and proxies load it, on first use.)
 * Every problem is a one-line `ProgramError('invalid-input')` naming the file.
 */
export function loadKubeConfig(
  options: KubeConfigOptions = {},
  environment: KubeConfigEnvironment = {
    env: process.env,
    homeDir: homedir(),
    inClusterPathPrefix: '',
  },
): LoadedKubeConfig {
  const { config, source } = loadConfigSource(options, environment);
  return selectContext(config, source, options);
}

function loadConfigSource(
  options: KubeConfigOptions,
  { env, homeDir, inClusterPathPrefix }: KubeConfigEnvironment,
): { config: Kubeconfig; source: string } {
  if (options.kubeconfig !== undefined && options.kubeconfig !== '') {
    return { config: readKubeconfigFile(options.kubeconfig), source: options.kubeconfig };
  }
  const listed = (env.KUBECONFIG ?? '').split(delimiter).filter((file) => file !== '');
  if (listed.length > 0) {
    // kubectl skips KUBECONFIG entries that do not exist.
    const present = listed.filter((file) => existsSync(file));
    if (present.length === 0) {
      throw new ProgramError(
        'invalid-input',
        `no kubeconfig found: none of the KUBECONFIG files exist (${listed.join(delimiter)})`,
      );
    }
    return { config: mergeKubeconfigs(present.map(readKubeconfigFile)), source: present.join(delimiter) };
  }
  const homeConfig = join(homeDir, '.kube', 'config');
  if (existsSync(homeConfig)) return { config: readKubeconfigFile(homeConfig), source: homeConfig };
  const host = env.KUBERNETES_SERVICE_HOST;
  if (host && existsSync(`${inClusterPathPrefix}${SERVICE_ACCOUNT_DIR}/token`)) {
    return { config: inClusterKubeconfig(host, env.KUBERNETES_SERVICE_PORT ?? '443', inClusterPathPrefix), source: 'in-cluster service account' };
  }
  throw new ProgramError('invalid-input', 'no kubeconfig found: set KUBECONFIG or pass --kubeconfig');
}

function selectContext(config: Kubeconfig, source: string, options: KubeConfigOptions): LoadedKubeConfig {
  const { contexts } = config;
  const available = contexts.length === 0 ? 'it defines none' : `available: ${contexts.map((c) => c.name).join(', ')}`;
  const contextName = options.context !== undefined && options.context !== '' ? options.context : config.currentContext;
  if (!contextName) {
    throw new ProgramError('invalid-input', `kubeconfig ${source} has no current-context; pass --context (${available})`);
  }
  const context: KubeconfigContext | undefined = contexts.find((candidate) => candidate.name === contextName);
  if (context === undefined) {
    throw new ProgramError('invalid-input', `context ${JSON.stringify(contextName)} not found in kubeconfig ${source} (${available})`);
  }
  const cluster = config.clusters.find((candidate) => candidate.name === context.cluster);
  if (cluster === undefined) {
    throw new ProgramError(
      'invalid-input',
      `context ${JSON.stringify(contextName)} refers to cluster ${JSON.stringify(context.cluster)}, which kubeconfig ${source} does not define`,
    );
  }
  const problem = serverUrlProblem(cluster.server);
  if (problem !== undefined) {
    throw new ProgramError(
      'invalid-input',
      `cluster ${JSON.stringify(cluster.name)} in kubeconfig ${source} has server ${JSON.stringify(cluster.server)}, which ${problem}`,
    );
  }
  return {
    kubeconfig: config,
    context: contextName,
    cluster,
    user: context.user ? config.users.find((candidate) => candidate.name === context.user) : undefined,
    server: cluster.server,
    namespace: options.namespace || context.namespace?.trim() || 'default',
    source,
  };
}
