import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { ProgramError } from '../program-error.js';

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
  /** A client-node KubeConfig whose current context is the chosen one. */
  config: KubeConfig;
  context: string;
  cluster: Cluster;
  user: User | undefined;
  server: string;
  namespace: string;
  /** Where the configuration came from, for messages. */
  source: string;
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Loads a kubeconfig the way kubectl does: --kubeconfig, else every file in KUBECONFIG
 * (first definition of a name wins, first current-context wins), else ~/.kube/config, else the
 * pod's service account. client-node's loadFromDefault differs (last current-context wins,
 * duplicates throw, a silent http://localhost:8080 fallback), so only its parsing is used.
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
): { config: KubeConfig; source: string } {
  if (options.kubeconfig !== undefined && options.kubeconfig !== '') {
    return { config: loadFile(options.kubeconfig), source: options.kubeconfig };
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
    return { config: mergeFirstWins(present.map(loadFile)), source: present.join(delimiter) };
  }
  const homeConfig = join(homeDir, '.kube', 'config');
  if (existsSync(homeConfig)) return { config: loadFile(homeConfig), source: homeConfig };
  const host = env.KUBERNETES_SERVICE_HOST;
  if (host && existsSync(`${inClusterPathPrefix}${SERVICE_ACCOUNT_DIR}/token`)) {
    return { config: inClusterConfig(host, env.KUBERNETES_SERVICE_PORT ?? '443', inClusterPathPrefix), source: 'in-cluster service account' };
  }
  throw new ProgramError('invalid-input', 'no kubeconfig found: set KUBECONFIG or pass --kubeconfig');
}

/**
 * What client-node's loadFromCluster builds, but from the injected environment: the token is a
 * "tokenFile" auth provider, which client-node re-reads every 60 s (bound tokens rotate).
 */
function inClusterConfig(host: string, port: string, prefix: string): KubeConfig {
  const accountDir = `${prefix}${SERVICE_ACCOUNT_DIR}`;
  const namespaceFile = `${accountDir}/namespace`;
  const hostPart = isIPv6(host) ? `[${host}]` : host;
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'in-cluster', server: `https://${hostPart}:${port}`, caFile: `${accountDir}/ca.crt`, skipTLSVerify: false }],
    users: [{ name: 'in-cluster', authProvider: { name: 'tokenFile', config: { tokenFile: `${accountDir}/token` } } }],
    contexts: [
      {
        name: 'in-cluster',
        cluster: 'in-cluster',
        user: 'in-cluster',
        ...(existsSync(namespaceFile) ? { namespace: readFileSync(namespaceFile, 'utf8').trim() } : {}),
      },
    ],
    currentContext: 'in-cluster',
  });
  return config;
}

function loadFile(file: string): KubeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code ?? String(error)})`;
    throw new ProgramError('invalid-input', `kubeconfig file ${JSON.stringify(file)} ${why}`, { cause: error });
  }
  if (text.trim() === '') {
    throw new ProgramError('invalid-input', `kubeconfig file ${JSON.stringify(file)} is empty`);
  }
  const config = new KubeConfig();
  try {
    config.loadFromString(text);
  } catch (error) {
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new ProgramError('invalid-input', `kubeconfig file ${JSON.stringify(file)} is not valid: ${firstLine}`, {
      cause: error,
    });
  }
  config.makePathsAbsolute(dirname(file));
  return config;
}

function mergeFirstWins(configs: KubeConfig[]): KubeConfig {
  const [first, ...rest] = configs;
  if (first === undefined || rest.length === 0) return first ?? new KubeConfig();
  const byName = <T extends { name: string }>(lists: T[][]): T[] => {
    const seen = new Map<string, T>();
    for (const item of lists.flat()) if (!seen.has(item.name)) seen.set(item.name, item);
    return [...seen.values()];
  };
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: byName(configs.map((config) => config.getClusters())),
    users: byName(configs.map((config) => config.getUsers())),
    contexts: byName(configs.map((config) => config.getContexts())),
    currentContext: configs.map((config) => config.getCurrentContext()).find((name) => !!name),
  });
  return merged;
}

function selectContext(config: KubeConfig, source: string, options: KubeConfigOptions): LoadedKubeConfig {
  const contexts = config.getContexts();
  const available = contexts.length === 0 ? 'it defines none' : `available: ${contexts.map((c) => c.name).join(', ')}`;
  const contextName = options.context !== undefined && options.context !== '' ? options.context : config.getCurrentContext();
  if (!contextName) {
    throw new ProgramError('invalid-input', `kubeconfig ${source} has no current-context; pass --context (${available})`);
  }
  const context: Context | undefined = contexts.find((candidate) => candidate.name === contextName);
  if (context === undefined) {
    throw new ProgramError('invalid-input', `context ${JSON.stringify(contextName)} not found in kubeconfig ${source} (${available})`);
  }
  const cluster = config.getCluster(context.cluster) ?? undefined;
  if (cluster === undefined) {
    throw new ProgramError(
      'invalid-input',
      `context ${JSON.stringify(contextName)} refers to cluster ${JSON.stringify(context.cluster)}, which kubeconfig ${source} does not define`,
    );
  }
  if (!/^https?:\/\/[^/]/.test(cluster.server)) {
    throw new ProgramError(
      'invalid-input',
      `cluster ${JSON.stringify(cluster.name)} in kubeconfig ${source} has server ${JSON.stringify(cluster.server)}, which is not an http(s) URL`,
    );
  }
  config.setCurrentContext(contextName);
  return {
    config,
    context: contextName,
    cluster,
    user: context.user ? (config.getUser(context.user) ?? undefined) : undefined,
    server: cluster.server,
    namespace: options.namespace || context.namespace?.trim() || 'default',
    source,
  };
}
