import { dirname, isAbsolute, join, sep } from 'node:path';
import { parse } from 'yaml';
import { isProgramError, ProgramError } from '../program-error.js';
import { readCappedFileSync } from '../read-capped-file.js';
import { serverWithoutCredentials } from './server-url.js';

/**
 * One kubeconfig cluster entry. Field names follow client-node's `Cluster`, so an entry can be
 * handed to client-node unchanged when an exec plugin, auth provider or proxy needs it.
 */
export interface KubeconfigCluster {
  name: string;
  /** `server` without a trailing slash. */
  server: string;
  /** certificate-authority-data (base64). */
  caData?: string;
  /** certificate-authority, absolute. */
  caFile?: string;
  /** insecure-skip-tls-verify. */
  skipTLSVerify: boolean;
  /** tls-server-name. */
  tlsServerName?: string;
  /** proxy-url. */
  proxyUrl?: string;
}

/** One kubeconfig user (AuthInfo) entry; file paths are absolute. */
export interface KubeconfigUser {
  name: string;
  token?: string;
  /** tokenFile (kubectl's key; client-node's "token-file" is read too). Re-read periodically. */
  tokenFile?: string;
  /** client-certificate-data (base64). */
  certData?: string;
  /** client-certificate. */
  certFile?: string;
  /** client-key-data (base64). */
  keyData?: string;
  /** client-key. */
  keyFile?: string;
  username?: string;
  password?: string;
  /** as: the Impersonate-User header. */
  impersonateUser?: string;
  /** as-groups: Impersonate-Group headers. */
  impersonateGroups?: string[];
  /** An exec credential plugin, as written in the file (its relative command made absolute). Needs client-node. */
  exec?: Record<string, unknown>;
  /** auth-provider (oidc, gcp, azure, ...), as written in the file. Needs client-node. */
  authProvider?: { name?: string; config?: Record<string, unknown> } & Record<string, unknown>;
}

export interface KubeconfigContext {
  name: string;
  cluster: string;
  user?: string;
  namespace?: string;
}

/** A parsed kubeconfig (one file, several merged, or the in-cluster one). */
export interface Kubeconfig {
  clusters: KubeconfigCluster[];
  users: KubeconfigUser[];
  contexts: KubeconfigContext[];
  currentContext?: string;
}

/**
 * Reads and parses one kubeconfig file. Relative file names in it (certificate-authority,
 * client-certificate, client-key, tokenFile, an exec command with a path) are relative to the
 * file's directory, as in kubectl. Every problem is a one-line `ProgramError('invalid-input')`
 * naming the file.
 */
export function readKubeconfigFile(file: string): Kubeconfig {
  let text: string;
  try {
    text = readCappedFileSync(file, `kubeconfig file ${JSON.stringify(file)}`).toString('utf8');
  } catch (error) {
    if (isProgramError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code ?? String(error)})`;
    throw new ProgramError('invalid-input', `kubeconfig file ${JSON.stringify(file)} ${why}`, { cause: error });
  }
  if (text.trim() === '') {
    throw new ProgramError('invalid-input', `kubeconfig file ${JSON.stringify(file)} is empty`);
  }
  try {
    return parseKubeconfig(text, dirname(file));
  } catch (error) {
    const firstLine = (error instanceof Error ? error.message : String(error)).trim().split('\n')[0];
    throw new ProgramError('invalid-input', `kubeconfig file ${JSON.stringify(file)} is not valid: ${firstLine}`, {
      cause: error,
    });
  }
}

/**
 * Parses kubeconfig YAML; relative paths are resolved against `baseDir`. Throws a plain Error
 * (client-node's wording: "clusters[0].cluster.server is missing") for an unusable entry.
 * Like client-node, a list that is not a list counts as empty.
 */
export function parseKubeconfig(text: string, baseDir: string): Kubeconfig {
  const document: unknown = parse(text);
  if (!isRecord(document)) throw new Error('the file is not a YAML mapping');
  const currentContext = scalar(document['current-context']);
  return {
    clusters: entries(document.clusters).map((entry, index) => parseCluster(entry, index, baseDir)),
    users: entries(document.users).map((entry, index) => parseUser(entry, index, baseDir)),
    contexts: entries(document.contexts).map((entry, index) => parseContext(entry, index)),
    ...(currentContext ? { currentContext } : {}),
  };
}

function parseCluster(entry: unknown, index: number, baseDir: string): KubeconfigCluster {
  const { name, body } = named(entry, 'clusters', index, 'cluster');
  if (body === undefined) throw new Error(`clusters[${index}].cluster is missing`);
  const server = scalar(body.server);
  if (!server) throw new Error(`clusters[${index}].cluster.server is missing`);
  return withoutUndefined({
    name,
    server: serverWithoutCredentials(server).replace(/\/$/, ''),
    caData: scalar(body['certificate-authority-data']),
    caFile: path(body['certificate-authority'], baseDir),
    skipTLSVerify: body['insecure-skip-tls-verify'] === true,
    tlsServerName: scalar(body['tls-server-name']),
    proxyUrl: scalar(body['proxy-url']),
  });
}

function parseUser(entry: unknown, index: number, baseDir: string): KubeconfigUser {
  const { name, body = {} } = named(entry, 'users', index, 'user');
  const groups = Array.isArray(body['as-groups']) ? body['as-groups'].map(scalar).filter((group) => group !== undefined) : [];
  const exec = isRecord(body.exec) ? { ...body.exec } : undefined;
  const command = exec === undefined ? undefined : scalar(exec.command);
  // kubectl resolves an exec command only when it names a path; a bare name is looked up on PATH.
  if (exec !== undefined && command?.includes(sep)) exec.command = path(command, baseDir);
  return withoutUndefined({
    name,
    token: scalar(body.token),
    tokenFile: path(body.tokenFile ?? body['token-file'], baseDir),
    certData: scalar(body['client-certificate-data']),
    certFile: path(body['client-certificate'], baseDir),
    keyData: scalar(body['client-key-data']),
    keyFile: path(body['client-key'], baseDir),
    username: scalar(body.username),
    password: scalar(body.password),
    impersonateUser: scalar(body.as),
    impersonateGroups: groups.length > 0 ? groups : undefined,
    exec,
    authProvider: isRecord(body['auth-provider']) ? (body['auth-provider'] as KubeconfigUser['authProvider']) : undefined,
  });
}

function parseContext(entry: unknown, index: number): KubeconfigContext {
  const { name, body } = named(entry, 'contexts', index, 'context');
  if (body === undefined) throw new Error(`contexts[${index}].context is missing`);
  const cluster = scalar(body.cluster);
  if (!cluster) throw new Error(`contexts[${index}].context.cluster is missing`);
  return withoutUndefined({ name, cluster, user: scalar(body.user) || undefined, namespace: scalar(body.namespace) || undefined });
}

function named(entry: unknown, list: string, index: number, key: string): { name: string; body: Record<string, unknown> | undefined } {
  const name = isRecord(entry) ? scalar(entry.name) : undefined;
  if (!name) throw new Error(`${list}[${index}].name is missing`);
  const body = (entry as Record<string, unknown>)[key];
  return { name, body: isRecord(body) ? body : undefined };
}

function entries(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string field; YAML numbers and booleans (`password: 1234`) are taken as written. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

function path(value: unknown, baseDir: string): string | undefined {
  const file = scalar(value);
  if (!file) return undefined;
  return isAbsolute(file) ? file : join(baseDir, file);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutUndefined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value as T;
}
