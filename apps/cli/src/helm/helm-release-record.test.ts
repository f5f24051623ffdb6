import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeHelmRelease } from './helm-release-record.js';

/** Record Secrets written by real Helm (helm install of test-e2e/samples/helm/shop --set hookJob.enabled=true). */
const record = (file: string) => JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')) as { metadata: { name: string }; data: { release: string } };
const apiData = (bytes: Buffer) => Buffer.from(bytes.toString('base64')).toString('base64');

describe('decodeHelmRelease', () => {
  it.each([
    ['helm-4.3.2-record.json', 'hx1'],
    ['helm-3.22.0-record.json', 'hx3'],
  ])('decodes a record Secret written by real Helm: %s', (file, namespace) => {
    const secret = record(file);
    const release = decodeHelmRelease(secret.data.release, secret.metadata.name);
    expect(release).toMatchObject({ name: 'shop', namespace, version: 1, status: 'deployed' });
    expect(release.manifest).toContain('kind: Deployment');
    expect(release.manifest).toContain('name: shop-worker');
    expect(release.manifest).not.toContain('shop-notify');
    expect(release.hooks).toEqual([expect.objectContaining({ name: 'shop-notify', kind: 'Job', events: ['post-install', 'post-upgrade'] })]);
    expect(release.hooks[0]!.manifest).toContain('helm.sh/hook: post-install,post-upgrade');
  });

  it('reads a record stored before Helm compressed them (plain JSON under the base64), as decodeRelease does', () => {
    const json = Buffer.from(JSON.stringify({ name: 'old', namespace: 'prod', version: 7, info: { status: 'deployed' }, manifest: 'kind: ConfigMap' }));
    expect(decodeHelmRelease(apiData(json), 'sh.helm.release.v1.old.v7')).toMatchObject({ name: 'old', version: 7, manifest: 'kind: ConfigMap', hooks: [] });
  });

  it('refuses what is not a release record in one line naming the Secret', () => {
    const name = 'sh.helm.release.v1.x.v1';
    expect(() => decodeHelmRelease('', name)).toThrow(`Secret ${name}: not a readable Helm release record (empty)`);
    expect(() => decodeHelmRelease(apiData(Buffer.from('{"name":')), name)).toThrow(/not JSON after base64 and gzip/);
    expect(() => decodeHelmRelease(apiData(Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2])), name)).toThrow(/bad gzip data/);
    expect(() => decodeHelmRelease(apiData(gzipSync('[1,2]')), name)).toThrow(/no name/);
  });
});
