import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inClusterKubeconfig, SERVICE_ACCOUNT_DIR } from './in-cluster-kubeconfig.js';

let prefix: string;
beforeEach(() => {
  prefix = mkdtempSync(join(tmpdir(), 'kubetrack-in-cluster-'));
});
afterEach(() => {
  rmSync(prefix, { recursive: true, force: true });
});

describe('inClusterKubeconfig', () => {
  it('points at the service host with the mounted CA, token file and namespace', () => {
    const accountDir = `${prefix}${SERVICE_ACCOUNT_DIR}`;
    mkdirSync(accountDir, { recursive: true });
    writeFileSync(join(accountDir, 'namespace'), 'hooks\n');
    expect(inClusterKubeconfig('10.0.0.1', '443', prefix)).toEqual({
      clusters: [{ name: 'in-cluster', server: 'https://10.0.0.1:443', caFile: `${accountDir}/ca.crt`, skipTLSVerify: false }],
      users: [{ name: 'in-cluster', tokenFile: `${accountDir}/token` }],
      contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster', namespace: 'hooks' }],
      currentContext: 'in-cluster',
    });
  });

  it('brackets an IPv6 host and leaves the namespace out when none is mounted', () => {
    const config = inClusterKubeconfig('fd00::1', '6443', prefix);
    expect(config.clusters[0]?.server).toBe('https://[fd00::1]:6443');
    expect(config.contexts[0]).toEqual({ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster' });
  });
});
