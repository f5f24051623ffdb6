import type { OutgoingHttpHeaders } from 'node:http';
import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { isProgramError, ProgramError } from '../program-error.js';
import { readCappedFileSync } from '../read-capped-file.js';
import { applyClientNodeAuthorization, clientNodeConfig, needsClientNodeAuth } from './client-node-auth.js';
import type { KubeconfigCluster, KubeconfigUser } from './kubeconfig-file.js';

/** The cluster and user of the chosen context (a `LoadedKubeConfig` is one). */
export interface CredentialSource {
  cluster: KubeconfigCluster;
  user: KubeconfigUser | undefined;
}

/** How long a token file's content is used before it is read again (client-go: 1 minute). */
const TOKEN_FILE_REREAD_MS = 60_000;

interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/**
 * Credentials of one kubeconfig context, applied per request so rotated tokens are picked up.
 *
 * TLS material (CA, client certificate and key; data wins over file, as in kubectl), static and
 * file tokens, basic auth and impersonation are handled here. Exec plugins and auth providers
 * go through client-node, loaded on first use (see client-node-auth.ts). Files are read on the
 * first request and token files again after a minute; `refresh()` (after a 401) drops all of it,
 * and the client-node instance whose authenticators cache tokens, so the next request re-reads
 * the files and re-runs the exec plugin.
 */
export class KubeconfigCredentials {
  readonly #cluster: KubeconfigCluster;
  readonly #user: KubeconfigUser | undefined;
  #state = new CredentialState();
  /** The first credential fetch of an instance runs alone, so N concurrent first requests spawn one exec plugin. */
  #firstApply: Promise<void> | undefined;

  constructor({ cluster, user }: CredentialSource) {
    this.#cluster = cluster;
    this.#user = user;
  }

  /** Adds CA, client certificate, TLS server name, impersonation and the Authorization header to `options`. */
  async apply(options: RequestOptions): Promise<void> {
    const state = this.#state;
    if (this.#firstApply === undefined) {
      const first = this.#applyWith(state, options);
      this.#firstApply = first.catch(() => {
        // A failed first fetch must not stay cached: the next request tries again.
        if (this.#state === state) this.#firstApply = undefined;
      });
      return first;
    }
    await this.#firstApply;
    return this.#applyWith(state, options);
  }

  refresh(): void {
    this.#state = new CredentialState();
    this.#firstApply = undefined;
  }

  async #applyWith(state: CredentialState, options: RequestOptions): Promise<void> {
    const cluster = this.#cluster;
    const user = this.#user;
    try {
      state.tls ??= readTlsMaterial(cluster, user);
      const tls = state.tls;
      if (cluster.skipTLSVerify) options.rejectUnauthorized = false;
      if (cluster.tlsServerName) options.servername = cluster.tlsServerName;
      if (tls.ca) options.ca = tls.ca;
      if (tls.cert) options.cert = tls.cert;
      if (tls.key) options.key = tls.key;
      if (user === undefined) return;
      options.headers ??= {};
      const headers = options.headers as OutgoingHttpHeaders;
      if (user.impersonateUser !== undefined) headers['Impersonate-User'] = user.impersonateUser;
      if (user.impersonateGroups !== undefined) headers['Impersonate-Group'] = user.impersonateGroups;
      if (needsClientNodeAuth(user)) {
        state.clientNode ??= clientNodeConfig(cluster, user);
        await applyClientNodeAuthorization(await state.clientNode, options);
      }
      // As in client-node, a token in the kubeconfig wins over what a plugin produced.
      const token = bearerToken(state, user);
      if (token) (options.headers as OutgoingHttpHeaders).Authorization = `Bearer ${token}`;
    } catch (error) {
      if (isProgramError(error)) throw error;
      const { code, path, syscall } = error as NodeJS.ErrnoException;
      if (path !== undefined && syscall === 'open') {
        // A CA, certificate, key or token file the kubeconfig names: a configuration problem, not a login one.
        const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
        throw new ProgramError('invalid-input', `file ${JSON.stringify(path)} named in the kubeconfig ${why}`, { cause: error });
      }
      const name = user?.name ?? '(none)';
      const reason = (error instanceof Error ? error.message : String(error)).trim().split('\n')[0] || 'no details';
      throw new ProgramError('unauthorized', `cannot get credentials for user ${JSON.stringify(name)}: ${reason}`, {
        cause: error,
      });
    }
    if (user.username) options.auth = `${user.username}:${user.password ?? ''}`;
  }
}

/** What one generation of credentials has read or started; `refresh()` starts a new one. */
class CredentialState {
  tls: TlsMaterial | undefined;
  tokenFromFile: { token: string; readAt: number } | undefined;
  clientNode: Promise<KubeConfig> | undefined;
}

function readTlsMaterial(cluster: KubeconfigCluster, user: KubeconfigUser | undefined): TlsMaterial {
  const material = readTlsFiles(cluster, user);
  try {
    // Node would otherwise throw this from inside the request, as an internal error.
    process.getBuiltinModule('node:tls').createSecureContext(material);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new ProgramError(
      'invalid-input',
      `the certificate authority or client certificate/key of cluster ${JSON.stringify(cluster.name)}${user ? ` and user ${JSON.stringify(user.name)}` : ''} in the kubeconfig is not usable: ${reason}`,
      { cause: error },
    );
  }
  return material;
}

function readTlsFiles(cluster: KubeconfigCluster, user: KubeconfigUser | undefined): TlsMaterial {
  const material: TlsMaterial = {};
  const ca = dataOrFile(cluster.caData, cluster.caFile);
  if (ca) material.ca = ca;
  const cert = dataOrFile(user?.certData, user?.certFile);
  if (cert) material.cert = cert;
  const key = dataOrFile(user?.keyData, user?.keyFile);
  if (key) material.key = key;
  return material;
}

function dataOrFile(data: string | undefined, file: string | undefined): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (file) return readCappedFileSync(file, `file ${JSON.stringify(file)}`);
  return undefined;
}

/**
 * kubectl's rules: a token file wins over a static token and is re-read every minute; if it
 * cannot be read and there is a static token, that is used.
 */
function bearerToken(state: CredentialState, user: KubeconfigUser): string | undefined {
  if (user.tokenFile === undefined) return user.token;
  const cached = state.tokenFromFile;
  if (cached !== undefined && Date.now() - cached.readAt < TOKEN_FILE_REREAD_MS) return cached.token;
  try {
    const token = readCappedFileSync(user.tokenFile, `token file ${JSON.stringify(user.tokenFile)}`).toString('utf8').trim();
    state.tokenFromFile = { token, readAt: Date.now() };
    return token;
  } catch (error) {
    if (cached !== undefined) return cached.token;
    if (user.token) return user.token;
    throw error;
  }
}
