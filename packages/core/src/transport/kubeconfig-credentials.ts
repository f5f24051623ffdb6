import type { RequestOptions } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { ProgramError } from '../program-error.js';

/** The part of client-node's KubeConfig that applies TLS material and auth headers and nothing else. */
interface CredentialApplier {
  applyOptions(options: RequestOptions): Promise<void>;
}

/**
 * Credentials of one kubeconfig context, applied per request so rotated tokens are picked up.
 *
 * client-node's public `applyToHTTPSOptions` also builds an agent and refuses plain-http
 * servers, so this calls its (private, pinned-version) `applyOptions`, which runs the exec,
 * token-file, OIDC and cloud authenticators. Those cache inside the KubeConfig instance
 * (exec: per user name until expiry; token file: 60 s), so `refresh()` swaps in a fresh
 * instance built from the same clusters/users/contexts: the next request re-runs the exec
 * plugin and re-reads the token file.
 */
export class KubeconfigCredentials {
  #config: KubeConfig;
  /** The first credential fetch of an instance runs alone, so N concurrent first requests spawn one exec plugin. */
  #firstApply: Promise<void> | undefined;

  constructor(private readonly source: KubeConfig) {
    if (typeof (source as unknown as Partial<CredentialApplier>).applyOptions !== 'function') {
      throw new Error('@kubernetes/client-node no longer has KubeConfig.applyOptions; update KubeconfigCredentials');
    }
    this.#config = this.#freshCopy();
  }

  /** Adds CA, client certificate, TLS server name and the Authorization header to `options`. */
  async apply(options: RequestOptions): Promise<void> {
    const config = this.#config;
    if (this.#firstApply === undefined) {
      const first = this.#applyWith(config, options);
      this.#firstApply = first.catch(() => {
        // A failed first fetch must not stay cached: the next request tries again.
        if (this.#config === config) this.#firstApply = undefined;
      });
      return first;
    }
    await this.#firstApply;
    return this.#applyWith(config, options);
  }

  refresh(): void {
    this.#config = this.#freshCopy();
    this.#firstApply = undefined;
  }

  async #applyWith(config: KubeConfig, options: RequestOptions): Promise<void> {
    try {
      await (config as unknown as CredentialApplier).applyOptions(options);
    } catch (error) {
      const { code, path, syscall } = error as NodeJS.ErrnoException;
      if (path !== undefined && syscall === 'open') {
        // A CA, certificate, key or token file the kubeconfig names: a configuration problem, not a login one.
        const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
        throw new ProgramError('invalid-input', `file ${JSON.stringify(path)} named in the kubeconfig ${why}`, { cause: error });
      }
      const user = config.getCurrentUser()?.name ?? '(none)';
      const reason = (error instanceof Error ? error.message : String(error)).trim().split('\n')[0] || 'no details';
      throw new ProgramError('unauthorized', `cannot get credentials for user ${JSON.stringify(user)}: ${reason}`, {
        cause: error,
      });
    }
    const user = config.getCurrentUser();
    if (user?.username) options.auth = `${user.username}:${user.password ?? ''}`;
  }

  #freshCopy(): KubeConfig {
    const copy = new KubeConfig();
    copy.loadFromOptions({
      clusters: this.source.getClusters(),
      users: this.source.getUsers(),
      contexts: this.source.getContexts(),
      currentContext: this.source.getCurrentContext(),
    });
    return copy;
  }
}
